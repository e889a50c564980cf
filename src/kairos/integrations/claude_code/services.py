"""Calls into the services other parts of kairos own (dream, compact), each guarded.

The hook must work whether or not a service has landed and whatever it raises:
each function here returns a neutral value when the service is missing, and
lets real errors propagate to the hook's one fail-open wrapper. Nothing here
decides policy; it only adapts call shapes.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any

__all__ = ["candidates", "compaction_ledger", "maybe_start_dream", "write_session_note"]


def _optional(module: str, attr: str) -> Any:
    try:
        mod = importlib.import_module(module)
    except ImportError:
        return None
    return getattr(mod, attr, None)


def candidates(text: str, provenance: str) -> list[dict[str, Any]]:
    """dream's capture candidates for one turn (type, signal, untrusted), or none without dream."""
    fn = _optional("kairos.dream.capture", "extract_candidates")
    return [c.to_dict() for c in fn(text, provenance)] if fn is not None else []


def write_session_note(journal: Any, session: str, transcript: str, reason: str,
                       fallback: str) -> Any:
    """Journal a session note from the transcript (dream's), or ``fallback`` text without it."""
    fn = _optional("kairos.dream.capture", "write_session_note")
    if fn is not None and transcript and Path(transcript).is_file():
        return fn(journal, session, Path(transcript), reason=reason)
    if not fallback.strip():
        return None
    return journal.append("session-note", fallback, session=session or None, provenance="system",
                          meta={"reason": reason, "source": "claude-code"})


def compaction_ledger(transcript: str, budget_tokens: int = 1500) -> str:
    """compact's pinned ledger (task, instructions, decisions, files, errors) for a transcript."""
    ledger_cls = _optional("kairos.compact.ledger", "Ledger")
    transcript_cls = _optional("kairos.compact.transcript", "Transcript")
    if ledger_cls is None or transcript_cls is None or not transcript or not Path(transcript).is_file():
        return ""
    t = transcript_cls.read(transcript)
    ledger = ledger_cls()
    ledger.update(t.records)
    ledger.prune(budget_tokens)
    return str(ledger.render(with_task=True))


def compaction_instructions(ledger: str, limit: int = 9_500) -> str:
    """The PreCompact answer: keep the ledger verbatim (within Claude Code's hook output cap)."""
    if not ledger:
        return ""
    from kairos.compact.compactor import PRECOMPACT_PREAMBLE

    text = PRECOMPACT_PREAMBLE + "\n\n" + ledger
    return text if len(text) <= limit else text[: limit - 1] + "…"


def maybe_start_dream(store: Any) -> str:
    """Start dream in the background when its gate opens; returns what happened, for the log.

    dream's ``start_background`` checks the gate and the lock itself and never
    waits for the dream to finish.
    """
    if os.environ.get("KAIROS_NO_DREAM"):
        return "disabled"
    fn = _optional("kairos.dream", "start_background")
    if fn is None:
        return "dream not available"
    return "started" if fn(str(store.project.root), store=store) else "gate closed or dream running"
