"""Text embeddings for semantic recall, offline only.

Three choices, picked by :func:`get_embedder` or ``KAIROS_EMBEDDER``:

- ``static`` (default): MiniLM distilled into per-token vectors that ship in
  this package (``models/minilm-static``, ~7 MB). numpy only; loads in
  milliseconds, so the hook process can embed a query itself.
- ``minilm``: all-MiniLM-L6-v2 through sentence-transformers, from the
  ``kairos[minilm]`` extra (CPU torch). Best quality, seconds to load: only for
  long-lived processes.
- ``none``: no vectors; recall is lexical only.

This package never downloads a model, never imports torch unless ``minilm``
is asked for, and never falls back silently: an unavailable embedder raises
:class:`EmbedderUnavailable` and the caller decides (and says) what answered.
Notes and the measured comparison: ``docs/notes/embed.md``.
"""

from __future__ import annotations

from kairos.embed._base import Embedder, EmbedderUnavailable, l2_normalise
from kairos.embed._select import DEFAULT_EMBEDDER, EMBEDDER_NAMES, ENV_VAR, get_embedder

__all__ = [
    "DEFAULT_EMBEDDER",
    "EMBEDDER_NAMES",
    "ENV_VAR",
    "Embedder",
    "EmbedderUnavailable",
    "get_embedder",
    "l2_normalise",
]
