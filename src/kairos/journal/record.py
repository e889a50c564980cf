"""Journal records and their on-disk form.

One record on disk is a machine line followed by a human part::

    <!-- kairos {"id": ..., "t": ..., "kind": ..., "len": 123, "prev": ..., "h": ...} -->
    ### 2026-11-22 19:30:01Z · memory · project · user
    the text, verbatim
    <blank line>

``len`` is the byte length of the human part, so the file parses back exactly
whatever the text holds. A body line that begins with ``<!-- kairos `` (after
any backslashes) gets one more leading backslash on disk, so a machine line can
only ever start a record: parsing and resynchronising after damage stay exact.
``h`` chains each record to the previous one in its segment (``prev``).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "KINDS",
    "MARK",
    "PROVENANCES",
    "Record",
    "RecordDraft",
    "compute_hash",
    "decode_record",
    "decode_tolerant",
    "encode_record",
]

MARK = b"<!-- kairos "
_END = b" -->\n"

KINDS = frozenset({
    "observation",     # something seen: a turn, a tool call and its outcome, an import
    "memory",          # an explicit remember
    "correction",      # a user correction superseding a fact
    "session-note",    # per-session summary: goal, decisions, open threads, files, outcomes
    "consolidation",   # what dream decided and why
    "forget",          # a tombstone; never a deletion
    "guard-decision",  # allow / ask / deny with reasons
    "lodestone",       # multi-agent coordination event
    "compaction",      # a compaction round and its tombstones
    "recall-use",      # memories that were served (strengthens them)
})

PROVENANCES = frozenset({"user", "agent", "tool", "imported", "system"})

_ESCAPED = re.compile(rb"^(\\*)<!-- kairos ", re.M)


def _escape(body: bytes) -> bytes:
    return _ESCAPED.sub(lambda m: b"\\" + m.group(0), body)


_UNESCAPE = re.compile(rb"^\\(\\*<!-- kairos )", re.M)


def _unescape(body: bytes) -> bytes:
    return _UNESCAPE.sub(lambda m: m.group(1), body)


@dataclass(frozen=True)
class RecordDraft:
    """What a caller asks to append; the journal assigns id, time and chain."""

    kind: str
    text: str
    type: str | None = None
    session: str | None = None
    provenance: str = "agent"
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Record:
    id: str
    time: str  # ISO-8601 UTC with milliseconds
    kind: str
    text: str
    device: str
    provenance: str
    type: str | None = None
    session: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    prev: str = ""
    hash: str = ""

    def header_fields(self) -> dict[str, Any]:
        """The machine-line fields except ``len`` and ``h`` (those depend on the rest)."""
        d: dict[str, Any] = {"id": self.id, "t": self.time, "kind": self.kind}
        if self.type is not None:
            d["type"] = self.type
        if self.session is not None:
            d["session"] = self.session
        d["device"] = self.device
        d["prov"] = self.provenance
        if self.meta:
            d["meta"] = self.meta
        d["prev"] = self.prev
        return d

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "time": self.time, "kind": self.kind, "type": self.type,
            "session": self.session, "device": self.device, "provenance": self.provenance,
            "meta": self.meta, "text": self.text, "prev": self.prev, "hash": self.hash,
        }


def _human(rec: Record) -> bytes:
    date, _, clock = rec.time.partition("T")
    parts = [rec.kind]
    if rec.type:
        parts.append(rec.type)
    parts.append(rec.provenance)
    header = f"### {date} {clock[:8]}Z · " + " · ".join(parts) + "\n"
    return header.encode() + _escape(rec.text.encode("utf-8")) + b"\n\n"


def _canonical(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def compute_hash(fields: dict[str, Any], human: bytes) -> str:
    """Chain hash over the machine fields (incl. ``prev`` and ``len``) and the human part."""
    return hashlib.sha256(_canonical(fields) + b"\n" + human).hexdigest()[:32]


def encode_record(rec: Record) -> tuple[bytes, str]:
    """Serialise ``rec`` (its ``prev`` set); returns the bytes and the record's hash."""
    human = _human(rec)
    fields = rec.header_fields()
    fields["len"] = len(human)
    h = compute_hash(fields, human)
    fields["h"] = h
    line = MARK + json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode() + _END
    return line + human, h


