"""Every provider against a local fake: good answers, garbage, errors and timeouts."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from kairos.errors import ConfigError, ProviderError
from kairos.llm import complete_json, get_provider
from tests.fake_llm import FakeLLM


def test_no_llm_configured_means_none() -> None:
    assert get_provider({}) is None
    assert get_provider({"llm": {"provider": "none"}}) is None
    with pytest.raises(ConfigError, match="unknown LLM provider"):
        get_provider({"llm": {"provider": "oracle"}})


@pytest.mark.parametrize("kind", ["openai", "anthropic"])
def test_provider_round_trip_and_json(fake_llm: FakeLLM, kind: str) -> None:
    p = get_provider(fake_llm.config(kind))
    fake_llm.reply = 'Here you go:\n```json\n{"verdict": "same", "why": "both say 8081"}\n```'
    data = complete_json(p, "judge", "compare these", lambda d: {"verdict": d["verdict"]})
    assert data == {"verdict": "same"}
    sent = fake_llm.requests[-1]
    assert sent["path"].endswith("/messages" if kind == "anthropic" else "/chat/completions")
    assert "compare these" in json.dumps(sent["body"])


@pytest.mark.parametrize("kind", ["openai", "anthropic"])
def test_garbage_errors_and_timeouts_raise_provider_error(fake_llm: FakeLLM, kind: str) -> None:
    p = get_provider(fake_llm.config(kind))
    fake_llm.mode = "garbage"
    with pytest.raises(ProviderError, match="JSON"):
        complete_json(p, "s", "p", dict)
    fake_llm.mode = "good"
    fake_llm.reply = '{"wrong": 1}'
    with pytest.raises(ProviderError, match="schema"):
        complete_json(p, "s", "p", lambda d: d["verdict"])
    fake_llm.mode = "error"
    with pytest.raises(ProviderError):
        p.complete("s", "p", timeout=5)
    fake_llm.mode = "hang"
    with pytest.raises(ProviderError):
        p.complete("s", "p", timeout=0.5)


def test_claude_cli_provider(tmp_path: Path) -> None:
    fake = tmp_path / "claude"
    fake.write_text("#!/bin/sh\ncat > /dev/null\necho '{\"type\":\"result\",\"result\":\"{\\\"a\\\": 1}\"}'\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    p = get_provider({"llm": {"provider": "claude-cli", "binary": str(fake)}})
    assert complete_json(p, "s", "p", dict) == {"a": 1}
    broken = tmp_path / "claude-broken"
    broken.write_text("#!/bin/sh\necho 'not logged in' >&2\nexit 3\n")
    broken.chmod(broken.stat().st_mode | stat.S_IEXEC)
    with pytest.raises(ProviderError, match="exited 3"):
        get_provider({"llm": {"provider": "claude-cli", "binary": str(broken)}}).complete("s", "p")
    with pytest.raises(ProviderError, match="could not start"):
        get_provider({"llm": {"provider": "claude-cli", "binary": str(tmp_path / "nope")}}).complete("s", "p")


def test_environment_selects_provider(fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAIROS_LLM", "openai")
    monkeypatch.setenv("KAIROS_LLM_BASE_URL", f"{fake_llm.url}/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "x")
    p = get_provider({})
    fake_llm.reply = "pong"
    assert p is not None and p.name == "openai" and p.complete("s", "ping") == "pong"
