"""`kairos hook` end to end: a real process per event, fed payloads shaped like Claude Code 2.1.328's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import KAIROS_BIN, run_kairos

SID = "8f0c2a47-1f7e-4c55-9d0e-3c2f1b7a9e10"


def payload(project: Path, event: str, **extra) -> dict:
    base = {"session_id": SID, "transcript_path": str(project / "t.jsonl"), "cwd": str(project),
            "hook_event_name": event}
    return {**base, **extra}


def hook(p: dict | str | bytes, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    data = p if isinstance(p, (str, bytes)) else json.dumps(p)
    if isinstance(data, bytes):
        return subprocess.run([str(KAIROS_BIN), "hook", *args], input=data, capture_output=True,
                              cwd=cwd, timeout=60)
    return run_kairos("hook", *args, input=data, cwd=cwd)


def context_of(proc: subprocess.CompletedProcess, event: str) -> str:
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["hookSpecificOutput"]["hookEventName"] == event
    return out["hookSpecificOutput"]["additionalContext"]


def journal_text(kairos_home: Path) -> str:
    return "\n".join(p.read_text() for p in kairos_home.rglob("logs/**/*.md"))


def transcript(path: Path, prompts: list[str], pad_bytes: int = 0) -> Path:
    lines = []
    parent = None
    for i, text in enumerate(prompts):
        uid = f"u{i}"
        lines.append({"type": "user", "uuid": uid, "parentUuid": parent, "sessionId": SID,
                      "timestamp": "2026-11-20T10:00:00Z", "cwd": str(path.parent),
                      "message": {"role": "user", "content": text}})
        aid = f"a{i}"
        lines.append({"type": "assistant", "uuid": aid, "parentUuid": uid, "sessionId": SID,
                      "timestamp": "2026-11-20T10:00:05Z",
                      "message": {"role": "assistant", "model": "claude", "content": [
                          {"type": "text", "text": "We decided to use retries because the API is flaky."},
                          {"type": "tool_use", "id": f"tu{i}", "name": "Edit",
                           "input": {"file_path": str(path.parent / "app.py"), "old_string": "a",
                                     "new_string": "b"}}]}})
        lines.append({"type": "user", "uuid": f"r{i}", "parentUuid": aid, "sessionId": SID,
                      "message": {"role": "user", "content": [
                          {"type": "tool_result", "tool_use_id": f"tu{i}", "content": "ok"}]}})
        parent = f"r{i}"
    with open(path, "w") as fh:
        for obj in lines:
            fh.write(json.dumps(obj) + "\n")
        filler = {"type": "user", "uuid": "big", "sessionId": SID, "message": {"role": "user", "content": [
            {"type": "tool_result", "tool_use_id": "x", "content": "log line " * 1000}]}}
        row = json.dumps(filler) + "\n"
        for _ in range(pad_bytes // len(row)):
            fh.write(row)
    return path


# ------------------------------------------------------------------------------ robustness
@pytest.mark.parametrize("raw", [b"", b"{not json", b"[1, 2]", b"\xff\xfe\x00", b"null"])
def test_malformed_input_fails_open_silently(project, kairos_home, raw):
    proc = hook(raw, cwd=project)
    assert proc.returncode == 0 and proc.stdout == b"" and proc.stderr == b""
    assert (kairos_home / "hook-errors.log").exists() or raw == b""


@pytest.mark.parametrize("event", ["PreToolUse", "pre-tool-use", "pre_tool_use"])
def test_malformed_pre_tool_use_asks_never_allows(project, kairos_home, event):
    proc = hook(b"{not json", event, cwd=project)
    out = json.loads(proc.stdout)["hookSpecificOutput"]
    assert proc.returncode == 0 and out["permissionDecision"] == "ask"
    assert "not valid JSON" in out["permissionDecisionReason"]


def test_unknown_event_and_missing_fields(project, kairos_home):
    assert hook({"hook_event_name": "NoSuchEvent", "cwd": str(project)}).stdout == ""
    for event in ("SessionStart", "UserPromptSubmit", "PostToolUse", "PreCompact", "Stop", "SessionEnd"):
        proc = hook({"hook_event_name": event}, cwd=project)  # no session, cwd, prompt, tool...
        assert proc.returncode == 0, (event, proc.stderr)
        assert proc.stderr == ""
    # wrong types everywhere
    proc = hook({"hook_event_name": "UserPromptSubmit", "prompt": 42, "cwd": ["x"], "session_id": None})
    assert proc.returncode == 0 and proc.stdout == ""


def test_internal_failure_is_logged_not_shown(project, kairos_home):
    kairos_home.mkdir(parents=True, exist_ok=True)
    (kairos_home / "config.toml").write_text("this is = = not toml")
    proc = hook(payload(project, "UserPromptSubmit", prompt="how do we deploy the service?"))
    assert proc.returncode == 0 and proc.stdout == "" and proc.stderr == ""
    assert "ConfigError" in (kairos_home / "hook-errors.log").read_text()


def test_hook_path_never_imports_click_rich_yaml_or_dream(project, kairos_home):
    # daemon off (conftest): the in-process lexical fallback; test_daemon.py checks the daemon path
    code = ("import sys, io, json; sys.stdin = io.TextIOWrapper(io.BytesIO(json.dumps("
            f"{{'hook_event_name': 'UserPromptSubmit', 'cwd': {str(project)!r}, 'session_id': 's',"
            "'prompt': 'how do we deploy'}).encode()));"
            "from kairos.cli import main\n"
            "try:\n    main(['hook'])\nexcept SystemExit:\n    pass\n"
            "bad = [m for m in ('click', 'rich', 'yaml', 'kairos.dream', 'numpy', 'kairos.api', 'kairos.index.index')"
            " if m in sys.modules]\n"
            "print(json.dumps(bad), file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=project)
    assert json.loads(proc.stderr.strip().splitlines()[-1]) == []


# ------------------------------------------------------------------------------ events
def test_session_start_injects_memory_index_and_flags_stale(project, kairos_home):
    (project / "deploy.py").write_text("def ship():\n    return 'make ship'\n")
    assert run_kairos("remember", "We deploy with make ship from the main branch", "--type", "project",
                      "--anchor", "deploy.py:ship", cwd=project).returncode == 0
    (project / "CLAUDE.md").write_text("CLAUDE-MD-SENTINEL: never shown by kairos\n")
    ctx = context_of(hook(payload(project, "SessionStart", source="startup")), "SessionStart")
    assert "make ship" in ctx and "## project" in ctx
    assert "CLAUDE-MD-SENTINEL" not in ctx
    assert len(ctx) < 10_000
    (project / "deploy.py").write_text("def other():\n    pass\n")
    ctx = context_of(hook(payload(project, "SessionStart", source="startup", session_id="s2")), "SessionStart")
    assert "possibly stale" in ctx


def test_user_prompt_submit_recalls_within_budget_and_captures(project, kairos_home):
    run_kairos("remember", "The staging database password rotates every Monday via vault",
               "--type", "reference", cwd=project)
    for i in range(60):
        run_kairos("journal", "append", f"note {i}: the staging database migration step {i} took long",
                   cwd=project) if i < 3 else None
    p = payload(project, "UserPromptSubmit", prompt="When does the staging database password rotate?",
                prompt_id="p1", permission_mode="default")
    ctx = context_of(hook(p), "UserPromptSubmit")
    assert "rotates every Monday" in ctx
    assert len(ctx) <= 2000 * 4
    # the same memory is not injected twice in one session
    again = hook({**p, "prompt": "staging database password rotation again?"})
    assert "rotates every Monday" not in again.stdout
    # the prompt itself was journaled, and a recall-use record says what was served
    text = journal_text(kairos_home)
    assert "When does the staging database password rotate?" in text
    assert "recall-use" in text


def test_unrelated_prompt_injects_nothing(project, kairos_home):
    run_kairos("remember", "The staging database password rotates every Monday via vault",
               "--type", "reference", cwd=project)
    proc = hook(payload(project, "UserPromptSubmit", prompt="write a haiku about autumn leaves"))
    assert proc.returncode == 0 and proc.stdout == ""


def test_post_tool_use_journals_compact_redacted_observations(project, kairos_home):
    bash = payload(project, "PostToolUse", tool_name="Bash", tool_use_id="t1",
                   tool_input={"command": "API_TOKEN=abcdef123456789 pytest -q", "description": "tests"},
                   tool_response={"stdout": "x" * 50_000 + "\nFAILED test_a.py::test_x - AssertionError",
                                  "stderr": "", "interrupted": False, "isImage": False},
                   duration_ms=1200)
    assert hook(bash).returncode == 0
    edit = payload(project, "PostToolUse", tool_name="Edit",
                   tool_input={"file_path": str(project / "src" / "app.py"), "old_string": "a",
                               "new_string": "b\nc"}, tool_response={"filePath": "x"})
    assert hook(edit).returncode == 0
    fail = payload(project, "PostToolUseFailure", tool_name="Read",
                   tool_input={"file_path": str(project / "missing.py")}, error="File does not exist.")
    assert hook(fail).returncode == 0
    text = journal_text(kairos_home)
    assert "abcdef123456789" not in text and "[REDACTED" in text
    assert "AssertionError" in text and "x" * 1000 not in text
    assert "Edit: edited src/app.py" in text
    assert "Read: read missing.py — failed" in text


def test_compaction_round_trip_reinjects_goal_and_constraints(project, kairos_home):
    prompts = ["Refactor the billing module to use the new invoice API",
               "From now on, never touch the legacy tax tables.",
               "Use pnpm, not npm."]
    for i, pr in enumerate(prompts):
        hook(payload(project, "UserPromptSubmit", prompt=pr, prompt_id=f"p{i}"))
    tr = transcript(project / "t.jsonl", prompts)
    pre = hook(payload(project, "PreCompact", trigger="auto", custom_instructions=None, transcript_path=str(tr)))
    assert pre.returncode == 0
    # plain text: Claude Code appends a PreCompact hook's stdout to the compaction prompt
    assert pre.stdout.startswith("When you summarise this conversation")
    assert "Refactor the billing module to use the new invoice API" in pre.stdout
    assert "legacy tax tables" in pre.stdout and len(pre.stdout) <= 9_500
    ctx = context_of(hook(payload(project, "SessionStart", source="compact", transcript_path=str(tr))),
                     "SessionStart")
    assert "Refactor the billing module" in ctx
    assert "legacy tax tables" in ctx
    assert "pnpm" in ctx
    assert "session-note" in journal_text(kairos_home)


def test_ten_megabyte_transcript(project, kairos_home):
    tr = transcript(project / "t.jsonl", ["Port the scheduler to asyncio and keep the public API"],
                    pad_bytes=10_000_000)
    assert tr.stat().st_size >= 9_900_000
    for event, extra in (("PreCompact", {"trigger": "auto"}), ("Stop", {"stop_hook_active": False}),
                         ("SessionEnd", {"reason": "other"}),
                         ("SessionStart", {"source": "compact"})):
        proc = hook(payload(project, event, transcript_path=str(tr), **extra))
        assert proc.returncode == 0, (event, proc.stderr)
    assert "scheduler to asyncio" in journal_text(kairos_home)
    assert not (kairos_home / "hook-errors.log").exists()


def test_stop_when_stop_hook_active_does_nothing(project, kairos_home):
    proc = hook(payload(project, "Stop", stop_hook_active=True))
    assert proc.returncode == 0 and proc.stdout == ""
