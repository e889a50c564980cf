"""Code anchors: citations from a memory to the code it describes, and their staleness check.

An anchor is ``{"path": "src/app.py", "symbol": "parse_config", "hash": "<12 hex>"}``
(symbol optional). The hash covers the symbol's block (or the whole file) with
whitespace normalised, so reformatting a line does not flag a memory but a
changed body does. Paths are relative to the project root and never escape it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kairos.errors import InputError, PathOutsideStore

__all__ = ["Anchor", "AnchorStatus", "check_anchor", "make_anchor", "parse_anchor_spec"]

_DEF = r"(?:async\s+def|def|class|function|func|fn|interface|type|struct|enum|trait|impl|const|let|var|module)"


@dataclass(frozen=True)
class Anchor:
    path: str
    symbol: str | None
    hash: str
    definition: bool = False  # the symbol was a definition (def/class/fn ...) when anchored

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"path": self.path}
        if self.symbol:
            d["symbol"] = self.symbol
            if self.definition:
                d["def"] = True
        d["hash"] = self.hash
        return d

    @classmethod
    def from_dict(cls, d: Any) -> Anchor | None:
        if isinstance(d, str):
            path, _, sym = d.partition(":")
            return cls(path, sym or None, "")
        if isinstance(d, dict) and isinstance(d.get("path"), str):
            return cls(d["path"], d.get("symbol") or None, str(d.get("hash") or ""), bool(d.get("def")))
        return None

    def __str__(self) -> str:
        return f"{self.path}:{self.symbol}" if self.symbol else self.path


@dataclass(frozen=True)
class AnchorStatus:
    anchor: Anchor
    stale: bool
    why: str | None  # "file gone", "symbol gone", "content changed"


def _resolve(root: Path, rel: str) -> Path:
    p = (root / rel).resolve()
    if not p.is_relative_to(root.resolve()):
        raise PathOutsideStore(f"anchor {rel!r} points outside the project at {root}")
    return p


def _block(lines: list[str], symbol: str, definition_only: bool = False) -> list[str] | None:
    pat = re.compile(rf"^(\s*)(?:export\s+|pub\s+|public\s+|private\s+|static\s+)*{_DEF}\s+{re.escape(symbol)}\b")
    for i, line in enumerate(lines):
        m = pat.match(line)
        if not m:
            continue
        indent = len(m.group(1))
        block = [line]
        for nxt in lines[i + 1:]:
            if nxt.strip() and len(nxt) - len(nxt.lstrip()) <= indent and not nxt.lstrip().startswith((")", "}", "]")):
                break
            block.append(nxt)
            if nxt.strip() in ("}", "};", "end") and len(nxt) - len(nxt.lstrip()) == indent:
                break
        return block
    if definition_only:
        return None
    # A symbol that is not a definition (a constant, a config key): the lines that mention it.
    hits = [ln for ln in lines if re.search(rf"\b{re.escape(symbol)}\b", ln)]
    return hits or None


def _digest(lines: list[str]) -> str:
    norm = "\n".join(" ".join(ln.split()) for ln in lines if ln.strip())
    return hashlib.sha256(norm.encode()).hexdigest()[:12]


def _fingerprint(file: Path, symbol: str | None, definition_only: bool = False) -> tuple[str | None, str | None]:
    """(hash, None) or (None, why-missing)."""
    if not file.is_file():
        return None, "file gone"
    try:
        text = file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None, "file unreadable"
    lines = text.splitlines()
    if symbol:
        block = _block(lines, symbol, definition_only)
        if block is None:
            return None, "symbol gone"
        return _digest(block), None
    return _digest(lines), None


def parse_anchor_spec(spec: str) -> tuple[str, str | None]:
    """``path`` or ``path:symbol`` (or ``path::symbol``) from the command line."""
    path, sep, symbol = spec.partition(":")
    symbol = symbol.lstrip(":").strip() or None
    if not path:
        raise InputError(f"anchor {spec!r} has no path")
    return path, symbol


def make_anchor(root: Path, spec: str) -> Anchor:
    path, symbol = parse_anchor_spec(spec)
    file = _resolve(root, path)
    h, why = _fingerprint(file, symbol)
    if h is None:
        raise InputError(f"cannot anchor to {spec}: {why}")
    is_def = bool(symbol) and _fingerprint(file, symbol, definition_only=True)[0] is not None
    return Anchor(file.relative_to(root.resolve()).as_posix(), symbol, h, is_def)


def check_anchor(root: Path, anchor: Anchor) -> AnchorStatus:
    try:
        file = _resolve(root, anchor.path)
    except PathOutsideStore:
        return AnchorStatus(anchor, True, "path outside the project")
    h, why = _fingerprint(file, anchor.symbol, anchor.definition)
    if h is None:
        what = f"{anchor.path} no longer exists" if why == "file gone" else \
               f"{anchor.symbol} is no longer in {anchor.path}" if why == "symbol gone" else why
        return AnchorStatus(anchor, True, what)
    if anchor.hash and h != anchor.hash:
        return AnchorStatus(anchor, True, f"{anchor} changed since this was written")
    return AnchorStatus(anchor, False, None)
