"""The pinned ledger: what every compaction round must carry forward, verbatim.

It holds the original task, every instruction a person gave (constraints,
sub-goals, corrections), the agent's decisions with their reasons, the files
edited, identifiers (branches, tickets, commits) and exact error lines. Each
round *updates* it — new items are appended, an item overtaken by a correction
is marked superseded in place — and never rewrites what is there. Only agent
findings, errors and files merely read may be dropped, lowest priority first,
when the ledger outgrows its budget; a person's words never are.

This module must never call a model, read files or write the journal; the
ledger travels inside the transcript (text for the model, JSON under the
record's ``kairos`` key for the next round).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from kairos.compact.extract import (
    agent_statements,
    error_lines,
    find_corrections,
    identifiers,
    is_chitchat,
    shape,
    similar,
    tool_paths,
)
from kairos.compact.transcript import blocks, count_tokens, human_text, is_human, result_text

__all__ = ["Item", "Ledger"]

PINNED = ("instruction", "identifier", "edited")
_LONG_HUMAN = 1500  # characters; longer human messages are pasted logs, kept as an excerpt


@dataclass
class Item:
    id: int
    kind: str  # instruction | decision | edited | read | identifier | error
    text: str
    score: int = 0
    at: str = ""  # timestamp of the source record
    superseded: str = ""  # the value that replaced this one, when a correction overtook it
    replaces: list[str] = field(default_factory=list)  # for corrections: the superseded values


@dataclass
class Ledger:
    task: str = ""
    items: list[Item] = field(default_factory=list)
    next_id: int = 1
    _shapes: list[frozenset[str]] | None = field(default=None, repr=False, compare=False)

    # ------------------------------------------------------------------ persistence
    def to_json(self) -> dict[str, Any]:
        return {"v": 1, "task": self.task, "next_id": self.next_id,
                "items": [asdict(i) for i in self.items]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Ledger:
        items = [Item(**{k: v for k, v in d.items() if k in Item.__dataclass_fields__})
                 for d in data.get("items", []) if isinstance(d, dict)]
        return cls(str(data.get("task", "")), items, int(data.get("next_id", len(items) + 1)))

    # ------------------------------------------------------------------ updating
    def _add(self, kind: str, text: str, *, score: int = 0, at: str = "",
             replaces: list[str] | None = None) -> Item | None:
        text = text.strip()
        if not text or any(i.kind == kind and i.text == text for i in self.items):
            return None
        if kind == "read" and any(i.kind == "edited" and i.text == text for i in self.items):
            return None
        if kind == "edited":
            self.items = [i for i in self.items if not (i.kind == "read" and i.text == text)]
        item = Item(self.next_id, kind, text, score, at, "", list(replaces or []))
        self.next_id += 1
        self.items.append(item)
        return item

    def _decision_shapes(self) -> list[frozenset[str]]:
        if self._shapes is None:
            self._shapes = [shape(i.text) for i in self.items if i.kind == "decision"]
        return self._shapes

    def update(self, records: Iterable[dict[str, Any]]) -> None:
        """Fold new transcript records in; items already present are not added twice."""
        for rec in records:
            at = str(rec.get("timestamp", ""))
            t = rec.get("type")
            if is_human(rec):
                self._human(human_text(rec), at)
            elif t == "assistant":
                for b in blocks(rec):
                    if b.get("type") == "text" and isinstance(b.get("text"), str):
                        for s, score in agent_statements(b["text"]):
                            sh = shape(s)
                            shapes = self._decision_shapes()
                            if any(similar(sh, o) for o in shapes[-400:]):
                                continue
                            if self._add("decision", s, score=score, at=at):
                                shapes.append(sh)
                for p, edited in tool_paths(rec):
                    self._add("edited" if edited else "read", p, at=at)
            elif t == "user":
                for b in blocks(rec):
                    if b.get("type") == "tool_result":
                        for line, score in error_lines(result_text(b)[:200_000]):
                            self._add("error", line, score=score, at=at)
            if t in ("user", "assistant"):
                for ident in identifiers(rec):
                    self._add("identifier", ident, at=at)

    def _human(self, text: str, at: str) -> None:
        if not self.task:
            self.task = text
            return
        if text.strip() == self.task.strip() or is_chitchat(text):
            return
        if len(text) > _LONG_HUMAN:
            for line, score in error_lines(text):
                self._add("error", line, score=score + 1, at=at)
            text = _excerpt(text)
        fixes = find_corrections(text)
        olds = [o for c in fixes for o in c.old]
        item = self._add("instruction", text, at=at, replaces=olds)
        if item is not None and fixes:
            for c in fixes:
                self.supersede(c.old, c.new, before=item.id)

    def supersede(self, olds: Iterable[str], new: str, *, before: int | None = None) -> None:
        """Mark items stating an old value as superseded by ``new`` (they stay, marked)."""
        needles = {n for o in olds for n in (o, o.strip("`")) if len(n.strip()) >= 3}
        for it in self.items:
            if before is not None and it.id >= before:
                continue
            if it.superseded or it.kind in ("edited", "read"):
                continue
            if any(n in it.text for n in needles) and new.strip("`") not in it.text:
                it.superseded = new

    def mark_corrections(self, records: Iterable[dict[str, Any]]) -> None:
        """Apply corrections found in records that stay verbatim (not added as items)."""
        for rec in records:
            if is_human(rec):
                for c in find_corrections(human_text(rec)):
                    self.supersede(c.old, c.new)

    # ------------------------------------------------------------------ budget
    def pinned_tokens(self) -> float:
        return count_tokens(self.render(kinds=PINNED))

    def prune(self, budget_tokens: float) -> list[Item]:
        """Drop unpinned items, lowest priority and oldest first, until the render fits."""
        dropped: list[Item] = []
        size = count_tokens(self.render())
        if size <= budget_tokens:
            return dropped
        order = sorted((i for i in self.items if i.kind not in PINNED),
                       key=lambda i: (0 if i.superseded else 1, i.score, i.id))
        gone: set[int] = set()
        for it in order:
            if size <= budget_tokens:
                break
            gone.add(it.id)
            dropped.append(it)
            size -= count_tokens(it.text) + 1.5
        self.items = [i for i in self.items if i.id not in gone]
        self._shapes = None
        return dropped

    # ------------------------------------------------------------------ rendering
    def render(self, *, with_task: bool = False, kinds: Iterable[str] | None = None) -> str:
        want = set(kinds) if kinds is not None else None

        def of(kind: str) -> list[Item]:
            return [i for i in self.items if i.kind == kind and (want is None or kind in want)]

        out = ["[kairos ledger: pinned; it survives every compaction and is updated, never rewritten. "
               "Items marked SUPERSEDED are history, not current.]"]
        if with_task:
            out += ["Original task (verbatim):", self.task]
        else:
            out.append("Original task: the first user message of this conversation, verbatim.")
        sections = [
            ("User instructions, in order (verbatim; a later one overrides an earlier one):", "instruction"),
            ("Decisions and findings (agent):", "decision"),
            ("Errors seen (verbatim):", "error"),
        ]
        for title, kind in sections:
            items = of(kind)
            if items:
                out.append(title)
                out += [f"- {_tag(i)}{i.text}" for i in items]
        for title, kind in (("Files edited:", "edited"), ("Files read:", "read"),
                            ("Identifiers:", "identifier")):
            items = of(kind)
            if items:
                out.append(f"{title} " + "; ".join(f"{_tag(i)}{i.text}" for i in items))
        return "\n".join(out)


def _tag(i: Item) -> str:
    if i.superseded:
        return f"[SUPERSEDED, now {i.superseded}] "
    if i.replaces:
        return "[correction] "
    return ""


def _excerpt(text: str) -> str:
    """First prose lines and the error lines of a long pasted message."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    head = lines[:4]
    errs = [e for e, _ in error_lines(text, limit=6)]
    body = "\n".join(head + [e for e in errs if e not in head])
    return re.sub(r"\s+\Z", "", body[:_LONG_HUMAN]) + f"\n[excerpt of a {len(lines)}-line message]"
