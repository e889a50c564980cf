"""The lexical search shared by the index and the hook: the best matches that pass a filter."""

from __future__ import annotations

import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from kairos.index import migrate
from kairos.index.terms import OVERFETCH, RECALLABLE_SQL, best_matches

WORDS = ["queue", "worker", "retry", "deploy", "cache", "token"]
# mostly forgotten, so the filter often throws away every match ranked first
STATUSES = ["active", "superseded", *["forgotten"] * 7, "archived"]

docs_strategy = st.lists(
    st.tuples(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6),
              st.sampled_from(STATUSES), st.sampled_from(["s1", "s2", None])),
    min_size=1, max_size=150)


def _store(docs: list[tuple[list[str], str, str | None]]) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:", isolation_level=None)
    migrate(db)
    db.executemany("INSERT INTO docs(id, kind, text, status, session) VALUES (?, 'record', ?, ?, ?)",
                   [(f"r{i}", " ".join(words), status, session)
                    for i, (words, status, session) in enumerate(docs)])
    return db


@settings(max_examples=60, deadline=None)
@given(docs_strategy, st.lists(st.sampled_from(WORDS), min_size=1, max_size=3, unique=True),
       st.integers(1, 8), st.sampled_from(["s1", "s2", None]))
def test_best_matches_equal_a_search_that_joins_every_match(
        docs: list[tuple[list[str], str, str | None]], terms: list[str], limit: int, skip: str | None) -> None:
    """Ranking only the best matches before reading their rows gives the answer that joining
    every match would, even when the filter throws most of the best ones away."""
    db = _store(docs)
    where, params = ("AND (d.session IS NULL OR d.session != ?)", (skip,)) if skip else ("", ())
    cols, rows = best_matches(db, terms, "d.rowid, d.status, d.session", limit, where, params)
    q = " OR ".join(f'"{t}"' for t in terms)
    every = db.execute(
        "SELECT d.rowid, bm25(docs_fts, 1.0, 0.6) FROM docs_fts JOIN docs d ON d.rowid = docs_fts.rowid"
        f" WHERE docs_fts MATCH ? AND d.status IN {RECALLABLE_SQL} {where} ORDER BY 2 LIMIT ?",
        (q, *params, limit)).fetchall()
    assert cols == ["rowid", "status", "session", "s"]
    assert [round(r[3], 9) for r in rows] == [round(s, 9) for _, s in every]
    assert all(r[1] in ("active", "superseded") and (skip is None or r[2] != skip) for r in rows)


def test_a_filter_that_drops_the_best_matches_still_fills_the_answer() -> None:
    """The best matches are all forgotten or from the skipped session: the answer reaches past them."""
    best = [(["queue"] * 5, "forgotten", None)] * (OVERFETCH * 3) + [(["queue"] * 5, "active", "s1")] * 10
    rest = [(["queue", "worker", "retry", "deploy", "cache"], "active", "s2")] * 5
    db = _store(best + rest)
    _, rows = best_matches(db, ["queue"], "d.rowid, d.session", 3, "AND d.session != ?", ("s1",))
    assert [r[1] for r in rows] == ["s2", "s2", "s2"]
