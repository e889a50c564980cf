"""The guard's memory: every decision journaled, and the approval ratchet.

Each decision becomes one ``guard-decision`` record in the project's journal
(inputs' digest, tool, findings, rule, shape). When the guard asks and the
transcript later shows that call ran (the user approved it), an approval
record is journaled and the call's shape is counted in a small derived cache
(``state/guard-approvals.json``), rebuildable from the journal.

Never stores raw tool input beyond a short, redacted preview.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from kairos.guard.findings import Decision

__all__ = ["Audit"]

_REJECTED = ("doesn't want to proceed", "tool use was rejected", "user rejected", "permission denied by user")


class Audit:
    def __init__(self, store: Any):
        self.store = store
        self.state = Path(store.state_dir)
        self._approvals_path = self.state / "guard-approvals.json"
        self._pending_path = self.state / "guard-pending.json"

    # ---- ratchet state (derived; the journal is the source of truth)
    def approvals(self) -> dict[str, Any]:
        return _load(self._approvals_path)

    def harvest(self, tool_uses: list[dict], session_id: str) -> None:
        """Turn asked-then-run calls from the transcript into approvals."""
        pending = _load(self._pending_path)
        if not pending:
            return
        done = []
        approvals = None
        for tu in tool_uses:
            tid = str(tu.get("id") or "")
            if tid not in pending or tu.get("result") is None:
                continue
            result = str(tu.get("result") or "").lower()
            entry = pending[tid]
            done.append(tid)
            if any(r in result[:400] for r in _REJECTED):
                continue
            approvals = approvals if approvals is not None else self.approvals()
            a = approvals.setdefault(entry["shape"], {"count": 0, "records": []})
            a["count"] += 1
            a["records"] = (a["records"] + [entry.get("record")])[-5:]
            self.store.journal.append("guard-decision", f"approved by the user: {entry.get('summary', '')}",
                                      session=session_id or None, provenance="user",
                                      meta={"event": "approval", "shape": entry["shape"],
                                            "decision_id": entry.get("record"), "tool_use_id": tid})
        if done:
            for tid in done:
                pending.pop(tid, None)
            _save(self._pending_path, pending)
            if approvals is not None:
                _save(self._approvals_path, approvals)

    def record(self, decision: Decision, call: Any, *, inputs_digest: str, preview: str, ms: float) -> str:
        meta = {"event": "decision", "decision": decision.decision, "tool": call.tool, "rule": decision.rule,
                "stage": decision.stage, "digest": inputs_digest, "shape": decision.shape,
                "tool_use_id": call.tool_use_id, "findings": [f.to_dict() for f in decision.findings][:20],
                "reason": decision.reason[:500], "ms": round(ms, 1), "preview": preview[:300]}
        text = f"{decision.decision.upper()} {call.tool}: {preview[:160]} -- {decision.reason[:200]}"
        rec = self.store.journal.append("guard-decision", text, session=call.session_id or None,
                                        provenance="system", meta=meta)
        if decision.decision == "ask" and decision.shape and call.tool_use_id:
            pending = _load(self._pending_path)
            pending[call.tool_use_id] = {"shape": decision.shape, "record": rec.id, "summary": preview[:120]}
            if len(pending) > 500:
                for k in list(pending)[:-500]:
                    pending.pop(k)
            _save(self._pending_path, pending)
        return rec.id

    # ---- reading back
    def decisions(self, limit: int = 50) -> list[Any]:
        out = [r for r in self.store.journal.records(kinds=["guard-decision"])]
        return out[-limit:]

    def get(self, record_id: str) -> Any:
        return self.store.journal.get(record_id)


def _load(p: Path) -> dict[str, Any]:
    try:
        data = json.loads(p.read_text())
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _save(p: Path, data: dict[str, Any]) -> None:
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True))
    os.replace(tmp, p)
