"""The compactor: one round of compaction over a transcript, and the entry points built on it.

Layout of a compacted transcript (the visible chain)::

    [records before the task, untouched] [the task: first user message, verbatim]
    [tombstones of compacted stretches...] [the pinned ledger] [recent records, verbatim]

The ledger sits right before the recent turns, so it is the latest word on
everything it holds; older tombstones are merged when they outgrow their share.
Also here: :func:`compact_messages` for Anthropic-style message lists and the
hook-facing :func:`precompact_instructions` / :func:`session_start_context`.

Must never modify its input (file or objects), never emit a transcript with a
dangling parent or an orphan tool_result, and never need a model.
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kairos.compact.ledger import Ledger
from kairos.compact.strategies import Round, get_strategy
from kairos.compact.summarise import Summariser, default_summariser
from kairos.compact.transcript import (
    KAIROS_KEY,
    UA,
    Entry,
    Transcript,
    count_tokens,
    human_text,
    is_human,
    new_record,
    record_tokens,
    relink,
    repair_pairing,
)
from kairos.errors import InputError
from kairos.journal import Journal

__all__ = ["CompactResult", "Compactor", "compact_file", "compact_messages", "precompact_instructions",
           "session_start_context", "transcript_ledger"]

log = logging.getLogger(__name__)
_SAFETY = 0.97  # aim a little under the target: estimates are per character


@dataclass
class CompactResult:
    transcript: Transcript
    before_tokens: float
    after_tokens: float
    strategy: str
    ledger: Ledger | None
    tombstones: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    noop: bool = False

    @property
    def ratio(self) -> float:
        return self.after_tokens / self.before_tokens if self.before_tokens else 1.0


def _role(rec: dict[str, Any]) -> str | None:
    m = rec.get(KAIROS_KEY)
    return m.get("role") if isinstance(m, dict) else None


class Compactor:
    """Compacts transcripts to ``target_tokens`` with one strategy; journal tombstones when given a journal."""

    def __init__(self, strategy: str = "reactive", target_tokens: int = 20_000, *,
                 summariser: Summariser | None = None, journal: Journal | None = None,
                 ledger_share: float = 0.6, summary_share: float = 0.12):
        if target_tokens <= 0:
            raise InputError("--target-tokens must be a positive number")
        self.strategy = get_strategy(strategy)
        self.target = target_tokens
        self.summariser = summariser or default_summariser("extractive")
        self.journal = journal
        self.ledger_share = ledger_share
        self.summary_share = summary_share

    # ------------------------------------------------------------------ one round
    def compact(self, transcript: Transcript) -> CompactResult:
        warnings = [f"skipped unreadable {p}" for p in transcript.problems()]
        idx = transcript.visible_indexes()
        chain = [transcript.entries[i].data for i in idx]
        if not any(r.get("type") in UA for r in chain):  # type: ignore[union-attr]
            raise InputError("the transcript has no user or assistant records: nothing to compact")
        h = next((k for k, r in enumerate(chain) if is_human(r)), None)  # type: ignore[arg-type]
        if h is None:
            raise InputError("the transcript has no user message, so there is no task to pin; "
                             "refusing to compact it")
        head = chain[h]
        before = sum(record_tokens(r) for r in chain)  # type: ignore[arg-type]
        if before <= self.target:
            return CompactResult(transcript, before, before, self.strategy.name, None, [], warnings, True)
        pre = chain[:h]
        prior_ledger = None
        prior_ts: list[dict[str, Any]] = []
        rest: list[dict[str, Any]] = []
        for r in chain[h + 1:]:
            role = _role(r)  # type: ignore[arg-type]
            if role == "ledger":
                prior_ledger = r
            elif role == "tombstone":
                prior_ts.append(r)  # type: ignore[arg-type]
            else:
                rest.append(r)  # type: ignore[arg-type]

        avail = self.target * _SAFETY - record_tokens(head) - sum(record_tokens(r) for r in pre)
        if avail <= 0:
            raise InputError(f"--target-tokens {self.target} is smaller than the task message "
                             f"({record_tokens(head):.0f} tokens), which is always kept verbatim")
        ledger = None
        ledger_rec = None
        if self.strategy.uses_ledger:
            ledger = _load_ledger(prior_ledger, head)
            ledger.update(rest)
            pinned = ledger.pinned_tokens()
            if pinned > avail * 0.85:
                raise InputError(f"--target-tokens {self.target} is too small for the pinned ledger "
                                 f"({pinned:.0f} tokens of instructions, files and identifiers); "
                                 f"use a target of at least {int((pinned / 0.85 + self.target - avail) + 1)}")
            ledger.prune(max(avail * self.ledger_share, pinned))
            text = ledger.render()
            ledger_rec = new_record(head, text, salt="ledger:" + text, timestamp=_last_stamp(rest, head),
                                    marker={"role": "ledger", "ledger": ledger.to_json()})
            room = avail - count_tokens(text)
        else:
            room = avail
        summary_budget = min(avail * self.summary_share, room * 0.5)
        rnd = Round(head, rest, room, summary_budget, self.summariser, self.journal, self.strategy.name)
        if not self.strategy.uses_ledger:
            rest_all = [r for r in chain[h + 1:]]  # naive folds earlier summaries in too
            rnd.rest = rest_all  # type: ignore[assignment]
        new_ts, kept = self.strategy.build(rnd)
        tombstones = prior_ts + new_ts if self.strategy.uses_ledger else new_ts
        tombstones = _fit_tombstones(tombstones, summary_budget, head)

        body = tombstones + ([ledger_rec] if ledger_rec else []) + kept
        out_chain = repair_pairing([head, *body])
        # shallow copies: relinking touches only parentUuid; unchanged records keep their original line
        raw_of = {id(transcript.entries[i].data): transcript.entries[i].raw for i in idx}
        copies = [dict(r) for r in pre + out_chain]  # type: ignore[operator]
        originals = list(pre) + out_chain
        first_parent = copies[0].get("parentUuid") if copies else None
        on_file = {e.data.get("uuid") for e in transcript.entries[: idx[0]] if e.data}
        relink(copies, first_parent if first_parent in on_file else None)
        entries = [e for e in transcript.entries[: idx[0]] if e.data is not None and e.data.get("type") not in UA]
        for orig, rec in zip(originals, copies):
            raw = raw_of.get(id(orig))
            same = raw is not None and rec.get("parentUuid") == orig.get("parentUuid")
            entries.append(Entry(rec, raw if same else None))
        out = Transcript(entries, True)
        after = out.tokens()
        if after > self.target * 1.05:
            warnings.append(f"output is {after:.0f} tokens, above the target {self.target}")
        ids = [i for t in tombstones for i in (t[KAIROS_KEY].get("ids") or [])]
        return CompactResult(out, before, after, self.strategy.name, ledger, ids, warnings)


def _last_stamp(rest: Sequence[dict[str, Any]], head: dict[str, Any]) -> str | None:
    return next((r.get("timestamp") for r in reversed(rest) if r.get("timestamp")), head.get("timestamp"))


def _load_ledger(prior: dict[str, Any] | None, head: dict[str, Any]) -> Ledger:
    task = human_text(head)
    if prior is not None:
        data = prior[KAIROS_KEY].get("ledger")
        if isinstance(data, dict):
            led = Ledger.from_json(data)
            led.task = led.task or task
            return led
    return Ledger(task=task)


def _fit_tombstones(ts: list[dict[str, Any]], budget: float, head: dict[str, Any]) -> list[dict[str, Any]]:
    """Merge the oldest tombstones (keeping every id) until all of them fit ``budget``."""
    ts = list(ts)

    def size(recs: list[dict[str, Any]]) -> float:
        return sum(record_tokens(r) for r in recs)

    while len(ts) > 1 and size(ts) > budget:
        a, b = ts[0], ts[1]
        ma, mb = a[KAIROS_KEY], b[KAIROS_KEY]
        ids = list(ma.get("ids", [])) + list(mb.get("ids", []))
        n = int(ma.get("records", 0)) + int(mb.get("records", 0))
        journals = [j for m in (ma, mb) for j in (m.get("journal") or []) if j]
        where = f"journal {journals[0]}..{journals[-1]}" if journals else "not journaled"
        headers = [f"[kairos tombstones {', '.join(ids)}: {n} compacted records, {where}; "
                   f"`kairos expand <id>` restores each]"]
        digest = "\n".join(x for x in (ma.get("digest", ""), mb.get("digest", "")) if x)
        share = max(40.0, budget / max(2, len(ts)) - count_tokens("\n".join(headers)))
        digest = digest if count_tokens(digest) <= share else digest[: int(share * 4)].rstrip() + "…"
        text = "\n".join(headers) + ("\n" + digest if digest else "")
        merged = new_record(head, text, timestamp=b.get("timestamp"), salt="+".join(ids),
                            marker={**mb, "ids": ids, "headers": headers, "digest": digest, "records": n,
                                    "journal": [journals[0], journals[-1]] if journals else [None, None]})
        ts[0:2] = [merged]
    if ts and size(ts) > budget:  # one tombstone left: clip its digest, keep its headers
        m = ts[0][KAIROS_KEY]
        headers = "\n".join(m.get("headers", []))
        room = max(0.0, budget - count_tokens(headers) - 1)
        digest = str(m.get("digest", ""))[: int(room * 4)]
        text = headers + ("\n" + digest if digest else "")
        ts[0] = new_record(head, text, timestamp=ts[0].get("timestamp"), salt="clip:" + text,
                           marker={**m, "digest": digest})
    return ts


# ---------------------------------------------------------------------- entry points
def compact_file(src: Path | str, dst: Path | str, *, strategy: str = "reactive", target_tokens: int = 20_000,
                 journal: Journal | None = None, summariser: Summariser | None = None,
                 skip_invalid: bool = False) -> CompactResult:
    """Read ``src``, compact, write ``dst`` atomically. ``src`` is never modified.

    A torn last line (a write cut short) is dropped with a warning; other unreadable
    lines are an error unless ``skip_invalid``.
    """
    t = Transcript.read(src)
    if Path(dst).exists() and Path(dst).resolve() == Path(src).resolve():
        raise InputError("the output path is the input transcript; kairos never modifies its input")
    problems = t.problems()
    if problems and not (skip_invalid or t.torn_tail()):
        shown = "; ".join(problems[:3]) + (f"; and {len(problems) - 3} more" if len(problems) > 3 else "")
        raise InputError(f"{src}: unreadable lines ({shown}); pass --skip-invalid to drop them")
    res = Compactor(strategy, target_tokens, journal=journal, summariser=summariser).compact(t)
    if res.noop:
        res.transcript = Transcript([e for e in t.entries if e.data is not None], True)
    res.transcript.write(dst)
    return res


def _split_kairos_blocks(content: Any) -> list[tuple[Any, dict[str, Any] | None]]:
    """Split a message's content so each kairos ledger/tombstone text block is its own record."""
    if isinstance(content, str) or not isinstance(content, list):
        return [(content, _marker_of(content) if isinstance(content, str) else None)]
    out: list[tuple[Any, dict[str, Any] | None]] = []
    for b in content:
        text = b.get("text") if isinstance(b, dict) and b.get("type") == "text" else None
        marker = _marker_of(text) if isinstance(text, str) else None
        if marker is not None or not out or out[-1][1] is not None:
            out.append(([b], marker))
        else:
            out[-1][0].append(b)
    return out


