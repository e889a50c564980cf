"""The static instructions a user already has: the CLAUDE.md hierarchy (with @imports) and AGENTS.md.

Claude Code loads these itself, so its hooks never inject them. Other clients
(anything speaking MCP) do not; the MCP server offers them as a prompt. Order
follows Claude Code's: managed policy, user (``~/.claude/CLAUDE.md``), then each
directory from the repository root down to the working directory
(``CLAUDE.md``, ``.claude/CLAUDE.md``, ``CLAUDE.local.md``), then ``AGENTS.md``.
``@path`` imports are expanded in place (relative to the importing file, ``~``
allowed, at most 5 levels deep, never inside code), each file at most once.

What this module must never do: follow an import cycle, or read anything but
the files named (no globbing).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["InstructionFile", "instruction_files", "render_instructions"]

MAX_DEPTH = 5
MAX_FILE_CHARS = 40_000
_IMPORT = re.compile(r"(?<![\w`])@((?:~|\.{1,2})?/?[\w.\-/~]+\.[\w]+|~?/[\w.\-/]+)")


@dataclass(frozen=True)
class InstructionFile:
    path: Path
    level: str  # managed | user | project | local | agents | import
    text: str


def _claude_dir() -> Path:
    env = os.environ.get("CLAUDE_CONFIG_DIR")
    return Path(env).expanduser() if env else Path.home() / ".claude"


def _read(path: Path) -> str | None:
    try:
        if path.is_file():
            return path.read_text(encoding="utf-8", errors="replace")[:MAX_FILE_CHARS]
    except OSError:
        return None
    return None


def _expand(text: str, base: Path, seen: set[Path], depth: int, out: list[InstructionFile]) -> None:
    if depth >= MAX_DEPTH:
        return
    in_fence = False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        line = re.sub(r"`[^`]*`", "", line)
        for m in _IMPORT.finditer(line):
            raw = m.group(1)
            p = Path(os.path.expanduser(raw))
            p = (p if p.is_absolute() else base / p).resolve()
            if p in seen:
                continue
            body = _read(p)
            if body is None:
                continue
            seen.add(p)
            out.append(InstructionFile(p, "import", body))
            _expand(body, p.parent, seen, depth + 1, out)


def instruction_files(cwd: Path | str, project_root: Path | str | None = None) -> list[InstructionFile]:
    cwd = Path(cwd).resolve()
    root = Path(project_root).resolve() if project_root else cwd
    candidates: list[tuple[Path, str]] = [(Path("/etc/claude-code/CLAUDE.md"), "managed"),
                                          (_claude_dir() / "CLAUDE.md", "user")]
    dirs = [root]
    if cwd != root and root in cwd.parents:
        rel = cwd.relative_to(root).parts
        dirs += [root.joinpath(*rel[: i + 1]) for i in range(len(rel))]
    for d in dirs:
        candidates += [(d / "CLAUDE.md", "project"), (d / ".claude" / "CLAUDE.md", "project"),
                       (d / "CLAUDE.local.md", "local")]
    candidates.append((root / "AGENTS.md", "agents"))
    out: list[InstructionFile] = []
    seen: set[Path] = set()
    for path, level in candidates:
        rp = path.resolve() if path.exists() else path
        if rp in seen:
            continue
        body = _read(path)
        if body is None:
            continue
        seen.add(rp)
        out.append(InstructionFile(rp, level, body))
        _expand(body, rp.parent, seen, 0, out)
    return out


def render_instructions(files: list[InstructionFile], budget_chars: int = 40_000) -> str:
    parts = []
    size = 0
    for f in files:
        block = f"<instructions source=\"{f.path}\" level=\"{f.level}\">\n{f.text.strip()}\n</instructions>"
        if size + len(block) > budget_chars:
            parts.append(f"<!-- {f.path} left out: over the {budget_chars}-character budget -->")
            continue
        parts.append(block)
        size += len(block)
    return "\n\n".join(parts)
