"""The shipped static embedder: MiniLM distilled into one vector per WordPiece token.

A text's embedding is the mean of its tokens' rows, L2-normalised: no neural
network runs, so it loads in a few milliseconds (the matrix is memory-mapped,
the vocabulary is a text file) and needs nothing beyond numpy. The model files
live in ``models/minilm-static/`` and are produced by
``benchmarks/distill_static.py``; this module never downloads anything.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from kairos.embed._base import EmbedderUnavailable, l2_normalise
from kairos.embed._wordpiece import WordPiece

__all__ = ["MODEL_DIR", "StaticEmbedder"]

MODEL_DIR = Path(__file__).resolve().parent / "models" / "minilm-static"


class StaticEmbedder:
    """Mean of distilled token vectors. Cheap enough for the hook process."""

    name = "static"

    def __init__(self, model_dir: Path = MODEL_DIR) -> None:
        try:
            config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
            vocab = (model_dir / "vocab.txt").read_text(encoding="utf-8").split("\n")
            vectors = np.load(model_dir / "vectors.npy", mmap_mode="r")
            scales_path = model_dir / "scales.npy"
            scales = np.load(scales_path) if scales_path.exists() else None
            model_name, digest = str(config["name"]), str(config["vectors_sha256"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise EmbedderUnavailable(
                f"static embedder files are missing or unreadable in {model_dir}: {exc!r}; "
                "reinstall kairos, or set KAIROS_EMBEDDER=none for lexical recall only"
            ) from exc
        if vocab and vocab[-1] == "":
            vocab.pop()
        if vectors.ndim != 2 or len(vocab) != vectors.shape[0] or (
                scales is not None and scales.shape != (vectors.shape[0],)):
            raise EmbedderUnavailable(
                f"static embedder in {model_dir} is inconsistent: {len(vocab)} tokens, "
                f"vectors {vectors.shape}, scales {None if scales is None else scales.shape}"
            )
        self._vectors = vectors
        self._scales = scales
        self._tokenizer = WordPiece(vocab)
        self.dim = int(vectors.shape[1])
        self.model_id = f"static:{model_name}:{self.dim}:{digest[:12]}"

    def embed(self, texts: list[str]) -> np.ndarray:
        """Mean-pool each text's known token vectors; unit rows, zero row if none known."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        unk = self._tokenizer.unk_id
        for row, text in enumerate(texts):
            ids = [i for i in self._tokenizer.ids(text) if i != unk]
            if not ids:
                continue
            idx = np.asarray(ids, dtype=np.intp)
            vecs = np.asarray(self._vectors[idx], dtype=np.float32)
            if self._scales is not None:
                vecs *= self._scales[idx, None]
            out[row] = vecs.mean(axis=0)
        return l2_normalise(out)