def _marker_of(text: str) -> dict[str, Any] | None:
    if text.startswith("[kairos ledger:"):
        return {"role": "ledger", "ledger": None}
    if text.startswith("[kairos tombstone"):
        head, _, digest = text.partition("\n")
        return {"role": "tombstone", "ids": [], "headers": [head], "digest": digest}
    return None


def _messages_to_records(messages: Sequence[dict[str, Any]], session: str) -> list[dict[str, Any]]:
    recs: list[dict[str, Any]] = []
    prev = None
    base = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
    for n, m in enumerate(messages):
        role = m.get("role")
        if role not in UA:
            raise InputError(f"message {n}: role must be 'user' or 'assistant', not {role!r}")
        parts = _split_kairos_blocks(m.get("content", "")) if role == "user" else [(m.get("content", ""), None)]
        for k, (content, marker) in enumerate(parts):
            rec: dict[str, Any] = {
                "parentUuid": prev, "sessionId": session, "type": role, "uuid": f"{session}-{n}-{k}",
                "timestamp": (base + dt.timedelta(seconds=n)).isoformat().replace("+00:00", "Z"),
                "message": {"role": role, "content": copy.deepcopy(content)}}
            if marker is not None:
                rec[KAIROS_KEY] = marker
            recs.append(rec)
            prev = rec["uuid"]
    return recs


