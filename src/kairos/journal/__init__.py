"""The journal: append-only, hash-chained, human-readable Markdown logs; the source of truth.

Imports nothing of kairos but ``kairos.errors`` and ``kairos.fsutil``.
"""

from kairos.journal.journal import MAX_RECORD_BYTES, Journal, Problem, VerifyReport, default_device
from kairos.journal.record import KINDS, PROVENANCES, Record, RecordDraft
from kairos.journal.redact import redact

__all__ = [
    "KINDS",
    "MAX_RECORD_BYTES",
    "PROVENANCES",
    "Journal",
    "Problem",
    "Record",
    "RecordDraft",
    "VerifyReport",
    "default_device",
    "redact",
]
