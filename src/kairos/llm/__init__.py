"""One interface to optional LLMs: none, the Anthropic API, OpenAI-compatible endpoints, the claude CLI.

Every kairos feature works without an LLM. ``get_provider`` returns ``None``
when none is configured; callers then use their deterministic path. A provider
that fails, times out, or answers something that does not validate raises
``ProviderError``, and callers fall back (and journal that they did).

Configuration (``[llm]`` in config.toml, or environment)::

    provider = "anthropic" | "openai" | "claude-cli" | "none"   # KAIROS_LLM
    model    = "..."                                            # KAIROS_LLM_MODEL
    base_url = "http://127.0.0.1:11434/v1"                      # KAIROS_LLM_BASE_URL (openai: Ollama, vLLM)
    timeout  = 30
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from kairos.errors import ConfigError, ProviderError

__all__ = ["Provider", "complete_json", "get_provider"]

T = TypeVar("T")


class Provider(Protocol):
    name: str

    def complete(self, system: str, prompt: str, *, max_tokens: int = 1024,
                 timeout: float = 30.0) -> str: ...


class AnthropicProvider:
    name = "anthropic"

    def __init__(self, model: str | None, base_url: str | None, api_key: str | None):
        import anthropic

        self.model = model or "claude-haiku-4-5"
        self._client = anthropic.Anthropic(api_key=api_key, base_url=base_url, max_retries=1)

    def complete(self, system: str, prompt: str, *, max_tokens: int = 1024, timeout: float = 30.0) -> str:
        import anthropic

        try:
            msg = self._client.messages.create(
                model=self.model, max_tokens=max_tokens, system=system,
                messages=[{"role": "user", "content": prompt}], timeout=timeout)
        except anthropic.APIError as exc:
            raise ProviderError(f"anthropic: {exc}") from exc
        return "".join(getattr(b, "text", "") for b in msg.content)


class OpenAIProvider:
    name = "openai"

    def __init__(self, model: str | None, base_url: str | None, api_key: str | None):
        import openai

        self.model = model or "gpt-4o-mini"
        self._client = openai.OpenAI(api_key=api_key or "not-needed", base_url=base_url, max_retries=1)

    def complete(self, system: str, prompt: str, *, max_tokens: int = 1024, timeout: float = 30.0) -> str:
        import openai

        try:
            resp = self._client.chat.completions.create(
                model=self.model, max_tokens=max_tokens, timeout=timeout,
                messages=[{"role": "system", "content": system}, {"role": "user", "content": prompt}])
        except openai.OpenAIError as exc:
            raise ProviderError(f"openai-compatible endpoint: {exc}") from exc
        if not resp.choices:
            raise ProviderError("openai-compatible endpoint returned no choices")
        return resp.choices[0].message.content or ""


class ClaudeCliProvider:
    """The ``claude`` CLI in print mode (uses the user's own Claude Code login)."""

    name = "claude-cli"

    def __init__(self, model: str | None, binary: str | None = None):
        self.model = model
        self.binary = binary or shutil.which("claude") or "claude"

    def complete(self, system: str, prompt: str, *, max_tokens: int = 1024, timeout: float = 30.0) -> str:
        cmd = [self.binary, "-p", "--output-format", "json", "--append-system-prompt", system]
        if self.model:
            cmd += ["--model", self.model]
        try:
            out = subprocess.run(cmd, input=prompt, capture_output=True, text=True, timeout=timeout,
                                 env={**os.environ, "KAIROS_IN_LLM": "1"})
        except subprocess.TimeoutExpired as exc:
            raise ProviderError(f"claude CLI timed out after {timeout:.0f}s") from exc
        except OSError as exc:
            raise ProviderError(f"claude CLI could not start: {exc}") from exc
        if out.returncode != 0:
            raise ProviderError(f"claude CLI exited {out.returncode}: {out.stderr.strip()[:200]}")
        try:
            return str(json.loads(out.stdout).get("result", ""))
        except (ValueError, AttributeError):
            return out.stdout


def get_provider(config: dict[str, Any] | None = None) -> Provider | None:
    """The configured provider, or None when no LLM is configured."""
    cfg = dict((config or {}).get("llm", {}))
    for env, key in (("KAIROS_LLM", "provider"), ("KAIROS_LLM_MODEL", "model"),
                     ("KAIROS_LLM_BASE_URL", "base_url")):
        if os.environ.get(env) and key not in cfg:
            cfg[key] = os.environ[env]
    name = (cfg.get("provider") or "none").lower()
    model, base_url = cfg.get("model"), cfg.get("base_url")
    if name == "none":
        return None
    if name == "anthropic":
        return AnthropicProvider(model, base_url, cfg.get("api_key") or os.environ.get("ANTHROPIC_API_KEY"))
    if name in ("openai", "ollama", "vllm"):
        return OpenAIProvider(model, base_url, cfg.get("api_key") or os.environ.get("OPENAI_API_KEY"))
    if name in ("claude-cli", "claude"):
        return ClaudeCliProvider(model, cfg.get("binary"))
    raise ConfigError(f"unknown LLM provider {name!r}; use none, anthropic, openai or claude-cli")


_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.S)


def complete_json(provider: Provider, system: str, prompt: str, validate: Callable[[Any], T], *,
                  max_tokens: int = 1024, timeout: float = 30.0) -> T:
    """Ask for JSON, parse it (tolerating a code fence), and validate it; ProviderError otherwise."""
    raw = provider.complete(system, prompt, max_tokens=max_tokens, timeout=timeout)
    m = _FENCE.search(raw)
    body = m.group(1) if m else raw
    start = min([i for i in (body.find("{"), body.find("[")) if i >= 0], default=-1)
    if start < 0:
        raise ProviderError(f"{provider.name}: answer holds no JSON: {raw[:120]!r}")
    try:
        data, _ = json.JSONDecoder().raw_decode(body[start:])
    except ValueError as exc:
        raise ProviderError(f"{provider.name}: answer is not valid JSON ({exc})") from exc
    try:
        return validate(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise ProviderError(f"{provider.name}: answer does not fit the schema ({exc})") from exc
