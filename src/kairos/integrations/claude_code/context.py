"""What kairos puts in front of the model: the SessionStart memory prompt and per-prompt recall.

Both are plain text within a budget. Claude Code replaces any hook
``additionalContext`` over 10,000 characters with a 2,000-character preview and
a file path (anthropics/claude-code#51537, #94358), so no output here ever
exceeds ``HARD_CAP_CHARS``, whatever the configured budget says.

What this module must never do: include CLAUDE.md files (Claude Code loads
them itself), serve a stale memory without its flag, or re-inject a memory the
session already has in context.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["HARD_CAP_CHARS", "Injection", "answered", "estimate_tokens", "memory_prompt", "prompt_context",
           "relevant_terms"]

HARD_CAP_CHARS = 9_500
CHARS_PER_TOKEN = 4
MAX_HIT_CHARS = 700
_WORD = re.compile(r"[a-z0-9_]+")
_STOP = frozenset("""a about after all also am an and any are as at be been but by can could did do does
doing for from had has have how i if in into is it its just me my no not of on or our so some than that
the their them then there these they this to too up us was we were what when where which who why will
with would you your please let lets let's make sure want need like get go use using used now one two
ok okay yes yeah thanks thank""".split())


@dataclass
class Injection:
    text: str
    ids: list[str]
    tokens: int


def estimate_tokens(text: str) -> int:
    return (len(text) + CHARS_PER_TOKEN - 1) // CHARS_PER_TOKEN


def relevant_terms(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in _STOP}


def _overlap(q: set[str], text: str) -> int:
    """How many query terms the text contains (prefix match of 5 letters stands in for stemming)."""
    words = relevant_terms(text)
    prefixes = {w[:5] for w in words}
    return sum(1 for t in q if t in words or (len(t) >= 5 and t[:5] in prefixes))


def _clip(text: str, n: int) -> str:
    text = text.strip()
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _hit_line(h: dict[str, Any]) -> str:
    """One hit (a dict in ``kairos recall --json``'s shape) as one provenance-tagged line."""
    hid = str(h.get("id", ""))
    label = hid if h.get("kind") == "record" else hid.split("/", 1)[-1]
    when = (h.get("date") or "")[:10]
    kind = h.get("type") or h.get("record_kind") or h.get("kind")
    head = f"- [{kind} · {when} · {label}] " if when else f"- [{h.get('type') or h.get('kind')} · {label}] "
    line = head + _clip(" ".join(str(h.get("text", "")).split()), MAX_HIT_CHARS)
    if h.get("stale"):
        line += f"\n  ⚠ possibly stale: {h.get('why_stale')} — check the code before relying on it"
    return line


def answered(answered_by: str, note: str = "") -> str:
    """Which recall answered, told to the model and the user: "answered by lexical; semantic daemon starting"."""
    return f"answered by {answered_by}" + (f"; {note}" if note else "")


def prompt_context(hits: list[dict[str, Any]], prompt: str, *, budget_tokens: int = 2000,
                   exclude_ids: set[str] = frozenset(), how: str = "") -> Injection | None:
    """Memories and past records relevant to ``prompt``, within ``budget_tokens``.

    ``hits`` come from recall (the daemon, or the lexical fallback) with the current
    session's own records already left out (they are in the conversation). A hit must
    share enough content words with the prompt (at least two, or the only one a short
    prompt has) to be shown: on a large store almost any word matches something, and
    noise costs the model attention. Hits already injected are skipped. ``how`` says
    which recall answered; it goes in the header.
    """
    q = relevant_terms(prompt)
    if not q:
        return None
    need = min(2, len(q))
    hits = [h for h in hits if h.get("id") not in exclude_ids and _overlap(q, str(h.get("text", ""))) >= need]
    if not hits:
        return None
    head = ("[kairos memory: recalled for this prompt" + (f" ({how})" if how else "")
            + "; provenance in brackets; `kairos show <id>` or the MCP tool `read` gives the full entry]")
    budget_chars = min(budget_tokens * CHARS_PER_TOKEN, HARD_CAP_CHARS)
    lines, ids, size = [head], [], len(head)
    for h in hits:
        line = _hit_line(h)
        if size + len(line) + 1 > budget_chars:
            continue
        lines.append(line)
        ids.append(str(h["id"]))
        size += len(line) + 1
    if not ids:
        return None
    text = "\n".join(lines)
    return Injection(text, ids, estimate_tokens(text))


def _git_branch(root: Path) -> str:
    try:
        head = (root / ".git" / "HEAD").read_text(encoding="utf-8").strip()
    except OSError:
        return ""
    return head.rsplit("/", 1)[-1] if head.startswith("ref:") else ""


def _last_goal(state_dir: Path, current: str) -> str:
    sessions = state_dir / "sessions"
    try:
        files = sorted(sessions.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return ""
    for f in files[:5]:
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if data.get("session_id") != current and data.get("goal"):
            return str(data["goal"])
    return ""


def _index_section(mdir: Path, label: str) -> str:
    try:
        text = (mdir / "MEMORY.md").read_text(encoding="utf-8")
    except OSError:
        return ""
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("# Memory")]
    if not any(ln.startswith("- ") for ln in lines):
        return ""
    return f"## {label}\n" + "\n".join(lines)


TopicSource = Callable[[str, int], "tuple[list[dict[str, Any]], str]"]


def memory_prompt(k: Any, *, session_id: str = "", budget_chars: int = HARD_CAP_CHARS,
                  topics: int = 3, ledger: str = "", topic_hits: TopicSource | None = None) -> Injection | None:
    """The SessionStart prompt: every scope's MEMORY.md, then the few most relevant topics.

    ``k`` is a ``Store`` (or anything with a ``.store``). Relevance at session start
    has no prompt to go by, so the query is the current branch and the previous
    session's goal; ``topic_hits(query, n)`` returns the hits and which recall
    answered (without a query it returns the most recently updated memories).
    ``ledger`` (after a compaction) comes first: it is what the session must not lose.
    """
    budget_chars = min(budget_chars, HARD_CAP_CHARS)
    store = getattr(k, "store", k)
    parts: list[str] = []
    if ledger:
        parts.append(ledger)
    head = (f"[kairos memory for project {store.project.name}: the index of what is remembered, "
            "and the topics most relevant now. More with the MCP tools `search` / `read` or "
            "`kairos recall QUERY`. Entries marked ⚠ may be stale.]")
    sections = [head]
    for scope, label in (("team", "team memory (.kairos/memory, shared by git)"),
                         ("private", "private project memory"), ("user", "about the user")):
        sec = _index_section(store.memory_dir(scope), label)
        if sec:
            sections.append(sec)
    ids: list[str] = []
    if topics > 0 and topic_hits is not None:
        query = " ".join(x for x in (_git_branch(store.project.root), _last_goal(store.state_dir, session_id))
                         if x)
        hits, how = topic_hits(query, topics)
        if hits:
            sections.append(f"## Relevant topics ({how})" if how else "## Relevant topics")
            for h in hits[:topics]:
                sections.append(_hit_line(h))
                ids.append(str(h["id"]))
    if len(sections) == 1 and not parts:
        return None
    if len(sections) > 1:
        parts.append("\n".join(sections))
    text = "\n\n".join(parts)
    if len(text) > budget_chars:
        text = text[: budget_chars - 60].rsplit("\n", 1)[0] + "\n- … (cut to fit; `kairos memory list`)"
    return Injection(text, ids, estimate_tokens(text))
