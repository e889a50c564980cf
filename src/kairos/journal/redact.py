"""Secret redaction applied to every text before it reaches the journal.

A redaction replaces the secret with ``[REDACTED:<kind>]`` and the record notes
which kinds were removed. Patterns favour precision on well-known token shapes
and on credential-looking assignments; a false positive costs a few characters,
a false negative leaks a key into an append-only log forever.
"""

from __future__ import annotations

import re

__all__ = ["redact"]

_PATTERNS: list[tuple[str, re.Pattern[str], int]] = [
    # (kind, pattern, group to replace: 0 = whole match)
    ("private-key", re.compile(
        r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----.*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|\Z)",
        re.S), 0),
    ("anthropic-key", re.compile(r"\bsk-ant-[A-Za-z0-9_\-]{20,}"), 0),
    ("openai-key", re.compile(r"\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,}"), 0),
    ("stripe-key", re.compile(r"\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}"), 0),
    ("aws-access-key", re.compile(r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[A-Z0-9]{16}\b"), 0),
    ("github-token", re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})"), 0),
    ("gitlab-token", re.compile(r"\bglpat-[A-Za-z0-9_\-]{20,}"), 0),
    ("slack-token", re.compile(r"\bxox[abprs]-[A-Za-z0-9\-]{10,}"), 0),
    ("google-api-key", re.compile(r"\bAIza[0-9A-Za-z_\-]{35}"), 0),
    ("huggingface-token", re.compile(r"\bhf_[A-Za-z0-9]{30,}"), 0),
    ("npm-token", re.compile(r"\bnpm_[A-Za-z0-9]{36}"), 0),
    ("jwt", re.compile(r"\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}"), 0),
    ("bearer-token", re.compile(r"(?i)\b(?:authorization:\s*)?bearer\s+([A-Za-z0-9_\-\.=~+/]{16,})"), 1),
    ("url-password", re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^\s:/@]+:([^\s@/]+)@"), 1),
    ("aws-secret-key", re.compile(
        r"(?i)aws_?secret_?access_?key[\"']?\s*[:=]\s*[\"']?([A-Za-z0-9/+=]{40})"), 1),
    ("credential-assignment", re.compile(
        r"(?i)\b[A-Z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?)"
        r"[A-Z0-9_]*\s*[:=]\s*[\"']?([^\s\"'`,;]{6,})"), 1),
]

_PLACEHOLDER = re.compile(r"\[REDACTED:[a-z\-]+\]")


def redact(text: str) -> tuple[str, list[str]]:
    """Return ``text`` with secrets replaced, and the sorted kinds that were found."""
    found: set[str] = set()
    for kind, pattern, group in _PATTERNS:
        def _sub(m: re.Match[str], kind: str = kind, group: int = group) -> str:
            secret = m.group(group)
            if not secret or _PLACEHOLDER.fullmatch(secret) or secret.startswith("[REDACTED:"):
                return m.group(0)
            found.add(kind)
            if group == 0:
                return f"[REDACTED:{kind}]"
            start, end = m.span(group)
            s0 = m.start(0)
            whole = m.group(0)
            return whole[: start - s0] + f"[REDACTED:{kind}]" + whole[end - s0 :]

        text = pattern.sub(_sub, text)
    return text, sorted(found)
