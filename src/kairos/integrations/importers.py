"""``kairos import``: bring existing history in, so day one is not day zero.

Formats (detected from the path, or named):
- ``records``: JSONL, one object per line: ``{"text", "kind"?, "type"?, "provenance"?, "session"?, "meta"?}``;
  a line with ``kind: memory`` and a ``type`` becomes a memory file too.
- ``recall``: a recall-benchmark dataset (DESIGN §6); turns keep their ids.
- ``transcript``: Claude Code session transcripts (``*.jsonl``; a file or a folder of them).
  User prompts and assistant text are imported; tool traffic is not.
- ``automemory``: a Claude Code auto-memory folder (MEMORY.md and topic files).

Re-importing the same file adds nothing twice (imported ids are remembered in the index).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kairos.api import Kairos
from kairos.errors import InputError, KairosError
from kairos.journal import MAX_RECORD_BYTES, RecordDraft
from kairos.memory import MEMORY_TYPES, MemoryFile, slugify

__all__ = ["FORMATS", "ImportReport", "detect_format", "import_path", "claude_project_dir"]

FORMATS = ("records", "recall", "transcript", "automemory")


@dataclass
class ImportReport:
    format: str
    imported: int = 0
    memories: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)


def claude_project_dir(project_root: Path, claude_home: Path | None = None) -> Path:
    """Where Claude Code keeps transcripts and auto-memory for a project."""
    base = claude_home or Path.home() / ".claude"
    slug = "".join(c if c.isalnum() else "-" for c in str(project_root.resolve()))
    return base / "projects" / slug


def detect_format(path: Path) -> str:
    if path.is_dir():
        if (path / "MEMORY.md").exists() or path.name == "memory":
            return "automemory"
        if any(path.glob("*.jsonl")):
            return "transcript"
        raise InputError(f"{path}: a folder to import must hold *.jsonl transcripts or a MEMORY.md")
    if path.suffix == ".json":
        return "recall"
    if path.suffix == ".jsonl":
        for obj in _jsonl(path, limit=20):
            if isinstance(obj, dict) and obj.get("type") in ("user", "assistant") and "uuid" in obj:
                return "transcript"
        return "records"
    raise InputError(f"{path}: cannot tell its format; pass --format ({', '.join(FORMATS)})")


def _jsonl(path: Path, limit: int | None = None, report: ImportReport | None = None) -> Iterator[Any]:
    with open(path, "rb") as fh:
        for n, line in enumerate(fh, 1):
            if limit is not None and n > limit:
                return
            if not line.strip():
                continue
            try:
                yield json.loads(line.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                if report is not None:
                    report.problems.append(f"{path.name}:{n}: skipped, not a JSON line ({exc})")
                    report.skipped += 1


def _known_ext_ids(k: Kairos) -> set[str]:
    k.index.refresh()
    return {r[0] for r in k.index.db.execute("SELECT ext_id FROM docs WHERE ext_id IS NOT NULL")}


def import_path(k: Kairos, path: Path, fmt: str | None = None) -> ImportReport:
    path = Path(path).expanduser()
    if not path.exists():
        raise InputError(f"nothing to import at {path}")
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        raise InputError(f"unknown import format {fmt!r}; use one of {', '.join(FORMATS)}")
    report = ImportReport(fmt)
    {"records": _records, "recall": _recall, "transcript": _transcripts,
     "automemory": _automemory}[fmt](k, path, report)
    k.index.refresh()
    return report


def _fit(text: str) -> str:
    data = text.encode("utf-8")
    if len(data) <= MAX_RECORD_BYTES - 100:
        return text
    return data[: MAX_RECORD_BYTES - 200].decode("utf-8", "ignore") + "\n…(cut at import: over 1 MB)"


def _records(k: Kairos, path: Path, report: ImportReport) -> None:
    drafts = []
    for obj in _jsonl(path, report=report):
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
            report.skipped += 1
            continue
        kind = obj.get("kind", "observation")
        mtype = obj.get("type")
        if kind == "memory" and mtype in MEMORY_TYPES:
            try:
                k.remember(obj["text"], mtype, provenance="imported", name=obj.get("name"))
                report.memories += 1
            except KairosError as exc:
                report.problems.append(str(exc))
                report.skipped += 1
            continue
        meta = obj.get("meta") if isinstance(obj.get("meta"), dict) else {}
        drafts.append(RecordDraft(kind if isinstance(kind, str) else "observation", _fit(obj["text"]),
                                  mtype if mtype in MEMORY_TYPES else None,
                                  obj.get("session"), "imported", meta))
    try:
        report.imported += len(k.journal.append_many(drafts))
    except KairosError as exc:
        raise InputError(f"{path}: {exc}") from exc


def _recall(k: Kairos, path: Path, report: ImportReport) -> None:
    from kairos.recall.bench import load_dataset

    data = load_dataset(path)
    known = _known_ext_ids(k)
    drafts = []
    for s in data["sessions"]:
        for t in s["turns"]:
            if t["id"] in known:
                report.skipped += 1
                continue
            speaker = t.get("speaker") or ""
            drafts.append(RecordDraft("observation", f"{speaker}: {t['text']}" if speaker else t["text"],
                                      None, str(s["id"]), "imported",
                                      {"ext_id": t["id"], "speaker": speaker, "date": s.get("date")}))
    report.imported += len(k.journal.append_many(drafts))


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(b.get("text", "") for b in content
                         if isinstance(b, dict) and b.get("type") == "text" and b.get("text"))
    return ""


def _transcripts(k: Kairos, path: Path, report: ImportReport) -> None:
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    known = _known_ext_ids(k)
    for f in files:
        drafts = []
        for obj in _jsonl(f, report=report):
            if not isinstance(obj, dict) or obj.get("type") not in ("user", "assistant"):
                continue
            msg = obj.get("message") or {}
            text = _text_of(msg.get("content")).strip()
            uid = obj.get("uuid")
            if not text or obj.get("isMeta") or (uid and uid in known):
                report.skipped += 1 if uid in known else 0
                continue
            if text.startswith(("<command-", "<local-command", "Caveat:")):
                continue  # slash-command plumbing, not conversation
            role = obj["type"]
            drafts.append(RecordDraft(
                "observation", _fit(f"{role}: {text}"), None, obj.get("sessionId"),
                "user" if role == "user" else "agent",
                {"ext_id": uid, "speaker": role, "date": obj.get("timestamp"), "source": "claude-code",
                 "transcript": f.name}))
        report.imported += len(k.journal.append_many(drafts))


def _automemory(k: Kairos, path: Path, report: ImportReport) -> None:
    for f in sorted(path.glob("*.md")):
        if f.name == "MEMORY.md":
            continue
        try:
            mf = MemoryFile.parse(f.read_text(encoding="utf-8"), str(f))
        except UnicodeDecodeError:
            report.problems.append(f"{f.name}: not UTF-8, skipped")
            report.skipped += 1
            continue
        except KairosError as exc:
            report.problems.append(f"{exc}; skipped")
            report.skipped += 1
            continue
        scope_dir = k.memory_dir({"user": "user", "feedback": "private"}.get(mf.type, "team"))
        name = mf.name if mf.name == slugify(mf.name, 12) else slugify(mf.name)
        if scope_dir.file_for(name).exists():
            report.skipped += 1
            continue
        try:
            k.remember(mf.body or mf.description, mf.type, name=name, description=mf.description,
                       provenance="imported")
            report.memories += 1
        except KairosError as exc:
            report.problems.append(f"{f.name}: {exc}")
            report.skipped += 1
