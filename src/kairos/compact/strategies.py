"""Compaction strategies behind one interface: naive, reactive, collapse, mask.

A strategy receives one :class:`Round` — the task record, the records after it,
the budgets and the means to journal a stretch — and returns the tombstone
records that replace what it removed plus the records it keeps. The compactor
around it owns the ledger, the final budget and the assembly.

- naive:    summarise everything after the task into one record (the baseline; no ledger, no tail).
- reactive: keep the recent turns verbatim, replace the middle with one tombstone.
- collapse: cut the middle into finished chapters (a sub-task done, tests green, a commit, a new
            request) and replace each with its own tombstone.
- mask:     keep the reasoning of older turns but replace their tool outputs (and bulky tool inputs)
            with placeholders; whatever still does not fit becomes a tombstone.

Strategies must never drop a stretch without journaling it (via ``Round.tombstone``), never leave
a tool_result without its tool_use at the start of what they keep, and never touch the ledger.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from kairos.compact.summarise import Summariser
from kairos.compact.tombstone import store_span
from kairos.compact.transcript import (
    KAIROS_KEY,
    blocks,
    count_tokens,
    is_human,
    new_record,
    record_tokens,
    result_text,
)
from kairos.journal import Journal

__all__ = ["STRATEGIES", "Round", "Strategy", "get_strategy"]


@dataclass
class Round:
    head: dict[str, Any]
    rest: list[dict[str, Any]]  # chain records after the task, compactor records excluded
    room: float  # tokens for tombstones + kept records
    summary_budget: float  # tokens for all tombstones (new ones; older ones are merged by the caller)
    summariser: Summariser
    journal: Journal | None
    strategy: str

    def tombstone(self, records: Sequence[dict[str, Any]], budget: float, label: str = "compacted",
                  digest: str | None = None) -> dict[str, Any]:
        """Journal ``records`` and return the user record that stands in for them."""
        ts = store_span(self.journal, records, strategy=self.strategy, label=label)
        header = ts.header(label)
        if digest is None:
            digest = self.summariser.summarise(records, max(16, int(budget - count_tokens(header) - 2)))
        text = header + ("\n" + digest if digest else "")
        stamp = next((r.get("timestamp") for r in reversed(records) if r.get("timestamp")), None)
        return new_record(self.head, text, timestamp=stamp, salt=ts.id,
                          marker={"role": "tombstone", "ids": [ts.id], "headers": [header],
                                  "digest": digest, "records": ts.records,
                                  "journal": [ts.journal_first, ts.journal_last]})


class Strategy(Protocol):
    name: str
    uses_ledger: bool

    def build(self, rnd: Round) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Return (new tombstone records, kept records) for one round."""
        ...


# ---------------------------------------------------------------------- helpers
def safe_start(rec: dict[str, Any]) -> bool:
    """A kept stretch may begin here: an assistant record or a person's message (no tool_result)."""
    return rec.get("type") == "assistant" or is_human(rec)


def _elide(text: str, max_chars: int) -> str:
    if len(text) <= max_chars:
        return text
    keep = max(40, max_chars - 40)
    return f"{text[: keep * 2 // 3]}\n…[{len(text) - keep} chars elided]…\n{text[-(keep // 3):]}"