def compact_messages(messages: Sequence[dict[str, Any]], *, target_tokens: int, strategy: str = "reactive",
                     journal: Journal | None = None, ledger: Ledger | None = None,
                     summariser: Summariser | None = None) -> tuple[list[dict[str, Any]], Ledger | None]:
    """Compact an Anthropic-style message list (``[{"role", "content"}]``) for your own agent loop.

    Returns ``(messages, ledger)``. Pass the returned ledger to the next call so it is
    updated rather than rebuilt; the first message must be the user's task. Consecutive
    records of one role are merged into one message, so roles alternate as the API wants.
    """
    recs = _messages_to_records(messages, "api")
    if ledger is not None:
        for r in recs:
            if _role(r) == "ledger":
                r[KAIROS_KEY]["ledger"] = ledger.to_json()
    res = Compactor(strategy, target_tokens, journal=journal, summariser=summariser).compact(
        Transcript.from_records(recs))
    out: list[dict[str, Any]] = []
    for r in res.transcript.visible():
        role = r["type"]
        content = r["message"]["content"]
        blocks_ = [{"type": "text", "text": content}] if isinstance(content, str) else list(content)
        if out and out[-1]["role"] == role:
            prev = out[-1]["content"]
            out[-1]["content"] = ([{"type": "text", "text": prev}] if isinstance(prev, str) else prev) + blocks_
        else:
            out.append({"role": role, "content": copy.deepcopy(content)})
    return out, res.ledger or ledger


