"""Recall: candidates from the index, fused, ranked, checked against the code, with provenance."""

from kairos.recall.recall import Hit, RecallResult, Recaller

__all__ = ["Hit", "RecallResult", "Recaller"]
