"""Capture at the two short timescales: candidate memories per turn, a note per session.

``extract_candidates`` reads one turn's text and returns the statements worth
remembering: explicit requests ("remember…", "from now on…"), corrections
("no, use X, not Y"), preferences, decisions with their reasons, references to
external systems, lessons from debugging, and hypotheses (kept as observations
until confirmed). It is pure and fast enough for a hook.

What this module must never do: promote untrusted content. Text that arrived as
tool output, a fetched page or a file (provenance ``tool``, or ``imported``)
yields candidates flagged ``untrusted``; dream never turns those into user or
feedback memories by themselves.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from kairos.dream.text import content_tokens, rejected_terms
from kairos.journal import Journal, Record, RecordDraft
from kairos.textutil import split_sentences

__all__ = ["Candidate", "UNTRUSTED_PROVENANCES", "capture_turn", "extract_candidates",
           "is_untrusted", "session_note", "write_session_note"]

UNTRUSTED_PROVENANCES = frozenset({"tool", "imported"})
_UNTRUSTED_ORIGINS = frozenset({"tool", "tool-output", "web", "fetch", "fetched", "file", "page"})

# signal -> how strongly it asks to be remembered
SIGNALS = ("explicit", "correction", "preference", "decision", "reference", "lesson", "hypothesis")


@dataclass(frozen=True)
class Candidate:
    """One statement from a turn that may become a memory."""

    text: str        # the statement, cleaned of its trigger ("remember that …")
    type: str        # user | feedback | project | reference
    signal: str      # one of SIGNALS
    untrusted: bool  # came from tool output, a fetched page or a file

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def is_untrusted(provenance: str, meta: dict[str, Any] | None = None) -> bool:
    origin = str((meta or {}).get("origin", "")).lower()
    return provenance in UNTRUSTED_PROVENANCES or origin in _UNTRUSTED_ORIGINS


_EXPLICIT = re.compile(
    r"^(?:please\s+)?(?:(?:always\s+)?remember(?:\s+that)?|don't forget(?:\s+that)?|"
    r"keep in mind(?:\s+that)?|note(?:\s+that)?|for future reference,?|"
    r"from now on,?|going forward,?|in (?:the )?future,?|for the record,?)\s*[:,-]?\s+", re.I)
# An opening that answers the previous turn, whatever punctuation follows it ("No:", "Wrong —").
_CORRECTION = re.compile(
    r"^(?:no[,.!:;—-]+|nope[,.!:;—-]*|wrong[,.!:;—-]+|that's (?:wrong|not right|incorrect)[,.!:;—-]*|"
    r"actually[,:;—-]?|correction[,:;—-]|not quite[,.!:;—-]*|stop[,.!:;—-]+)\s*", re.I)
_NOT_Y = re.compile(r"\b(?:not|instead of|rather than|no longer)\b", re.I)
_PREF = re.compile(r"^(?:i|we)\s+(?:really\s+)?(?:prefer|like|love|hate|dislike|want|"
                   r"(?:would|'d) rather|always want|never want)\b", re.I)
_ABOUT_USER = re.compile(r"^(?:i am|i'm|i work|i've been|my (?:name|role|team|background)|"
                         r"i (?:usually|mostly|mainly)|i use)\b", re.I)
_DECISION = re.compile(r"\b(?:we (?:decided|agreed|chose|settled on|will go with|are going with|"
                       r"switched|moved|migrated)|let's go with|decision:|we'll use|"
                       r"the decision is)\b", re.I)
_IMPERATIVE = re.compile(r"^(?:always|never|don't|do not|use|prefer|avoid|run|make sure|ensure|"
                         r"keep|stop|put|write|name|call|add|commit|push|test)\b", re.I)
_REFERENCE = re.compile(r"https?://\S+|\b(?:dashboard|runbook|tracker|jira|linear|confluence|"
                        r"slack channel|wiki|grafana|sentry|datadog|notion|bucket|board)\b", re.I)
_LESSON = re.compile(r"\b(?:root cause|the fix (?:was|is)|turns out|turned out|lesson(?: learned)?:|"
                     r"the problem was|the issue was|was caused by|fixed by|the trick is|gotcha:)",
                     re.I)
_HYPOTHESIS = re.compile(r"\b(?:maybe|perhaps|might be|might have|could be|possibly|probably|"
                         r"i (?:think|suspect|guess|wonder)|hypothesis|not sure|seems like|"
                         r"let me try|let's try|try(?:ing)? (?:to|whether))\b|\?\s*$", re.I)
_CHATTER = re.compile(r"^(?:ok(?:ay)?|thanks?|thank you|great|cool|sure|yes|yep|lgtm|hi|hello)\b"
                      r"[\s!.]*$", re.I)


def _sentences(text: str) -> list[str]:
    return [p for p in (part.strip(" \t-*>•") for part in split_sentences(text)) if p]


def _names_replacement(s: str) -> bool:
    """Does the sentence rule a value out and assert another ("X, not Y", "isn't Y, it's X")?
    A bare prohibition ("never push to main") rejects without asserting: not a correction."""
    if _HYPOTHESIS.search(s):
        return False
    rejected = rejected_terms(s)
    return bool(rejected) and len(content_tokens(s) - rejected) >= 2


def _kind_of_statement(s: str) -> str:
    """Type for a statement that is not obviously about the user: feedback if it tells the
    agent how to work, reference if it points somewhere, project otherwise."""
    if _IMPERATIVE.match(s):
        return "feedback"
    if _REFERENCE.search(s) and not _DECISION.search(s):
        return "reference"
    return "project"


def _clean(s: str) -> str:
    s = " ".join(s.split())
    return s[:1].upper() + s[1:] if s else s


def extract_candidates(text: str, provenance: str, meta: dict[str, Any] | None = None
                       ) -> list[Candidate]:
    """Candidate memories in one turn's ``text`` (said by the user or learned by the agent).

    Deterministic; a few regular expressions per sentence. Agent turns yield decisions,
    references and lessons (never user preferences or corrections: only a user corrects);
    untrusted turns yield candidates flagged ``untrusted``.
    """
    untrusted = is_untrusted(provenance, meta)
    by_user = provenance == "user" and not untrusted
    out: list[Candidate] = []
    seen: set[frozenset[str]] = set()
    for s in _sentences(text):
        if len(s) < 8 or len(s) > 600 or _CHATTER.match(s) or len(content_tokens(s)) < 2:
            continue
        cand: Candidate | None = None
        m = _EXPLICIT.match(s)
        if m:
            body = _clean(s[m.end():])
            mtype = "user" if _ABOUT_USER.match(body) or _PREF.match(body) else _kind_of_statement(body)
            if re.match(r"^(?:from now on|going forward|in (?:the )?future)", s, re.I) \
                    and mtype == "project":
                mtype = "feedback"
            cand = Candidate(body, mtype, "explicit", untrusted)
        elif by_user and _CORRECTION.match(s) and (_NOT_Y.search(s) or _IMPERATIVE.search(
                _CORRECTION.sub("", s, count=1))):
            body = _clean(_CORRECTION.sub("", s, count=1))
            cand = Candidate(body, _kind_of_statement(body) if not _IMPERATIVE.match(body)
                             else "feedback", "correction", untrusted)
        elif by_user and _names_replacement(s):
            # "Careful, the port isn't 8080, it's 7000": no opening word, but it names the value
            # it rules out and asserts another in its place; only a user corrects.
            body = _clean(s)
            cand = Candidate(body, _kind_of_statement(body) if not _IMPERATIVE.match(body)
                             else "feedback", "correction", untrusted)
        elif _HYPOTHESIS.search(s):
            if provenance != "user":  # a user's "maybe" is a question, not a finding
                cand = Candidate(_clean(s), "project", "hypothesis", untrusted)
        elif _PREF.match(s) and (by_user or untrusted):
            cand = Candidate(_clean(s), "user", "preference", untrusted)
        elif _ABOUT_USER.match(s) and (by_user or untrusted):
            cand = Candidate(_clean(s), "user", "preference", untrusted)
        elif _DECISION.search(s):
            cand = Candidate(_clean(s), "project", "decision", untrusted)
        elif _LESSON.search(s):
            cand = Candidate(_clean(s), "project", "lesson", untrusted)
        elif _REFERENCE.search(s) and re.search(r"\b(?:is|are|lives?|at|in|on|under|see)\b", s, re.I):
            cand = Candidate(_clean(s), "reference", "reference", untrusted)
        elif by_user and _IMPERATIVE.match(s) and re.match(r"^(?:always|never|don't|do not)\b", s, re.I):
            cand = Candidate(_clean(s), "feedback", "explicit", untrusted)
        if cand is None:
            continue
        key = content_tokens(cand.text)
        if key in seen:
            continue
        seen.add(key)
        out.append(cand)
    return out


def capture_turn(journal: Journal, text: str, provenance: str, *, session: str | None = None,
                 meta: dict[str, Any] | None = None) -> Record:
    """Journal one turn as an ``observation`` with its candidates in ``meta["capture"]``.

    The hook for UserPromptSubmit (and for what the agent learns) calls this. Dream reads
    the candidates back; when a turn was journaled without them, dream extracts them itself
    with the same function, so both paths reach the same memory.
    """
    cands = extract_candidates(text, provenance, meta)
    m = dict(meta or {})
    if cands:
        m["capture"] = [c.to_dict() for c in cands]
    return journal.append("observation", text, session=session, provenance=provenance, meta=m)


# --------------------------------------------------------------------------- session notes
_FILE = re.compile(r"(?<![\w/])((?:[\w.\-]+/)*[\w\-]+\.(?:py|ts|tsx|js|jsx|go|rs|java|rb|md|toml|"
                   r"yaml|yml|json|sql|sh|c|h|cpp|hpp|css|html|txt|cfg|ini))\b")
_OUTCOME = re.compile(r"\b(?:tests? pass(?:ed|es)?|all green|fixed|merged|deployed|shipped|done|"
                      r"failed|failing|broken|reverted)\b", re.I)
_OPEN = re.compile(r"\b(?:todo|to do|next step|follow[- ]up|later|still need|open question|"
                   r"not yet|remaining|blocked)\b", re.I)


def _turns_from_transcript(path: Path) -> list[tuple[str, str, list[str]]]:
    """(role, text, files touched) per line of a Claude Code JSONL transcript."""
    turns: list[tuple[str, str, list[str]]] = []
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return turns
    for line in lines:
        try:
            obj = json.loads(line)
        except ValueError:
            continue  # a torn or foreign line: skip it, keep the rest
        if not isinstance(obj, dict):
            continue
        msg = obj.get("message") if isinstance(obj.get("message"), dict) else obj
        role = str(msg.get("role") or obj.get("type") or "")
        content = msg.get("content")
        texts, files = [], []
        if isinstance(content, str):
            texts.append(content)
        elif isinstance(content, list):
            for block in content:
                if not isinstance(block, dict):
                    continue
                if block.get("type") == "text":
                    texts.append(str(block.get("text", "")))
                elif block.get("type") == "tool_use":
                    inp = block.get("input") or {}
                    if isinstance(inp, dict):
                        for k in ("file_path", "path", "notebook_path"):
                            if isinstance(inp.get(k), str):
                                files.append(inp[k])
                elif block.get("type") == "tool_result":
                    role = "tool"
        if texts or files:
            turns.append((role, "\n".join(texts), files))
    return turns


def session_note(source: Path | str | Iterable[Record]) -> str:
    """A session note — goal, decisions, open threads, files touched, outcomes — as Markdown.

    ``source`` is a Claude Code transcript (JSONL path) or the session's journal records.
    Deterministic: the goal is the first substantial user request; decisions, open threads
    and outcomes are the sentences that say so; files are the paths the turns name or edit.
    """
    if isinstance(source, (str, Path)):
        turns = _turns_from_transcript(Path(source))
    else:
        turns = [("user" if r.provenance == "user" else r.provenance, r.text, [])
                 for r in source if r.kind in ("observation", "memory", "correction")]
    goal = ""
    decisions: list[str] = []
    open_threads: list[str] = []
    outcomes: list[str] = []
    files: list[str] = []
    for role, text, touched in turns:
        for f in touched:
            if f not in files:
                files.append(f)
        if role == "tool":
            continue
        for f in _FILE.findall(text):
            if f not in files:
                files.append(f)
        for s in _sentences(text):
            if len(s) < 8:
                continue
            if not goal and role == "user" and len(content_tokens(s)) >= 3:
                goal = s[:200]
            if _DECISION.search(s) or (_CORRECTION.match(s) and role == "user"):
                decisions.append(s[:200])
            elif _OPEN.search(s):
                open_threads.append(s[:200])
            elif _OUTCOME.search(s) and role != "user":
                outcomes.append(s[:200])

    def section(title: str, items: list[str], limit: int) -> list[str]:
        uniq = list(dict.fromkeys(items))
        return [f"## {title}"] + ([f"- {x}" for x in uniq[-limit:]] or ["- (none)"]) + [""]

    lines = ["# Session note", "", f"Goal: {goal or '(not stated)'}", ""]
    lines += section("Decisions", decisions, 8)
    lines += section("Open threads", open_threads, 6)
    lines += section("Files touched", files, 20)
    lines += section("Outcomes", outcomes, 6)
    return "\n".join(lines).rstrip() + "\n"


def write_session_note(journal: Journal, session: str, source: Path | str | Iterable[Record],
                       *, reason: str = "session-end") -> Record:
    """Journal the session note (SessionEnd / PreCompact hooks call this)."""
    text = session_note(source)
    return journal.append_many([RecordDraft("session-note", text, None, session, "system",
                                            {"reason": reason})])[0]
