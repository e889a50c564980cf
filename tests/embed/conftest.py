"""Every embed test starts with no cached embedder and no KAIROS_EMBEDDER set."""

from __future__ import annotations

import pytest

from kairos.embed import _select


@pytest.fixture(autouse=True)
def fresh_selection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KAIROS_EMBEDDER", raising=False)
    monkeypatch.setattr(_select, "_cache", {})
