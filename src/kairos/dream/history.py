"""How a memory came to be: its statements over time and the consolidations that shaped it.

Read-only: recomputes the fold over the journals and lists, for one memory name,
its current statement, every statement it superseded with its validity interval
and reason, and the consolidation records journaled about it.
"""

from __future__ import annotations

from typing import Any

from kairos.dream.consolidate import fold
from kairos.dream.run import read_records
from kairos.errors import NotFound
from kairos.journal import Record
from kairos.store import Store

__all__ = ["memory_history"]


def memory_history(store: Store, name: str) -> dict[str, Any]:
    """The history of memory ``name``; NotFound when no memory by that name ever existed."""
    skipped: list[str] = []
    records: list[Record] = []
    for journal in store.journals():
        records.extend(read_records(journal, skipped))
    folded = fold([r for r in records if r.kind != "consolidation"],
                  project_root=store.project.root)
    slot = folded.by_name(name)
    consolidations = [r for r in records if r.kind == "consolidation" and isinstance(r.meta, dict)
                      and r.meta.get("name") == name]
    if slot is None and not consolidations:
        raise NotFound(f"no memory named {name!r} in this project's or the user's journal")
    by_id = {r.id: r for r in records}
    out: dict[str, Any] = {"name": name, "skipped": skipped}
    if slot is not None:
        out.update({
            "status": slot.status, "retired_reason": slot.retired_reason or None,
            "type": slot.type, "scope": slot.scope, "current": slot.text,
            "valid_from": slot.valid_from, "confirmations": slot.confirmations, "uses": slot.uses,
            "sources": [{"id": s, "time": by_id[s].time if s in by_id else None,
                         "provenance": by_id[s].provenance if s in by_id else None}
                        for s in slot.sources],
            "superseded": list(slot.history),
        })
    out["consolidations"] = [{"id": r.id, "time": r.time, "action": r.meta.get("action"),
                              "reason": r.meta.get("reason"), "rests_on": r.meta.get("rests_on", [])}
                             for r in consolidations]
    return out
