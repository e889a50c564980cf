from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_kairos

from .sessions import TASK, build, write


def test_compact_then_expand_round_trip(tmp_path: Path, project: Path):
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write(src, build(rounds=2).records)
    before = src.read_bytes()
    p = run_kairos("compact", str(src), "-o", str(dst), "--strategy", "collapse", "--target-tokens", "5000",
                   "--json", cwd=project)
    assert p.returncode == 0, p.stderr
    report = json.loads(p.stdout)
    assert report["after_tokens"] <= 5000 < report["before_tokens"] and report["tombstones"]
    assert src.read_bytes() == before
    first = json.loads(dst.read_text().splitlines()[0])
    assert first["message"]["content"] == TASK
    e = run_kairos("expand", report["tombstones"][0], cwd=project)
    assert e.returncode == 0, e.stderr
    assert "Let me read" in e.stdout
    j = run_kairos("expand", report["tombstones"][0], "--format", "jsonl", cwd=project)
    assert all(json.loads(line)["uuid"].startswith("u-") for line in j.stdout.splitlines())


def test_bad_input_gives_one_clear_line_and_leaves_the_file(tmp_path: Path, project: Path):
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    recs = build(rounds=1).records
    text = "".join(json.dumps(r) + "\n" for r in recs[:5]) + "{not json\n" + \
        "".join(json.dumps(r) + "\n" for r in recs[5:])
    src.write_text(text)
    p = run_kairos("compact", str(src), "-o", str(dst), "--target-tokens", "3000", cwd=project)
    assert p.returncode == 1 and "line 6" in p.stderr and "Traceback" not in p.stderr
    assert not dst.exists() and src.read_text() == text
    p = run_kairos("compact", str(src), "-o", str(dst), "--target-tokens", "3000", "--skip-invalid",
                   cwd=project)
    assert p.returncode == 0, p.stderr
    assert src.read_text() == text and dst.exists()
    missing = run_kairos("expand", "ts-0000000000", cwd=project)
    assert missing.returncode == 1 and "no tombstone" in missing.stderr


def test_torn_last_line_is_dropped_with_a_warning(tmp_path: Path, project: Path):
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write(src, build(rounds=1).records)
    with src.open("a") as fh:
        fh.write('{"type":"assistant","uuid":"tor')
    p = run_kairos("compact", str(src), "-o", str(dst), "--target-tokens", "3000", "--no-journal", cwd=project)
    assert p.returncode == 0, p.stderr
    assert "warning" in p.stderr


def test_commands_have_help():
    for cmd in ("compact", "expand"):
        p = run_kairos(cmd, "--help")
        assert p.returncode == 0 and len(p.stdout) > 100
