"""Deterministic text comparison for dream: content tokens, similarity, and pair verdicts.

No model, no randomness: the same two texts always get the same verdict, so a
dream over the same journal always reaches the same memory. What this module
must never do: depend on anything but its two arguments (no clock, no I/O).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

__all__ = ["Verdict", "asserted_tokens", "compare", "content_tokens", "is_negated", "jaccard",
           "rejected_terms", "token_sequence", "value_change"]

# Filler that carries no fact: function words, politeness, modality and frequency words.
# Frequency/modality words ("always", "must") are filler so that "Always run the tests before
# committing" and "Run the tests before every commit" read as the same fact.
_STOP = frozenset("""
a an the to of in on at by for from with and or but if then so as is are was were be been being
it its this that these those there here we our us you your i me my he she they them their
do does did done have has had having will would shall should can could may might must
please always every each all any some just also really very now currently still again
use using used uses make sure ensure let lets let's okay ok yes hey hi thanks thank
about into onto over under than too more most less least much many such same other
remember note noted keep mind going forward from now on instead rather actually correction
what which who whom whose when where why how not no never don't dont doesn't isn't aren't
won't can't cannot avoid stop these days anymore longer moved move changed change switched switch
updated became become maybe perhaps probably possibly likely think suspect guess seems
""".split())
_NEG = frozenset("not no never don't dont doesn't isn't aren't won't can't cannot avoid stop "
                 "without".split())
_TOKEN = re.compile(r"[a-z0-9][a-z0-9_.\-/:@+#]*[a-z0-9+#]|[a-z0-9]|n't")
_WORD = re.compile(r"[a-z][a-z']*")


def _stem(tok: str) -> str:
    """A tiny suffix stripper: enough that 'commits', 'committing' and 'commit' meet."""
    if not tok.isalpha() or len(tok) <= 4:
        return tok
    for suf, keep in (("ying", 4), ("ing", 4), ("ied", 3), ("ies", 3), ("ed", 4), ("es", 4),
                      ("s", 4), ("ly", 4), ("e", 4)):
        if tok.endswith(suf) and len(tok) - len(suf) >= keep:
            base = tok[: -len(suf)]
            if suf in ("ied", "ies"):
                base += "y"
            if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "aeiouls":
                base = base[:-1]  # committ -> commit
            return base
    return tok


_CONTRACTION = re.compile(r"\b[a-z]+n't\b|\b(?:i'm|i've|i'd|we're|we've|we'll|it's|that's|let's)\b")


@lru_cache(maxsize=65536)
def token_sequence(text: str) -> tuple[str, ...]:
    """Stemmed content tokens of ``text`` in order (identifiers, paths and numbers kept whole)."""
    low = _CONTRACTION.sub(" ", text.lower().replace("’", "'").replace("`", " "))
    out = []
    for raw in _TOKEN.findall(low):
        tok = raw.strip(".-/:")
        if not tok or tok in _STOP or tok == "n't":
            continue
        out.append(_stem(tok))
    return tuple(out)


@lru_cache(maxsize=65536)
def content_tokens(text: str) -> frozenset[str]:
    """The set of stemmed content tokens of ``text``."""
    return frozenset(token_sequence(text))


def _one_substitution(old: str, new: str) -> bool:
    """Do the two statements differ in exactly one contiguous span (a value swapped)?"""
    sm = SequenceMatcher(a=token_sequence(old), b=token_sequence(new), autojunk=False)
    changed = [op for op in sm.get_opcodes() if op[0] != "equal"]
    if len(changed) != 1 or changed[0][0] != "replace":
        return False
    _, i1, i2, j1, j2 = changed[0]
    # A value is one token on at least one side; "port 8080" -> "database postgres" changes the
    # subject along with the value, so it is not the same fact.
    return min(i2 - i1, j2 - j1) == 1


def is_negated(text: str) -> bool:
    """Does the statement forbid or deny rather than assert?"""
    words = _WORD.findall(text.lower().replace("’", "'"))
    return any(w in _NEG or w.endswith("n't") for w in words)


# A span of a clause: punctuation ends it, except a dot or colon inside a word ("python3.12",
# "api.example.com", "10.0.0.1:5432"), which belongs to the value it names.
_SPAN = r"(?:[^,.;:!?()]|[.:](?=[\w/]))"
_NOT_PART = re.compile(r"(?:,|;|\(|\b)\s*(?:and\s+)?(?:not|never|no longer|instead of|rather than|"
                       r"in place of|replacing|replaces|over)\s+(?:the\s+|a\s+)?(" + _SPAN + r"{1,60})",
                       re.I)


# A change that names the value it leaves: "replaced Y with X", "from Y to X", "was Y, now X",
# "isn't Y, it's X". General English change verbs, never a particular sentence frame.
_FROM_PART = re.compile(r"\b(?:replaced|swapped|dropped)\s+(?:the\s+|a\s+)?(" + _SPAN + r"{1,40}?)\s+(?:with|for|by)\b|"
                        r"\bfrom\s+((?:[^\s,.;:!?()]|[.:](?=\w)){1,40})\s+(?:to|over to|onto)\b|"
                        r"\bwas\s+(" + _SPAN + r"{1,40}?),?\s+(?:but\s+)?now\b|"
                        r"\b(?:isn't|is not|aren't|are not|wasn't)\s+(" + _SPAN + r"{1,40}?)\s*[,;]\s*"
                        r"(?:but\s+)?(?:it's|it is|they're|use|now)\b", re.I)


@lru_cache(maxsize=65536)
def rejected_terms(text: str) -> frozenset[str]:
    """Tokens a statement rejects: the Y in "use X, not Y", "X instead of Y", "replaced Y with
    X", "moved from Y to X", "was Y, now X"."""
    found: set[str] = set()
    spans: list[tuple[int, int]] = []
    for m in _NOT_PART.finditer(text):
        found |= content_tokens(m.group(1))
        spans.append(m.span(1))
    for m in _FROM_PART.finditer(text):
        g = next(i for i in range(1, len(m.groups()) + 1) if m.group(i))
        found |= content_tokens(m.group(g))
        spans.append(m.span(g))
    rest, last = [], 0
    for a, b in sorted(spans):
        rest.append(text[last:max(last, a)])
        last = max(last, b)
    rest.append(text[last:])
    # A word the statement also says outside the rejected part is its subject, not the value it
    # rules out: "use main for the deploy branch, not deploy" rejects no "deploy" from the subject.
    return frozenset(found - content_tokens(" ".join(rest))) if found else frozenset()


