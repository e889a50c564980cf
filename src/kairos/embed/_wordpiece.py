"""A pure-Python BERT (uncased) WordPiece tokenizer over a stored vocabulary.

Why not the ``tokenizers`` package: on the hook path every millisecond of
import counts, and one query is a handful of words, so a dictionary lookup per
piece beats loading a Rust tokenizer. It reproduces ``BertNormalizer``
(clean text, CJK splitting, accent stripping, lowercasing), ``BertPreTokenizer``
(whitespace and punctuation splits) and greedy longest-match-first WordPiece
with the ``##`` continuation prefix. Tests check it against the reference on
sample text when the reference is installed.

It never raises on odd input: unknown pieces become the ``[UNK]`` id, which
the caller drops.
"""

from __future__ import annotations

import unicodedata

__all__ = ["WordPiece"]

_MAX_CHARS_PER_WORD = 100
_ASCII_PUNCT = frozenset(
    chr(c) for c in [*range(33, 48), *range(58, 65), *range(91, 97), *range(123, 127)]
)


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B73F
        or 0x2B740 <= cp <= 0x2B81F
        or 0x2B820 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def _is_split_char(ch: str) -> bool:
    """Punctuation and CJK ideographs stand alone as tokens."""
    if ch in _ASCII_PUNCT:
        return True
    if ch.isascii():
        return False
    return unicodedata.category(ch).startswith("P") or _is_cjk(ord(ch))


def _is_dropped(ch: str) -> bool:
    """Characters BertNormalizer's clean_text removes: NUL, U+FFFD, category C* but tab/CR/LF."""
    if ch in "\t\n\r":
        return False
    cp = ord(ch)
    if cp == 0 or cp == 0xFFFD:
        return True
    return unicodedata.category(ch).startswith("C")


# Controls that Python's str.split() treats as whitespace but BERT deletes before
# splitting ("a\x1fb" is one word to BERT); remove them before the split.
_DELETE_BEFORE_SPLIT = {cp: None for cp in [0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x1F, 0x85]}


class WordPiece:
    """Maps text to vocabulary ids; caches per whitespace-separated chunk."""

    def __init__(self, vocab: list[str], unk_token: str = "[UNK]") -> None:
        self._ids = {tok: i for i, tok in enumerate(vocab)}
        self.unk_id = self._ids[unk_token]
        self._cache: dict[str, list[int]] = {}

    def ids(self, text: str) -> list[int]:
        """Token ids of ``text`` in order, unknown pieces included as ``unk_id``."""
        out: list[int] = []
        cache = self._cache
        for chunk in text.translate(_DELETE_BEFORE_SPLIT).split():
            hit = cache.get(chunk)
            if hit is None:
                hit = self._chunk_ids(chunk)
                if len(cache) < 200_000:  # bound memory on adversarial input
                    cache[chunk] = hit
            out.extend(hit)
        return out

    def tokens(self, text: str) -> list[str]:
        """The pieces as strings (for tests and debugging)."""
        rev = {i: t for t, i in self._ids.items()}
        return [rev[i] for i in self.ids(text)]

    def _chunk_ids(self, chunk: str) -> list[int]:
        out: list[int] = []
        for word in self._pre_tokenize(self._normalise(chunk)):
            out.extend(self._wordpiece(word))
        return out

    @staticmethod
    def _normalise(chunk: str) -> str:
        if chunk.isascii():
            if chunk.isprintable():
                return chunk.lower()
            return "".join(ch for ch in chunk if not _is_dropped(ch)).lower()
        chunk = "".join(ch for ch in chunk if not _is_dropped(ch))
        chunk = unicodedata.normalize("NFD", chunk)
        return "".join(ch for ch in chunk if unicodedata.category(ch) != "Mn").lower()

    @staticmethod
    def _pre_tokenize(text: str) -> list[str]:
        words: list[str] = []
        start = 0
        for i, ch in enumerate(text):
            if ch.isspace():
                if start < i:
                    words.append(text[start:i])
                start = i + 1
            elif _is_split_char(ch):
                if start < i:
                    words.append(text[start:i])
                words.append(ch)
                start = i + 1
        if start < len(text):
            words.append(text[start:])
        return words

    def _wordpiece(self, word: str) -> list[int]:
        ids = self._ids
        if len(word) > _MAX_CHARS_PER_WORD:
            return [self.unk_id]
        whole = ids.get(word)
        if whole is not None:
            return [whole]
        pieces: list[int] = []
        start, n = 0, len(word)
        while start < n:
            end = n
            found = None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                found = ids.get(piece)
                if found is not None:
                    break
                end -= 1
            if found is None:
                return [self.unk_id]
            pieces.append(found)
            start = end
        return pieces
