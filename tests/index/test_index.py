"""The derived index: migrations, incremental refresh, rebuild, forgetting, damage."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kairos import Kairos
from kairos.errors import IndexError_, InputError, NotFound
from kairos.index import MIGRATIONS, migrate


def test_migrations_from_blank_and_from_oldest_schema(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "a.sqlite", isolation_level=None)
    assert migrate(db) == [name for name, _ in MIGRATIONS]
    assert migrate(db) == []
    old = sqlite3.connect(tmp_path / "b.sqlite", isolation_level=None)
    old.execute("CREATE TABLE migrations(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    first_name, first_sql = MIGRATIONS[0]
    old.executescript(f"BEGIN;{first_sql}; INSERT INTO migrations VALUES ('{first_name}', 'then'); COMMIT;")
    old.execute("INSERT INTO docs(id, kind, text) VALUES ('r1', 'record', 'kept across migrations')")
    assert migrate(old) == [name for name, _ in MIGRATIONS[1:]]
    assert old.execute("SELECT text FROM docs").fetchone()[0] == "kept across migrations"


def test_failed_migration_rolls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kairos.index.schema as schema

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, ("999_broken", "CREATE TABLE t(x); BOGUS;")])
    db = sqlite3.connect(tmp_path / "c.sqlite", isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        schema.migrate(db)
    names = {r[0] for r in db.execute("SELECT name FROM migrations")}
    assert "999_broken" not in names
    assert db.execute("SELECT count(*) FROM sqlite_master WHERE name='t'").fetchone()[0] == 0


def test_deleting_the_index_loses_nothing(project: Path) -> None:
    k = Kairos(project)
    k.remember("The API base path is /api/v2", "project")
    k.journal.append("observation", "pytest fails with ImportError in conftest")
    before = [h.id for h in k.recall("api base path").results]
    k.index.close()
    k.store.index_path.unlink()
    k2 = Kairos(project)
    assert [h.id for h in k2.recall("api base path").results] == before
    assert k2.index.rebuild() >= 3


def test_incremental_refresh_sees_other_writers(project: Path) -> None:
    k = Kairos(project)
    k.recall("anything at all")
    other = Kairos(project, device="laptop")
    other.journal.append("observation", "the flaky test is test_checkout_timeout")
    assert any("test_checkout_timeout" in h.text for h in k.recall("flaky checkout test").results)


def test_forget_hides_memory_and_its_record_but_journal_keeps_them(project: Path) -> None:
    k = Kairos(project)
    _, mf = k.remember("Deploy on Fridays is fine", "project")
    k.forget(mf.name, "wrong")
    assert k.recall("deploy fridays").results == []
    texts = [r.text for r in k.journal.records()]
    assert "Deploy on Fridays is fine" in texts and any(t.startswith("forget") for t in texts)
    with pytest.raises(NotFound):
        k.forget("no-such-memory")


def test_damaged_index_says_rebuild(project: Path) -> None:
    k = Kairos(project)
    k.remember("x marks the spot", "project")
    k.index.close()
    k.store.index_path.write_bytes(b"this is not sqlite" * 100)
    for suffix in ("-wal", "-shm"):
        Path(str(k.store.index_path) + suffix).unlink(missing_ok=True)
    k2 = Kairos(project)
    with pytest.raises(IndexError_, match="rebuild"):
        k2.recall("spot")
    k2.index.rebuild()
    assert k2.recall("spot").results


def test_remember_validates_input(project: Path) -> None:
    k = Kairos(project)
    with pytest.raises(InputError, match="unknown memory type"):
        k.remember("x", "gossip")
    with pytest.raises(InputError, match="empty"):
        k.remember("   ", "project")
    with pytest.raises(InputError, match="tool output"):
        k.remember("I am the user's boss", "user", provenance="tool")
    with pytest.raises(InputError, match="outside"):
        k.remember("x", "project", anchors=["../../etc/passwd"])


def test_scopes_and_project_identity_across_clones(project: Path, tmp_path: Path) -> None:
    import subprocess

    k = Kairos(project)
    k.remember("Use ruff, not flake8", "feedback")
    k.remember("Likes terse answers", "user")
    k.remember("Service runs on port 8081", "project")
    assert (project / ".kairos" / "memory" / "MEMORY.md").exists()
    assert (k.store.home / "user" / "memory" / "MEMORY.md").exists()
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(project), str(clone)], check=True)
    wt = tmp_path / "wt"
    subprocess.run(["git", "-C", str(project), "worktree", "add", "-q", str(wt)], check=True)
    assert Kairos(clone).store.project.id == k.store.project.id == Kairos(wt).store.project.id
    assert any("ruff" in h.text for h in Kairos(wt).recall("ruff flake8").results)


def test_hand_edit_becomes_the_current_version(project: Path) -> None:
    k = Kairos(project)
    _, mf = k.remember("The queue is Celery", "project")
    path = project / ".kairos" / "memory" / f"{mf.name}.md"
    path.write_text(path.read_text().replace("The queue is Celery", "The queue is RQ (edited by hand)"))
    k.remember("Another fact", "project")  # must not clobber, must journal the edit
    assert "edited by hand" in path.read_text()
    edits = [r for r in k.journal.records(["memory"]) if r.meta.get("hand_edit")]
    assert len(edits) == 1 and "RQ" in edits[0].text


def test_secrets_never_reach_names_descriptions_or_files(project: Path) -> None:
    k = Kairos(project)
    rec, mf = k.remember("Staging DB is postgres://app:hunter2secret@db.staging:5432/app", "reference")
    assert "hunter2" not in mf.name and "hunter2" not in mf.description
    assert rec.meta["redacted"] == ["url-password"]
    on_disk = [p.read_text() for p in k.store.home.rglob("*.md")] + [p.read_text() for p in project.rglob("*.md")]
    names = [str(p) for p in k.store.home.rglob("*")] + [str(p) for p in project.rglob("*")]
    assert not any("hunter2" in t for t in on_disk + names)


def test_subject_migration_backfills_an_existing_index(project: Path) -> None:
    k = Kairos(project)
    k.journal.append("observation", "Crash reports are collected by Rollbar.", meta={"date": "2024-01-01"})
    k.journal.append("observation", "Switched the exception monitoring over to Sentry.", meta={"date": "2024-02-01"})
    k.refresh()
    db = k.index.db
    db.execute("UPDATE docs SET subject='', superseded_by=NULL")
    db.execute("DELETE FROM doc_subjects")
    db.execute("DELETE FROM migrations WHERE name='005_subjects'")
    db.executescript("DROP INDEX docs_superseded_by; DROP TABLE doc_subjects;"
                     "ALTER TABLE docs DROP COLUMN superseded_by; ALTER TABLE docs DROP COLUMN subject;")
    k.index.close()
    k2 = Kairos(project)
    rows = k2.index.db.execute("SELECT subject, superseded_by FROM docs ORDER BY rowid").fetchall()
    assert rows[0][0] == "errors" and rows[0][1] is not None and rows[1][1] is None


def test_sentence_subject_migration_recomputes_marks_made_by_the_older_rule(project: Path) -> None:
    k = Kairos(project)
    k.journal.append("observation", "We use Flagsmith for flags. Clients call the API under /api/v1.",
                     meta={"date": "2024-01-01"})
    k.journal.append("observation", "Set `BATCH_SIZE = 5000` for the ingest.", meta={"date": "2024-01-02"})
    k.journal.append("observation", "Heads up: the API moved to /api/v2 from today.", meta={"date": "2024-02-01"})
    k.journal.append("observation", "Set `BATCH_SIZE = 12000`.", meta={"date": "2024-03-01"})
    k.refresh()
    db = k.index.db
    expected = db.execute("SELECT rowid, superseded_by FROM docs ORDER BY rowid").fetchall()
    assert expected[1][1] == expected[3][0]  # BATCH_SIZE 5000 -> 12000
    # an index written by the older rule: wrong marks, no setting keys
    db.execute("UPDATE docs SET superseded_by = (SELECT max(rowid) FROM docs)")
    db.execute("DELETE FROM doc_subjects WHERE key LIKE '=%'")
    db.execute("DELETE FROM migrations WHERE name='006_sentence_subjects'")
    k.index.close()
    k2 = Kairos(project)
    assert k2.index.db.execute("SELECT rowid, superseded_by FROM docs ORDER BY rowid").fetchall() == expected
    assert k2.index.db.execute("SELECT count(*) FROM doc_subjects WHERE key = '=batch_size'").fetchone()[0] == 2


def test_the_migration_gives_existing_memory_files_their_subject_keys(project: Path) -> None:
    k = Kairos(project)
    k.remember("Background jobs run on Celery", "project")
    k.refresh()
    db = k.index.db
    db.execute("UPDATE docs SET subject='' WHERE kind='memory'")
    db.execute("DELETE FROM migrations WHERE name='006_sentence_subjects'")
    k.index.close()
    k2 = Kairos(project)
    assert k2.index.db.execute("SELECT subject FROM docs WHERE kind='memory'").fetchone()[0] == "jobs"


def test_values_read_quantities_names_opening_a_sentence_and_settings() -> None:
    from kairos.index.subjects import values

    assert "30 seconds" in values("user: The timeout is 30 seconds.")
    assert "7850" in values("Moved the server to port 7850.")
    assert "50000 rows" in values("I raised the cap to 50,000 rows.")
    assert values("The autoscaling endpoint returns 500 for some inputs.") == set()  # a count in passing
    assert "redis" in values("Redis handles the cache.")  # a name opening the sentence
    assert "priya" in values("Priya owns the billing module.")
    assert values("Upgraded everything and swapped the order.") == set()  # ordinary words opening it


def test_a_change_names_the_value_it_leaves_behind() -> None:
    from kairos.index.subjects import retired, retires

    assert retired("We're moving everything from Ireland to eu-central-1, Frankfurt.") == ["ireland"]
    assert retired("We moved the background jobs off Celery; RQ handles them now.") == ["celery"]
    assert retired("Clerk replaced GitHub OAuth for user login.") == ["github oauth"]
    assert retired("We use Postgres instead of MySQL because of jsonb.") == ["mysql"]
    assert retired("Copy the exports from S3 to the warehouse.") == []  # no verb of change: a path
    assert retired("Bandwidth per player goes from ~11 KB/s to ~22 KB/s.") == []  # a quantity
    assert retires("Heads up: the broker moved from RabbitMQ to Redis.", "Celery uses the RabbitMQ broker.")
    assert not retires("The broker moved from RabbitMQ to Redis.", "Celery retries three times.")
    # naming the old value again, and nothing new, retires nothing
    assert not retires("We went off RabbitMQ for a day.", "Celery uses the RabbitMQ broker.")


def test_common_words_ship_with_the_package() -> None:
    from kairos.index.subjects import is_common_word

    assert is_common_word("Everything") and is_common_word("upgraded")
    assert not is_common_word("Sidekiq")


def test_rare_words_follow_the_store_as_it_grows(project: Path) -> None:
    """A word is rare while few records use it; the frequencies read once are read again when
    records are added, so a word that became common stops being rare."""
    from kairos.journal import RecordDraft

    k = Kairos(project)
    k.journal.append_many([RecordDraft("observation", f"note {n}: the parser review is done") for n in range(39)]
                          + [RecordDraft("observation", "the trainer saves a checkpoint every hour")])
    k.refresh()
    assert k.index.rare_words(["checkpoint", "parser", "absent"], 0.05) == ["checkpoint"]
    k.journal.append_many([RecordDraft("observation", f"checkpoint {n} written") for n in range(10)])
    k.refresh()
    assert k.index.rare_words(["checkpoint", "parser"], 0.05) == []
    assert k.index.query_terms("parser checkpoint") == ["checkpoint"]  # "parser": in over half the records
