"""`kairos install claude-code` round trips: foreign settings survive byte-for-meaning."""

from __future__ import annotations

import json

import pytest

from kairos.errors import ConfigError
from kairos.integrations.claude_code import install as inst
from tests.conftest import run_kairos

FOREIGN = {"theme": "dark", "permissions": {"allow": ["Bash(ls:*)"]},
           "hooks": {"Stop": [{"hooks": [{"type": "command", "command": "notify-send done"}]}],
                     "PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "audit.sh"}]}]},
           "enabledMcpjsonServers": ["github"]}
FOREIGN_MCP = {"mcpServers": {"github": {"command": "gh-mcp", "args": []}}, "numStartups": 3,
               "projects": {"/elsewhere": {"mcpServers": {"x": {"command": "x"}}}}}


@pytest.fixture
def claude_home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    (home / ".claude").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("CLAUDE_CONFIG_DIR", raising=False)
    return home


@pytest.mark.parametrize("scope", ["user", "project", "local"])
def test_round_trip_keeps_foreign_settings(project, claude_home, scope):
    t = inst.targets(scope, project)
    t.settings.parent.mkdir(parents=True, exist_ok=True)
    t.settings.write_text(json.dumps(FOREIGN))
    t.mcp_file.write_text(json.dumps(FOREIGN_MCP))
    r1 = run_kairos("install", "claude-code", "--scope", scope, cwd=project)
    assert r1.returncode == 0, r1.stderr
    settings = json.loads(t.settings.read_text())
    assert settings["theme"] == "dark" and settings["permissions"] == FOREIGN["permissions"]
    events = {e for e, groups in settings["hooks"].items() for g in groups for h in g["hooks"] if inst.is_ours(h)}
    assert {"SessionStart", "UserPromptSubmit", "PostToolUse", "PreCompact", "Stop", "SessionEnd"} <= events
    assert {"type": "command", "command": "notify-send done"} in settings["hooks"]["Stop"][0]["hooks"]
    mcp = json.loads(t.mcp_file.read_text())
    servers = mcp
    for key in t.mcp_keys:
        servers = servers[key]
    assert servers["kairos"]["args"] == ["mcp"] and mcp["numStartups"] == 3
    # idempotent
    before = (t.settings.read_text(), t.mcp_file.read_text())
    assert run_kairos("install", "claude-code", "--scope", scope, cwd=project).returncode == 0
    assert (t.settings.read_text(), t.mcp_file.read_text()) == before
    assert t.settings.with_name(t.settings.name + ".kairos-backup").exists()
    # uninstall restores the meaning of both files exactly
    assert run_kairos("install", "claude-code", "--scope", scope, "--uninstall", cwd=project).returncode == 0
    assert json.loads(t.settings.read_text()) == FOREIGN
    assert json.loads(t.mcp_file.read_text()) == FOREIGN_MCP


def test_uninstall_removes_files_kairos_created(project, claude_home):
    inst.install("project", project, command="/opt/kairos", with_guard=True)
    t = inst.targets("project", project)
    assert t.settings.exists() and t.mcp_file.exists()
    inst.uninstall("project", project)
    assert not t.settings.exists() and not t.mcp_file.exists()


def test_malformed_settings_are_left_alone(project, claude_home):
    t = inst.targets("user", project)
    t.settings.write_text("{ broken")
    with pytest.raises(ConfigError):
        inst.install("user", project)
    assert t.settings.read_text() == "{ broken"
    proc = run_kairos("install", "claude-code", cwd=project)
    assert proc.returncode == 1 and "not valid JSON" in proc.stderr


def test_claude_config_dir_is_honoured(project, tmp_path, monkeypatch):
    cfg = tmp_path / "cfg"
    monkeypatch.setenv("CLAUDE_CONFIG_DIR", str(cfg))
    t = inst.targets("user", project)
    assert t.settings == cfg / "settings.json" and t.mcp_file == cfg / ".claude.json"


def test_doctor_reports_and_fixes(project, claude_home):
    proc = run_kairos("doctor", "--no-mcp", "--json", cwd=project)
    checks = {c["name"]: c for c in json.loads(proc.stdout)}
    assert proc.returncode == 1 and checks["settings"]["fix"].startswith("kairos install")
    assert run_kairos("install", "claude-code", cwd=project).returncode == 0
    proc = run_kairos("doctor", "--json", cwd=project)
    checks = {c["name"]: c for c in json.loads(proc.stdout)}
    assert proc.returncode == 0, proc.stdout
    assert checks["hook answers SessionStart"]["status"] == "ok"
    assert "search" in checks["MCP server starts"]["detail"]
