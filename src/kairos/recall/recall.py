"""Ranked recall over the derived index.

Pipeline: lexical candidates (FTS5 BM25) and, when an embedder is available,
dense candidates, fused by reciprocal rank; then ranked by relevance x
strength x recency x trust; then every hit's code anchors are checked against
the working tree, and stale hits are flagged and demoted -- never served as
current truth without a flag. Results always carry their provenance.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from kairos.errors import KairosError
from kairos.index import Index
from kairos.memory import Anchor, check_anchor

__all__ = ["Hit", "RecallResult", "Recaller"]

MAX_QUERY_CHARS = 4_000
TRUST = {"user": 1.0, "imported": 0.95, "agent": 0.9, "system": 0.85, "tool": 0.7}
HALF_LIFE_DAYS = {"user": 365.0, "feedback": 180.0, "project": 90.0, "reference": 180.0}
STALE_FACTOR = 0.5
RRF_K = 60
LEXICAL_WEIGHT = 1.0
DENSE_WEIGHT = 1.0


@dataclass
class Hit:
    id: str
    kind: str  # "memory" | "record"
    type: str | None
    text: str
    score: float
    date: str | None
    sources: list[str]
    stale: bool = False
    why_stale: str | None = None
    provenance: str | None = None
    anchors: list[dict[str, Any]] = field(default_factory=list)
    scope: str | None = None
    record_kind: str | None = None
    rowid: int = 0

    def public(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("rowid")
        d["score"] = round(self.score, 6)
        return d


@dataclass
class RecallResult:
    query: str
    answered_by: str
    results: list[Hit]
    note: str | None = None
    timing_ms: float = 0.0

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"query": self.query, "answered_by": self.answered_by,
                               "results": [h.public() for h in self.results]}
        if self.note:
            out["note"] = self.note
        return out


def _age_days(date: str | None, now: datetime) -> float | None:
    if not date:
        return None
    try:
        dt = datetime.fromisoformat(date.replace("Z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return max(0.0, (now - dt).total_seconds() / 86400)


class Recaller:
    def __init__(self, index: Index, project_root: Path | None = None, embedder: Any = None,
                 embedder_note: str | None = None):
        self.index = index
        self.root = project_root
        self.embedder = embedder
        self.embedder_note = embedder_note  # why there is no embedder, told with each answer

    def recall(self, query: str, k: int = 10, *, types: list[str] | None = None,
               project: str | None = None, check_staleness: bool = True,
               now: datetime | None = None) -> RecallResult:
        t0 = time.perf_counter()
        note = None
        if len(query) > MAX_QUERY_CHARS:
            query_used = query[:MAX_QUERY_CHARS]
            note = f"query shortened to its first {MAX_QUERY_CHARS} characters"
        else:
            query_used = query
        where, params = "", ()
        if project is not None:
            where, params = "AND d.project = ?", (project,)
        if types:
            where += f" AND d.type IN ({','.join('?' * len(types))})"
            params = (*params, *types)
        pool = max(50, k * 5)
        lexical = self.index.lexical(query_used, pool, where, params)
        fused: dict[int, float] = {}
        for rank, c in enumerate(lexical):
            fused[c.rowid] = fused.get(c.rowid, 0.0) + LEXICAL_WEIGHT / (RRF_K + rank)
        answered_by = "lexical"
        if self.embedder is not None:
            try:
                qv = self.embedder.embed([query_used])[0]
                dense = self.index.dense(self.embedder, qv, pool * 2)
            except KairosError as exc:  # damaged vectors, a model that failed: say so, answer lexically
                note = f"semantic recall unavailable ({exc}); answered lexically"
            else:
                for rank, c in enumerate(dense):
                    fused[c.rowid] = fused.get(c.rowid, 0.0) + DENSE_WEIGHT / (RRF_K + rank)
                answered_by = "hybrid"
        elif self.embedder_note:
            note = self.embedder_note
        docs = self.index.docs(fused)
        now = now or datetime.now(timezone.utc)
        hits = [self._hit(docs[r], s, now) for r, s in fused.items()
                if r in docs and self._admits(docs[r], types, project)]
        hits = self._dedupe(hits)
        hits.sort(key=lambda h: h.score, reverse=True)
        if check_staleness and self.root is not None:
            self._check(hits[: k * 2])
            hits.sort(key=lambda h: h.score, reverse=True)
        result = RecallResult(query, answered_by, hits[:k], note)
        result.timing_ms = (time.perf_counter() - t0) * 1000
        return result

    @staticmethod
    def _admits(d: dict[str, Any], types: list[str] | None, project: str | None) -> bool:
        """Dense candidates skip the SQL filters; apply them here."""
        return (d.get("status") == "active" and (not types or d.get("type") in types)
                and (project is None or d.get("project") == project))

    def _hit(self, d: dict[str, Any], relevance: float, now: datetime) -> Hit:
        prov = d.get("provenance")
        score = relevance * TRUST.get(prov or "", 0.9)
        if d["kind"] == "memory":
            score *= 0.8 + 0.2 * float(d.get("strength") or 0.7) + 0.05 * math.log1p(d.get("uses") or 0)
        half = HALF_LIFE_DAYS.get(d.get("type") or "")
        age = _age_days(d.get("date"), now)
        if half and age is not None and d.get("rkind") != "observation":
            score *= 0.6 + 0.4 * 0.5 ** (age / half)
        return Hit(id=d.get("ext_id") or d["id"], kind=d["kind"], type=d.get("type"), text=d["text"],
                   score=score, date=d.get("date"), sources=json.loads(d.get("sources") or "[]"),
                   provenance=prov, anchors=json.loads(d.get("anchors") or "[]"), scope=d.get("scope"),
                   record_kind=d.get("rkind"), rowid=d["rowid"])

    @staticmethod
    def _dedupe(hits: list[Hit]) -> list[Hit]:
        """A memory file and the journal record it was written from are one fact: keep the file."""
        covered = {s for h in hits if h.kind == "memory" for s in h.sources}
        seen_text: set[str] = set()
        out = []
        for h in sorted(hits, key=lambda h: (h.kind != "memory", -h.score)):
            if h.kind == "record" and h.id in covered:
                continue
            key = " ".join(h.text.lower().split())
            if key in seen_text:
                continue
            seen_text.add(key)
            out.append(h)
        return out

    def _check(self, hits: list[Hit]) -> None:
        assert self.root is not None
        for h in hits:
            reasons = []
            for a in h.anchors:
                anchor = Anchor.from_dict(a)
                if anchor is None:
                    continue
                st = check_anchor(self.root, anchor)
                if st.stale and st.why:
                    reasons.append(st.why)
            if reasons:
                h.stale = True
                h.why_stale = "; ".join(reasons)
                h.score *= STALE_FACTOR
