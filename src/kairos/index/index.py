"""The derived index: every journal record and memory file, searchable with FTS5 (BM25).

It follows the journal incrementally (bytes already indexed per segment) and
re-reads a memory file when its size or mtime changes. Nothing here is ever
the only copy of a fact: ``rebuild`` recreates it all from the files.
"""

from __future__ import annotations

import calendar
import functools
import json
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from kairos.errors import IndexError_, KairosError, StoreError
from kairos.index.schema import migrate
from kairos.index.subjects import (
    announces_change,
    concept_keys,
    is_concept_word,
    product_names,
    retired,
    retires,
    sentences,
    settings,
    strip_speaker,
    values,
)
from kairos.index.terms import (
    POSTINGS_BUDGET,
    RECALLABLE,
    RECALLABLE_SQL,
    Stemmer,
    best_matches,
    content_words,
    documents,
    frequencies,
    select_terms,
)
from kairos.index.vectors import VectorFile, VectorFileDamaged
from kairos.journal import Journal, Record
from kairos.memory import MemoryFile

__all__ = ["INDEXED_KINDS", "RECALLABLE", "Candidate", "Index", "VectorFileDamaged", "fts_query"]

EMBED_CHARS = 2_000
CONTEXT_CHARS = 600
EMBED_CONTEXT = False  # measured on LoCoMo: the previous turn in the vector lowers recall@5 (0.533 -> 0.521)

# Record kinds recall can return; the others are bookkeeping (still in the journal).
INDEXED_KINDS = frozenset({"observation", "memory", "correction", "session-note"})

# How many earlier records of the same subject a change announcement may supersede.
SUPERSEDE_LOOKBACK = 40
# How many of the latest earlier statements naming a value a change leaving it supersedes.
RETIRED_LINKS = 3

Progress = Callable[[int, int], None]


def embed_text(text: str, keys: str, context: str) -> str:
    """What a document's vector is computed from: its text, then its keys and context."""
    parts = [text[:EMBED_CHARS]]
    if keys:
        parts.insert(0, keys)
    if context and EMBED_CONTEXT:
        parts.append(context[:CONTEXT_CHARS])
    return "\n".join(parts)


def fts_query(text: str, max_terms: int = 32) -> str | None:
    """An FTS5 OR-query of the distinct content words of ``text`` (None if it has none)."""
    seen = content_words(text, max_terms)
    if not seen:
        return None
    return " OR ".join(f'"{t}"' for t in seen)


@functools.lru_cache(maxsize=8192)
def _value_words(text: str) -> frozenset[str]:
    """What a statement names: its values, else its content words outside the subject vocabulary."""
    found = values(text)
    if found:
        return frozenset(found)
    body = strip_speaker(text)
    return frozenset(w for w in content_words(body, 64) if not is_concept_word(w) and not announces_change(w)
                     and not (w.isdigit() and len(w) < 2))


def date_keys(date: str | None) -> str:
    """Words for a date, so "in May 2023" finds what was said then: '2023-05-08 May 2023'."""
    if not date or not re.match(r"\d{4}-\d{2}", date):
        return ""
    year, month = int(date[:4]), int(date[5:7])
    if not 1 <= month <= 12:
        return date[:10]
    return f"{date[:10]} {calendar.month_name[month]} {year}"


@dataclass(frozen=True)
class Candidate:
    rowid: int
    id: str
    score: float  # higher is better


