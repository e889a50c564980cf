"""PostToolUse: one compact, redacted observation per tool call, for the journal.

A tool call becomes one line a person can read later: which file was read or
edited, which command ran and how it ended, and the first error lines when it
failed. Tool output is untrusted (DESIGN §8): it is journaled with provenance
``tool`` and a few hundred characters at most, never as instructions.
Redaction of secrets happens in the journal itself, on every append.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Observation", "describe"]

MAX_CMD = 300
MAX_OUT = 400
_ERR = re.compile(r"(error|exception|traceback|failed|fatal|denied|not found|no such file|"
                  r"cannot|panic|assert)", re.I)
_FILE_TOOLS = {"Read": "read", "Edit": "edited", "MultiEdit": "edited", "Write": "wrote",
               "NotebookEdit": "edited", "NotebookRead": "read"}


@dataclass
class Observation:
    text: str
    meta: dict[str, Any] = field(default_factory=dict)


def _clip(text: str, n: int) -> str:
    text = text.strip()
    return text if len(text) <= n else text[: n - 1] + "…"


def _text(v: Any) -> str:
    if isinstance(v, str):
        return v
    if isinstance(v, list):
        return "\n".join(_text(x) for x in v)
    if isinstance(v, dict):
        for key in ("text", "content", "output", "result"):
            if key in v:
                return _text(v[key])
    return ""


def _error_lines(text: str, n: int = 3) -> list[str]:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    errs = [ln for ln in lines if _ERR.search(ln)]
    return [_clip(ln, 200) for ln in (errs[-n:] if errs else lines[-n:])]


def describe(tool: str, tool_input: dict[str, Any], response: Any, error: str = "",
             cwd: str = "") -> Observation | None:
    """The observation for one tool call, or None for tools not worth a record."""
    meta: dict[str, Any] = {"source": "claude-code", "tool": tool, "ok": not error}
    path = tool_input.get("file_path") or tool_input.get("notebook_path") or tool_input.get("path")
    if isinstance(path, str) and cwd and path.startswith(cwd.rstrip("/") + "/"):
        path = path[len(cwd.rstrip("/")) + 1:]
    if tool in _FILE_TOOLS and isinstance(path, str):
        verb = _FILE_TOOLS[tool]
        meta["files"] = [path]
        text = f"{tool}: {verb} {path}"
        if tool in ("Edit", "MultiEdit", "Write"):
            meta["edited"] = True
            new = tool_input.get("new_string") or tool_input.get("content") or ""
            if isinstance(new, str) and new:
                text += f" ({new.count(chr(10)) + 1} lines)"
        if error:
            text += " — failed: " + "; ".join(_error_lines(error, 2))
        return Observation(text, meta)
    if tool == "Bash":
        cmd = str(tool_input.get("command") or "")
        if not cmd:
            return None
        resp = response if isinstance(response, dict) else {}
        stdout, stderr = _text(resp.get("stdout")), _text(resp.get("stderr"))
        meta["command"] = _clip(cmd, MAX_CMD)
        if error or resp.get("interrupted"):
            outcome = "interrupted" if resp.get("interrupted") else "failed"
            detail = "; ".join(_error_lines(error or stderr or stdout))
            meta["ok"] = False
            text = f"$ {_clip(cmd, MAX_CMD)}\n→ {outcome}: {_clip(detail, MAX_OUT)}"
        else:
            tail = _error_lines(stderr) if stderr.strip() and _ERR.search(stderr) else []
            last = [ln for ln in stdout.strip().splitlines() if ln.strip()][-2:]
            summary = "; ".join(tail or [_clip(x, 160) for x in last]) or "no output"
            text = f"$ {_clip(cmd, MAX_CMD)}\n→ ok: {_clip(summary, MAX_OUT)}"
        return Observation(text, meta)
    if tool in ("Grep", "Glob"):
        pat = str(tool_input.get("pattern") or "")
        return Observation(f"{tool}: searched {pat!r}" + (f" in {path}" if path else ""), meta)
    if tool in ("WebFetch", "WebSearch"):
        what = str(tool_input.get("url") or tool_input.get("query") or "")
        return Observation(f"{tool}: {_clip(what, 200)}" + (" — failed" if error else ""), meta)
    if tool.startswith("mcp__kairos__") or tool in ("TodoWrite", "Task", "Agent", "ExitPlanMode"):
        return None
    text = f"{tool}: " + _clip(", ".join(f"{k}={v!s}" for k, v in list(tool_input.items())[:3]), 200)
    if error:
        text += " — failed: " + "; ".join(_error_lines(error, 2))
    return Observation(text, meta)
