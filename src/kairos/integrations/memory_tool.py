"""A kairos backend for Anthropic's API memory tool (``memory_20250818``).

    from anthropic import Anthropic
    from kairos.integrations.memory_tool import KairosMemoryTool
    tool = KairosMemoryTool()                        # files under the project's private store
    Anthropic().beta.messages.tool_runner(model=..., tools=[tool], messages=[...]).until_done()

It implements the SDK's ``BetaAbstractMemoryTool`` (view, create, str_replace,
insert, delete, rename) over a directory, the model's ``/memories``. Every
mutation is journaled with the file's whole new content, so the append-only
journal still holds the truth and :func:`replay` rebuilds the directory from it.

What this module must never do: touch a path outside its root. Paths must start
with ``/memories``; ``..`` components, NUL bytes and symbolic links anywhere on
the way are refused, and the resolved path is checked against the resolved root.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path, PurePosixPath
from typing import Any

from anthropic.lib.tools import BetaAbstractMemoryTool
from anthropic.lib.tools._beta_functions import ToolError
from anthropic.types.beta import (
    BetaMemoryTool20250818CreateCommand,
    BetaMemoryTool20250818DeleteCommand,
    BetaMemoryTool20250818InsertCommand,
    BetaMemoryTool20250818RenameCommand,
    BetaMemoryTool20250818StrReplaceCommand,
    BetaMemoryTool20250818ViewCommand,
)

from kairos.fsutil import atomic_write_text

__all__ = ["KairosMemoryTool", "replay"]

PREFIX = "/memories"
MAX_FILE_BYTES = 900_000  # a journal record holds at most 1 MB
_W = 6


def _size(n: int) -> str:
    for unit in ("B", "K", "M", "G"):
        if n < 1024:
            return f"{n}{unit}" if unit == "B" else f"{n:.1f}{unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n:.1f}T"


class KairosMemoryTool(BetaAbstractMemoryTool):
    """The memory tool over ``root`` (default: ``<project store>/memory-tool``), journaled."""

    def __init__(self, root: Path | str | None = None, *, kairos: Any = None, session: str | None = None,
                 cwd: Path | str | None = None) -> None:
        super().__init__()
        if kairos is None:
            from kairos.api import Kairos

            kairos = Kairos(cwd)
        self.k = kairos
        self.session = session
        self.root = Path(root) if root else kairos.store.project_dir / "memory-tool"
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)

    # ------------------------------------------------------------------ confinement
    def _path(self, virtual: str) -> Path:
        if not isinstance(virtual, str) or "\x00" in virtual:
            raise ToolError("Invalid path")
        if virtual != PREFIX and not virtual.startswith(PREFIX + "/"):
            raise ToolError(f"Path must start with {PREFIX}, got: {virtual}")
        parts = [p for p in PurePosixPath(virtual[len(PREFIX):]).parts if p != "/"]
        if any(p in ("..", ".") or "\\" in p for p in parts):
            raise ToolError(f"Path {virtual} would escape {PREFIX} directory")
        root = self.root.resolve()
        cur = root
        for p in parts:
            cur = cur / p
            if cur.is_symlink():
                raise ToolError(f"Path {virtual} goes through a symbolic link, which is not allowed")
        full = root.joinpath(*parts)
        if full.resolve() != full or (full != root and root not in full.resolve().parents):
            raise ToolError(f"Path {virtual} would escape {PREFIX} directory")
        return full

    def _read(self, full: Path, virtual: str) -> str:
        try:
            return full.read_text(encoding="utf-8")
        except FileNotFoundError as exc:
            raise ToolError(f"The path {virtual} does not exist. Please provide a valid path.") from exc
        except IsADirectoryError as exc:
            raise ToolError(f"The path {virtual} is not a file.") from exc
        except UnicodeDecodeError as exc:
            raise ToolError(f"The file {virtual} is not UTF-8 text.") from exc

    def _journal(self, op: str, path: str, content: str | None = None, new_path: str | None = None) -> None:
        meta: dict[str, Any] = {"memory_tool": {"op": op, "path": path}}
        text = f"memory tool: {op} {path}" + (f" -> {new_path}" if new_path else "")
        if new_path:
            meta["memory_tool"]["new_path"] = new_path
        if content is not None:
            meta["memory_tool"]["sha256"] = hashlib.sha256(content.encode()).hexdigest()
            text += "\n\n" + content
        self.k.journal.append("observation", text, session=self.session, provenance="agent", meta=meta)

    def _write(self, full: Path, content: str, virtual: str) -> None:
        if len(content.encode("utf-8")) > MAX_FILE_BYTES:
            raise ToolError(f"File {virtual} would exceed {MAX_FILE_BYTES // 1000} KB")
        full.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write_text(full, content)

    # ------------------------------------------------------------------ commands
    def view(self, command: BetaMemoryTool20250818ViewCommand) -> str:
        full = self._path(command.path)
        if full.is_dir():
            lines = [f"{_size(full.stat().st_size)}\t{command.path}"]
            for item in sorted(full.rglob("*")):
                rel = item.relative_to(full)
                if len(rel.parts) > 2 or any(p.startswith(".") for p in rel.parts) or item.is_symlink():
                    continue
                suffix = "/" if item.is_dir() else ""
                lines.append(f"{_size(item.stat().st_size)}\t{command.path.rstrip('/')}/{rel.as_posix()}{suffix}")
            return (f"Here're the files and directories up to 2 levels deep in {command.path}, "
                    "excluding hidden items:\n" + "\n".join(lines))
        content = self._read(full, command.path)
        lines = content.split("\n")
        start = 1
        if command.view_range and len(command.view_range) == 2:
            lo = max(1, command.view_range[0])
            hi = len(lines) if command.view_range[1] == -1 else command.view_range[1]
            lines, start = lines[lo - 1:hi], lo
        numbered = [f"{str(i + start).rjust(_W)}\t{ln}" for i, ln in enumerate(lines)]
        return f"Here's the content of {command.path} with line numbers:\n" + "\n".join(numbered)

    def create(self, command: BetaMemoryTool20250818CreateCommand) -> str:
        full = self._path(command.path)
        if full.exists():
            raise ToolError(f"File {command.path} already exists")
        self._write(full, command.file_text, command.path)
        self._journal("create", command.path, command.file_text)
        return f"File created successfully at: {command.path}"

    def str_replace(self, command: BetaMemoryTool20250818StrReplaceCommand) -> str:
        full = self._path(command.path)
        content = self._read(full, command.path)
        count = content.count(command.old_str) if command.old_str else 0
        if count == 0:
            raise ToolError(f"No replacement was performed, old_str `{command.old_str}` did not appear "
                            f"verbatim in {command.path}.")
        if count > 1:
            raise ToolError(f"No replacement was performed. Multiple occurrences of old_str "
                            f"`{command.old_str}`. Please ensure it is unique")
        line = content[: content.find(command.old_str)].count("\n")
        new = content.replace(command.old_str, command.new_str, 1)
        self._write(full, new, command.path)
        self._journal("str_replace", command.path, new)
        new_lines = new.split("\n")
        snippet = [f"{str(n + 1).rjust(_W)}\t{new_lines[n]}"
                   for n in range(max(0, line - 2), min(len(new_lines), line + 3))]
        return ("The memory file has been edited. Here is the snippet showing the change "
                "(with line numbers):\n" + "\n".join(snippet))

    def insert(self, command: BetaMemoryTool20250818InsertCommand) -> str:
        full = self._path(command.path)
        content = self._read(full, command.path)
        lines = content.split("\n")
        if content.endswith("\n"):
            lines = lines[:-1]
        if command.insert_line < 0 or command.insert_line > len(lines):
            raise ToolError(f"Invalid `insert_line` parameter: {command.insert_line}. "
                            f"It should be within the range [0, {len(lines)}].")
        lines.insert(command.insert_line, command.insert_text.rstrip("\n"))
        new = "\n".join(lines) + "\n"
        self._write(full, new, command.path)
        self._journal("insert", command.path, new)
        return f"The file {command.path} has been edited."

    def delete(self, command: BetaMemoryTool20250818DeleteCommand) -> str:
        full = self._path(command.path)
        if full == self.root.resolve():
            raise ToolError(f"Cannot delete the {PREFIX} directory itself")
        if full.is_dir():
            shutil.rmtree(full)
        elif full.is_file():
            full.unlink()
        else:
            raise ToolError(f"The path {command.path} does not exist")
        self._journal("delete", command.path)
        return f"Successfully deleted {command.path}"

    def rename(self, command: BetaMemoryTool20250818RenameCommand) -> str:
        old, new = self._path(command.old_path), self._path(command.new_path)
        if old == self.root.resolve():
            raise ToolError(f"Cannot rename the {PREFIX} directory itself")
        if not old.exists():
            raise ToolError(f"The path {command.old_path} does not exist")
        if new.exists():
            raise ToolError(f"The destination {command.new_path} already exists")
        new.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.rename(old, new)
        self._journal("rename", command.old_path, new_path=command.new_path)
        return f"Successfully renamed {command.old_path} to {command.new_path}"

    def clear_all_memory(self) -> str:
        for item in self.root.iterdir():
            shutil.rmtree(item) if item.is_dir() and not item.is_symlink() else item.unlink()
        self._journal("delete", PREFIX + "/*")
        return "All memory cleared"


def replay(journal: Any, root: Path | str) -> int:
    """Rebuild a memory-tool directory from the journal alone; returns the operations applied.

    The journal stores each mutated file's whole new content (secrets redacted),
    so the last state of every file follows from the records in order.
    """
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    n = 0

    def local(virtual: str) -> Path:
        rel = [p for p in PurePosixPath(virtual[len(PREFIX):]).parts if p not in ("/", "..", ".")]
        return root.joinpath(*rel)

    for rec in journal.records(kinds=["observation"]):
        op = rec.meta.get("memory_tool") if isinstance(rec.meta, dict) else None
        if not isinstance(op, dict):
            continue
        path = str(op.get("path", ""))
        kind = op.get("op")
        if kind in ("create", "str_replace", "insert"):
            body = rec.text.split("\n\n", 1)[1] if "\n\n" in rec.text else ""
            target = local(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(target, body)
        elif kind == "delete":
            target = root if path == PREFIX + "/*" else local(path)
            if path == PREFIX + "/*":
                for item in root.iterdir():
                    shutil.rmtree(item) if item.is_dir() else item.unlink()
            elif target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
        elif kind == "rename":
            dest = local(str(op.get("new_path", "")))
            dest.parent.mkdir(parents=True, exist_ok=True)
            if local(path).exists():
                os.rename(local(path), dest)
        else:
            continue
        n += 1
    return n