class DecodeError(ValueError):
    """The bytes at an offset are not a whole, well-formed record."""

    def __init__(self, message: str, torn: bool = False):
        super().__init__(message)
        self.torn = torn


def _machine_line(buf: bytes, offset: int) -> tuple[dict[str, Any], int]:
    """The JSON fields of the machine line at ``offset`` and the offset of its newline."""
    if not buf.startswith(MARK, offset):
        raise DecodeError("no record marker")
    eol = buf.find(b"\n", offset)
    if eol < 0:
        raise DecodeError("machine line cut off", torn=True)
    line = buf[offset:eol + 1]
    if not line.endswith(_END):
        raise DecodeError("machine line malformed")
    try:
        fields = json.loads(line[len(MARK):-len(_END)])
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DecodeError(f"machine line is not JSON: {exc}") from exc
    if not isinstance(fields, dict) or "id" not in fields:
        raise DecodeError("machine line lacks fields")
    return fields, eol


def _record(fields: dict[str, Any], text: str, *, strict: bool) -> Record:
    """A Record from machine-line fields; lenient reading fills what an edit broke."""
    try:
        if strict:
            return Record(id=fields["id"], time=fields["t"], kind=fields["kind"], text=text,
                          device=fields["device"], provenance=fields["prov"], type=fields.get("type"),
                          session=fields.get("session"), meta=fields.get("meta") or {},
                          prev=fields.get("prev", ""), hash=fields.get("h", ""))
        return Record(id=str(fields["id"]), time=str(fields.get("t", "")),
                      kind=str(fields.get("kind", "observation")), text=text,
                      device=str(fields.get("device", "")), provenance=str(fields.get("prov", "agent")),
                      type=fields.get("type"), session=fields.get("session"), meta=fields.get("meta") or {},
                      prev=str(fields.get("prev", "")), hash=str(fields.get("h", "")))
    except (KeyError, TypeError, ValueError) as exc:
        raise DecodeError(f"record fields unreadable: {exc}") from exc


def decode_record(buf: bytes, offset: int) -> tuple[Record, int, bool]:
    """Parse the record starting at ``offset``; return it, the next offset, and hash validity.

    Raises DecodeError(torn=True) when the buffer ends inside the record.
    """
    fields, eol = _machine_line(buf, offset)
    if not isinstance(fields.get("len"), int):
        raise DecodeError("machine line lacks its length")
    start = eol + 1
    end = start + fields["len"]
    if end > len(buf):
        raise DecodeError("record cut off before its end", torn=True)
    human = buf[start:end]
    if not human.endswith(b"\n\n"):
        raise DecodeError("record body does not end where its length says")
    nl = human.find(b"\n")
    try:
        text = _unescape(human[nl + 1:-2]).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DecodeError(f"record text unreadable: {exc}") from exc
    rec = _record(fields, text, strict=True)
    check = {k: v for k, v in fields.items() if k != "h"}
    valid = compute_hash(check, human) == rec.hash and _human(rec) == human
    return rec, end, valid


def decode_tolerant(buf: bytes, offset: int) -> tuple[Record, int]:
    """Read a record whose machine line is intact but whose body was edited (its length is wrong).

    The body runs to the next record marker (body lines never start with one) or
    to the end of the buffer. The record is returned for reading and naming; its
    hash will not verify. Raises DecodeError when even the machine line is gone,
    or (torn=True) when the record is cut off mid-body at the end of the buffer.
    """
    fields, eol = _machine_line(buf, offset)
    nxt = buf.find(b"\n" + MARK, eol)
    end = nxt + 1 if nxt >= 0 else len(buf)
    human = buf[eol + 1:end]
    if nxt < 0 and not human.endswith(b"\n"):
        raise DecodeError("record cut off before its end", torn=True)
    nl = human.find(b"\n")
    body = human[nl + 1:] if nl >= 0 else b""
    for _ in range(2):
        body = body[:-1] if body.endswith(b"\n") else body
    return _record(fields, _unescape(body).decode("utf-8", "replace"), strict=False), end
