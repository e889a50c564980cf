"""Summarisers for compacted stretches: a deterministic extractive one, and an LLM one when configured.

The summary of a stretch sits in a tombstone next to the pinned ledger, so it
only needs to say what happened there (tools used, files touched, outcomes,
the agent's closing status); the ledger already carries what must not be lost.

Must never be required: everything works with no provider, and a provider that
fails falls back to the extractive summariser (logged, not silent).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any, Protocol

from kairos.compact.extract import agent_statements, error_lines, tool_paths
from kairos.compact.transcript import blocks, content_text, count_tokens, human_text, is_human, result_text
from kairos.errors import ProviderError

__all__ = ["ExtractiveSummariser", "LLMSummariser", "Summariser", "default_summariser", "render_records"]

log = logging.getLogger(__name__)
_OUTCOME = re.compile(r"(?:^|\s)=*\s*(?:\d+ (?:passed|failed|errors?|skipped|warnings?)[, ]*(?:in [\d.]+s)?)+\s*=*\s*$"
                      r"|^Found \d+ errors?.*$|^Success: no issues found.*$|^All checks passed!?$"
                      r"|^\[[\w./-]+ [0-9a-f]{7,12}\] .*$", re.M)


class Summariser(Protocol):
    name: str

    def summarise(self, records: Sequence[dict[str, Any]], budget_tokens: int) -> str:
        """A summary of ``records`` in at most about ``budget_tokens`` tokens."""
        ...


def _clip(text: str, budget_tokens: float) -> str:
    limit = max(0, int(budget_tokens * 4))
    return text if len(text) <= limit else text[: max(0, limit - 1)].rstrip() + "…"


class ExtractiveSummariser:
    """Deterministic: counts of tool calls, files edited, outcomes, and the agent's own statements."""

    name = "extractive"

    def summarise(self, records: Sequence[dict[str, Any]], budget_tokens: int) -> str:
        tools: Counter[str] = Counter()
        edited: list[str] = []
        outcomes: list[str] = []
        said: list[tuple[int, int, str]] = []
        asked: list[str] = []
        errors: list[str] = []
        for n, rec in enumerate(records):
            if is_human(rec):
                asked.append(human_text(rec).strip().split("\n")[0][:200])
                continue
            for b in blocks(rec):
                bt = b.get("type")
                if bt == "tool_use":
                    tools[str(b.get("name", "?"))] += 1
                elif bt == "tool_result":
                    text = result_text(b)[:100_000]
                    outcomes += [m.group(0).strip(" =") for m in _OUTCOME.finditer(text)]
                    errors += [e for e, s in error_lines(text, limit=3) if s > 1]
                elif bt == "text" and rec.get("type") == "assistant":
                    said += [(score, n, s) for s, score in agent_statements(b.get("text", ""))]
            edited += [p for p, e in tool_paths(rec) if e and p not in edited]
        parts = []
        if asked:
            parts.append("User said: " + " | ".join(dict.fromkeys(asked)))
        if tools:
            parts.append("Tools: " + ", ".join(f"{k}×{v}" for k, v in tools.most_common()))
        if edited:
            parts.append("Edited: " + ", ".join(edited))
        if errors:
            parts.append("Errors: " + " | ".join(dict.fromkeys(errors[-3:])))
        if outcomes:
            parts.append("Outcome: " + outcomes[-1])
        head = "\n".join(parts)
        room = budget_tokens - count_tokens(head) - 4
        if said and room > 20:
            best = sorted(said, key=lambda x: (-x[0], -x[1]))
            chosen: list[tuple[int, str]] = []
            for score, n, s in best:
                if count_tokens(s) + 2 > room:
                    continue
                chosen.append((n, s))
                room -= count_tokens(s) + 2
            if chosen:
                head += ("\n" if head else "") + "Agent: " + " ".join(s for _, s in sorted(chosen))
        return _clip(head, budget_tokens)


def render_records(records: Sequence[dict[str, Any]], *, max_chars_per_block: int = 4000) -> str:
    """A plain-text rendering of transcript records, for people and for an LLM prompt."""
    out = []
    for rec in records:
        t = rec.get("type")
        if t not in ("user", "assistant"):
            continue
        content = (rec.get("message") or {}).get("content")
        if isinstance(content, str):
            out.append(f"[{t}] {content[:max_chars_per_block]}")
            continue
        for b in blocks(rec):
            bt = b.get("type")
            if bt == "text":
                out.append(f"[{t}] {b.get('text', '')[:max_chars_per_block]}")
            elif bt == "tool_use":
                out.append(f"[{t} → {b.get('name')}] {str(b.get('input'))[:max_chars_per_block]}")
            elif bt == "tool_result":
                out.append(f"[tool result] {result_text(b)[:max_chars_per_block]}")
            elif bt == "thinking":
                out.append(f"[{t} thinking] {b.get('thinking', '')[:max_chars_per_block]}")
    return "\n".join(out)


class LLMSummariser:
    """Summaries written by the configured provider; falls back to extractive on any provider error."""

    name = "llm"
    SYSTEM = ("You compress part of a coding-agent session. Write a terse factual summary: what was done, "
              "files changed, outcomes, open problems. Quote error messages, identifiers and paths exactly. "
              "Never invent facts. No preamble.")

    def __init__(self, provider: Any, *, timeout: float = 60.0):
        self.provider = provider
        self.timeout = timeout
        self.fallback = ExtractiveSummariser()

    def summarise(self, records: Sequence[dict[str, Any]], budget_tokens: int) -> str:
        prompt = render_records(records, max_chars_per_block=1500)[-120_000:]
        try:
            text = self.provider.complete(self.SYSTEM, prompt, max_tokens=max(64, int(budget_tokens)),
                                          timeout=self.timeout)
        except ProviderError as exc:
            log.warning("LLM summariser failed (%s); using the extractive summariser", exc)
            return self.fallback.summarise(records, budget_tokens)
        if not isinstance(text, str) or not text.strip():
            log.warning("LLM summariser returned nothing; using the extractive summariser")
            return self.fallback.summarise(records, budget_tokens)
        return _clip(text.strip(), budget_tokens)


def default_summariser(kind: str = "auto") -> Summariser:
    """``extractive``, ``llm`` (error if no provider), or ``auto`` (LLM when one is configured)."""
    if kind == "extractive":
        return ExtractiveSummariser()
    from kairos.llm import get_provider

    provider = get_provider()
    if provider is None:
        if kind == "llm":
            from kairos.errors import ConfigError

            raise ConfigError("--summariser llm needs an LLM provider; none is configured")
        return ExtractiveSummariser()
    return LLMSummariser(provider)


def text_of(records: Sequence[dict[str, Any]]) -> str:
    return "\n".join(content_text(r) for r in records)
