"""Compaction that never loses the goal.

Shrinks a long Claude Code transcript (JSONL) or an Anthropic-style message list
while a pinned ledger — the original task verbatim, the user's instructions and
corrections, decisions, files, identifiers, error strings — survives every
round. Strategies: naive (baseline), reactive, collapse, mask. Compacted
stretches go to the journal as tombstones that ``expand`` brings back.

Imports the journal and nothing else of kairos' services; integrations (CLI,
hooks, MCP) import this package, never the reverse.
"""

from kairos.compact.compactor import (
    CompactResult,
    Compactor,
    compact_file,
    compact_messages,
    precompact_instructions,
    session_start_context,
    transcript_ledger,
)
from kairos.compact.ledger import Ledger
from kairos.compact.strategies import STRATEGIES
from kairos.compact.summarise import ExtractiveSummariser, LLMSummariser, render_records
from kairos.compact.tombstone import expand
from kairos.compact.transcript import Transcript, count_tokens

__all__ = [
    "STRATEGIES",
    "CompactResult",
    "Compactor",
    "ExtractiveSummariser",
    "LLMSummariser",
    "Ledger",
    "Transcript",
    "compact_file",
    "compact_messages",
    "count_tokens",
    "expand",
    "precompact_instructions",
    "render_records",
    "session_start_context",
    "transcript_ledger",
]
