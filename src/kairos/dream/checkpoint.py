"""The fold checkpoint: the consolidated state after the last dream, so the next one folds only
newer records.

``state/dream-fold.json`` holds the fold state before decay and anchors (those depend on the
clock and the code, so they are recomputed each run), the newest record id folded, and a digest
of the set of record ids folded. A dream resumes from it only when the records at or below that
id are exactly the ones it folded; anything else — a device's older records arriving late, a
damaged or edited record dropping out, a changed fold version — means a full recompute, which
gives the same memory because the fold is a pure function of the records in id order.

Written atomically, last, after the journal and the files: a dream killed before that leaves the
previous checkpoint, and the next run recomputes the same plan from it.

What this module must never do: decide anything about memories; it only saves and restores.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, fields
from typing import Any

from kairos.dream.consolidate import Fold, Slot, _Folder
from kairos.errors import StoreError
from kairos.fsutil import atomic_write_text
from kairos.journal import Record
from kairos.store import Store

__all__ = ["FOLD_VERSION", "ids_digest", "load_fold", "restore", "save_fold", "split_for_resume", "state_of"]

FOLD_VERSION = 6  # bump whenever the fold's rules change: an old checkpoint is then ignored
_SET_FIELDS = ("rejects", "core")


def _path(store: Store):  # noqa: ANN202 - a Path
    return store.state_dir / "dream-fold.json"


def ids_digest(ids: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(sorted(set(ids))).encode()).hexdigest()


def state_of(folder: _Folder, last: str, digest: str, count: int) -> dict[str, Any]:
    f = folder.f
    slots = []
    for slot in f.slots.values():
        d = asdict(slot)
        for k in _SET_FIELDS:
            d[k] = sorted(d[k])
        slots.append(d)
    return {
        "version": FOLD_VERSION, "last": last, "digest": digest, "count": count,
        "slots": slots, "names": folder.names, "source_to_slot": folder.source_to_slot,
        "hypotheses": [[sorted(t), r.id, r.time, r.device, r.provenance, text]
                       for t, r, text in folder.hypotheses],
        "value_words": sorted(folder.value_words), "subject_words": sorted(folder.subject_words),
        "frame_words": sorted(folder.frame_words),
        "counters": {"observations": f.observations, "untrusted_held": f.untrusted_held,
                     "hypotheses_held": f.hypotheses_held, "rejected": f.rejected},
    }


def restore(data: dict[str, Any]) -> _Folder:
    folder = _Folder(None)
    known = {fl.name for fl in fields(Slot)}
    fold = Fold()
    for d in data["slots"]:
        d = {k: v for k, v in d.items() if k in known}
        for k in _SET_FIELDS:
            d[k] = frozenset(d.get(k, ()))
        slot = Slot(**d)
        fold.slots[slot.key] = slot
    for k, v in data["counters"].items():
        setattr(fold, k, int(v))
    folder.f = fold
    folder.names = dict(data["names"])
    folder.source_to_slot = dict(data["source_to_slot"])
    folder.value_words = set(data["value_words"])
    folder.subject_words = set(data["subject_words"])
    folder.frame_words = set(data["frame_words"])
    folder.hypotheses = [(frozenset(t), Record(id=i, time=tm, kind="observation", text=text,
                                               device=dev, provenance=prov), text)
                         for t, i, tm, dev, prov, text in data["hypotheses"]]
    for slot in sorted(fold.slots.values(), key=lambda s: s.key):
        if slot.status == "active":
            folder._index(slot)
            if slot.rejects:
                folder._set_rejects(slot, slot.rejects)
    return folder


def load_fold(store: Store) -> dict[str, Any] | None:
    try:
        data = json.loads(_path(store).read_text())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("version") == FOLD_VERSION else None


def save_fold(store: Store, state: dict[str, Any]) -> None:
    try:
        atomic_write_text(_path(store), json.dumps(state, separators=(",", ":"), sort_keys=True))
    except StoreError:
        pass  # the next dream recomputes from the whole journal; nothing is lost


def split_for_resume(state: dict[str, Any] | None, records: list[Record]
                     ) -> tuple[_Folder | None, list[Record]]:
    """(restored folder, records newer than it) when resuming is exact; else (None, all)."""
    if state is None:
        return None, records
    last = str(state.get("last", ""))
    old_ids = [r.id for r in records if r.id <= last]
    if len(set(old_ids)) != state.get("count") or ids_digest(old_ids) != state.get("digest"):
        return None, records  # late arrivals below the checkpoint, or records gone: recompute
    try:
        folder = restore(state)
    except (KeyError, TypeError, ValueError):
        return None, records
    return folder, [r for r in records if r.id > last]
