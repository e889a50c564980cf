"""Fixtures for dream: a real store on a real git project, journals without fsync for speed."""

from __future__ import annotations

from pathlib import Path

import pytest

from kairos.store import Store


@pytest.fixture
def store(project: Path) -> Store:
    s = Store(project, fsync=False)
    s.init()
    return s


def live_files(store: Store) -> dict[str, str]:
    """Every live memory file (not the archive) of every scope: relative path -> content."""
    out = {}
    for scope, d in store.memory_dirs().items():
        if d.is_dir():
            for p in sorted(d.glob("*.md")):
                out[f"{scope}/{p.name}"] = p.read_text()
    return out
