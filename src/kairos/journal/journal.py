"""The append-only journal: daily Markdown segments per device, hash-chained.

Layout under the journal root::

    logs/YYYY/MM/YYYY-MM-DD.<device>.md     the segments (only ever appended to)
    logs/.state/<device>.lock               flock serialising this device's writers
    logs/.state/<device>.json               HLC and the tail of the newest segment
    logs/YYYY/MM/<segment>.torn-<ms>         bytes removed from a damaged tail, kept

What this module must never do: rewrite or delete a byte of a record that was
whole on disk. The only mutation besides appending is moving a torn tail (an
incomplete last record, or junk after the last whole record) aside into a
``.torn-*`` file next to the segment, on open, under the writer lock.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import heapq
import json
import os
import re
import socket
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kairos.errors import DiskFullError, InputError, JournalError, NotFound, StoreError
from kairos.journal.hlc import Stamp, format_id, next_stamp, parse_id, stamp_to_iso
from kairos.journal.record import (
    KINDS,
    MARK,
    PROVENANCES,
    DecodeError,
    Record,
    RecordDraft,
    decode_record,
    decode_tolerant,
    encode_record,
)
from kairos.journal.redact import redact

__all__ = ["Journal", "Problem", "VerifyReport", "default_device", "MAX_RECORD_BYTES"]

MAX_RECORD_BYTES = 1_000_000
_SEGMENT = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\.([a-z0-9][a-z0-9\-]{0,63})\.md$")
_DEVICE_OK = re.compile(r"^[a-z0-9][a-z0-9\-]{0,63}$")


def default_device() -> str:
    """``$KAIROS_DEVICE`` or the host name, reduced to ``[a-z0-9-]``."""
    raw = os.environ.get("KAIROS_DEVICE") or socket.gethostname() or "device"
    name = re.sub(r"[^a-z0-9\-]+", "-", raw.lower()).strip("-")[:64]
    return name or "device"


def _genesis(segment_name: str) -> str:
    return hashlib.sha256(f"kairos-genesis:{segment_name}".encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Problem:
    segment: str
    offset: int
    kind: str  # edited | gap | truncated | torn | unparsable | order | quarantined
    record_id: str | None
    message: str


@dataclass
class VerifyReport:
    segments: int = 0
    records: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class Journal:
    """One journal root. Safe to use from many processes at once."""

    def __init__(self, root: Path, device: str | None = None, *, fsync: bool = True):
        self.root = Path(root)
        self.logs = self.root / "logs"
        self.device = device or default_device()
        if not _DEVICE_OK.match(self.device):
            raise InputError(f"device name {self.device!r} must match [a-z0-9-] (max 64)")
        self.fsync = fsync
        self._state_dir = self.logs / ".state"

    # ------------------------------------------------------------------ writing
    def append(self, kind: str, text: str, *, type: str | None = None, session: str | None = None,
               provenance: str = "agent", meta: dict[str, Any] | None = None) -> Record:
        """Append one record durably (fsync unless the journal was opened with fsync=False)."""
        return self.append_many([RecordDraft(kind, text, type, session, provenance, meta or {})])[0]

    def append_many(self, drafts: Iterable[RecordDraft]) -> list[Record]:
        """Append records in one write and one fsync per segment touched (batch mode)."""
        prepared = [self._check(d) for d in drafts]
        if not prepared:
            return []
        out: list[Record] = []
        with self._locked() as state:
            last = Stamp(state["ms"], state["c"]) if "ms" in state else None
            pending: dict[Path, list[bytes]] = {}
            tails: dict[Path, tuple[str, int]] = {}
            for draft, text, redacted in prepared:
                stamp = next_stamp(last)
                last = stamp
                iso = stamp_to_iso(stamp)
                seg = self._segment_path(iso[:10])
                if seg not in tails:
                    tails[seg] = self._open_tail(seg, state)
                prev, _ = tails[seg]
                meta = dict(draft.meta)
                if redacted:
                    meta["redacted"] = redacted
                rec = Record(id=format_id(stamp, self.device), time=iso, kind=draft.kind,
                             text=text, device=self.device, provenance=draft.provenance,
                             type=draft.type, session=draft.session, meta=meta, prev=prev)
                data, h = encode_record(rec)
                pending.setdefault(seg, []).append(data)
                tails[seg] = (h, tails[seg][1] + len(data))
                out.append(Record(**{**rec.__dict__, "hash": h}))
            for seg, chunks in pending.items():
                self._write(seg, b"".join(chunks))
            newest = max(pending, key=lambda p: p.name)
            state.update(ms=last.ms, c=last.counter, seg=self._rel(newest),
                         h=tails[newest][0], size=tails[newest][1], last=out[-1].id)
            self._save_state(state)
        return out

    def _check(self, d: RecordDraft) -> tuple[RecordDraft, str, list[str]]:
        if d.kind not in KINDS and not d.kind.startswith("x-"):
            raise InputError(f"unknown record kind {d.kind!r}; known: {', '.join(sorted(KINDS))}")
        if d.provenance not in PROVENANCES:
            raise InputError(f"unknown provenance {d.provenance!r}; known: {', '.join(sorted(PROVENANCES))}")
        if not isinstance(d.text, str):
            raise InputError("record text must be a string")
        size = len(d.text.encode("utf-8", "surrogatepass"))
        if size > MAX_RECORD_BYTES:
            raise InputError(
                f"text is {size / 1e6:.1f} MB; one record holds at most {MAX_RECORD_BYTES // 1000} KB "
                "(store the content as a file and remember a reference to it)")
        try:
            d.text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise InputError("text is not valid Unicode (lone surrogates)") from exc
        text, found = redact(d.text)
        meta_text = json.dumps(d.meta, ensure_ascii=False)
        clean_meta, meta_found = redact(meta_text)
        if meta_found:
            d = RecordDraft(d.kind, d.text, d.type, d.session, d.provenance, json.loads(clean_meta))
        return d, text, sorted(set(found) | set(meta_found))

    def _segment_path(self, date: str) -> Path:
        y, m, _ = date.split("-")
        return self.logs / y / m / f"{date}.{self.device}.md"

    def _rel(self, p: Path) -> str:
        return p.relative_to(self.logs).as_posix()

    @contextmanager
    def _locked(self) -> Iterator[dict[str, Any]]:
        try:
            self._state_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(self._state_dir / f"{self.device}.lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"cannot open journal at {self.logs}: {exc.strerror or exc}") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield self._load_state()
        finally:
            os.close(fd)  # closing releases the flock

    def _load_state(self) -> dict[str, Any]:
        try:
            return json.loads((self._state_dir / f"{self.device}.json").read_bytes().rstrip(b" \n"))
        except (OSError, ValueError):
            return {}

    def _save_state(self, state: dict[str, Any]) -> None:
        # Overwritten in place, not fsynced, not renamed: it is a cache that every writer checks
        # against the segment (size and hash); a torn or stale state only costs a tail scan.
        data = json.dumps(state).encode().ljust(512) + b"\n"
        fd = os.open(self._state_dir / f"{self.device}.json", os.O_WRONLY | os.O_CREAT, 0o644)
        try:
            os.pwrite(fd, data, 0)
            os.ftruncate(fd, len(data))
        finally:
            os.close(fd)

    def _open_tail(self, seg: Path, state: dict[str, Any]) -> tuple[str, int]:
        """Return (hash of the last whole record, file size), repairing a torn tail first."""
        try:
            size = seg.stat().st_size
        except FileNotFoundError:
            return _genesis(seg.name), 0
        if state.get("seg") == self._rel(seg) and state.get("size") == size and state.get("h"):
            return state["h"], size
        last_hash, good_end = self._scan_tail(seg)
        if good_end < size:
            self._quarantine(seg, good_end)
            size = good_end
        return last_hash, size

    def _scan_tail(self, seg: Path) -> tuple[str, int]:
        """Find the last whole record from the end of ``seg``: (its hash, the offset after it)."""
        data = seg.read_bytes()
        end = len(data)
        pos = end
        while True:
            pos = data.rfind(b"\n" + MARK, 0, pos)
            start = pos + 1 if pos >= 0 else (0 if data.startswith(MARK) else -1)
            if start < 0:
                # No record at all: everything after the segment header line(s) is a torn tail.
                header_end = data.find(b"\n\n")
                cut = header_end + 2 if header_end >= 0 and data.startswith(b"# ") else 0
                return _genesis(seg.name), cut
            try:
                rec, rec_end, _ = decode_record(data, start)
                return rec.hash, rec_end
            except DecodeError:
                with contextlib.suppress(DecodeError):
                    rec, rec_end = decode_tolerant(data, start)
                    return rec.hash, rec_end
                if pos < 0:
                    return _genesis(seg.name), 0
                continue

    def _quarantine(self, seg: Path, good_end: int) -> None:
        with open(seg, "rb+") as fh:
            fh.seek(good_end)
            tail = fh.read()
            if not tail:
                return
            side = seg.with_name(f"{seg.name}.torn-{int(time.time() * 1000)}")
            side.write_bytes(tail)
            os.fsync(os.open(side, os.O_RDONLY)) if self.fsync else None
            fh.truncate(good_end)
            fh.flush()
            os.fsync(fh.fileno())

    def _write(self, seg: Path, data: bytes) -> None:
        seg.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(seg, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"cannot open {seg}: {exc.strerror or exc}") from exc
        try:
            start = os.fstat(fd).st_size
            if start == 0:
                date, device = seg.name[:10], self.device
                data = f"# kairos journal · {date} · {device}\n\n".encode() + data
            view = memoryview(data)
            try:
                while view:
                    n = os.write(fd, view)
                    view = view[n:]
                if self.fsync:
                    os.fsync(fd)
            except OSError as exc:
                os.ftruncate(fd, start)  # never leave half a record behind
                if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                    raise DiskFullError(f"disk full: the record was not written to {seg}; "
                                        "earlier records are intact") from exc
                raise JournalError(f"write to {seg} failed: {exc.strerror or exc}") from exc
        finally:
            os.close(fd)

    # ------------------------------------------------------------------ reading
    def segments(self) -> list[Path]:
        """All segment files, oldest day first (devices in name order within a day)."""
        if not self.logs.is_dir():
            return []
        found = [p for p in self.logs.glob("*/*/*.md") if _SEGMENT.match(p.name)]
        return sorted(found, key=lambda p: p.name)

    def read_segment(self, seg: Path, start: int = 0) -> Iterator[tuple[int, Record]]:
        """Yield (offset, record) for each whole record from ``start``; skips damaged bytes."""
        for pos, _, rec in self.scan(seg, start):
            yield pos, rec

    def scan(self, seg: Path, start: int = 0) -> Iterator[tuple[int, int, Record]]:
        """Yield (offset, end offset, record) for each whole record from ``start``."""
        data = seg.read_bytes()
        pos = start if start else self._first_record(data)
        while 0 <= pos < len(data):
            try:
                rec, end, _ = decode_record(data, pos)
            except DecodeError:
                try:
                    rec, end = decode_tolerant(data, pos)  # edited by hand: still readable
                except DecodeError:
                    pos = self._resync(data, pos)
                    continue
            yield pos, end, rec
            pos = end

    @staticmethod
    def _first_record(data: bytes) -> int:
        if data.startswith(MARK):
            return 0
        i = data.find(b"\n" + MARK)
        return i + 1 if i >= 0 else len(data)

    @staticmethod
    def _resync(data: bytes, pos: int) -> int:
        i = data.find(b"\n" + MARK, pos + 1)
        return i + 1 if i >= 0 else len(data)

    def records(self, kinds: Iterable[str] | None = None) -> Iterator[Record]:
        """Every record, in id order across devices (day by day, merged)."""
        wanted = set(kinds) if kinds else None
        by_day: dict[str, list[Path]] = {}
        for seg in self.segments():
            by_day.setdefault(seg.name[:10], []).append(seg)
        for day in sorted(by_day):
            streams = [(r for _, r in self.read_segment(s)) for s in by_day[day]]
            for rec in heapq.merge(*streams, key=lambda r: r.id):
                if wanted is None or rec.kind in wanted:
                    yield rec

    def get(self, record_id: str) -> Record:
        """Find one record by id (a scan of its day's segment)."""
        parsed = parse_id(record_id)
        if parsed is None:
            raise NotFound(f"{record_id!r} is not a journal record id")
        stamp, device = parsed
        date = stamp_to_iso(stamp)[:10]
        y, m, _ = date.split("-")
        seg = self.logs / y / m / f"{date}.{device}.md"
        if seg.exists():
            for _, rec in self.read_segment(seg):
                if rec.id == record_id:
                    return rec
        raise NotFound(f"no journal record {record_id}")

    # ------------------------------------------------------------------ checking
    def verify(self) -> VerifyReport:
        """Check every segment's chain; name the exact record where damage starts."""
        report = VerifyReport()
        states = self._all_states()
        for seg in self.segments():
            report.segments += 1
            self._verify_segment(seg, report, states.get(self._rel(seg)))
            for side in sorted(seg.parent.glob(seg.name + ".torn-*")):
                report.problems.append(Problem(self._rel(seg), 0, "quarantined", None,
                    f"a damaged tail was moved aside to {side.name} (kept for inspection)"))
        return report

    def _all_states(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        if self._state_dir.is_dir():
            for p in self._state_dir.glob("*.json"):
                try:
                    st = json.loads(p.read_text())
                except (OSError, ValueError):
                    continue
                if st.get("seg"):
                    out[st["seg"]] = st
        return out

    def _verify_segment(self, seg: Path, report: VerifyReport, state: dict[str, Any] | None) -> None:
        rel = self._rel(seg)
        data = seg.read_bytes()
        prev = _genesis(seg.name)
        last_id: str | None = None
        pos = self._first_record(data)
        if pos > 0 and not data.startswith(b"# kairos journal"):
            report.problems.append(Problem(rel, 0, "edited", None, "segment header was changed"))
        seen_ids: set[str] = set()
        while pos < len(data):
            try:
                rec, end, valid = decode_record(data, pos)
            except DecodeError as first:
                try:
                    rec, end = decode_tolerant(data, pos)
                    valid = False
                except DecodeError as exc:
                    rec, err = None, exc if exc.torn else first
            if rec is None:
                after = f"after record {last_id}" if last_id else "at the start of the segment"
                kind = "torn" if err.torn else "unparsable"
                what = "last record is cut off (truncated)" if err.torn else f"damaged bytes ({err})"
                report.problems.append(Problem(rel, pos, kind, None, f"{what} at byte {pos}, {after}"))
                pos = self._resync(data, pos)
                continue
            report.records += 1
            if not valid:
                report.problems.append(Problem(rel, pos, "edited", rec.id,
                    f"record {rec.id} was edited after it was written"))
            if rec.prev != prev:
                where = f"between {last_id} and {rec.id}" if last_id else f"before {rec.id}"
                report.problems.append(Problem(rel, pos, "gap", rec.id,
                    f"chain broken {where}: a record was removed, inserted or reordered"))
            if last_id is not None and rec.id <= last_id:
                report.problems.append(Problem(rel, pos, "order", rec.id,
                    f"record {rec.id} is out of order after {last_id}"))
            seen_ids.add(rec.id)
            prev, last_id = rec.hash, rec.id
            pos = end
        if state and state.get("last") and state["last"] not in seen_ids and state.get("size", 0) > len(data):
            report.problems.append(Problem(rel, len(data), "truncated", last_id,
                f"segment truncated: it ends at {last_id or 'its header'} but {state['last']} "
                f"was written after it ({state['size'] - len(data)} bytes missing)"))

    def repair(self) -> list[str]:
        """Move torn tails aside on every segment of this device; returns what was repaired."""
        repaired = []
        with self._locked():
            for seg in self.segments():
                if not seg.name.endswith(f".{self.device}.md"):
                    continue
                _, good_end = self._scan_tail(seg)
                if good_end < seg.stat().st_size:
                    self._quarantine(seg, good_end)
                    repaired.append(self._rel(seg))
        return repaired
