"""The shipped static embedder: shapes, unit rows, and that meaning survives distillation."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from kairos.embed import Embedder, EmbedderUnavailable, get_embedder
from kairos.embed._static import MODEL_DIR, StaticEmbedder


@pytest.fixture(scope="module")
def static() -> StaticEmbedder:
    return StaticEmbedder()


def test_is_an_embedder_with_float32_unit_rows(static: StaticEmbedder) -> None:
    assert isinstance(static, Embedder)
    vecs = static.embed(["the build fails on arm64", "Caroline: I went to the support group"])
    assert vecs.shape == (2, static.dim)
    assert vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)


def test_empty_batch_and_text_without_known_tokens(static: StaticEmbedder) -> None:
    assert static.embed([]).shape == (0, static.dim)
    vecs = static.embed(["", "   ", "\x00\x01", "hello"])
    assert not vecs[:3].any(), "nothing known must embed to the zero row, similar to nothing"
    assert np.linalg.norm(vecs[3]) == pytest.approx(1.0, abs=1e-5)


def test_similar_texts_are_closer_than_unrelated(static: StaticEmbedder) -> None:
    a, b, c = static.embed([
        "the unit tests fail because the database migration is missing",
        "tests are failing: we forgot to run the schema migration",
        "my grandmother bakes apple pie every sunday",
    ])
    assert a @ b > a @ c
    assert a @ b > b @ c


def test_paraphrase_beats_shared_surface_words(static: StaticEmbedder) -> None:
    query, para, other = static.embed([
        "How do I deploy the service?",
        "steps to release the app to production",
        "How do I cook rice?",
    ])
    assert query @ para > 0.3
    assert query @ para > para @ other


def test_batch_equals_one_by_one_and_is_deterministic(static: StaticEmbedder) -> None:
    texts = ["alpha beta", "Déjà vu — naïve café", "kairos recall --json", "東京"]
    batch = static.embed(texts)
    single = np.vstack([static.embed([t]) for t in texts])
    np.testing.assert_array_equal(batch, single)
    np.testing.assert_array_equal(StaticEmbedder().embed(texts), batch)


def test_case_and_accents_do_not_matter(static: StaticEmbedder) -> None:
    a, b = static.embed(["Café Résumé", "cafe resume"])
    assert a @ b == pytest.approx(1.0, abs=1e-5)


def test_model_files_are_small_and_consistent(static: StaticEmbedder) -> None:
    size = sum(p.stat().st_size for p in MODEL_DIR.iterdir())
    assert size < 12_000_000, "the shipped model must stay a few MB"
    assert static.model_id.startswith("static:minilm-static:256:")
    assert 128 <= static.dim <= 384


def test_get_embedder_static_is_cached(static: StaticEmbedder) -> None:
    first = get_embedder("static")
    assert first is get_embedder("static")
    assert first.model_id == static.model_id


def _no_name(d: Path) -> None:
    (d / "config.json").write_text("{}", encoding="utf-8")


def _not_json(d: Path) -> None:
    (d / "config.json").write_text("{nope", encoding="utf-8")


def _cut_vectors(d: Path) -> None:
    (d / "vectors.npy").write_bytes((d / "vectors.npy").read_bytes()[:5000])


def _short_scales(d: Path) -> None:
    np.save(d / "scales.npy", np.ones(10, dtype=np.float32))


def _empty_vocab(d: Path) -> None:
    (d / "vocab.txt").write_text("", encoding="utf-8")


@pytest.mark.parametrize("damage", [_no_name, _not_json, _cut_vectors, _short_scales, _empty_vocab])
def test_damaged_model_files_are_a_clean_error(damage: Callable[[Path], None], tmp_path: Path) -> None:
    model = tmp_path / "model"
    shutil.copytree(MODEL_DIR, model)
    damage(model)
    with pytest.raises(EmbedderUnavailable, match=re.escape(str(model))):
        StaticEmbedder(model).embed(["background jobs run on RQ"])
