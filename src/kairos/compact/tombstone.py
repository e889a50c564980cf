"""Tombstones: compacted turns go to the journal, and `kairos expand` brings them back.

Every stretch a strategy removes from a transcript is first appended to the
journal as ``compaction`` records (type ``tombstone``), split into parts under
the journal's per-record limit. The tombstone left in the transcript names its
id and the journal range it came from. Expanding reads those parts back, in
order, and returns the original records.

Must never modify the journal beyond appending, and never drop a stretch from a
transcript without journaling it first when a journal is given. Note that the
journal redacts secrets, so expanded records carry the redacted text.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kairos.errors import NotFound
from kairos.journal import MAX_RECORD_BYTES, Journal, RecordDraft

__all__ = ["Tombstone", "expand", "store_span"]

_PART_BYTES = MAX_RECORD_BYTES * 8 // 10  # headroom for redaction markers and escaping


@dataclass(frozen=True)
class Tombstone:
    id: str
    records: int
    first_uuid: str
    last_uuid: str
    journal_first: str | None  # journal record id range (None when no journal was given)
    journal_last: str | None

    def header(self, label: str = "compacted") -> str:
        where = (f"journal {self.journal_first}..{self.journal_last}" if self.journal_first
                 else "not journaled")
        return (f"[kairos tombstone {self.id}: {self.records} {label} records, {where}; "
                f"`kairos expand {self.id}` restores them]")


def tombstone_id(records: Sequence[dict[str, Any]]) -> str:
    h = hashlib.sha256()
    for r in records:
        h.update(str(r.get("uuid", "")).encode())
        h.update(str(r.get("timestamp", "")).encode())
    return "ts-" + h.hexdigest()[:10]


def _parts(lines: list[str]) -> list[str]:
    parts: list[str] = []
    cur: list[str] = []
    size = 0
    for line in lines:
        n = len(line.encode("utf-8")) + 1
        while n > _PART_BYTES:  # one enormous record: split its line across parts
            if cur:
                parts.append("\n".join(cur))
                cur, size = [], 0
            cut = line[: _PART_BYTES // 4]
            parts.append(cut)
            line = line[len(cut):]
            n = len(line.encode("utf-8")) + 1
        if size + n > _PART_BYTES and cur:
            parts.append("\n".join(cur))
            cur, size = [], 0
        cur.append(line)
        size += n
    if cur:
        parts.append("\n".join(cur))
    return parts


def store_span(journal: Journal | None, records: Sequence[dict[str, Any]], *, strategy: str,
               label: str = "compacted") -> Tombstone:
    """Append ``records`` to the journal (if any) and return their tombstone."""
    tid = tombstone_id(records)
    first = str(records[0].get("uuid", "")) if records else ""
    last = str(records[-1].get("uuid", "")) if records else ""
    if journal is None or not records:
        return Tombstone(tid, len(records), first, last, None, None)
    lines = [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records]
    parts = _parts(lines)
    session = next((str(r["sessionId"]) for r in records if r.get("sessionId")), None)
    drafts = [RecordDraft("compaction", text, "tombstone", session, "system",
                          {"tombstone": tid, "part": i, "parts": len(parts), "strategy": strategy,
                           "label": label, "records": len(records), "first_uuid": first, "last_uuid": last})
              for i, text in enumerate(parts)]
    written = journal.append_many(drafts)
    return Tombstone(tid, len(records), first, last, written[0].id, written[-1].id)


def expand(journal: Journal, tombstone: str) -> list[dict[str, Any]]:
    """The original records behind a tombstone id, in order.

    Raises NotFound when the journal holds no such tombstone, or only some of its parts.
    """
    parts: dict[int, str] = {}
    total = None
    for rec in journal.records(kinds=["compaction"]):
        meta = rec.meta or {}
        if meta.get("tombstone") != tombstone:
            continue
        parts.setdefault(int(meta.get("part", 0)), rec.text)
        total = int(meta.get("parts", 1))
    if total is None:
        raise NotFound(f"no tombstone {tombstone!r} in this project's journal")
    if len(parts) < total:
        raise NotFound(f"tombstone {tombstone!r} is incomplete: {len(parts)} of {total} parts")
    text = "\n".join(parts[i] for i in range(total))
    out: list[dict[str, Any]] = []
    pending = ""
    for line in text.split("\n"):
        pending += line
        try:
            obj = json.loads(pending)
        except json.JSONDecodeError:
            continue  # a record split across parts: keep joining
        if isinstance(obj, dict):
            out.append(obj)
        pending = ""
    return out
