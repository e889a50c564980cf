"""Hybrid logical clock and record ids.

An id is ``<12 hex ms><4 hex counter>-<device>``: it sorts by time across
devices, and the counter keeps it unique and monotonic within a device even
when the wall clock stalls or steps back.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import datetime, timezone

__all__ = ["Stamp", "format_id", "next_stamp", "parse_id", "stamp_to_iso"]

_ID = re.compile(r"^([0-9a-f]{12})([0-9a-f]{4})-([a-z0-9][a-z0-9\-]{0,63})$")


@dataclass(frozen=True, order=True)
class Stamp:
    ms: int
    counter: int


def next_stamp(last: Stamp | None, now_ms: int | None = None) -> Stamp:
    """The HLC step: wall time if it moved forward, else the last stamp's counter plus one."""
    now = int(time.time() * 1000) if now_ms is None else now_ms
    if last is None or now > last.ms:
        return Stamp(now, 0)
    if last.counter >= 0xFFFF:
        return Stamp(last.ms + 1, 0)
    return Stamp(last.ms, last.counter + 1)


def format_id(stamp: Stamp, device: str) -> str:
    return f"{stamp.ms:012x}{stamp.counter:04x}-{device}"


def parse_id(record_id: str) -> tuple[Stamp, str] | None:
    m = _ID.match(record_id)
    if not m:
        return None
    return Stamp(int(m.group(1), 16), int(m.group(2), 16)), m.group(3)


def stamp_to_iso(stamp: Stamp) -> str:
    dt = datetime.fromtimestamp(stamp.ms / 1000, tz=timezone.utc)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{stamp.ms % 1000:03d}Z"
