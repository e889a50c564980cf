"""The pure-Python WordPiece tokenizer agrees with the reference BERT tokenizer."""

from __future__ import annotations

import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kairos.embed._static import MODEL_DIR
from kairos.embed._wordpiece import WordPiece

VOCAB = (MODEL_DIR / "vocab.txt").read_text(encoding="utf-8").split("\n")[:-1]
WP = WordPiece(VOCAB)


def test_known_tokenisation() -> None:
    assert WP.tokens("Hello, I'm refactoring the embeddings!") == [
        "hello", ",", "i", "'", "m", "ref", "##act", "##orin", "##g",
        "the", "em", "##bed", "##ding", "##s", "!",
    ]


def test_accents_controls_and_cjk() -> None:
    assert WP.tokens("Naïve\x00CAFÉ") == ["naive", "##ca", "##fe"]
    assert WP.tokens("東京") == ["[UNK]", "[UNK]"]  # pruned non-ASCII pieces
    assert WP.tokens("x" * 101) == ["[UNK]"]


@functools.cache
def _reference():
    tokenizers = pytest.importorskip("tokenizers")
    ref = tokenizers.Tokenizer(
        tokenizers.models.WordPiece({t: i for i, t in enumerate(VOCAB)}, unk_token="[UNK]")
    )
    ref.normalizer = tokenizers.normalizers.BertNormalizer(lowercase=True)
    ref.pre_tokenizer = tokenizers.pre_tokenizers.BertPreTokenizer()
    return ref


SAMPLES = [
    "Caroline: I went to the LGBTQ support group yesterday!",
    "def foo_bar(x): return x**2  # TODO(kairos): cache",
    "Ünïcödé naïve café — “quotes” ‘single’ …",
    "path/to/src/kairos/embed/_static.py:42 raised KeyError('dim')",
    "ﬁ ligature, ½, Ⅻ, İstanbul, straße, emoji 🚀",
    "decomposed cafe\u0301 and re\u0301sume\u0301, tabs\tand\x0bvertical\x1fcontrols",
]


def test_matches_reference_on_samples() -> None:
    ref = _reference()
    for text in SAMPLES:
        assert WP.ids(text) == ref.encode(text, add_special_tokens=False).ids, text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="ascii"), max_size=80))
def test_matches_reference_on_ascii(text: str) -> None:
    ref = _reference()
    assert WP.ids(text) == ref.encode(text, add_special_tokens=False).ids


# Long-standing blocks only (Latin, Greek, Cyrillic, general punctuation, CJK):
# Python's and the Rust reference's Unicode tables are of different versions and
# disagree on characters added lately (U+08CA, U+1ABF, U+2E52, ...).
_OLD_BLOCKS = [(0x20, 0x24F), (0x370, 0x4FF), (0x2000, 0x206F), (0x4E00, 0x9FA5)]
_CHARS = st.one_of(
    *[st.characters(min_codepoint=lo, max_codepoint=hi, exclude_categories=("Cn", "Cs"))
      for lo, hi in _OLD_BLOCKS]
)


@settings(max_examples=300, deadline=None)
@given(st.text(_CHARS, max_size=40))
def test_matches_reference_on_common_unicode(text: str) -> None:
    ref = _reference()
    assert WP.ids(text) == ref.encode(text, add_special_tokens=False).ids
