"""``kairos install claude-code``: merge kairos' hooks and MCP server into Claude Code's settings.

Where things go (Claude Code's own layout):

    scope    hooks                              MCP server
    user     <config>/settings.json             <claude.json> mcpServers
    project  <root>/.claude/settings.json       <root>/.mcp.json mcpServers (+ enabledMcpjsonServers)
    local    <root>/.claude/settings.local.json <claude.json> projects[<root>].mcpServers

``<config>`` is ``$CLAUDE_CONFIG_DIR`` or ``~/.claude``; ``<claude.json>`` is
``$CLAUDE_CONFIG_DIR/.claude.json`` or ``~/.claude.json``.

What this module must never do: drop or reorder anything it did not write.
Every file is read, changed in memory, backed up (``<file>.kairos-backup``, the
state before kairos' first change is kept) and written atomically; kairos'
entries are recognised by their command (``... kairos hook`` / server name
``kairos``), so installing twice changes nothing and uninstalling removes
exactly what install added. A file that is not valid JSON is left alone and
reported.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kairos.errors import ConfigError
from kairos.fsutil import atomic_write_text

__all__ = ["HOOK_EVENTS", "InstallReport", "SCOPES", "Targets", "install", "kairos_command",
           "targets", "uninstall"]

SCOPES = ("user", "project", "local")
SERVER = "kairos"
# event -> (matcher or None, timeout in seconds)
HOOK_EVENTS: dict[str, tuple[str | None, int]] = {
    "SessionStart": (None, 10),
    "UserPromptSubmit": (None, 10),
    "PreToolUse": ("*", 10),
    "PostToolUse": ("*", 10),
    "PostToolUseFailure": ("*", 10),
    "PreCompact": (None, 60),
    "Stop": (None, 30),
    "SessionEnd": (None, 30),
}
_OURS = re.compile(r"(?:^|[/\\\s\"'])kairos(?:\.exe)?[\"']?\s+hook\b")


@dataclass(frozen=True)
class Targets:
    scope: str
    settings: Path
    mcp_file: Path
    mcp_keys: tuple[str, ...]  # path inside mcp_file to the mcpServers mapping


@dataclass
class InstallReport:
    scope: str
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    backups: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def claude_config_dir() -> Path:
    env = os.environ.get("CLAUDE_CONFIG_DIR")
    return Path(env).expanduser() if env else Path.home() / ".claude"


def claude_json() -> Path:
    env = os.environ.get("CLAUDE_CONFIG_DIR")
    return Path(env).expanduser() / ".claude.json" if env else Path.home() / ".claude.json"


def targets(scope: str, project_root: Path) -> Targets:
    if scope not in SCOPES:
        raise ConfigError(f"unknown scope {scope!r}; use one of {', '.join(SCOPES)}")
    root = Path(project_root).resolve()
    if scope == "user":
        return Targets(scope, claude_config_dir() / "settings.json", claude_json(), ("mcpServers",))
    if scope == "project":
        return Targets(scope, root / ".claude" / "settings.json", root / ".mcp.json", ("mcpServers",))
    return Targets(scope, root / ".claude" / "settings.local.json", claude_json(),
                   ("projects", str(root), "mcpServers"))


def kairos_command() -> str:
    """The absolute path of the ``kairos`` executable this Python runs (PATH may differ in hooks)."""
    sibling = Path(sys.executable).with_name("kairos")
    if sibling.exists():
        return str(sibling)
    found = shutil.which("kairos")
    return found or "kairos"


def _quote(cmd: str) -> str:
    return f'"{cmd}"' if re.search(r"\s", cmd) else cmd


def _load(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})") from exc
    if not raw.strip():
        return {}
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise ConfigError(f"{path}: not valid JSON ({exc}); fix or move it, then run install again") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a JSON object at the top")
    return data


def _save(path: Path, data: dict[str, Any], report: InstallReport) -> None:
    if path.exists():
        backup = path.with_name(path.name + ".kairos-backup")
        if not backup.exists():
            shutil.copy2(path, backup)
            report.backups.append(str(backup))
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    report.changed.append(str(path))


def _save_or_remove(path: Path, data: dict[str, Any], report: InstallReport, empty: bool) -> None:
    """Write ``data``; but a file kairos created (no backup) that is empty again is removed."""
    backup = path.with_name(path.name + ".kairos-backup")
    if empty and not backup.exists():
        path.unlink()
        report.changed.append(f"{path} (removed: kairos created it)")
        return
    _save(path, data, report)


def is_ours(hook: Any) -> bool:
    return isinstance(hook, dict) and isinstance(hook.get("command"), str) and bool(_OURS.search(hook["command"]))


def _strip_hooks(hooks: dict[str, Any]) -> dict[str, Any]:
    """``hooks`` without kairos' entries; groups left empty by that are dropped."""
    out: dict[str, Any] = {}
    for event, groups in hooks.items():
        if not isinstance(groups, list):
            out[event] = groups
            continue
        kept = []
        for g in groups:
            if isinstance(g, dict) and isinstance(g.get("hooks"), list):
                inner = [h for h in g["hooks"] if not is_ours(h)]
                if not inner and len(inner) != len(g["hooks"]):
                    continue
                kept.append({**g, "hooks": inner})
            else:
                kept.append(g)
        if kept or not groups:
            out[event] = kept
    return out


