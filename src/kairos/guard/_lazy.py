"""Lazily compiled regular expressions: the hook pays only for the patterns a call needs.

Compiling every pattern at import costs tens of milliseconds per hook process;
most calls touch a handful of them.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["lazy_re"]


class _LazyPattern:
    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: str, flags: int = 0):
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(*self._args)
        return getattr(compiled, name)


def lazy_re(pattern: str, flags: int = 0) -> Any:
    """A stand-in for ``re.compile(pattern, flags)`` that compiles on first use."""
    return _LazyPattern(pattern, flags)
