"""What a statement names: the concrete values a fact about a subject is made of.

A statement of state names a value -- a product or service ("Celery", "GitHub
Actions"), a path ("src/shop/retry.py", "/api/v2"), a host or URL
("grafana.internal/d/x"), an identifier (``make ship-x``, ``test_dates``), a
version. Small talk ("running the tests again") names none. Recall uses this
twice for questions about a state that changes: a statement naming a value
answers "which/where ... now" better than one that names none, and two
statements naming the same value are about the same subject (the one that
announces a change is the newer truth). Cheap regular expressions only: this
runs on the hook path, over the few dozen best hits.
"""

from __future__ import annotations

import re

__all__ = ["names_a_value", "values"]

_SPEAKER = re.compile(r"^\s*[\w .'-]{1,40}:\s+")
# paths, URLs, hosts, dotted or snake/kebab identifiers, versions, code spans
_TECH = re.compile(r"`[^`]{1,80}`|(?:[\w~.-]*[/\\][\w~./\\-]+)|\b\w+(?:[._:-]\w+)*(?:\.\w+|_\w+)\b|\bv?\d+(?:\.\d+)+\b")
# a capitalised word that does not start the sentence, or any word with an inner capital / all caps
_NAME = re.compile(r"(?<![.!?:;]\s)(?<!^)\b[A-Z][\w&+-]*|\b[a-z]+[A-Z]\w*|\b[A-Z]{2,}\w*")
_COMMON_CAPS = frozenset({"I", "I'm", "I'd", "I'll", "OK", "PR", "PRs", "CI", "API", "UI", "TODO"})


def values(text: str) -> set[str]:
    """The values a statement names, lower-cased (speaker prefix ignored)."""
    body = _SPEAKER.sub("", text, count=1)
    out = {m.group(0).strip("`").rstrip(".,;:").lower() for m in _TECH.finditer(body)}
    for m in _NAME.finditer(body):
        w = m.group(0)
        if w not in _COMMON_CAPS and len(w) > 1:
            out.add(w.lower())
    return {v for v in out if len(v) > 1}


def names_a_value(text: str) -> bool:
    return bool(values(text))
