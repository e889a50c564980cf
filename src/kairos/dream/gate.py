"""The dream gate and checkpoint: when is it worth dreaming, and what was dreamed already.

The gate opens when both hold (``[dream]`` in config.toml):

    min_hours    = 24   # since the last dream
    min_sessions = 5    # distinct sessions with records newer than the checkpoint

The checkpoint (``state/dream.json`` in the project's private dir) holds the
time of the last dream and, per journal and device, the newest record id it
consolidated. Checking the gate reads only segments dated on or after the last
dream, so it is cheap enough for a Stop or SessionEnd hook.

What this module must never do: consolidate anything; it only decides and remembers.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from kairos.errors import StoreError
from kairos.fsutil import atomic_write_text
from kairos.journal import Journal, Record
from kairos.store import Store

__all__ = ["DEFAULTS", "GateStatus", "gate_status", "load_checkpoint", "save_checkpoint"]

DEFAULTS = {"min_hours": 24.0, "min_sessions": 5}


def _path(store: Store):  # noqa: ANN202 - a Path
    return store.state_dir / "dream.json"


def load_checkpoint(store: Store) -> dict[str, Any]:
    try:
        data = json.loads(_path(store).read_text())
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def save_checkpoint(store: Store, records: Iterable[Record], now: datetime | None = None) -> None:
    """Remember when this dream ran and the newest record it saw on each journal and device."""
    high: dict[str, str] = {}
    for rec in records:
        if rec.device == "dry-run":
            continue
        if rec.id > high.get(rec.device, ""):
            high[rec.device] = rec.id
    now = now or datetime.now(timezone.utc)
    data = {"last_dream": now.isoformat(timespec="seconds"), "high_water": high}
    try:
        atomic_write_text(_path(store), json.dumps(data, indent=1, sort_keys=True))
    except StoreError:
        pass  # the gate will simply open again; nothing consolidated is lost


@dataclass(frozen=True)
class GateStatus:
    open: bool
    hours_since: float | None  # None: never dreamed
    new_sessions: int
    min_hours: float
    min_sessions: int

    def reason(self) -> str:
        since = "never dreamed" if self.hours_since is None else f"{self.hours_since:.1f} h since the last dream"
        state = "open" if self.open else "closed"
        return (f"gate {state}: {since} (need {self.min_hours:g} h), {self.new_sessions} sessions "
                f"with new records (need {self.min_sessions})")


def _new_sessions(journals: list[Journal], high: dict[str, str], since_day: str, enough: int) -> int:
    sessions: set[str] = set()
    for journal in journals:
        for seg in journal.segments():
            if seg.name[:10] < since_day:
                continue
            device = seg.name[11:-3]
            mark = high.get(device, "")
            for _, rec in journal.read_segment(seg):
                if rec.id <= mark or rec.kind in ("consolidation", "recall-use"):
                    continue
                sessions.add(rec.session or f"(no session) {rec.time[:10]}")
                if len(sessions) >= enough:
                    return len(sessions)
    return len(sessions)


def gate_status(store: Store, config: dict[str, Any] | None = None,
                now: datetime | None = None) -> GateStatus:
    cfg = {**DEFAULTS, **dict((config or {}).get("dream", {}))}
    min_hours, min_sessions = float(cfg["min_hours"]), int(cfg["min_sessions"])
    cp = load_checkpoint(store)
    now = now or datetime.now(timezone.utc)
    hours: float | None = None
    since_day = ""
    if cp.get("last_dream"):
        try:
            last = datetime.fromisoformat(cp["last_dream"])
            hours = (now - last).total_seconds() / 3600.0
            since_day = last.date().isoformat()
        except ValueError:
            hours = None
    high = cp.get("high_water") if isinstance(cp.get("high_water"), dict) else {}
    sessions = _new_sessions(store.journals(), high, since_day, max(1, min_sessions))
    is_open = (hours is None or hours >= min_hours) and sessions >= min_sessions
    return GateStatus(is_open, hours, sessions, min_hours, min_sessions)