def trim_record(rec: dict[str, Any], max_tokens: float) -> dict[str, Any]:
    """A copy of ``rec`` whose big text, tool inputs and tool outputs are elided to fit."""
    if record_tokens(rec) <= max_tokens:
        return rec
    rec = copy.deepcopy(rec)
    msg = rec.get("message")
    if isinstance(msg, dict) and isinstance(msg.get("content"), str):
        msg["content"] = _elide(msg["content"], int(max_tokens * 4))
        return rec
    bl = blocks(rec)
    share = max(200, int(max_tokens * 4 / max(1, len(bl))))
    for b in bl:
        if b.get("type") == "text" and isinstance(b.get("text"), str):
            b["text"] = _elide(b["text"], share)
        elif b.get("type") == "thinking" and isinstance(b.get("thinking"), str):
            b["thinking"] = _elide(b["thinking"], share)
        elif b.get("type") == "tool_result":
            b["content"] = _elide(result_text(b), share)
        elif b.get("type") == "tool_use" and isinstance(b.get("input"), dict):
            b["input"] = {k: _elide(v, max(60, share // max(1, len(b["input"])))) if isinstance(v, str) else v
                          for k, v in b["input"].items()}
    return rec


def cut_tail(rest: list[dict[str, Any]], budget: float) -> tuple[int, list[dict[str, Any]]]:
    """The most recent records fitting ``budget``, starting at a safe boundary.

    When not even the last exchange fits, it is kept with its bulk elided rather than
    leaving the agent without its latest turn.
    """
    acc, c = 0.0, len(rest)
    for i in range(len(rest) - 1, -1, -1):
        t = record_tokens(rest[i])
        if acc + t > budget:
            break
        acc += t
        c = i
    while c < len(rest) and not safe_start(rest[c]):
        c += 1
    if c < len(rest) or not rest:
        return c, rest[c:]
    s = next((i for i in range(len(rest) - 1, -1, -1) if safe_start(rest[i])), 0)
    tail = rest[s:]
    per = max(50.0, budget / max(1, len(tail)))
    return s, [trim_record(r, per) for r in tail]


def _ends_chapter(rec: dict[str, Any]) -> bool:
    for b in blocks(rec):
        bt = b.get("type")
        if bt == "tool_result":
            text = result_text(b)[-3000:]
            if re.search(r"\b\d+ passed\b", text) and not re.search(r"\b\d+ (failed|errors?)\b", text):
                return True
            if re.search(r"^\[[\w./-]+ [0-9a-f]{7,12}\] ", text, re.M):
                return True  # git commit output
        elif bt == "tool_use" and isinstance(b.get("input"), dict):
            cmd = b["input"].get("command")
            if isinstance(cmd, str) and re.search(r"\bgit (commit|push|merge)\b", cmd):
                return True
        elif bt == "text" and rec.get("type") == "assistant":
            if re.search(r"^(done|finished|fixed|that part is (done|finished)|all \d+ tests pass|summary:)"
                         r"|\b(that part is finished|done with this step|sub-?task (is )?(done|complete))\b",
                         b.get("text", ""), re.I | re.M):
                return True
    return False


def chapters(records: list[dict[str, Any]], max_chapters: int, min_tokens: float) -> list[list[dict[str, Any]]]:
    """Split at finished work (green tests, commits, 'done') and at each new request from a person."""
    out: list[list[dict[str, Any]]] = [[]]
    for i, rec in enumerate(records):
        if is_human(rec) and out[-1] and i > 0 and _ends_or_long(out[-1], min_tokens):
            out.append([])
        out[-1].append(rec)
        nxt = records[i + 1] if i + 1 < len(records) else None
        if _ends_chapter(rec) and nxt is not None and safe_start(nxt) and _tokens(out[-1]) >= min_tokens:
            out.append([])
    out = [c for c in out if c]
    while len(out) > max(1, max_chapters):  # merge the smallest adjacent pair
        k = min(range(len(out) - 1), key=lambda j: _tokens(out[j]) + _tokens(out[j + 1]))
        out[k: k + 2] = [out[k] + out[k + 1]]
    return out


def _tokens(recs: Sequence[dict[str, Any]]) -> float:
    return sum(record_tokens(r) for r in recs)


def _ends_or_long(recs: list[dict[str, Any]], min_tokens: float) -> bool:
    return _tokens(recs) >= min_tokens


# ---------------------------------------------------------------------- strategies
class Naive:
    """Summarise everything after the task into one record: the baseline that loses things."""

    name = "naive"
    uses_ledger = False

    def build(self, rnd: Round) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        if not rnd.rest:
            return [], []
        return [rnd.tombstone(rnd.rest, rnd.room, "summarised")], []


class Reactive:
    """Task framing and recent turns verbatim; the middle becomes one tombstone."""

    name = "reactive"
    uses_ledger = True

    def build(self, rnd: Round) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        c, tail = cut_tail(rnd.rest, rnd.room - rnd.summary_budget)
        middle = rnd.rest[:c]
        return ([rnd.tombstone(middle, rnd.summary_budget)] if middle else []), tail


class Collapse:
    """Finished chapters of the middle become one tombstone each; recent turns stay verbatim."""

    name = "collapse"
    uses_ledger = True
    min_chapter_share = 0.02  # of the room: smaller chapters merge with their neighbour
    per_chapter_tokens = 120

    def build(self, rnd: Round) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        c, tail = cut_tail(rnd.rest, rnd.room - rnd.summary_budget)
        middle = rnd.rest[:c]
        if not middle:
            return [], tail
        max_ch = max(1, int(rnd.summary_budget // self.per_chapter_tokens))
        chs = chapters(middle, max_ch, self.min_chapter_share * rnd.room)
        each = rnd.summary_budget / len(chs)
        return [rnd.tombstone(ch, each, "chapter") for ch in chs], tail


class Mask:
    """Older turns keep their reasoning; their tool outputs and bulky inputs become placeholders."""

    name = "mask"
    uses_ledger = True
    verbatim_share = 0.4  # of the room kept fully verbatim at the end
    keep_output_chars = 160

    def _mask(self, rec: dict[str, Any], tid: str) -> dict[str, Any]:
        changed = False
        out = copy.deepcopy(rec)
        for b in blocks(out):
            if b.get("type") == "tool_result":
                text = result_text(b)
                if len(text) > self.keep_output_chars:
                    first = text.strip().split("\n", 1)[0][:120]
                    b["content"] = (f"{first}\n[kairos: output elided ({text.count(chr(10)) + 1} lines, "
                                    f"{len(text)} chars); `kairos expand {tid}`]")
                    changed = True
            elif b.get("type") == "tool_use" and isinstance(b.get("input"), dict):
                for k, v in list(b["input"].items()):
                    if isinstance(v, str) and len(v) > 300:
                        b["input"][k] = f"{v[:120]}…[{len(v) - 120} chars elided]"
                        changed = True
            elif b.get("type") == "thinking" and len(b.get("thinking", "")) > 2000:
                b["thinking"] = _elide(b["thinking"], 2000)
                changed = True
        if changed:
            out[KAIROS_KEY] = {"role": "masked", "tombstone": tid}
        return out if changed else rec

    def build(self, rnd: Round) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        room = rnd.room - rnd.summary_budget
        c, tail = cut_tail(rnd.rest, room * self.verbatim_share)
        left = room - _tokens(tail)
        older = rnd.rest[:c]
        if not older:
            return [], tail
        ts = store_span(rnd.journal, older, strategy=self.name, label="masked")
        masked = [self._mask(r, ts.id) for r in older]
        b, band = cut_tail(masked, left)
        if b == 0:
            return [], band + tail
        return [rnd.tombstone(older[:b], rnd.summary_budget)], band + tail


STRATEGIES: dict[str, type] = {"naive": Naive, "reactive": Reactive, "collapse": Collapse, "mask": Mask}


def get_strategy(name: str) -> Strategy:
    from kairos.errors import InputError

    cls = STRATEGIES.get(name)
    if cls is None:
        raise InputError(f"unknown strategy {name!r}; choose one of {', '.join(STRATEGIES)}")
    return cls()