# ---------------------------------------------------------------------- hooks
def transcript_ledger(path: Path | str) -> Ledger:
    """The ledger of a Claude Code transcript: its last kairos ledger updated with everything since."""
    t = Transcript.read(path)
    recs = t.records
    head = next((r for r in recs if is_human(r)), None)
    if head is None:
        raise InputError(f"{path}: no user message, so there is no task to pin")
    prior = next((r for r in reversed(recs) if _role(r) == "ledger"), None)
    led = _load_ledger(prior, head)
    led.update(r for r in recs if r is not head and _role(r) not in ("ledger", "tombstone"))
    return led


PRECOMPACT_PREAMBLE = (
    "When you summarise this conversation, copy the following pinned ledger into the summary "
    "verbatim and unchanged: the original task word for word, every user instruction, and every "
    "correction (items marked SUPERSEDED are history, never current). Then summarise the rest.")


def precompact_instructions(path: Path | str, *, budget_tokens: int = 6000) -> str:
    """Custom instructions for Claude Code's PreCompact hook: keep the pinned ledger verbatim."""
    led = transcript_ledger(path)
    led.prune(budget_tokens)
    return PRECOMPACT_PREAMBLE + "\n\n" + led.render(with_task=True)


def session_start_context(path: Path | str, *, budget_tokens: int = 6000) -> str:
    """Context for SessionStart with source=compact: re-inject the pinned ledger after compaction."""
    led = transcript_ledger(path)
    led.prune(budget_tokens)
    return ("This session was compacted. kairos re-injects its pinned ledger; it outranks the summary "
            "where they differ.\n\n" + led.render(with_task=True))
