"""Current truth first: when facts about one subject changed, order them by the question's tense.

Two hits concern the same subject when their vectors are close and they share
a content word beyond the question's own (lexically similar when there are no
vectors). A question about the present puts the newest of such a group first;
a question about the past ("what did we use before", "originally", "in
March") puts the oldest first. Nothing is dropped: the other statements stay
in the list, below. This module only reorders; it never fetches.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

__all__ = ["is_past_question", "order_by_tense", "SAME_SUBJECT_COS", "SAME_SUBJECT_JACCARD"]

SAME_SUBJECT_COS = 0.80
SAME_SUBJECT_JACCARD = 0.30
# How many of the best hits are compared pairwise: the reordering is for the top of the list.
WINDOW = 0

_PAST = re.compile(
    r"\b(before|previously|previous|originally|original|initially|initial|formerly|former|earlier|"
    r"used to|at first|in the past|prior|old|older|back then|back when|no longer|any ?more|"
    r"first (?:chose|picked|used|had|went)|was it|were we|did we (?:use|have|pick|choose)|"
    r"(?:jan|febr)uary|march|april|may \d|june|july|august|september|october|november|december|"
    r"last (?:year|month|spring|summer|autumn|fall|winter)|(?:19|20)\d\d)\b", re.I)
_PRESENT = re.compile(r"\b(now|currently|current|today|these days|at the moment|latest|still|anymore)\b", re.I)


def is_past_question(query: str) -> bool:
    """True when the question asks about an earlier state rather than the present one."""
    if _PRESENT.search(query) and not re.search(r"\b(before|originally|used to|previously|formerly)\b",
                                                query, re.I):
        return False
    return bool(_PAST.search(query))


class _Ranked(Protocol):
    score: float
    date: str | None
    rowid: int
    status: str


def order_by_tense(hits: Sequence[_Ranked], past: bool,
                   vectors: dict[int, np.ndarray] | None,
                   words: Callable[[_Ranked], set[str]]) -> int:
    """Reorder hits (by score, in place on their ``score``) so each same-subject group reads
    newest-first (present) or oldest-first (past). Returns the number of groups reordered."""
    top = sorted(hits, key=lambda h: h.score, reverse=True)[:WINDOW]
    n = len(top)
    if n < 2:
        return 0
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    bags = [words(h) for h in top]
    for i in range(n):
        for j in range(i + 1, n):
            if _same_subject(top[i], top[j], bags[i], bags[j], vectors):
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    changed = 0
    for members in groups.values():
        if len(members) < 2:
            continue
        scores = sorted((top[i].score for i in members), reverse=True)
        # superseded statements are history: last for the present, first for the past
        order = sorted(members, key=lambda i: (top[i].status != "superseded", top[i].date or "", top[i].rowid))
        if not past:
            order = sorted(members, key=lambda i: (top[i].status != "superseded", top[i].date or "",
                                                   top[i].rowid), reverse=True)
        if [top[i].score for i in order] != scores:
            changed += 1
        for i, s in zip(order, scores):
            top[i].score = s
    return changed


def _same_subject(a: _Ranked, b: _Ranked, wa: set[str], wb: set[str],
                  vectors: dict[int, np.ndarray] | None) -> bool:
    if (a.date or "") == (b.date or "") and a.status == b.status:
        return False  # said at the same time: not a change of fact
    shared = wa & wb
    if not shared:
        return False
    jaccard = len(shared) / max(1, len(wa | wb))
    if vectors is not None and a.rowid in vectors and b.rowid in vectors:
        return float(vectors[a.rowid] @ vectors[b.rowid]) >= SAME_SUBJECT_COS or jaccard >= SAME_SUBJECT_JACCARD
    return jaccard >= SAME_SUBJECT_JACCARD
