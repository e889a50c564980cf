"""Which query words the lexical search uses: content words, stemmed as the index stores them,
rarest first, common ones dropped, within a postings budget.

Shared by ``Index`` and the hook's numpy-free lexical fallback, so both search the same
way. Imports nothing heavier than sqlite3: the hook path reads this module.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

__all__ = ["COMMON_SHARE", "POSTINGS_BUDGET", "RECALLABLE", "RECALLABLE_SQL", "Stemmer", "best_matches",
           "content_words", "documents", "frequencies", "select_terms"]

# Lexical candidate generation stays cheap at 100k records: a term in more than half the
# documents carries no BM25 weight (FTS5 floors its idf) but would match half the store,
# so it is dropped; rarer terms are kept, rarest first, while their postings fit the budget.
COMMON_SHARE = 0.5
POSTINGS_BUDGET = 10_000
# Statuses recall may return: a superseded fact is history, ranked down for present questions
# (forgotten and archived documents stay in the index).
RECALLABLE = ("active", "superseded")
RECALLABLE_SQL = "(" + ", ".join(f"'{s}'" for s in RECALLABLE) + ")"
# How many of the best matches are ranked before any is joined to its row, per result wanted.
OVERFETCH = 4

_STOP = frozenset("""a about above after again against all am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just me more most my
myself no nor not now of off on once only or other our ours ourselves out over own same she should so some
such than that the their theirs them themselves then there these they this those through to too under until
up very was we were what when where which while who whom why will with would you your yours yourself
yourselves ever also did does doesn't don't didn't tell know""".split())


def content_words(text: str, max_terms: int = 32) -> list[str]:
    """The distinct content words of ``text``, lower-cased, stop words dropped, in order."""
    seen: list[str] = []
    for tok in re.findall(r"\w+", text.lower()):
        if len(tok) < 2 and not tok.isdigit():
            continue
        if tok in _STOP or tok in seen:
            continue
        seen.append(tok)
        if len(seen) >= max_terms:
            break
    return seen


class Stemmer:
    """Each word as the index's FTS5 tokenizer stores it (porter stems; a word may make several)."""

    def __init__(self) -> None:
        self._db: sqlite3.Connection | None = None

    def stems(self, words: list[str]) -> list[list[str]]:
        if self._db is None:
            self._db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            self._db.execute("CREATE VIRTUAL TABLE q USING fts5(t, tokenize='porter unicode61 remove_diacritics 2')")
            self._db.execute("CREATE VIRTUAL TABLE qv USING fts5vocab(q, 'instance')")
        st = self._db
        st.execute("DELETE FROM q")
        st.executemany("INSERT INTO q(rowid, t) VALUES (?, ?)", list(enumerate(words)))
        out: list[list[str]] = [[] for _ in words]
        for doc, term in st.execute("SELECT doc, term FROM qv"):
            out[doc].append(term)
        return out


def frequencies(db: sqlite3.Connection, stemmer: Stemmer, words: list[str]) -> dict[str, int]:
    """How many documents of ``db``'s index hold each word (0: none, or no indexable piece). A
    word's frequency is that of its rarest piece (a phrase matches no more than that)."""
    out = dict.fromkeys(words, 0)
    if not words:
        return out
    stems = stemmer.stems(words)
    flat = sorted({t for ts in stems for t in ts})
    if not flat:
        return out
    marks = ",".join("?" * len(flat))
    df = dict(db.execute(f"SELECT term, doc FROM docs_vocab WHERE term IN ({marks})", flat).fetchall())
    for w, ts in zip(words, stems, strict=True):
        if ts:
            out[w] = min(df.get(t, 0) for t in ts)
    return out


def documents(db: sqlite3.Connection) -> int:
    """About how many documents the index holds (the highest rowid: cheap at any size)."""
    return db.execute("SELECT max(rowid) FROM docs").fetchone()[0] or 0


def select_terms(db: sqlite3.Connection, stemmer: Stemmer, words: list[str],
                 budget: int = POSTINGS_BUDGET, df: dict[str, int] | None = None) -> list[str]:
    """The words of ``words`` worth searching in ``db``'s index, rarest first.

    With a budget below POSTINGS_BUDGET (words added to a question), a word whose postings
    alone exceed it is not searched at all. ``df``: the words' frequencies, when already known.
    """
    if df is None:
        df = frequencies(db, stemmer, words)
    freq = sorted((df[w], w) for w in dict.fromkeys(words) if df.get(w, 0) > 0)
    if not freq:
        return []
    total = documents(db)
    kept = [w for f, w in freq if f <= COMMON_SHARE * total] or [freq[0][1]]
    out, postings = [], 0
    for f, w in freq:
        if w not in kept or (budget < POSTINGS_BUDGET and f > budget):
            continue
        if out and postings + f > budget:
            break
        out.append(w)
        postings += f
    return out


def best_matches(db: sqlite3.Connection, terms: list[str], columns: str, limit: int,
                 where: str = "", params: tuple[Any, ...] | list[Any] = ()) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The ``limit`` documents that match any of ``terms`` best by BM25, recallable and passing
    ``where`` (conditions on ``d``, the docs table), as (column names, rows); ``columns`` are read
    from ``d``, and ``s``, the BM25 score (lower is better), is the last column.

    Ranking reads only the full-text index. Joining every match to its row to test its status
    cost more than the ranking itself at 100k records (a common word matches ~18k), so the best
    ``OVERFETCH * limit`` matches are ranked first and only those joined. If the conditions
    leave fewer than ``limit`` of them, every match is joined: the answer is the same either way.
    """
    q = " OR ".join(f'"{t}"' for t in terms)
    keep = f"d.status IN {RECALLABLE_SQL} {where}"
    wanted = OVERFETCH * limit
    cur = db.execute(
        f"SELECT {columns}, f.s FROM (SELECT rowid, bm25(docs_fts, 1.0, 0.6) AS s FROM docs_fts"
        f" WHERE docs_fts MATCH ? ORDER BY s LIMIT ?) f JOIN docs d ON d.rowid = f.rowid"
        f" WHERE {keep} ORDER BY f.s LIMIT ?", (q, wanted, *params, limit))
    rows = cur.fetchall()
    if len(rows) < limit:
        matched = db.execute("SELECT count(*) FROM (SELECT 1 FROM docs_fts WHERE docs_fts MATCH ? LIMIT ?)",
                             (q, wanted + 1)).fetchone()[0]
        if matched > wanted:
            cur = db.execute(
                f"SELECT {columns}, bm25(docs_fts, 1.0, 0.6) AS s FROM docs_fts JOIN docs d"
                f" ON d.rowid = docs_fts.rowid WHERE docs_fts MATCH ? AND {keep} ORDER BY s LIMIT ?",
                (q, *params, limit))
            rows = cur.fetchall()
    return [c[0] for c in cur.description], rows
