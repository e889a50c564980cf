"""The embedder contract shared by every backend, and the one error it raises.

This module must stay import-light (numpy only): the hook process imports it.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np

from kairos.errors import ConfigError

__all__ = ["Embedder", "EmbedderUnavailable", "l2_normalise"]


class EmbedderUnavailable(ConfigError):
    """The selected embedder cannot run here: its optional extra is not installed,
    or its shipped model files are missing. Callers fall back to lexical recall
    and say so."""


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into unit-length float32 vectors; cosine similarity is a dot product.

    ``name`` is the selector (``static``, ``minilm``); ``model_id`` changes
    whenever stored vectors would change (other weights, dims or tokenizer), so
    an index that stores it can tell when it must re-embed.
    """

    @property
    def name(self) -> str: ...

    @property
    def model_id(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def embed(self, texts: list[str]) -> np.ndarray:
        """Return a ``(len(texts), dim)`` float32 array whose rows have L2 norm 1.

        A text with nothing the model knows (empty, or only unknown symbols)
        gets the zero row: it is similar to nothing, rather than to everything.
        """
        ...


def l2_normalise(rows: np.ndarray) -> np.ndarray:
    """Scale each row to unit length in place (zero rows stay zero); return float32."""
    rows = np.asarray(rows, dtype=np.float32)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    np.divide(rows, norms, out=rows, where=norms > 0)
    return rows