@lru_cache(maxsize=65536)
def asserted_tokens(text: str) -> frozenset[str]:
    """Content tokens minus the ones the statement rejects: "X is 7000, not 8080" asserts 7000.
    A statement that only forbids ("never push to main") keeps all its tokens."""
    toks = content_tokens(text)
    rest = toks - rejected_terms(text)
    return rest if rest else toks


def value_change(old: str, new: str) -> str | None:
    """Does ``new`` give the subject of ``old`` a different value? Why, or None.

    Structural, no sentence frames: the new statement keeps (nearly) everything the old one
    says but drops a small part (the old value, one token, or two when the old statement is
    long) and brings a small new part; or it explicitly rejects what the old one asserts
    ("not Y", "replaced Y", "from Y to") while keeping the old one's subject.
    """
    a, b = asserted_tokens(old), asserted_tokens(new)
    if not a or not b:
        return None
    gone = rejected_terms(new) & a
    if gone:
        rest = a - gone
        if rest and len(rest & b) >= max(1, 0.7 * len(rest)) and len(rest - b) <= 1:
            return f"the new statement rejects {', '.join(sorted(gone))}"
    shared, only_a, only_b = a & b, a - b, b - a
    if not only_a or not only_b or len(only_b) > 4 or len(shared) < 2:
        return None
    if len(only_a) == 1 and len(shared) >= 0.6 * len(a):
        return f"same subject, value changed ({next(iter(only_a))} → {', '.join(sorted(only_b))})"
    if len(only_a) == 2 and len(shared) >= 3 and len(shared) >= 0.7 * len(a):
        return f"same subject, value changed ({', '.join(sorted(only_a))} → {', '.join(sorted(only_b))})"
    return None


def _negates(text: str) -> bool:
    """Negated, once the clauses that name a rejected value are set aside."""
    text = _INTERJECTION.sub("", text)
    if asserted_tokens(text) != content_tokens(text):
        text = _FROM_PART.sub(" ", _NOT_PART.sub(" ", text))
    return is_negated(text)


# "No, …" / "Nope: …" answers the previous turn; it does not negate the statement after it.
_INTERJECTION = re.compile(r"^\s*(?:no|nope|wrong|not quite|actually)\s*[,:;.!—-]+\s*", re.I)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


@dataclass(frozen=True)
class Verdict:
    """How two statements of the same type relate."""

    relation: str  # duplicate | contradiction | distinct | ambiguous
    similarity: float
    why: str


def compare(old: str, new: str) -> Verdict:
    """Relate two statements without a model.

    duplicate      same content (paraphrase, or one restates the other with more detail)
    contradiction  same subject, different value (a number, a name, a path changed), or the
                   same content with the negation flipped
    ambiguous      related but unclear: an LLM, when configured, may decide
    distinct       different facts
    """
    a, b = asserted_tokens(old), asserted_tokens(new)
    if not a or not b:
        return Verdict("distinct", 0.0, "no content")
    sim = jaccard(a, b)
    shared = a & b
    only_a, only_b = a - b, b - a
    # "X is 7000, not 8080" asserts, it does not negate: only a bare negation flips.
    neg_flip = _negates(old) != _negates(new)
    if rejected_terms(new) & a and (a - b) & rejected_terms(new):
        change = value_change(old, new)
        if change:
            return Verdict("contradiction", sim, change)
    if not only_a and not only_b:
        if neg_flip:
            return Verdict("contradiction", sim, "the same statement with the negation flipped")
        return Verdict("duplicate", sim, "the same content")
    small = min(len(a), len(b))
    if len(shared) >= 2 and len(shared) / small >= 0.85 and not neg_flip and \
            (not only_a or not only_b or sim >= 0.75):
        return Verdict("duplicate", sim, "one restates the other")
    if len(shared) >= 2 and sim >= 0.75 and neg_flip:
        return Verdict("contradiction", sim, "the same statement with the negation flipped")
    if sim >= 0.8:
        return Verdict("duplicate", sim, "near-identical content")
    # Same frame, a small changed part on each side: a value that changed.
    if only_a and only_b and len(shared) >= 2 and sim >= 0.3 and \
            len(only_a) <= 3 and len(only_b) <= 3 and \
            len(shared) >= max(len(only_a), len(only_b)) and \
            (_one_substitution(old, new) or (len(only_a) == 1 and len(only_b) == 1)):
        return Verdict("contradiction", sim,
                       f"same subject, value changed ({', '.join(sorted(only_a))} → "
                       f"{', '.join(sorted(only_b))})")
    change = value_change(old, new) if not neg_flip else None
    if change:
        return Verdict("contradiction", sim, change)
    if sim >= 0.3 and len(shared) >= 2:
        return Verdict("ambiguous", sim, "related statements")
    return Verdict("distinct", sim, "different facts")