def _with_hooks(settings: dict[str, Any], command: str, events: dict[str, tuple[str | None, int]]
                ) -> dict[str, Any]:
    hooks = settings.get("hooks")
    hooks = _strip_hooks(hooks) if isinstance(hooks, dict) else {}
    for event, (matcher, timeout) in events.items():
        group: dict[str, Any] = {}
        if matcher is not None:
            group["matcher"] = matcher
        group["hooks"] = [{"type": "command", "command": f"{_quote(command)} hook", "timeout": timeout}]
        hooks[event] = [*hooks.get(event, []), group]
    return {**settings, "hooks": hooks}


def _dig(data: dict[str, Any], keys: tuple[str, ...], create: bool) -> dict[str, Any] | None:
    cur = data
    for key in keys:
        nxt = cur.get(key)
        if not isinstance(nxt, dict):
            if not create:
                return None
            nxt = {}
            cur[key] = nxt
        cur = nxt
    return cur


def _events(with_guard: bool) -> dict[str, tuple[str | None, int]]:
    return {e: v for e, v in HOOK_EVENTS.items() if with_guard or e != "PreToolUse"}


def guard_available() -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec("kairos.guard.hook") is not None
    except ImportError:
        return False


def install(scope: str, project_root: Path, *, command: str | None = None,
            with_guard: bool | None = None, mcp: bool = True) -> InstallReport:
    """Merge kairos' hooks (and MCP server) into the scope's files; idempotent."""
    t = targets(scope, project_root)
    report = InstallReport(scope)
    if command is None and scope == "project":
        # Project settings are shared through git: a teammate's machine has no path like ours.
        if shutil.which("kairos"):
            command = "kairos"
        else:
            command = kairos_command()
            report.notes.append(f"kairos is not on PATH, so the shared project settings name {command}; "
                                "teammates should run `kairos install claude-code --scope project "
                                "--command kairos` with kairos on their PATH")
    command = command or kairos_command()
    if with_guard is None:
        with_guard = guard_available()
        if not with_guard:
            report.notes.append("PreToolUse not installed: the guard (kairos.guard.hook) is not available")
    settings = _load(t.settings)
    new = _with_hooks(settings, command, _events(with_guard))
    if scope == "project" and mcp:
        enabled = [s for s in new.get("enabledMcpjsonServers", []) if s != SERVER] + [SERVER]
        new["enabledMcpjsonServers"] = enabled
    if new != settings:
        _save(t.settings, new, report)
    else:
        report.unchanged.append(str(t.settings))
    if mcp:
        data = _load(t.mcp_file)
        before = json.dumps(data, sort_keys=True)
        servers = _dig(data, t.mcp_keys, create=True)
        assert servers is not None
        servers[SERVER] = {"type": "stdio", "command": command, "args": ["mcp"], "env": {}}
        if json.dumps(data, sort_keys=True) != before:
            _save(t.mcp_file, data, report)
        else:
            report.unchanged.append(str(t.mcp_file))
    return report


def uninstall(scope: str, project_root: Path) -> InstallReport:
    """Remove exactly kairos' entries from the scope's files; everything else stays."""
    t = targets(scope, project_root)
    report = InstallReport(scope)
    if t.settings.exists():
        settings = _load(t.settings)
        new = dict(settings)
        if isinstance(settings.get("hooks"), dict):
            hooks = _strip_hooks(settings["hooks"])
            hooks = {e: g for e, g in hooks.items() if g or not settings["hooks"].get(e)}
            if hooks:
                new["hooks"] = hooks
            else:
                new.pop("hooks")
        if isinstance(new.get("enabledMcpjsonServers"), list) and SERVER in new["enabledMcpjsonServers"]:
            rest = [s for s in new["enabledMcpjsonServers"] if s != SERVER]
            if rest:
                new["enabledMcpjsonServers"] = rest
            else:
                new.pop("enabledMcpjsonServers")
        if new != settings:
            _save_or_remove(t.settings, new, report, empty=not new)
    if t.mcp_file.exists():
        data = _load(t.mcp_file)
        servers = _dig(data, t.mcp_keys, create=False)
        if servers is not None and SERVER in servers:
            del servers[SERVER]
            if len(t.mcp_keys) == 3:  # local scope: drop projects[root] if install created it empty
                proj = data.get("projects", {})
                if proj.get(t.mcp_keys[1]) == {"mcpServers": {}}:
                    del proj[t.mcp_keys[1]]
                    if not proj:
                        del data["projects"]
            empty = data in ({}, {"mcpServers": {}})
            _save_or_remove(t.mcp_file, data, report, empty=empty)
    return report
