"""Deterministic extraction: what in a stretch of transcript must outlive compaction.

General rules only, applied to any coding session: what a person typed,
statements by the agent that carry a decision or a reason, paths the agent
edited, identifiers (branches, tickets, flags, commits), exact error lines from
tool output, and corrections ("X, not Y", "X instead of Y"). Nothing here may
know about a particular benchmark, project or string; nothing here calls a
model, touches the disk or the journal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kairos.compact.transcript import blocks, human_text, is_human, result_text
from kairos.textutil import split_sentences

__all__ = [
    "Correction",
    "agent_statements",
    "error_lines",
    "find_corrections",
    "identifiers",
    "is_chitchat",
    "shape",
    "similar",
    "tool_paths",
]

# ---------------------------------------------------------------------- people
_DIRECTIVE = re.compile(
    r"\b(must|never|always|don'?t|do not|keep|only|use|add|make|should|need|please|avoid|"
    r"instead|rather|not|stop|switch|change|remove|rename|fix|prefer|require|set|call|track|reference|"
    r"also|then|next|after|before|branch|ticket|deadline|limit|under|over|at least|at most)\b", re.I)
_QUESTION_ASK = re.compile(r"^\s*(can|could|would|will) you\b|^\s*please\b", re.I)


def is_chitchat(text: str) -> bool:
    """A short acknowledgement or status question that carries no instruction."""
    t = text.strip()
    if len(t) > 160 or "`" in t or re.search(r"\d|/|\b[A-Z]{2,}\b", t):
        return False
    if t.endswith("?") and not _QUESTION_ASK.search(t):
        return True
    return len(t) < 48 and not _DIRECTIVE.search(t)


@dataclass(frozen=True)
class Correction:
    new: str           # the phrase that now holds
    old: tuple[str, ...]  # the values it supersedes


_OLD_CLAUSE = re.compile(
    r"(?:(?:,|;|—|–|\s-)\s*(?:and\s+|but\s+)?not\s+|\binstead of\s+|\brather than\s+|\bno longer\s+)"
    r"(?P<old>[^,.;:!?—–()]{1,80})")
_SWITCH = re.compile(r"\b(?:from|change|switch|replace)\s+(?P<old>`[^`]+`|\S+)\s+(?:to|with|by)\s+(?P<new>`[^`]+`|\S+)", re.I)
_TICK = re.compile(r"`[^`\n]{1,80}`")


def _values(phrase: str) -> list[str]:
    ticks = _TICK.findall(phrase)
    if ticks:
        return ticks
    words = phrase.strip().split()
    return [" ".join(words[:6])] if words else []


def find_corrections(text: str) -> list[Correction]:
    """Corrections stated by a person: 'use X, not Y', 'X instead of Y', 'change Y to X'."""
    out: list[Correction] = []
    for sent in re.split(r"(?<=[.!?])\s+|\n+", text):
        for m in _OLD_CLAUSE.finditer(sent):
            old = [v for v in _values(m.group("old")) if len(v.strip("` ")) >= 2]
            new_part = sent[:m.start()]
            new = _values(new_part)[-1:] if new_part.strip() else []
            if old and new and not any(o in new_part for o in old):
                out.append(Correction(new[0], tuple(old)))
        for m in _SWITCH.finditer(sent):
            out.append(Correction(m.group("new"), (m.group("old"),)))
    return out


# ---------------------------------------------------------------------- agent prose
_NARRATION = re.compile(
    r"^(let me|let's|now (?:the|let|i)|i need to (?:see|read|check|look)|i'?ll (?:now )?(?:read|check|look|run|"
    r"re-?run|open|search|find|grep|list|see|inspect|start|try|verify|update the (?:task|docs)|clean up|"
    r"double-check|add regression|add tests|look into)|i want to (?:see|check|confirm)|(?:reading|checking|"
    r"listing|running|re-running|type-checking|updating|looking|searching|opening|fetching|making sure)\b|"
    r"where else|how big|done with this step|status:|ok[,.]|okay[,.]|got it|noted|understood|sure[,.]|"
    r"summary:|plan:|next:|next i'?ll|back to|this is mostly|that (?:part|should)|the logs should|"
    r"if the \w+ handling)", re.I)
_CUE = re.compile(
    r"\b(because|since|so that|instead of|rather than|in order to|to avoid|trade-?off|decid\w*|chose|choose|"
    r"going with|opted|prefer|will use|we'?ll use|i'?ll use|must|never|always|default|keeps?|becomes?|moves? to|"
    r"switch\w*|fallback|fall back|root cause|caused by|the fix|fixed by|works around|workaround|"
    r"won'?t|don'?t|not\b|only)\b", re.I)
_REASON = re.compile(r"\b(because|since|so that|instead of|rather than|in order to|to avoid|trade-?off|decided|"
                     r"chose|opted)\b", re.I)
_INTENT = re.compile(r"\b(i'?ll|i will|we'?ll|we will|i'?m going to|going to|i'?d rather|plan is|we need to|"
                     r"we should|i should|to fix|the fix|the solution|the problem is|the issue is)\b", re.I)
_WORD = re.compile(r"[a-z]+")


def shape(text: str) -> frozenset[str]:
    """Words of a sentence with identifiers, code, paths and numbers masked (for near-duplicates)."""
    s = re.sub(r"`[^`]*`", " ", text.lower())
    s = re.sub(r"\S*[/_.:=]\S*", " ", s)
    s = re.sub(r"\d+", " ", s)
    return frozenset(_WORD.findall(s))


def similar(a: frozenset[str], b: frozenset[str], threshold: float = 0.6) -> bool:
    if not a or not b:
        return a == b
    union = len(a | b)
    return union >= 6 and len(a & b) / union >= threshold


def _prose_units(text: str) -> Iterable[tuple[str, bool]]:
    """Sentences of prose (code fences and list plans skipped); flag = the sentence is a whole paragraph."""
    in_fence = False
    paras: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
            paras.append([])
            continue
        if in_fence:
            continue
        if not line.strip():
            paras.append([])
            continue
        if re.match(r"^\s*(\d+[.)]|[-*•])\s", line):
            paras.append([])  # list items: status lists and plans, mostly narration
            continue
        paras[-1].append(line.strip())
    for para in paras:
        if not para:
            continue
        sents = split_sentences(" ".join(para))
        for s in sents:
            yield s, len(sents) == 1


def agent_statements(text: str) -> list[tuple[str, int]]:
    """Sentences from agent prose worth pinning, each with a priority score (higher = keep longer)."""
    out: list[tuple[str, int]] = []
    for s, alone in _prose_units(text):
        if len(s) < 25 or len(s) > 600 or s.endswith("?"):
            continue
        if _NARRATION.match(s) and not _REASON.search(s):
            out.append((s, 0))  # kept only while there is room: narration, unless phrased unusually
            continue
        score = 1
        if _CUE.search(s):
            score += 2
        if _INTENT.search(s):
            score += 1
        if alone:
            score += 1
        if re.search(r"`[^`]+`|\d", s):
            score += 1
        out.append((s, score))
    return out


# ---------------------------------------------------------------------- tool output
_ERR_LINE = re.compile(
    r"^(?:[-*]\s+)?(?:E\s+)?(?:[A-Za-z_][\w.]*\.)?[A-Z]\w*(?:Error|Exception|Exit|Interrupt|Warning|Fault)\b"
    r"(?::\s*\S.*)?$"
    r"|^(?:[-*]\s+)?E\d{3,4}\s+\S.*$"
    r"|^(?:fatal|panic|error)(?:\[\w+\])?:\s+\S.*$"
    r"|^(?:FAILED|ERROR)\s+\S+.*$"
    r"|^Traceback \(most recent call last\):$", re.M)


def error_lines(text: str, *, limit: int = 12) -> list[tuple[str, int]]:
    """Exact error lines from tool output or a pasted log, each with a priority score."""
    out: list[tuple[str, int]] = []
    seen: set[str] = set()
    for m in _ERR_LINE.finditer(text):
        line = m.group(0).strip()
        if line.startswith("Traceback"):
            continue
        if line[:2] in ("- ", "* "):
            line = line[2:].strip()
        if line.startswith("E ") or line.startswith("E\t"):
            line = line[1:].strip()
        if len(line) > 400:
            line = line[:400]
        key = line.split(" - ", 1)[-1] if line.startswith(("FAILED", "ERROR ")) else line
        if key in seen or line in seen:
            continue
        seen.add(key)
        seen.add(line)
        score = 3 if re.match(r"^(?:[\w.]+\.)?[A-Z]\w*(?:Error|Exception)\b|^E\d{3}", line) else 1
        out.append((line, score))
        if len(out) >= limit:
            break
    return out


_PATH_KEYS = ("file_path", "notebook_path", "path")
_EDIT_TOOLS = {"Edit", "MultiEdit", "Write", "NotebookEdit", "str_replace_based_edit_tool", "apply_patch"}
_PATH_TOKEN = re.compile(r"(?<![\w/.-])((?:\.{0,2}/)?(?:[\w.-]+/)*[\w.-]+\.[A-Za-z0-9]{1,8})(?![\w/])")
_EDIT_CMD = re.compile(r"^\s*(?:create|edit|touch|sed -i|tee|patch|cat\s*>|echo .*>)\s*", re.I)


def _relative(path: str, cwd: str | None) -> str:
    if cwd and path.startswith(cwd.rstrip("/") + "/"):
        return path[len(cwd.rstrip("/")) + 1:]
    return path


def tool_paths(rec: dict[str, Any]) -> list[tuple[str, bool]]:
    """Paths a record's tool calls touched, each flagged True when the call edited the file."""
    cwd = rec.get("cwd") if isinstance(rec.get("cwd"), str) else None
    out: list[tuple[str, bool]] = []
    for b in blocks(rec):
        if b.get("type") != "tool_use" or not isinstance(b.get("input"), dict):
            continue
        name, inp = str(b.get("name", "")), b["input"]
        for k in _PATH_KEYS:
            v = inp.get(k)
            if isinstance(v, str) and v and "*" not in v and len(v) < 300:
                out.append((_relative(v, cwd), name in _EDIT_TOOLS))
        cmd = inp.get("command")
        if isinstance(cmd, str):
            first = cmd.strip().split("\n", 1)[0]
            edits = bool(_EDIT_CMD.match(first))
            for p in _PATH_TOKEN.findall(first)[:4]:
                if not re.match(r"^\d+(\.\d+)+$", p):
                    out.append((_relative(p, cwd), edits))
    return out


