"""The hook's in-process fallback when the recall daemon is not there: BM25 only, numpy-free.

It reads the derived index with plain SQL (the ``docs`` / ``docs_fts`` tables
that ``kairos.index`` maintains) and imports only ``kairos.index.terms`` of it --
never ``kairos.index.index``, ``kairos.recall``, ``kairos.embed`` or numpy: those
cost more than the hook's whole budget. The ranking is a simplified copy of ``Recaller`` (BM25 x trust x
memory strength, superseded facts down, stale anchors flagged and demoted);
``_query_terms`` is ``Index.query_terms``' own code (kairos.index.terms).

What it must never do: write to the index (no refresh, no migrations: what was
journaled since the last refresh is missing, and the answer says
``answered_by: "lexical"``), or serve a stale memory without its flag.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from kairos.index.terms import Stemmer, best_matches, content_words, select_terms

__all__ = ["lexical_recall", "recent_memories"]

TRUST = {"user": 1.0, "imported": 0.95, "agent": 0.9, "system": 0.85, "tool": 0.7}
STALE_FACTOR = 0.5
SUPERSEDED_FACTOR = 0.5
_COLS = ("rowid, id, ext_id, kind, rkind, type, scope, text, date, session, provenance, sources, "
         "anchors, status, strength")
def _open(index_path: Path) -> sqlite3.Connection | None:
    if not index_path.is_file():
        return None  # never create one: an empty file would look like an index
    db = sqlite3.connect(index_path, timeout=2, isolation_level=None)
    db.execute("PRAGMA query_only=1")
    return db


def _query_terms(db: sqlite3.Connection, query: str) -> list[str]:
    """The same term selection as ``Index.query_terms`` (shared code, numpy-free)."""
    try:
        return select_terms(db, Stemmer(), content_words(query))
    except sqlite3.OperationalError:  # an index from before the vocabulary table: every word, in order
        return content_words(query)


def _hit(d: dict[str, Any], score: float) -> dict[str, Any]:
    return {"id": d.get("ext_id") or d["id"], "kind": d["kind"], "type": d.get("type"), "text": d["text"],
            "score": round(score, 6), "date": d.get("date"), "sources": json.loads(d.get("sources") or "[]"),
            "stale": False, "why_stale": None, "provenance": d.get("provenance"),
            "anchors": json.loads(d.get("anchors") or "[]"), "scope": d.get("scope"),
            "record_kind": d.get("rkind"), "status": d.get("status") or "active"}


def _flag_stale(hits: list[dict[str, Any]], root: Path | None) -> None:
    if root is None or not any(h["anchors"] for h in hits):
        return
    from kairos.memory import Anchor, check_anchor  # only when a hit has anchors (~25 ms)

    for h in hits:
        reasons = []
        for a in h["anchors"]:
            anchor = Anchor.from_dict(a)
            st = check_anchor(root, anchor) if anchor is not None else None
            if st is not None and st.stale and st.why:
                reasons.append(st.why)
        if reasons:
            h["stale"], h["why_stale"] = True, "; ".join(reasons)
            h["score"] = round(h["score"] * STALE_FACTOR, 6)


def lexical_recall(index_path: Path, query: str, k: int = 10, *, project_root: Path | None = None,
                   exclude_session: str = "", kinds: tuple[str, ...] = ()) -> dict[str, Any]:
    """``kairos recall --json``'s shape, answered from BM25 over the index as last refreshed."""
    out: dict[str, Any] = {"query": query, "answered_by": "lexical", "results": []}
    db = _open(index_path)
    if db is None:
        out["note"] = "no index yet"
        return out
    try:
        terms = _query_terms(db, query)
        if not terms:
            return out
        where, params = "", []
        if exclude_session:
            where += " AND (d.session IS NULL OR d.session != ?)"
            params.append(exclude_session)
        if kinds:
            where += f" AND d.kind IN ({','.join('?' * len(kinds))})"
            params += list(kinds)
        cols, found = best_matches(db, terms, ", ".join("d." + c.strip() for c in _COLS.split(",")),
                                   max(50, k * 5), where, params)
        rows = [dict(zip(cols, r)) for r in found]
    finally:
        db.close()
    if not rows:
        return out
    best = max(-r["s"] for r in rows) or 1.0
    hits = []
    for d in rows:
        score = (-d["s"] / best) * TRUST.get(d.get("provenance") or "", 0.9)
        if d.get("status") == "superseded":
            score *= SUPERSEDED_FACTOR
        if d["kind"] == "memory":
            score *= 0.8 + 0.2 * float(d.get("strength") or 0.7)
        hits.append(_hit(d, score))
    # a memory file and the record it was written from are one fact: keep the file
    covered = {s for h in hits if h["kind"] == "memory" for s in h["sources"]}
    hits.sort(key=lambda h: (h["kind"] != "memory", -h["score"]))
    seen: set[str] = set()
    kept = []
    for h in hits:
        key = " ".join(h["text"].lower().split())
        if (h["kind"] == "record" and h["id"] in covered) or key in seen:
            continue
        seen.add(key)
        kept.append(h)
    hits = sorted(kept, key=lambda h: h["score"], reverse=True)
    _flag_stale(hits[: k * 2], project_root)
    hits.sort(key=lambda h: h["score"], reverse=True)
    out["results"] = hits[:k]
    return out


def recent_memories(index_path: Path, n: int, project_root: Path | None = None) -> list[dict[str, Any]]:
    """The ``n`` most recently dated active memories, stale ones flagged."""
    db = _open(index_path)
    if db is None:
        return []
    try:
        cur = db.execute(f"SELECT {_COLS} FROM docs WHERE kind='memory' AND status='active' "
                         "ORDER BY date DESC LIMIT ?", (n,))
        cols = [c[0] for c in cur.description]
        hits = [_hit(dict(zip(cols, r)), 0.0) for r in cur.fetchall()]
    finally:
        db.close()
    _flag_stale(hits, project_root)
    return hits
