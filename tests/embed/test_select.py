"""Choosing an embedder: argument, KAIROS_EMBEDDER, default, and clean failures."""

from __future__ import annotations

import subprocess
import sys

import pytest

import kairos.embed
from kairos.embed import DEFAULT_EMBEDDER, EmbedderUnavailable, get_embedder
from kairos.errors import ConfigError, KairosError


def test_public_names() -> None:
    assert set(kairos.embed.__all__) == {
        "DEFAULT_EMBEDDER", "EMBEDDER_NAMES", "ENV_VAR", "Embedder",
        "EmbedderUnavailable", "get_embedder", "l2_normalise",
    }


def test_default_is_static() -> None:
    assert DEFAULT_EMBEDDER == "static"
    assert get_embedder().name == "static"
    assert get_embedder(None).name == "static"


def test_env_var_selects(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAIROS_EMBEDDER", "none")
    assert get_embedder() is None
    monkeypatch.setenv("KAIROS_EMBEDDER", " Static ")
    assert get_embedder().name == "static"


def test_argument_beats_env_var(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAIROS_EMBEDDER", "none")
    assert get_embedder("static").name == "static"


@pytest.mark.parametrize("bad", ["bert", "openai", "minilm-l12"])
def test_unknown_name_is_a_config_error(bad: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigError, match="static, minilm, none"):
        get_embedder(bad)
    monkeypatch.setenv("KAIROS_EMBEDDER", bad)
    with pytest.raises(ConfigError, match="KAIROS_EMBEDDER"):
        get_embedder()


def test_minilm_without_extra_raises_clean_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # A None entry in sys.modules makes the import fail as if not installed.
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    with pytest.raises(EmbedderUnavailable, match=r"kairos\[minilm\]") as info:
        get_embedder("minilm")
    assert isinstance(info.value, KairosError)


def test_missing_model_files_raise_clean_error(tmp_path) -> None:
    from kairos.embed._static import StaticEmbedder

    with pytest.raises(EmbedderUnavailable, match="KAIROS_EMBEDDER=none"):
        StaticEmbedder(tmp_path)


def test_static_path_never_imports_heavy_packages() -> None:
    code = (
        "import sys\nfrom kairos.embed import get_embedder\n"
        "get_embedder('static').embed(['hello world'])\n"
        "heavy = {'torch', 'sentence_transformers', 'transformers', 'tokenizers', 'model2vec'}\n"
        "print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
