"""The real Claude Code CLI (cc-harness: pinned 2.1.328 against a scripted fake API) with kairos installed.

Skips, with the reason printed, only when npm or the claude package cannot be installed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import SHARED, run_kairos

HARNESS = SHARED / "tools" / "cc-harness" / "run.sh"


def _need_claude() -> None:
    if not HARNESS.exists():
        pytest.skip(f"cc-harness not found at {HARNESS}")
    if shutil.which("npm") is None and not os.environ.get("CLAUDE_BIN"):
        pytest.skip("npm is not installed, so Claude Code cannot be installed")


def test_real_claude_code_session(project, kairos_home, tmp_path):
    _need_claude()
    assert run_kairos("remember", "Releases are cut with make release-train from main, never by hand",
                      "--type", "project", cwd=project).returncode == 0
    inst = run_kairos("install", "claude-code", "--scope", "project", cwd=project)
    assert inst.returncode == 0, inst.stderr
    scenario = tmp_path / "scenario.json"
    scenario.write_text(json.dumps({"turns": [
        {"text": "Looking.", "tool_use": {"name": "Bash", "input": {"command": "echo kairos-e2e-42",
                                                                     "description": "echo"}}},
        {"text": "We cut releases with make release-train."}]}))
    out = tmp_path / "out"
    proc = subprocess.run([str(HARNESS), "--scenario", str(scenario), "--cwd", str(project),
                           "--prompt", "How do we cut a release here? Check the release process.",
                           "--out", str(out), "--env", f"KAIROS_HOME={kairos_home}",
                           "--env", "KAIROS_DEVICE=testdev", "--env", "KAIROS_NO_DREAM=1",
                           "--timeout", "120"],
                          capture_output=True, text=True, timeout=400)
    if proc.returncode != 0 and not (out / "requests.jsonl").exists():
        if "npm" in proc.stderr and ("install" in proc.stderr or "ERR" in proc.stderr):
            pytest.skip(f"Claude Code could not be installed: {proc.stderr.strip()[-300:]}")
        pytest.fail(f"harness failed: {proc.stderr[-2000:]}")
    requests = [json.loads(line) for line in (out / "requests.jsonl").read_text().splitlines()]
    main = [r for r in requests if r["kind"] == "main"]
    assert main, "Claude Code made no main-loop request"
    # what kairos injected reached the model
    assert any("make release-train" in json.dumps(r["body"]) for r in main)
    stream = [json.loads(line) for line in (out / "stream.jsonl").read_text().splitlines() if line.strip()]
    hook_responses = [s for s in stream if s.get("subtype") == "hook_response"]
    assert hook_responses and all(h.get("exit_code", 0) == 0 for h in hook_responses)
    # what happened went into the journal: the prompt, the command and its outcome, a session note
    journal = "\n".join(p.read_text() for p in Path(kairos_home).rglob("logs/**/*.md"))
    assert "How do we cut a release here?" in journal
    assert "echo kairos-e2e-42" in journal and "kairos-e2e-42" in journal
    assert "session-note" in journal
    assert not (Path(kairos_home) / "hook-errors.log").exists(), \
        (Path(kairos_home) / "hook-errors.log").read_text()