class Index:
    def __init__(self, path: Path, journals: Iterable[Journal], memory_dirs: dict[str, Path]):
        self.path = Path(path)
        self.journals = list(journals)
        self.memory_dirs = dict(memory_dirs)
        self.vec_dir = self.path.with_suffix(".vec")
        self._db: sqlite3.Connection | None = None
        self._vectors: dict[str, VectorFile] = {}
        self._stemmer = Stemmer()
        # words' document frequencies, read from FTS5 (costly for common words at 100k records),
        # kept while the index holds the same documents: a question reads them more than once
        # (its search terms, its rare words), and the recall daemon answers question after question
        self._df: dict[str, int] = {}
        self._df_at = -1

    # ------------------------------------------------------------- connection
    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = self._open()
        return self._db

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
            if {"005_subjects", "006_sentence_subjects"} & set(migrate(db)):
                self._backfill_subjects(db)
            return db
        except sqlite3.DatabaseError as exc:
            raise IndexError_(f"the index at {self.path} is unusable ({exc}); "
                              "run `kairos index rebuild` to recreate it from the journal") from exc
        except OSError as exc:
            raise StoreError(f"cannot open the index at {self.path}: {exc}") from exc

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    # ---------------------------------------------------------------- updates
    def refresh(self, progress: Progress | None = None) -> int:
        """Index what changed since the last refresh; returns the number of documents touched."""
        try:
            return self._refresh(progress)
        except sqlite3.DatabaseError as exc:
            raise IndexError_(f"the index at {self.path} is damaged ({exc}); "
                              "run `kairos index rebuild`") from exc

    def _refresh(self, progress: Progress | None) -> int:
        db = self.db
        known = {r[0]: (r[1], r[2], r[3]) for r in db.execute("SELECT path, position, mtime, size FROM sources")}
        work: list[tuple[Journal, Path, int]] = []
        for j in self.journals:
            for seg in j.segments():
                st = seg.stat()
                pos = known.get(str(seg), (0, None, None))[0]
                if st.st_size > pos:
                    work.append((j, seg, pos))
        mem_work: list[tuple[str, Path]] = []
        seen_files: set[str] = set()
        for scope, d in self.memory_dirs.items():
            if not d.is_dir():
                continue
            for f in d.glob("*.md"):
                if f.name == "MEMORY.md":
                    continue
                seen_files.add(str(f))
                st = f.stat()
                old = known.get(str(f))
                if old is None or old[1] != st.st_mtime or old[2] != st.st_size:
                    mem_work.append((scope, f))
        gone = [p for p in known if p.endswith(".md") and "/logs/" not in p and p not in seen_files]
        total = sum(seg.stat().st_size - pos for _, seg, pos in work) + len(mem_work)
        done = touched = 0
        db.execute("BEGIN IMMEDIATE")
        try:
            for j, seg, pos in work:
                end = pos
                batch = []
                for _, rec_end, rec in j.scan(seg, pos):
                    batch.append(rec)
                    end = rec_end
                    if len(batch) >= 500:
                        touched += self._add_records(batch)
                        done += sum(len(r.text) for r in batch)
                        batch = []
                        if progress:
                            progress(min(done, total), total)
                touched += self._add_records(batch)
                st = seg.stat()
                db.execute("INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?)", (str(seg), end, st.st_mtime, st.st_size))
                done = min(total, done + (st.st_size - pos))
                if progress:
                    progress(done, total)
            for scope, f in mem_work:
                touched += self._add_memory_file(scope, f)
                st = f.stat()
                db.execute("INSERT OR REPLACE INTO sources VALUES (?, 0, ?, ?)", (str(f), st.st_mtime, st.st_size))
                done += 1
                if progress:
                    progress(done, total)
            for p in gone:
                db.execute("DELETE FROM docs WHERE kind='memory' AND path=?", (p,))
                db.execute("DELETE FROM sources WHERE path=?", (p,))
                touched += 1
            if touched:
                self._apply_judged(db)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return touched

    def _previous_in_session(self, session: str | None) -> tuple[int | None, str]:
        if not session:
            return None, ""
        row = self.db.execute("SELECT rowid, text FROM docs WHERE session=? AND kind='record' "
                              "ORDER BY rowid DESC LIMIT 1", (session,)).fetchone()
        return (row[0], row[1]) if row else (None, "")

    def _add_records(self, records: list[Record]) -> int:
        n = 0
        for rec in records:
            if rec.kind == "forget":
                self._apply_forget(rec)
                n += 1
                continue
            if rec.kind == "consolidation" and (rec.meta or {}).get("action") == "supersedes":
                n += self._note_judged(rec.meta)
                continue
            if rec.kind not in INDEXED_KINDS or not rec.text.strip():
                continue
            meta = rec.meta or {}
            date = meta.get("date") or rec.time
            keys = " ".join(str(x) for x in (meta.get("speaker"), meta.get("name"), meta.get("description"),
                                              date_keys(date), " ".join(meta.get("keys", []) or []))
                            if x)
            status = "forgotten" if self._is_tombstoned(rec.id) else "active"
            prev_row, prev_text = self._previous_in_session(rec.session)
            subject = concept_keys(rec.text) if status == "active" else []
            cur = self.db.execute(
                "INSERT OR IGNORE INTO docs(id, ext_id, kind, rkind, type, scope, text, keys, date, session,"
                " provenance, sources, anchors, meta, project, status, context, prev_row, subject) VALUES"
                " (?, ?, 'record', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (rec.id, meta.get("ext_id"), rec.kind, rec.type, meta.get("scope"), rec.text, keys,
                 date, rec.session, rec.provenance, json.dumps([rec.id]),
                 json.dumps(meta.get("anchors", [])), json.dumps(meta), meta.get("project"), status,
                 prev_text[:CONTEXT_CHARS], prev_row, " ".join(subject)))
            if cur.rowcount and prev_row is not None:
                self.db.execute("UPDATE docs SET next_row=? WHERE rowid=?", (cur.lastrowid, prev_row))
            if cur.rowcount and status == "active":
                self._note_changes(self.db, cur.lastrowid, rec.text, meta.get("project"), date, subject)
            n += 1
        return n

    # ---------------------------------------------------------- judged links
    def _note_judged(self, meta: dict[str, Any]) -> int:
        """A model's verdict (dream/links.py): record ``new`` replaces the records in ``old``."""
        new = meta.get("new")
        if not isinstance(new, str):
            return 0
        self.db.execute("INSERT OR IGNORE INTO judged_records VALUES (?)", (new,))
        old = [o for o in meta.get("old") or [] if isinstance(o, str) and o != new]
        self.db.executemany("INSERT OR IGNORE INTO judged_links VALUES (?, ?)", [(o, new) for o in old])
        return 1

    @staticmethod
    def _apply_judged(db: sqlite3.Connection) -> None:
        """Judged links override the rules' links; a record several later ones replaced points
        at the latest of them. Records of another journal may arrive after the verdict: this
        runs at the end of every refresh that changed something."""
        db.execute(
            "UPDATE docs SET superseded_by = (SELECT max(n.rowid) FROM judged_links j JOIN docs n"
            " ON n.id = j.new WHERE j.old = docs.id) WHERE id IN (SELECT old FROM judged_links)"
            " AND EXISTS (SELECT 1 FROM judged_links j JOIN docs n ON n.id = j.new WHERE j.old = docs.id)")

    def judged_records(self) -> set[str]:
        """Ids of the records a model has already been asked about."""
        return {r[0] for r in self.db.execute("SELECT id FROM judged_records")}

    def judged(self, rowids: Iterable[int]) -> set[int]:
        """Of these documents, those whose ``superseded_by`` link a model judged."""
        ids = list(rowids)
        if not ids:
            return set()
        marks = ",".join("?" * len(ids))
        return {r[0] for r in self.db.execute(
            "SELECT d.rowid FROM docs d JOIN docs n ON n.rowid = d.superseded_by"
            f" JOIN judged_links j ON j.old = d.id AND j.new = n.id WHERE d.rowid IN ({marks})", ids)}

    # --------------------------------------------------------------- subjects
    @classmethod
    def _note_changes(cls, db: sqlite3.Connection, row: int, text: str, project: str | None,
                      date: str | None, keys: list[str], backfill: bool = False) -> None:
        """The three ways a record supersedes older ones: a change of a subject, another number for a
        setting, and a change naming the value it leaves."""
        cls._note_subject(db, row, text, project, date, keys, backfill)
        cls._note_settings(db, row, text, project, date)
        cls._note_retired(db, row, text, project, date)

    @staticmethod
    def _note_subject(db: sqlite3.Connection, row: int, text: str, project: str | None, date: str | None,
                      keys: list[str], backfill: bool = False) -> None:
        """Store the record's subject keys; a record announcing a change of a value marks the older
        records of its subjects that named other values ``superseded_by`` it."""
        if not keys:
            return
        if backfill:
            db.execute("UPDATE docs SET subject=? WHERE rowid=?", (" ".join(keys), row))
        db.executemany("INSERT OR IGNORE INTO doc_subjects VALUES (?, ?, ?)", [(k, row, project) for k in keys])
        # A long turn states several facts: a change is read sentence by sentence, and it
        # concerns only the subjects of the sentence that announces it.
        said = [(sent, concept_keys(sent)) for sent in sentences(text)]
        changes = [(sent, ks) for sent, ks in said if ks and announces_change(sent) and _value_words(sent)]
        announced = bool(changes)
        named = frozenset(values(text))
        # Without a change cue, a later statement still replaces an earlier one when both are
        # plain statements of one subject naming products, none of the earlier ones named again
        # ("Jobs run on Celery" ... weeks later "RQ handles the jobs"). Values of another kind
        # (a command, a path) are another fact: "component X is deployed with `make ship-x`".
        if announced:
            keys = list(dict.fromkeys(k for _, ks in changes for k in ks))
            new = frozenset().union(*(_value_words(sent) for sent, _ in changes))
        elif announces_change(text) or len(said) > 1:
            return  # a cue outside any statement of a subject, or several facts at once
        else:
            new = named if named == product_names(text) else frozenset()
        if not new:
            return
        older: dict[int, tuple[str, str | None, str]] = {}
        for key in keys[:3]:  # one index range scan per key: the latest records of that subject
            for orow, otext, odate, by, status, osubject in db.execute(
                    "SELECT d.rowid, d.text, d.date, d.superseded_by, d.status, d.subject FROM doc_subjects s"
                    " JOIN docs d ON d.rowid = s.row WHERE s.key = ? AND s.project IS ? AND s.row < ?"
                    f" ORDER BY s.row DESC LIMIT {SUPERSEDE_LOOKBACK}", (key, project, row)):
                if by is None and status == "active":
                    older[orow] = (otext, odate, osubject or "")
        for orow, (otext, odate, osubject) in older.items():
            # said later, or the same day without a change announced: not a change of fact (the
            # turns of one day are in order, so an announcement supersedes what came before it)
            if (odate or "") > (date or "") or (odate == date and not announced):
                continue
            if announced:
                # what the older record said of the changed subjects, sentence by sentence
                old = frozenset().union(*(_value_words(sent) for sent in sentences(otext)
                                          if set(concept_keys(sent)) & set(keys)))
                if old and new - old:
                    db.execute("UPDATE docs SET superseded_by=? WHERE rowid=?", (row, orow))
            elif set(osubject.split()) == set(keys) and not announces_change(otext) \
                    and len(sentences(otext)) == 1:
                old = frozenset(values(otext))
                if old and old == product_names(otext) and not old & new:
                    db.execute("UPDATE docs SET superseded_by=? WHERE rowid=?", (row, orow))

    @staticmethod
    def _note_settings(db: sqlite3.Connection, row: int, text: str, project: str | None,
                       date: str | None) -> None:
        """A statement giving a named thing a quantity (``subjects.settings``: "Set `BATCH_SIZE =
        12000`", "UDP 7850", "Java 21") supersedes the latest older statement that gave the same
        thing other quantities only -- whatever words either used, cue or no cue, earlier the same
        day included ("`rate='30/m'`" ... "Double it." ... "Changed to `rate='60/m'`"). It replaces
        a looser link by subject the older statement had. Keys are stored as ``=name`` beside the
        subject keys."""
        given = settings(text)
        if not given:
            return
        db.executemany("INSERT OR IGNORE INTO doc_subjects VALUES (?, ?, ?)",
                       [(f"={name}", row, project) for name in given])
        for name, qty in list(given.items())[:6]:
            for orow, otext, odate, status in db.execute(
                    "SELECT d.rowid, d.text, d.date, d.status FROM doc_subjects s"
                    " JOIN docs d ON d.rowid = s.row WHERE s.key = ? AND s.project IS ? AND s.row < ?"
                    " ORDER BY s.row DESC LIMIT 4", (f"={name}", project, row)):
                if (odate or "") > (date or "") or status != "active":
                    continue
                old = settings(otext).get(name, frozenset())
                if old and not old & qty:
                    db.execute("UPDATE docs SET superseded_by=? WHERE rowid=?", (row, orow))
                break  # only the latest earlier statement of it: that one held until now

    @staticmethod
    def _note_retired(db: sqlite3.Connection, row: int, text: str, project: str | None,
                      date: str | None) -> None:
        """A change naming the value it leaves ("moving everything from Ireland to
        eu-central-1", "Clerk replaced GitHub OAuth") supersedes the latest older statements
        that named that value -- whatever subject words either used."""
        query = fts_query(" ".join(span for sent in sentences(text) for span in retired(sent)), 8)
        if query is None:
            return
        found = 0
        for orow, otext, odate, by, status in db.execute(
                "SELECT d.rowid, d.text, d.date, d.superseded_by, d.status FROM docs_fts f"
                " JOIN docs d ON d.rowid = f.rowid WHERE docs_fts MATCH ? AND d.project IS ?"
                f" AND d.rowid < ? AND d.kind = 'record' ORDER BY d.rowid DESC LIMIT {SUPERSEDE_LOOKBACK}",
                (query, project, row)):
            if (odate or "") > (date or "") or status != "active" or by is not None:
                continue
            if retires(text, otext):
                db.execute("UPDATE docs SET superseded_by=? WHERE rowid=?", (row, orow))
                found += 1
                if found >= RETIRED_LINKS:
                    break

    def _backfill_subjects(self, db: sqlite3.Connection) -> None:
        """Subject keys and supersession for an index built before they existed."""
        db.execute("BEGIN IMMEDIATE")
        try:
            for row, text, project, date in db.execute(
                    "SELECT rowid, text, project, date FROM docs WHERE kind='record' AND status='active'"
                    " ORDER BY rowid").fetchall():
                self._note_changes(db, row, text, project, date, concept_keys(text), backfill=True)
            db.executemany("UPDATE docs SET subject=? WHERE rowid=?",
                           [(" ".join(concept_keys(text)), row) for row, text in
                            db.execute("SELECT rowid, text FROM docs WHERE kind='memory'").fetchall()])
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def predecessors(self, rowids: Iterable[int]) -> dict[int, list[int]]:
        """For each document, the older ones it superseded."""
        ids = list(rowids)
        out: dict[int, list[int]] = {}
        if not ids:
            return out
        marks = ",".join("?" * len(ids))
        for row, by in self.db.execute(f"SELECT rowid, superseded_by FROM docs WHERE superseded_by IN ({marks})"
                                       f" AND status IN {RECALLABLE_SQL}", ids):
            out.setdefault(by, []).append(row)
        return out

    def _is_tombstoned(self, target: str) -> bool:
        return self.db.execute("SELECT 1 FROM tombstones WHERE target=?", (target,)).fetchone() is not None

    def _apply_forget(self, rec: Record) -> None:
        meta = rec.meta or {}
        targets = [str(t) for t in [meta.get("target"), *(meta.get("covers") or [])] if t]
        for target in targets:
            self.db.execute("INSERT OR REPLACE INTO tombstones VALUES (?, ?, ?)",
                            (target, rec.id, meta.get("reason")))
            self.db.execute("UPDATE docs SET status='forgotten' WHERE id=? OR ext_id=?", (target, target))
            # a memory file forgotten by name, or every file that rests on a forgotten record
            self.db.execute("UPDATE docs SET status='forgotten' WHERE kind='memory' AND "
                            "(id LIKE ? OR sources LIKE ?)", (f"%/{target}", f'%"{target}"%'))

    def _add_memory_file(self, scope: str, f: Path) -> int:
        self.db.execute("DELETE FROM docs WHERE kind='memory' AND path=?", (str(f),))
        try:
            mf = MemoryFile.parse(f.read_text(encoding="utf-8"), str(f), scope)
        except (KairosError, UnicodeDecodeError, OSError):
            return 0  # unreadable files are reported by `kairos status`, not fatal to indexing
        doc_id = f"{scope}/{mf.name}"
        status = "forgotten" if (self._is_tombstoned(mf.name) or
                                 any(self._is_tombstoned(s) for s in mf.sources)) else "active"
        if status == "active" and mf.extra.get("status") in ("superseded", "archived"):
            status = str(mf.extra["status"])
        self.db.execute(
            "INSERT OR REPLACE INTO docs(id, kind, type, scope, text, keys, date, provenance, sources, anchors,"
            " meta, status, strength, path, subject) VALUES (?, 'memory', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc_id, mf.type, mf.scope or scope, mf.body, f"{mf.name.replace('-', ' ')} {mf.description}",
             mf.updated, str(mf.extra.get("provenance", "user")), json.dumps(mf.sources),
             json.dumps(mf.anchors), json.dumps({"name": mf.name, "description": mf.description, **{
                 k: v for k, v in mf.extra.items() if isinstance(v, (str, int, float, bool))}}),
             status, float(mf.confidence), str(f), " ".join(concept_keys(mf.body))))
        return 1

    def rebuild(self, progress: Progress | None = None) -> int:
        """Drop the index file and recreate it from the journal and memory files."""
        self.close()
        for suffix in ("", "-wal", "-shm"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)
        if self.vec_dir.is_dir():
            for f in self.vec_dir.iterdir():
                f.unlink()
        self._vectors.clear()
        return self.refresh(progress)

    # ---------------------------------------------------------------- vectors
    def _vector_file(self, embedder: Any) -> VectorFile:
        vf = self._vectors.get(embedder.model_id)
        if vf is None:
            vf = self._vectors[embedder.model_id] = VectorFile(self.vec_dir, embedder.model_id, embedder.dim)
        return vf

    def embed_pending(self, embedder: Any, batch: int = 512, progress: Progress | None = None) -> int:
        """Embed every active document added since the last call for this model."""
        vf = self._vector_file(embedder)
        row = self.db.execute("SELECT last_rowid, dim FROM vector_state WHERE model=?",
                              (embedder.model_id,)).fetchone()
        last = row[0] if row and row[1] == embedder.dim else 0
        if last == 0:
            vf.reset()
        todo = self.db.execute(f"SELECT count(*) FROM docs WHERE rowid > ? AND status IN {RECALLABLE_SQL}",
                               (last,)).fetchone()[0]
        done = 0
        while True:
            rows = self.db.execute(
                "SELECT rowid, text, keys, status, context FROM docs WHERE rowid > ? ORDER BY rowid LIMIT ?",
                (last, batch)).fetchall()
            if not rows:
                break
            active = [r for r in rows if r[3] in RECALLABLE]
            if active:
                texts = [embed_text(r[1], r[2], r[4]) for r in active]
                vf.append(np.array([r[0] for r in active], dtype=np.int64), embedder.embed(texts))
            last = rows[-1][0]
            self.db.execute("INSERT OR REPLACE INTO vector_state VALUES (?, ?, ?)",
                            (embedder.model_id, last, embedder.dim))
            done += len(active)
            if progress:
                progress(done, todo)
        return done

    def dense(self, embedder: Any, query_vec: np.ndarray, limit: int = 50) -> list[Candidate]:
        return [Candidate(rowid, f"#{rowid}", score) for rowid, score in
                self._vector_file(embedder).search(query_vec, limit)]

    def dense_scores(self, embedder: Any, query_vec: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(rowids ascending, cosine of every stored vector with the query)."""
        return self._vector_file(embedder).scores(query_vec)

    def vectors_for(self, embedder: Any, rowids: Iterable[int]) -> dict[int, np.ndarray]:
        """The stored vectors of these documents (those not embedded yet are absent)."""
        return self._vector_file(embedder).rows(rowids)

    # ---------------------------------------------------------------- queries
    def query_terms(self, query: str, budget: int = POSTINGS_BUDGET) -> list[str]:
        """The query words worth searching for, rarest first (see ``kairos.index.terms``)."""
        words = content_words(query)
        return select_terms(self.db, self._stemmer, words, budget, self._frequencies(words))

    def rare_words(self, words: list[str], share: float) -> list[str]:
        """The words of ``words`` that at most ``share`` of the documents contain (and some do)."""
        try:
            df = self._frequencies(words)
        except sqlite3.DatabaseError as exc:
            raise IndexError_(f"reading word frequencies failed ({exc}); run `kairos index rebuild`") from exc
        limit = share * self._df_at
        return [w for w in words if 0 < df[w] <= limit]

    def _frequencies(self, words: list[str]) -> dict[str, int]:
        at = documents(self.db)
        if at != self._df_at or len(self._df) > 50_000:
            self._df, self._df_at = {}, at
        missing = [w for w in dict.fromkeys(words) if w not in self._df]
        if missing:
            self._df.update(frequencies(self.db, self._stemmer, missing))
        return {w: self._df[w] for w in words}

    def lexical(self, query: str, limit: int = 50, where: str = "", params: tuple[Any, ...] = (),
                budget: int = POSTINGS_BUDGET) -> list[Candidate]:
        try:
            terms = self.query_terms(query, budget)
            if not terms:
                return []
            _, rows = best_matches(self.db, terms, "d.rowid, d.id", limit, where, params)
        except sqlite3.DatabaseError as exc:
            raise IndexError_(f"lexical search failed ({exc}); run `kairos index rebuild`") from exc
        return [Candidate(r[0], r[1], -r[2]) for r in rows]

    def docs(self, rowids: Iterable[int]) -> dict[int, dict[str, Any]]:
        ids = list(rowids)
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        cur = self.db.execute(f"SELECT rowid, * FROM docs WHERE rowid IN ({marks})", ids)
        cols = [c[0] for c in cur.description]
        return {row[0]: dict(zip(cols, row)) for row in cur.fetchall()}

    def records_by_id(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Journal records by their journal id (the ``sources`` of a memory file)."""
        keys = list(dict.fromkeys(ids))
        if not keys:
            return {}
        marks = ",".join("?" * len(keys))
        cur = self.db.execute(f"SELECT rowid, * FROM docs WHERE kind='record' AND id IN ({marks})", keys)
        cols = [c[0] for c in cur.description]
        at = cols.index("id")
        return {row[at]: dict(zip(cols, row)) for row in cur.fetchall()}

    def find(self, key: str) -> dict[str, Any] | None:
        """A document by id, imported id, or memory name."""
        cur = self.db.execute("SELECT rowid, * FROM docs WHERE id=? OR ext_id=? OR id LIKE ? "
                              "ORDER BY kind='memory' DESC LIMIT 1", (key, key, f"%/{key}"))
        row = cur.fetchone()
        if row is None:
            return None
        return dict(zip([c[0] for c in cur.description], row))

    def count(self) -> dict[str, int]:
        out = {"records": 0, "memories": 0, "forgotten": 0}
        for kind, status, n in self.db.execute("SELECT kind, status, count(*) FROM docs GROUP BY kind, status"):
            if status == "forgotten":
                out["forgotten"] += n
            else:
                out["records" if kind == "record" else "memories"] += n
        return out

    def note_uses(self, rowids: Iterable[int]) -> None:
        ids = list(rowids)
        if ids:
            self.db.execute(f"UPDATE docs SET uses = uses + 1 WHERE rowid IN ({','.join('?' * len(ids))})", ids)
