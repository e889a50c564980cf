"""Shared fixtures: every test gets its own KAIROS_HOME; no test touches the real home."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fake_llm import fake_llm  # noqa: F401 - a shared fixture: a local fake LLM endpoint

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
KAIROS_BIN = Path(sys.executable).with_name("kairos")


@pytest.fixture(autouse=True)
def kairos_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "kairos-home"
    monkeypatch.setenv("KAIROS_HOME", str(home))
    monkeypatch.setenv("KAIROS_DEVICE", "testdev")
    for var in ("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "OPENAI_BASE_URL", "KAIROS_LLM"):
        monkeypatch.delenv(var, raising=False)
    return home


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A real git repository with one commit, as a project root."""
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    (repo / "README.md").write_text("# demo\n")
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True, env=env)
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(repo), "commit", "-qm", "init"], check=True, env=env)
    return repo


def run_kairos(*args: str, cwd: Path | None = None, input: str | None = None,
               env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the installed ``kairos`` CLI as a real process."""
    return subprocess.run([str(KAIROS_BIN), *args], cwd=cwd, input=input, capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=timeout)
