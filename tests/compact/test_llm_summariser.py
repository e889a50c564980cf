"""The LLM summariser against a local fake endpoint: used when configured, extractive when it fails."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.compact.sessions import build, write
from tests.conftest import run_kairos
from tests.fake_llm import FakeLLM


def _compact(tmp_path: Path, project: Path, fake: FakeLLM) -> tuple[int, str, str]:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write(src, build(rounds=6).records)
    env = {"KAIROS_LLM": "openai", "KAIROS_LLM_BASE_URL": f"{fake.url}/v1", "OPENAI_API_KEY": "x",
           "KAIROS_LLM_MODEL": "fake"}
    r = run_kairos("compact", str(src), "-o", str(out), "--strategy", "collapse", "--target-tokens", "3000",
                   "--summariser", "llm", cwd=project, env=env)
    return r.returncode, out.read_text() if out.exists() else "", r.stderr


def test_llm_summary_lands_in_tombstones(tmp_path: Path, project: Path, fake_llm: FakeLLM) -> None:
    fake_llm.reply = "SUMMARY-FROM-FAKE-LLM: rate limiter added to upload endpoint."
    code, out, err = _compact(tmp_path, project, fake_llm)
    assert code == 0, err
    assert fake_llm.requests, "the configured LLM was never asked"
    assert "SUMMARY-FROM-FAKE-LLM" in out
    for line in out.splitlines():
        json.loads(line)


@pytest.mark.parametrize("mode", ["error", "garbage"])
def test_failed_llm_falls_back_to_extractive(tmp_path: Path, project: Path, fake_llm: FakeLLM, mode: str) -> None:
    fake_llm.mode = mode
    code, out, err = _compact(tmp_path, project, fake_llm)
    assert code == 0, err
    assert out and "SUMMARY-FROM-FAKE-LLM" not in out
    assert "Add rate limiting to the upload endpoint" in out  # the task survives regardless
