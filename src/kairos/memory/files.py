"""Memory files: ``MEMORY.md`` (the always-loaded index) and topic files, in one directory per scope.

The layout is compatible with Claude Code's auto-memory folder: topic files
carry YAML frontmatter with ``name``, ``description`` and ``type``; kairos adds
``scope``, ``confidence``, ``sources`` (journal record ids), ``anchors`` and
``updated``, and preserves any other key a user or tool put there.

What this module must never do: overwrite a file a person edited since kairos
wrote it. kairos remembers the hash of what it wrote (``.kairos-written.json``);
a file whose content differs is reported by :meth:`MemoryDir.hand_edits` so the
caller journals the edit first, and :meth:`MemoryDir.write` refuses to clobber
it until then.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kairos.errors import InputError, MemoryFileError, PathOutsideStore
from kairos.fsutil import atomic_write_text
from kairos.memory.frontmatter import dump_frontmatter, parse_frontmatter

__all__ = [
    "INDEX_MAX_BYTES",
    "INDEX_MAX_LINES",
    "MEMORY_TYPES",
    "MemoryDir",
    "MemoryFile",
    "TOPIC_MAX_BYTES",
    "slugify",
]

INDEX_MAX_LINES = 200
INDEX_MAX_BYTES = 25_000
TOPIC_MAX_BYTES = 4_000
MEMORY_TYPES = ("user", "feedback", "project", "reference")
_KNOWN = ("name", "description", "type", "scope", "confidence", "sources", "anchors", "updated")
_STATE = ".kairos-written.json"
_NAME_OK = re.compile(r"^[a-z0-9][a-z0-9_\-]{0,79}$")
_STOP = frozenset("a an the to of in on for and or is are be it this that we our use with".split())


def slugify(text: str, max_words: int = 6) -> str:
    words = [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP]
    slug = "-".join(words[:max_words])[:60].strip("-")
    return slug or "memory"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class MemoryFile:
    name: str
    description: str
    type: str
    body: str
    scope: str = "team"
    confidence: float = 0.7
    sources: list[str] = field(default_factory=list)
    anchors: list[dict[str, Any]] = field(default_factory=list)
    updated: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.type not in MEMORY_TYPES:
            raise MemoryFileError(f"unknown memory type {self.type!r}; use one of {', '.join(MEMORY_TYPES)}")
        if not _NAME_OK.match(self.name):
            raise MemoryFileError(f"memory name {self.name!r} must be lowercase letters, digits, - or _")

    def render(self) -> str:
        header: dict[str, Any] = {"name": self.name, "description": self.description, "type": self.type,
                                  "scope": self.scope, "confidence": round(float(self.confidence), 3),
                                  "sources": list(self.sources)}
        if self.anchors:
            header["anchors"] = list(self.anchors)
        header["updated"] = self.updated or time.strftime("%Y-%m-%d")
        header.update(self.extra)
        text = dump_frontmatter(header, self.body)
        if len(text.encode()) > TOPIC_MAX_BYTES:
            text = self._fit(header)
        return text

    def _fit(self, header: dict[str, Any]) -> str:
        """Shrink the body to the 4 KB budget, pointing at the journal for the full text."""
        note = f"\n\n…(shortened to fit {TOPIC_MAX_BYTES // 1000} KB; full text in journal " \
               f"record {self.sources[-1] if self.sources else '(unknown)'})"
        body = self.body
        lo, hi = 0, len(body)
        while lo < hi:  # longest prefix that fits
            mid = (lo + hi + 1) // 2
            if len(dump_frontmatter(header, body[:mid] + note).encode()) <= TOPIC_MAX_BYTES:
                lo = mid
            else:
                hi = mid - 1
        if lo == 0:
            raise MemoryFileError(f"memory {self.name}: its header alone exceeds {TOPIC_MAX_BYTES} bytes")
        return dump_frontmatter(header, body[:lo].rstrip() + note)

    @classmethod
    def parse(cls, text: str, source: str, default_scope: str = "team") -> MemoryFile:
        header, body = parse_frontmatter(text, source)
        missing = [k for k in ("name", "description", "type") if not header.get(k)]
        if missing:
            raise MemoryFileError(f"{source}: frontmatter lacks {', '.join(missing)}")
        try:
            confidence = float(header.get("confidence", 0.7))
        except (TypeError, ValueError) as exc:
            raise MemoryFileError(f"{source}: confidence must be a number") from exc
        sources = header.get("sources") or []
        anchors = header.get("anchors") or []
        if not isinstance(sources, list) or not isinstance(anchors, list):
            raise MemoryFileError(f"{source}: sources and anchors must be lists")
        name = str(header["name"])
        if not _NAME_OK.match(name):  # Claude Code allows free-form names; keep the file stem
            name = Path(source).stem if _NAME_OK.match(Path(source).stem) else slugify(name)
        return cls(name=name, description=str(header["description"]), type=str(header["type"]),
                   body=body.rstrip("\n"), scope=str(header.get("scope", default_scope)),
                   confidence=confidence, sources=[str(s) for s in sources], anchors=anchors,
                   updated=str(header.get("updated", "")),
                   extra={k: v for k, v in header.items() if k not in _KNOWN})


def _ours(written: dict[str, str | list[str]], name: str, digest: str) -> bool:
    """Did kairos write this content of ``name``? (A list while a write is under way.)"""
    known = written.get(name)
    return digest == known if isinstance(known, str) else isinstance(known, list) and digest in known


class MemoryDir:
    """One scope's memory directory: topic files plus MEMORY.md."""

    def __init__(self, path: Path, scope: str):
        self.path = Path(path)
        self.scope = scope

    def file_for(self, name: str) -> Path:
        if not _NAME_OK.match(name):
            raise InputError(f"memory name {name!r} must be lowercase letters, digits, - or _")
        p = (self.path / f"{name}.md").resolve()
        if p.parent != self.path.resolve():
            raise PathOutsideStore(f"memory {name!r} resolves outside {self.path}")
        return p

    def _written(self) -> dict[str, str | list[str]]:
        try:
            return json.loads((self.path / _STATE).read_text())
        except (OSError, ValueError):
            return {}

    def _save_written(self, written: dict[str, str | list[str]]) -> None:
        atomic_write_text(self.path / _STATE, json.dumps(written, indent=1, sort_keys=True))

    def names(self) -> list[str]:
        if not self.path.is_dir():
            return []
        return sorted(p.stem for p in self.path.glob("*.md") if p.name != "MEMORY.md")

    def read(self, name: str) -> MemoryFile:
        path = self.file_for(name)
        try:
            raw = path.read_bytes()
        except FileNotFoundError as exc:
            raise MemoryFileError(f"no memory file {path}") from exc
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise MemoryFileError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
        return MemoryFile.parse(text, str(path), self.scope)

    def read_all(self) -> tuple[list[MemoryFile], list[str]]:
        """All readable topic files, and one error line for each unreadable one."""
        files, errors = [], []
        for name in self.names():
            try:
                files.append(self.read(name))
            except (MemoryFileError, InputError) as exc:
                errors.append(str(exc))
        return files, errors

    def hand_edits(self) -> list[str]:
        """Names of topic files whose content is not what kairos last wrote (or never wrote)."""
        written = self._written()
        out = []
        for name in self.names():
            try:
                current = self.file_for(name).read_bytes()
            except (OSError, InputError):
                continue
            if not _ours(written, f"{name}.md", hashlib.sha256(current).hexdigest()):
                out.append(name)
        return out

    def acknowledge(self, name: str) -> None:
        """Mark the current content of ``name`` as seen (after it was journaled)."""
        written = self._written()
        written[f"{name}.md"] = hashlib.sha256(self.file_for(name).read_bytes()).hexdigest()
        self._save_written(written)

    def write(self, mf: MemoryFile) -> Path:
        path = self.file_for(mf.name)
        written = self._written()
        before: list[str] = []
        if path.exists():
            current = hashlib.sha256(path.read_bytes()).hexdigest()
            if not _ours(written, path.name, current):
                raise MemoryFileError(
                    f"{path} was edited by hand since kairos wrote it; its edit must be journaled "
                    "first (`kairos memory sync`), so it is never overwritten silently")
            before = [current]
        text = mf.render()
        # Both contents are ours while the file is replaced: a process killed between the two
        # writes leaves the old or the new file, and neither may pass for a hand edit.
        written[path.name] = [*before, _sha(text)]
        self._save_written(written)
        atomic_write_text(path, text)
        written[path.name] = _sha(text)
        self._save_written(written)
        return path

    def archive(self, name: str, reason: str) -> Path | None:
        """Move a topic file to ``archive/`` (derived data; the journal keeps the facts)."""
        path = self.file_for(name)
        if not path.exists():
            return None
        dest_dir = self.path / "archive"
        dest_dir.mkdir(parents=True, exist_ok=True)
        dest = dest_dir / path.name
        if dest.exists():
            dest = dest_dir / f"{name}.{int(time.time())}.md"
        shutil.move(str(path), dest)
        written = self._written()
        written.pop(path.name, None)
        self._save_written(written)
        return dest

    def unique_name(self, base: str) -> str:
        name, n = base, 2
        while self.file_for(name).exists():
            name = f"{base[:70]}-{n}"
            n += 1
        return name

    # ------------------------------------------------------------ MEMORY.md
    def index_text(self, files: list[MemoryFile] | None = None) -> str:
        files = files if files is not None else self.read_all()[0]
        order = {t: i for i, t in enumerate(MEMORY_TYPES)}
        files = sorted(files, key=lambda f: (order.get(f.type, 9), -f.confidence, f.name))
        head = [f"# Memory ({self.scope})", ""]
        lines: list[str] = []
        current = None
        for f in files:
            if f.type != current:
                if lines:
                    lines.append("")
                lines.append(f"## {f.type}")
                current = f.type
            desc = " ".join(f.description.split())[:160]
            lines.append(f"- [{f.name}]({f.name}.md) — {desc}")
        out, size = list(head), sum(len(x) + 1 for x in head)
        for i, line in enumerate(lines):
            more = sum(1 for x in lines[i:] if x.startswith("- "))
            tail = f"- … {more} more memories: `kairos memory list`"
            if len(out) + 2 > INDEX_MAX_LINES or size + len(line.encode()) + len(tail) + 3 > INDEX_MAX_BYTES:
                out.append(tail)
                break
            out.append(line)
            size += len(line.encode()) + 1
        return "\n".join(out).rstrip() + "\n"

    def write_index(self, files: list[MemoryFile] | None = None) -> Path:
        path = self.path / "MEMORY.md"
        atomic_write_text(path, self.index_text(files))
        return path
