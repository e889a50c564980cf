"""Schema of the derived index as ordered, named migrations, each applied in one transaction.

The index is derived: deleting ``index.sqlite`` loses nothing, ``kairos index
rebuild`` recreates it from the journal and the memory files.
"""

from __future__ import annotations

import sqlite3
import time

__all__ = ["MIGRATIONS", "migrate"]


_M001_INITIAL = """
    CREATE TABLE docs(
        rowid INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: vectors are keyed by it
        id TEXT NOT NULL UNIQUE,          -- journal record id, or '<scope>/<name>' for a memory file
        ext_id TEXT,                      -- id kept from an import (e.g. a benchmark turn id)
        kind TEXT NOT NULL,               -- 'record' | 'memory'
        rkind TEXT,                       -- journal record kind
        type TEXT,
        scope TEXT,
        text TEXT NOT NULL,
        keys TEXT NOT NULL DEFAULT '',    -- enrichment: names, speakers, dates, entities
        date TEXT,                        -- when the fact was stated (ISO-8601)
        session TEXT,
        provenance TEXT,
        sources TEXT NOT NULL DEFAULT '[]',
        anchors TEXT NOT NULL DEFAULT '[]',
        meta TEXT NOT NULL DEFAULT '{}',
        project TEXT,
        status TEXT NOT NULL DEFAULT 'active',
        strength REAL NOT NULL DEFAULT 1.0,
        uses INTEGER NOT NULL DEFAULT 0,
        path TEXT
    );
    CREATE INDEX docs_ext ON docs(ext_id);
    CREATE INDEX docs_session ON docs(session);
    CREATE VIRTUAL TABLE docs_fts USING fts5(
        text, keys, content='docs', content_rowid='rowid',
        tokenize='porter unicode61 remove_diacritics 2');
    CREATE TRIGGER docs_ai AFTER INSERT ON docs BEGIN
        INSERT INTO docs_fts(rowid, text, keys) VALUES (new.rowid, new.text, new.keys);
    END;
    CREATE TRIGGER docs_ad AFTER DELETE ON docs BEGIN
        INSERT INTO docs_fts(docs_fts, rowid, text, keys) VALUES ('delete', old.rowid, old.text, old.keys);
    END;
    CREATE TRIGGER docs_au AFTER UPDATE OF text, keys ON docs BEGIN
        INSERT INTO docs_fts(docs_fts, rowid, text, keys) VALUES ('delete', old.rowid, old.text, old.keys);
        INSERT INTO docs_fts(rowid, text, keys) VALUES (new.rowid, new.text, new.keys);
    END;
    CREATE TABLE sources(
        path TEXT PRIMARY KEY,            -- a journal segment or a memory file
        position INTEGER NOT NULL,        -- bytes of a segment already indexed
        mtime REAL, size INTEGER
    );
    CREATE TABLE tombstones(target TEXT PRIMARY KEY, record TEXT NOT NULL, reason TEXT);
"""

_M002_VECTOR_STATE = """
    -- Vectors live in append-only sidecar files (vectors.py); this records which model
    -- filled them and up to which document, so a model change re-embeds everything.
    CREATE TABLE vector_state(model TEXT PRIMARY KEY, last_rowid INTEGER NOT NULL, dim INTEGER NOT NULL);
"""

_M003_CONTEXT = """
    -- The previous record of the same session: a reply ("yes, last week!") is only
    -- findable together with the turn it answers.
    ALTER TABLE docs ADD COLUMN context TEXT NOT NULL DEFAULT '';
"""

_M004_NEIGHBOURS = """
    -- The turns around a record in its session: recall scores a turn together with its
    -- neighbours (an answer is found through the question before it).
    ALTER TABLE docs ADD COLUMN prev_row INTEGER;
    ALTER TABLE docs ADD COLUMN next_row INTEGER;
    CREATE INDEX docs_session_row ON docs(session, rowid);
    UPDATE docs SET prev_row = (SELECT max(p.rowid) FROM docs p WHERE p.session = docs.session
                                AND p.kind = 'record' AND p.rowid < docs.rowid)
        WHERE kind = 'record' AND session IS NOT NULL;
    UPDATE docs SET next_row = (SELECT min(n.rowid) FROM docs n WHERE n.session = docs.session
                                AND n.kind = 'record' AND n.rowid > docs.rowid)
        WHERE kind = 'record' AND session IS NOT NULL;
    -- Document frequency per indexed term: rare query terms go first, common ones are dropped.
    CREATE VIRTUAL TABLE docs_vocab USING fts5vocab(docs_fts, 'row');
"""

_M005_SUBJECTS = """
    -- What a record is about (subject keys, index/subjects.py) and which newer record replaced
    -- it: derived from the text, recomputed by a rebuild (and by Index on first open after this).
    ALTER TABLE docs ADD COLUMN subject TEXT NOT NULL DEFAULT '';
    ALTER TABLE docs ADD COLUMN superseded_by INTEGER;
    CREATE INDEX docs_superseded_by ON docs(superseded_by);
    CREATE TABLE doc_subjects(key TEXT NOT NULL, row INTEGER NOT NULL, project TEXT, PRIMARY KEY(key, row));
    CREATE INDEX doc_subjects_key ON doc_subjects(key, project, row);
"""

_M006_SENTENCE_SUBJECTS = """
    -- Supersession is now read sentence by sentence, and settings ("BATCH_SIZE = 12000") link
    -- under '=name' keys: the derived marks are cleared here and recomputed by Index on open.
    UPDATE docs SET superseded_by = NULL;
    DELETE FROM doc_subjects;
"""

_M007_JUDGED_LINKS = """
    -- Supersession a model judged (dream/links.py), read from the journal's ``supersedes``
    -- consolidation records by record id: applied over the rules' links on every refresh.
    CREATE TABLE judged_links(old TEXT NOT NULL, new TEXT NOT NULL, PRIMARY KEY(old, new));
    CREATE INDEX judged_links_new ON judged_links(new);
    CREATE TABLE judged_records(id TEXT PRIMARY KEY);
"""

# Ordered and named; never edit one that has shipped, add the next.
MIGRATIONS: list[tuple[str, str]] = [
    ("001_initial", _M001_INITIAL),
    ("002_vector_state", _M002_VECTOR_STATE),
    ("003_context", _M003_CONTEXT),
    ("004_neighbours", _M004_NEIGHBOURS),
    ("005_subjects", _M005_SUBJECTS),
    ("006_sentence_subjects", _M006_SENTENCE_SUBJECTS),
    ("007_judged_links", _M007_JUDGED_LINKS),
]


def migrate(db: sqlite3.Connection) -> list[str]:
    """Apply pending migrations in order; returns the names applied."""
    db.execute("CREATE TABLE IF NOT EXISTS migrations(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {r[0] for r in db.execute("SELECT name FROM migrations")}
    applied = []
    for name, sql in MIGRATIONS:
        if name in done:
            continue
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S")
        # executescript commits any open transaction first, so the migration opens its own.
        try:
            db.executescript(f"BEGIN IMMEDIATE;\n{sql}\n"
                             f"INSERT INTO migrations VALUES ('{name}', '{stamp}');\nCOMMIT;")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied
