"""Claude Code JSONL transcripts: lossless read and write, token counting, chain and tool pairing.

A transcript is one JSON object per line. Claude Code links user and assistant
records by ``parentUuid`` and resumes along the chain that ends at the last user
or assistant record; every other record type (``summary``, ``system``,
``file-history-snapshot``, types added later) is carried along untouched.

This module must never lose a byte it did not mean to change: an entry that was
not modified is written back exactly as it was read (its original line), unknown
fields and record types included. It never writes to the file it read from
unless asked to, and writes atomically. It knows nothing about ledgers or
strategies.
"""

from __future__ import annotations

import copy
import hashlib
import json
import uuid as uuidlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kairos.errors import InputError
from kairos.fsutil import atomic_write_bytes

__all__ = [
    "Entry",
    "Transcript",
    "content_text",
    "count_tokens",
    "is_human",
    "is_kairos",
    "new_record",
    "record_tokens",
    "relink",
    "repair_pairing",
    "tool_ids",
]

UA = ("user", "assistant")
KAIROS_KEY = "kairos"  # top-level key on records kairos writes; never counted as tokens


def count_tokens(text: str) -> float:
    """Deterministic estimate: characters / 4 (the benchmark's default; no tokenizer dependency)."""
    return len(text) / 4


def _leaf_strings(x: Any) -> Iterator[str]:
    if isinstance(x, str):
        yield x
    elif isinstance(x, dict):
        for v in x.values():
            yield from _leaf_strings(v)
    elif isinstance(x, list):
        for v in x:
            yield from _leaf_strings(v)


def block_text(b: Any) -> str:
    """The text a model sees from one content block."""
    if not isinstance(b, dict):
        return ""
    bt = b.get("type")
    if bt == "text" and isinstance(b.get("text"), str):
        return b["text"]
    if bt == "thinking" and isinstance(b.get("thinking"), str):
        return b["thinking"]
    if bt == "tool_use":
        return "\n".join([str(b.get("name", "")), *_leaf_strings(b.get("input"))])
    if bt == "tool_result":
        return result_text(b)
    return ""


def result_text(b: dict[str, Any]) -> str:
    c = b.get("content")
    if isinstance(c, str):
        return c
    if isinstance(c, list):
        return "\n".join(x["text"] for x in c if isinstance(x, dict) and isinstance(x.get("text"), str))
    return ""


def content_text(rec: dict[str, Any]) -> str:
    """All model-visible text of a user or assistant record ('' for other types)."""
    if rec.get("type") not in UA:
        return ""
    msg = rec.get("message")
    content = msg.get("content") if isinstance(msg, dict) else None
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(t for t in (block_text(b) for b in content) if t)
    return ""


def record_tokens(rec: dict[str, Any]) -> float:
    return count_tokens(content_text(rec))


def blocks(rec: dict[str, Any]) -> list[dict[str, Any]]:
    msg = rec.get("message")
    c = msg.get("content") if isinstance(msg, dict) else None
    return [b for b in c if isinstance(b, dict)] if isinstance(c, list) else []


def tool_ids(rec: dict[str, Any], kind: str) -> list[str]:
    """Ids of ``tool_use`` blocks (kind='tool_use') or answered ids (kind='tool_result')."""
    key = "id" if kind == "tool_use" else "tool_use_id"
    return [b.get(key) for b in blocks(rec) if b.get("type") == kind and isinstance(b.get(key), str)]


def is_kairos(rec: dict[str, Any]) -> bool:
    return isinstance(rec.get(KAIROS_KEY), dict)


def is_human(rec: dict[str, Any]) -> bool:
    """A user record typed by a person: not a tool result, not meta, not written by a compactor."""
    if rec.get("type") != "user" or is_kairos(rec) or rec.get("isMeta") or rec.get("isCompactSummary"):
        return False
    msg = rec.get("message")
    c = msg.get("content") if isinstance(msg, dict) else None
    if isinstance(c, str):
        text = c
    elif isinstance(c, list):
        if any(isinstance(b, dict) and b.get("type") == "tool_result" for b in c):
            return False
        text = "\n".join(b.get("text", "") for b in c if isinstance(b, dict) and b.get("type") == "text")
    else:
        return False
    stripped = text.lstrip()
    # slash-command plumbing and local command output are not instructions
    return bool(stripped) and not stripped.startswith(("<command-", "<local-command-", "Caveat: "))


