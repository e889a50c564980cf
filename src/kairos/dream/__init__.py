"""Dream: turn the journal into memory that stays small, true and current (DESIGN §4).

Three timescales: per turn (``capture_turn`` / ``extract_candidates``), per session
(``session_note`` / ``write_session_note``), and idle time (``dream``, started by
``start_background`` when the gate opens). Imports the journal, the store and the
memory files; never the index or recall internals.
"""

from kairos.dream.capture import (
    Candidate,
    capture_turn,
    extract_candidates,
    session_note,
    write_session_note,
)
from kairos.dream.consolidate import Decision, Fold, Slot, fold
from kairos.dream.gate import GateStatus, gate_status, load_checkpoint
from kairos.dream.process import DreamBusy, dream_lock, lock_holder, start_background
from kairos.dream.run import DreamReport, FileChange, dream

__all__ = [
    "Candidate",
    "Decision",
    "DreamBusy",
    "DreamReport",
    "FileChange",
    "Fold",
    "GateStatus",
    "Slot",
    "capture_turn",
    "dream",
    "dream_lock",
    "extract_candidates",
    "fold",
    "gate_status",
    "lock_holder",
    "load_checkpoint",
    "session_note",
    "start_background",
    "write_session_note",
]
