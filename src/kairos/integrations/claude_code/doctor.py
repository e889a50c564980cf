"""``kairos doctor``: check the Claude Code installation end to end and say what to fix.

Checks, in order: the settings files parse and hold kairos' hooks; the hook
command answers a SessionStart and an unknown event the way Claude Code expects
(exit 0, empty or JSON stdout); the MCP server starts and lists its tools; the
kairos store is writable. Each check gives ok / warn / fail and, unless ok, the
command or edit that fixes it.
"""

from __future__ import annotations

import json
import os
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

from kairos.integrations.claude_code.install import SCOPES, SERVER, is_ours, kairos_command, targets

__all__ = ["Check", "run_checks"]


@dataclass
class Check:
    name: str
    status: str  # ok | warn | fail
    detail: str
    fix: str = ""


def _hook_command(project_root: Path) -> tuple[str | None, list[Check]]:
    checks, command = [], None
    for scope in SCOPES:
        t = targets(scope, project_root)
        if not t.settings.exists():
            continue
        try:
            data = json.loads(t.settings.read_text(encoding="utf-8") or "{}")
        except (OSError, ValueError) as exc:
            checks.append(Check(f"settings ({scope})", "fail", f"{t.settings}: not valid JSON ({exc})",
                                f"fix the JSON in {t.settings}; Claude Code ignores the whole file"))
            continue
        hooks = data.get("hooks") if isinstance(data, dict) else None
        events = sorted(e for e, groups in (hooks or {}).items() if isinstance(groups, list)
                        for g in groups if isinstance(g, dict)
                        for h in g.get("hooks", []) if is_ours(h))
        if events:
            checks.append(Check(f"settings ({scope})", "ok", f"{t.settings}: kairos hooks on "
                                + ", ".join(dict.fromkeys(events))))
            for g in hooks.get(events[0], []):
                for h in g.get("hooks", []):
                    if is_ours(h):
                        command = h["command"].rsplit(" hook", 1)[0].strip('"')
    if command is None:
        checks.append(Check("settings", "fail", "no kairos hooks in any Claude Code settings file",
                            "kairos install claude-code --scope user"))
    return command, checks


def _run_hook(command: str, payload: dict, cwd: Path) -> Check:
    name = f"hook answers {payload['hook_event_name']}"
    try:
        proc = subprocess.run([command, "hook"], input=json.dumps(payload), capture_output=True,
                              text=True, cwd=cwd, timeout=20)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Check(name, "fail", f"{command} hook: {exc}", "reinstall: kairos install claude-code")
    if proc.returncode != 0:
        return Check(name, "fail", f"exit {proc.returncode}: {proc.stderr.strip()[:300]}",
                     "see $KAIROS_HOME/hook-errors.log")
    out = proc.stdout.strip()
    if out:
        try:
            json.loads(out)
        except ValueError:
            return Check(name, "fail", f"stdout is not JSON: {out[:200]}", "report this as a bug")
    return Check(name, "ok", f"exit 0, {len(out)} bytes of JSON" if out else "exit 0, no output")


def _mcp(command: str, cwd: Path) -> Check:
    import anyio
    from mcp import Client
    from mcp.client.stdio import StdioServerParameters

    async def probe() -> list[str]:
        params = StdioServerParameters(command=command, args=["mcp"], cwd=str(cwd),
                                       env=dict(os.environ))
        with anyio.fail_after(30):
            async with Client(params) as client:
                return [t.name for t in (await client.list_tools()).tools]

    try:
        names = anyio.run(probe)
    except Exception as exc:  # noqa: BLE001 - any failure is the finding
        return Check("MCP server starts", "fail", f"{type(exc).__name__}: {exc}"[:300],
                     f"run `{command} mcp` by hand to see the error")
    return Check("MCP server starts", "ok", "tools: " + ", ".join(sorted(names)))


def _mcp_registered(project_root: Path) -> Check:
    for scope in SCOPES:
        t = targets(scope, project_root)
        try:
            data = json.loads(t.mcp_file.read_text(encoding="utf-8") or "{}")
        except (OSError, ValueError):
            continue
        cur = data
        for key in t.mcp_keys:
            cur = cur.get(key, {}) if isinstance(cur, dict) else {}
        if isinstance(cur, dict) and SERVER in cur:
            return Check("MCP server registered", "ok", f"{t.mcp_file} ({scope})")
    return Check("MCP server registered", "warn", "no 'kairos' MCP server in any scope",
                 "kairos install claude-code --scope user")


def _store() -> Check:
    from kairos.api import Kairos

    try:
        k = Kairos()
        probe = k.store.state_dir / f".doctor-{uuid.uuid4().hex}"
        probe.write_text("ok")
        probe.unlink()
        st = k.status()
    except Exception as exc:  # noqa: BLE001 - any failure is the finding
        return Check("store writable", "fail", f"{type(exc).__name__}: {exc}", "check $KAIROS_HOME permissions")
    return Check("store writable", "ok", f"{st['home']} ({st['index']['records']} records, "
                 f"{st['index']['memories']} memories)")


def run_checks(project_root: Path, *, mcp: bool = True) -> list[Check]:
    command, checks = _hook_command(project_root)
    probe_cmd = command or kairos_command()
    session = f"kairos-doctor-{uuid.uuid4().hex[:8]}"
    base = {"session_id": session, "transcript_path": "", "cwd": str(project_root)}
    checks.append(_run_hook(probe_cmd, {**base, "hook_event_name": "SessionStart", "source": "startup"},
                            project_root))
    checks.append(_run_hook(probe_cmd, {**base, "hook_event_name": "NoSuchEvent"}, project_root))
    checks.append(_mcp_registered(project_root))
    if mcp:
        checks.append(_mcp(probe_cmd, project_root))
    checks.append(_store())
    from kairos.integrations.claude_code.install import guard_available

    if not guard_available():
        checks.append(Check("guard", "warn", "kairos.guard.hook is not available; PreToolUse not wired",
                            "update kairos; then kairos install claude-code again"))
    return checks