def human_text(rec: dict[str, Any]) -> str:
    msg = rec.get("message") or {}
    c = msg.get("content")
    if isinstance(c, str):
        return c
    return "\n".join(b.get("text", "") for b in blocks(rec) if b.get("type") == "text")


@dataclass
class Entry:
    """One line of a transcript: the parsed object, and the original line while unmodified."""

    data: dict[str, Any] | None
    raw: str | None = None  # original line without its newline; None once modified
    line: int = 0
    error: str | None = None  # why ``data`` is None (invalid JSON, not an object, ...)

    def touch(self) -> dict[str, Any]:
        """Mark as modified (it will be re-serialised) and return the object to edit."""
        self.raw = None
        assert self.data is not None
        return self.data

    def dumps(self) -> str:
        if self.raw is not None:
            return self.raw
        return json.dumps(self.data, ensure_ascii=False, separators=(",", ":"))


@dataclass
class Transcript:
    entries: list[Entry] = field(default_factory=list)
    trailing_newline: bool = True
    path: Path | None = None

    # ------------------------------------------------------------------ reading
    @classmethod
    def parse(cls, data: bytes, path: Path | None = None) -> Transcript:
        """Parse bytes; bad lines are kept as entries with ``error`` set (see :meth:`problems`)."""
        entries: list[Entry] = []
        lines = data.split(b"\n")
        trailing = data.endswith(b"\n") or not data
        if trailing:
            lines = lines[:-1]
        for n, raw in enumerate(lines, 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                entries.append(Entry(None, raw.decode("utf-8", "surrogateescape"), n, "not UTF-8"))
                continue
            if not line.strip():
                entries.append(Entry(None, line, n, None))  # blank line, kept as is
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                entries.append(Entry(None, line, n, f"invalid JSON ({exc.msg})"))
                continue
            if not isinstance(obj, dict):
                entries.append(Entry(None, line, n, "not a JSON object"))
                continue
            entries.append(Entry(obj, line, n))
        return cls(entries, trailing, path)

    @classmethod
    def read(cls, path: Path | str) -> Transcript:
        p = Path(path)
        try:
            data = p.read_bytes()
        except FileNotFoundError:
            raise InputError(f"transcript not found: {p}") from None
        except IsADirectoryError:
            raise InputError(f"transcript path is a directory: {p}") from None
        except OSError as exc:
            raise InputError(f"cannot read transcript {p}: {exc.strerror}") from None
        return cls.parse(data, p)

    @classmethod
    def from_records(cls, records: Iterable[dict[str, Any]]) -> Transcript:
        return cls([Entry(copy.deepcopy(r)) for r in records])

    def problems(self) -> list[str]:
        """Lines that could not be parsed, as 'line N: why' (blank lines are not problems)."""
        return [f"line {e.line}: {e.error}" for e in self.entries if e.error]

    def torn_tail(self) -> bool:
        """True when only the last line is bad and it lacks a newline: a write cut short."""
        bad = [e for e in self.entries if e.error]
        return (len(bad) == 1 and not self.trailing_newline and bool(self.entries)
                and self.entries[-1] is bad[0])

    # ------------------------------------------------------------------ writing
    def dumps(self) -> bytes:
        text = "\n".join(e.dumps() for e in self.entries)
        if self.entries and self.trailing_newline:
            text += "\n"
        return text.encode("utf-8", "surrogateescape")

    def write(self, path: Path | str) -> None:
        """Write atomically; refuses to overwrite the file this transcript was read from."""
        p = Path(path)
        if self.path is not None and p.exists() and self.path.exists() and p.resolve() == self.path.resolve():
            raise InputError(f"refusing to overwrite the input transcript {p}; choose another output")
        atomic_write_bytes(p, self.dumps())

    # ------------------------------------------------------------------ views
    @property
    def records(self) -> list[dict[str, Any]]:
        return [e.data for e in self.entries if e.data is not None]

    def tokens(self) -> float:
        return sum(record_tokens(r) for r in self.visible())

    def visible(self) -> list[dict[str, Any]]:
        """Records `claude --resume` loads: the parentUuid chain ending at the last user/assistant record."""
        return [self.entries[i].data for i in self.visible_indexes()]  # type: ignore[misc]

    def visible_indexes(self) -> list[int]:
        by_uuid: dict[str, int] = {}
        for i, e in enumerate(self.entries):
            u = e.data.get("uuid") if e.data else None
            if isinstance(u, str):
                by_uuid.setdefault(u, i)
        leaf = next((i for i in range(len(self.entries) - 1, -1, -1)
                     if self.entries[i].data and self.entries[i].data.get("type") in UA), None)
        keep: list[int] = []
        seen: set[int] = set()
        i = leaf
        while i is not None and i not in seen:
            seen.add(i)
            keep.append(i)
            p = self.entries[i].data.get("parentUuid")  # type: ignore[union-attr]
            i = by_uuid.get(p) if isinstance(p, str) else None
        return sorted(keep)


# ---------------------------------------------------------------------- building output
def _stable_uuid(*parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode()).digest()
    return str(uuidlib.UUID(bytes=digest[:16], version=4))


def new_record(template: dict[str, Any], text: str, *, role: str = "user", marker: dict[str, Any],
               timestamp: str | None = None, salt: str = "") -> dict[str, Any]:
    """A fresh user/assistant text record carrying the session fields of ``template``.

    The uuid is derived from the text and ``salt`` so the same input compacts to the
    same output; ``marker`` goes under the top-level ``kairos`` key (not model-visible).
    """
    rec: dict[str, Any] = {"parentUuid": None}
    for k in ("isSidechain", "userType", "cwd", "sessionId", "version", "gitBranch"):
        if k in template:
            rec[k] = template[k]
    rec["type"] = role
    rec["message"] = {"role": role, "content": [{"type": "text", "text": text}]}
    rec["uuid"] = _stable_uuid(salt, role, text)
    rec["timestamp"] = timestamp or template.get("timestamp") or "1970-01-01T00:00:00.000Z"
    rec[KAIROS_KEY] = marker
    return rec


def relink(records: list[dict[str, Any]], first_parent: str | None) -> None:
    """Chain ``records`` in order by parentUuid; the first points at ``first_parent``."""
    prev = first_parent
    for r in records:
        r["parentUuid"] = prev
        prev = r.get("uuid") if isinstance(r.get("uuid"), str) else prev


def repair_pairing(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Make tool pairing valid as the Messages API requires, by removal only.

    Consecutive records of one role form one message. A tool_result must answer a
    tool_use of the previous assistant message, and every tool_use must be answered
    in the next user message (except in the final message, which may still be
    pending). Orphan blocks are dropped; a record left empty is dropped. Records are
    deep-copied only when changed. Non user/assistant records pass through.
    """
    out = list(records)
    for _ in range(3):  # removing a block can orphan its partner; converge quickly
        runs: list[tuple[str, list[int]]] = []
        for i, r in enumerate(out):
            t = r.get("type")
            if t not in UA:
                continue
            if runs and runs[-1][0] == t:
                runs[-1][1].append(i)
            else:
                runs.append((t, [i]))
        drop_result: dict[int, set[str]] = {}
        drop_use: dict[int, set[str]] = {}
        for k, (role, idx) in enumerate(runs):
            if role == "user":
                prev = {x for i in runs[k - 1][1] for x in tool_ids(out[i], "tool_use")} if k > 0 else set()
                for i in idx:
                    bad = {x for x in tool_ids(out[i], "tool_result") if x not in prev}
                    if bad:
                        drop_result[i] = bad
            elif k + 1 < len(runs):
                answered = {x for i in runs[k + 1][1] for x in tool_ids(out[i], "tool_result")}
                for i in idx:
                    bad = {x for x in tool_ids(out[i], "tool_use") if x not in answered}
                    if bad:
                        drop_use[i] = bad
        if not drop_result and not drop_use:
            break
        new: list[dict[str, Any]] = []
        for i, r in enumerate(out):
            if i in drop_result or i in drop_use:
                r = copy.deepcopy(r)
                gone_r, gone_u = drop_result.get(i, set()), drop_use.get(i, set())
                content = [b for b in blocks(r)
                           if not (b.get("type") == "tool_result" and b.get("tool_use_id") in gone_r)
                           and not (b.get("type") == "tool_use" and b.get("id") in gone_u)]
                if not content:
                    continue
                r["message"]["content"] = content
            new.append(r)
        out = new
    return out
