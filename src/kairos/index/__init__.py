"""The derived index (SQLite FTS5 + vectors): rebuildable at any time from the files.

The package import is lazy: ``kairos.index.terms`` and ``kairos.index.schema`` are
light, and the hook's lexical fallback uses them without loading numpy.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["INDEXED_KINDS", "MIGRATIONS", "Candidate", "Index", "VectorFileDamaged", "fts_query", "migrate"]

_WHERE = {"INDEXED_KINDS": "index", "Candidate": "index", "Index": "index", "fts_query": "index",
          "VectorFileDamaged": "vectors", "MIGRATIONS": "schema", "migrate": "schema"}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f"kairos.index.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'kairos.index' has no attribute {name!r}")