_BRANCH_CMD = re.compile(r"\bgit (?:checkout -b|switch -c|branch|worktree add\s+\S+\s+-b)\s+([\w./-]+)")
_BRANCH_TEXT = re.compile(r"\b(?:new branch|on branch|branch called|branch named|branch)\s+['`\"]?([\w][\w./-]*/[\w./-]+)")
_TICKET = re.compile(r"\b[A-Z][A-Z0-9]{1,9}-\d{1,6}\b")
_FLAG = re.compile(r"\b[A-Za-z][A-Za-z0-9_]{1,15}\{[^}\s]{3,100}\}")
_QUOTED = re.compile(r"[\"'](?=[A-Za-z0-9_]*\d)(?=[A-Za-z0-9_]*[A-Za-z])([A-Za-z0-9_]{10,80})[\"']")
_COMMIT = re.compile(r"^\[([\w./-]+) ([0-9a-f]{7,12})\] (.{1,80})$", re.M)


def identifiers(rec: dict[str, Any]) -> list[str]:
    """Branches, tickets, commit ids and flag-like tokens a record names."""
    found: list[str] = []
    texts: list[str] = []
    if is_human(rec):
        texts.append(human_text(rec))
    for b in blocks(rec):
        if b.get("type") == "text":
            texts.append(b.get("text", ""))
            if rec.get("type") == "assistant":
                found += _QUOTED.findall(b.get("text", ""))
        elif b.get("type") == "tool_use" and isinstance(b.get("input"), dict):
            cmd = b["input"].get("command")
            if isinstance(cmd, str):
                found += [f"branch {m}" for m in _BRANCH_CMD.findall(cmd) if not m.startswith("-")]
                texts.append(cmd[:2000])
        elif b.get("type") == "tool_result":
            out = result_text(b)[:20000]
            found += [f"commit {h} on {br}: {msg}" for br, h, msg in _COMMIT.findall(out)]
            found += _FLAG.findall(out)
    for t in texts:
        found += [f"branch {m}" for m in _BRANCH_TEXT.findall(t)]
        found += _TICKET.findall(t)
        found += _FLAG.findall(t)
    seen: set[str] = set()
    return [x for x in found if not (x in seen or seen.add(x))]
