"""Small text helpers shared by the services (index, dream, compact). Standard library only:
the hook path may read them."""

from __future__ import annotations

import re

__all__ = ["split_sentences"]

# A sentence ends at . ! or ? before a capital, a quote, a backtick or a bracket, or at a line
# break: "v2.1", "a.py" and "e.g. this" stay whole.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z`(\"'])|\n+")


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, stripped, empty ones dropped."""
    return [p for p in (q.strip() for q in _SENTENCE_BREAK.split(text)) if p]
