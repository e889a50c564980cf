"""Choosing an embedder by name: argument, else ``KAIROS_EMBEDDER``, else the default.

Constructing an embedder is the only place a backend is imported, so asking for
``static`` never imports torch. Instances are cached per name for the life of
the process (a daemon or MCP server embeds many queries with one load).
"""

from __future__ import annotations

import os

from kairos.embed._base import Embedder
from kairos.errors import ConfigError

__all__ = ["DEFAULT_EMBEDDER", "EMBEDDER_NAMES", "ENV_VAR", "get_embedder"]

ENV_VAR = "KAIROS_EMBEDDER"
DEFAULT_EMBEDDER = "static"
EMBEDDER_NAMES = ("static", "minilm", "none")

_cache: dict[str, Embedder] = {}


def _resolve(name: str | None) -> str:
    if name is None:
        name = os.environ.get(ENV_VAR, "").strip() or DEFAULT_EMBEDDER
    key = name.strip().lower()
    if key not in EMBEDDER_NAMES:
        source = "argument" if name is not None and name != os.environ.get(ENV_VAR) else ENV_VAR
        raise ConfigError(
            f"unknown embedder {name!r} ({source}); choose one of {', '.join(EMBEDDER_NAMES)}"
        )
    return key


def get_embedder(name: str | None = None) -> Embedder | None:
    """The embedder called ``name`` (or chosen by ``KAIROS_EMBEDDER``; default ``static``).

    Returns None for ``none``: the caller runs lexical recall only. Raises
    :class:`ConfigError` for an unknown name and :class:`EmbedderUnavailable`
    (a ``ConfigError``) when the chosen one cannot run here, e.g. ``minilm``
    without the ``kairos[minilm]`` extra; the caller then falls back to lexical
    recall and tells the user which one answered.
    """
    key = _resolve(name)
    if key == "none":
        return None
    hit = _cache.get(key)
    if hit is not None:
        return hit
    embedder: Embedder
    if key == "static":
        from kairos.embed._static import StaticEmbedder

        embedder = StaticEmbedder()
    else:
        from kairos.embed._minilm import MiniLMEmbedder

        embedder = MiniLMEmbedder()
    _cache[key] = embedder
    return embedder
