"""A whole dream over a real store: dry run, idempotence, hand edits, budgets, history, CLI."""

from __future__ import annotations

import json

from click.testing import CliRunner

from kairos.cli.dream_cmds import history
from kairos.dream import capture_turn, dream
from kairos.memory import TOPIC_MAX_BYTES, MemoryDir
from kairos.store import Store
from tests.conftest import run_kairos
from tests.dream.conftest import live_files


def _seed(store: Store) -> None:
    j = store.journal
    j.append("memory", "The staging database runs on port 5432", type="project", provenance="user",
             session="s1")
    j.append("memory", "The staging database runs on port 6543", type="project", provenance="user",
             session="s2")
    capture_turn(j, "I prefer short commit messages.", "user", session="s2")
    capture_turn(j, "From now on, squash merge every pull request.", "user", session="s3")


def test_dry_run_changes_nothing_then_apply_is_idempotent(store: Store) -> None:
    _seed(store)
    before = len(list(store.journal.records()))
    dry = dream(store, dry_run=True)
    assert dry.changed and any(c.diff for c in dry.changes)
    assert live_files(store) == {} and len(list(store.journal.records())) == before
    applied = dream(store)
    assert [d.key for d in applied.decisions] == [d.key for d in dry.decisions]
    files = live_files(store)
    assert files
    cons = list(store.journal.records(kinds=["consolidation"])) + \
        list(store.user_journal.records(kinds=["consolidation"]))
    assert len(cons) == len(applied.decisions)  # one consolidation record per change
    again = dream(store)
    assert not again.changed and live_files(store) == files
    assert len(list(store.journal.records(kinds=["consolidation"]))) + \
        len(list(store.user_journal.records(kinds=["consolidation"]))) == len(cons)


def test_hand_edit_is_journaled_first_and_wins(store: Store) -> None:
    _seed(store)
    dream(store)
    team = MemoryDir(store.memory_dir("team"), "team")
    name = next(n for n in team.names() if "staging" in n)
    path = team.path / f"{name}.md"
    path.write_text(path.read_text().replace("port 6543", "port 7000"))
    report = dream(store)
    assert report.hand_edits
    assert any(r.meta.get("hand_edit") and "7000" in r.text for r in store.journal.records(kinds=["memory"]))
    assert "port 7000" in path.read_text()
    assert not dream(store).changed


def test_unreadable_hand_edit_is_left_alone(store: Store) -> None:
    _seed(store)
    dream(store)
    team = MemoryDir(store.memory_dir("team"), "team")
    broken = team.path / "notes.md"
    broken.write_text("---\nname: [unclosed\n---\nmy own notes\n")
    report = dream(store)
    assert any("notes.md" in s for s in report.skipped)
    assert broken.read_text().endswith("my own notes\n")


def test_over_budget_file_is_split_not_lost(store: Store) -> None:
    _seed(store)
    dream(store)
    mdir = MemoryDir(store.memory_dir("team"), "team")
    long_body = "\n".join(f"Step {i}: run the migration for shard {i} and check the replica lag."
                          for i in range(200))
    (mdir.path / "runbook.md").write_text(
        f"---\nname: runbook\ndescription: Shard migration runbook\ntype: project\n---\n\n{long_body}\n")
    report = dream(store)
    assert report.hand_edits
    parts = sorted(p for p in mdir.path.glob("runbook*.md"))
    assert len(parts) > 1
    assert all(len(p.read_bytes()) <= TOPIC_MAX_BYTES for p in parts)
    text = "".join(p.read_text() for p in parts)
    assert "shard 0 " in text and "shard 199 " in text  # nothing lost
    index = (mdir.path / "MEMORY.md").read_text()
    assert len(index.splitlines()) <= 200 and len(index.encode()) <= 25_000
    assert not dream(store).changed


def test_history_command(store: Store, monkeypatch) -> None:
    _seed(store)
    dream(store)
    team = MemoryDir(store.memory_dir("team"), "team")
    name = next(n for n in team.names() if "staging" in n)
    monkeypatch.chdir(store.project.root)
    out = CliRunner().invoke(history, [name, "--json"])
    assert out.exit_code == 0, out.output
    h = json.loads(out.output)
    assert "6543" in h["current"] and "5432" in h["superseded"][0]["text"]
    assert h["superseded"][0]["valid_to"] and h["superseded"][0]["reason"]
    assert {c["action"] for c in h["consolidations"]} >= {"create", "supersede"}
    text = CliRunner().invoke(history, [name])
    assert "was" in text.output and "5432" in text.output
    missing = CliRunner().invoke(history, ["no-such-memory"])
    assert missing.exit_code != 0


def test_cli_dream(store: Store) -> None:
    _seed(store)
    root = store.project.root
    dry = run_kairos("dream", "--dry-run", cwd=root)
    assert dry.returncode == 0, dry.stderr
    assert "would supersede" in dry.stdout and "+++" in dry.stdout
    assert live_files(store) == {}
    done = run_kairos("dream", "--json", cwd=root)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["decisions"]
    again = json.loads(run_kairos("dream", "--json", cwd=root).stdout)
    assert again["decisions"] == [] and again["changes"] == []
    gate = run_kairos("dream", "--gate", cwd=root)
    assert gate.returncode == 0 and "gate closed" in gate.stdout
