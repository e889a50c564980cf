"""The warm recall daemon and the hook's use of it, with real processes (never wall-clock asserts)."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kairos.integrations.daemon_client import (
    DaemonUnavailable,
    is_locked,
    read_pid,
    request,
    socket_path,
)
from tests.conftest import KAIROS_BIN, run_kairos

SID = "daemon-test-session"


@pytest.fixture(autouse=True)
def daemon_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KAIROS_HOOK_DAEMON", raising=False)
    monkeypatch.setenv("KAIROS_NO_DREAM", "1")


def wait_for(cond, what: str, timeout: float = 30.0):  # noqa: ANN001, ANN201
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = cond()
        if got:
            return got
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def ping(home: Path) -> dict | None:
    try:
        return request(home, {"op": "ping"}, 2.0)
    except DaemonUnavailable:
        return None


def hook(project: Path, event: str, **extra) -> subprocess.CompletedProcess:
    p = {"session_id": SID, "transcript_path": "", "cwd": str(project), "hook_event_name": event, **extra}
    return run_kairos("hook", input=json.dumps(p), cwd=project)


def context_of(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)["hookSpecificOutput"]["additionalContext"] if proc.stdout.strip() else ""


def remember(project: Path, text: str) -> None:
    assert run_kairos("remember", text, "--type", "project", cwd=project).returncode == 0


def start(home: Path, *args: str) -> int:
    proc = run_kairos("daemon", "start", "--json", *args)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)["pid"]


# ------------------------------------------------------------------------------ on demand
def test_hook_starts_daemon_on_demand_then_daemon_answers_like_recall_json(project, kairos_home):
    remember(project, "We deploy the billing service with make ship from main")
    first = context_of(hook(project, "UserPromptSubmit", prompt="how do we deploy the billing service?"))
    assert "make ship" in first
    assert "answered by lexical; semantic daemon starting" in first
    assert "semantic daemon starting" in (kairos_home / "hook.log").read_text()
    info = wait_for(lambda: ping(kairos_home), "the daemon the hook spawned")
    assert info["pid"] == read_pid(kairos_home)
    assert stat.S_IMODE(os.lstat(socket_path(kairos_home)).st_mode) == 0o600

    cli = json.loads(run_kairos("recall", "billing service deploy", "-k", "5", "--json", cwd=project).stdout)
    got = request(kairos_home, {"op": "recall", "cwd": str(project), "query": "billing service deploy",
                                "k": 5, "types": None}, 30.0)
    assert got["answered_by"] == "hybrid" == cli["answered_by"]
    assert set(got) == set(cli)
    assert [set(h) for h in got["results"]] == [set(h) for h in cli["results"]]
    assert [h["id"] for h in got["results"]] == [h["id"] for h in cli["results"]]

    # with the daemon up, the hook says the semantic recall answered
    again = context_of(hook(project, "UserPromptSubmit", prompt="billing service deploy steps?",
                            session_id="other-session"))
    assert "answered by hybrid" in again and "make ship" in again


def test_daemon_sees_records_written_after_it_started(project, kairos_home):
    remember(project, "The cache layer uses redis sentinel")
    start(kairos_home, "--warm", str(project))
    # a bare journal append (another process) does not refresh the index: the daemon's recall must
    code = ("from kairos.store import Store; Store('.').journal.append('observation', "
            "'the quokka importer retries three times', provenance='agent')")
    subprocess.run([sys.executable, "-c", code], cwd=project, check=True, timeout=60)
    got = request(kairos_home, {"op": "recall", "cwd": str(project), "query": "quokka importer retries",
                                "k": 3}, 30.0)
    assert any("quokka importer" in h["text"] for h in got["results"])
    ctx = request(kairos_home, {"op": "session_context", "cwd": str(project), "query": "", "k": 3}, 30.0)
    assert [h["kind"] for h in ctx["results"]] == ["memory"]


def test_session_start_through_daemon_flags_stale(project, kairos_home):
    (project / "deploy.py").write_text("def ship():\n    return 1\n")
    assert run_kairos("remember", "We deploy with make ship", "--type", "project", "--anchor", "deploy.py:ship",
                      cwd=project).returncode == 0
    start(kairos_home, "--warm", str(project))
    (project / "deploy.py").write_text("def other():\n    pass\n")
    ctx = context_of(hook(project, "SessionStart", source="startup"))
    assert "make ship" in ctx and "possibly stale" in ctx


# ------------------------------------------------------------------------------ life cycle
def test_daemon_exits_when_idle(project, kairos_home):
    start(kairos_home, "--idle-timeout", "0.5")
    wait_for(lambda: not is_locked(kairos_home), "the idle daemon to exit")
    assert not socket_path(kairos_home).exists()
    assert read_pid(kairos_home) is None
    assert "idle for" in (kairos_home / "daemon.log").read_text()


def test_stop_and_status(project, kairos_home):
    start(kairos_home)
    st = json.loads(run_kairos("daemon", "status", "--json").stdout)
    assert st["running"] is True
    out = run_kairos("daemon", "stop", "--json")
    assert out.returncode == 0 and json.loads(out.stdout)["stopped"] is True
    assert not is_locked(kairos_home) and not socket_path(kairos_home).exists()
    assert json.loads(run_kairos("daemon", "status", "--json").stdout)["running"] is False


def test_stale_socket_from_killed_daemon_is_recovered(project, kairos_home):
    pid = start(kairos_home)
    os.kill(pid, signal.SIGKILL)
    wait_for(lambda: not is_locked(kairos_home), "the lock of the killed daemon to be released")
    assert socket_path(kairos_home).exists()  # left behind
    with pytest.raises(DaemonUnavailable) as exc:
        request(kairos_home, {"op": "ping"})
    assert exc.value.state == "down"
    # the hook treats it as down: answers lexically and starts a fresh daemon
    remember(project, "Invoices are generated nightly by the ledger worker")
    ctx = context_of(hook(project, "UserPromptSubmit", prompt="when are invoices generated by the ledger?"))
    assert "semantic daemon starting" in ctx
    info = wait_for(lambda: ping(kairos_home), "the replacement daemon")
    assert info["pid"] != pid


def test_second_instance_is_refused(project, kairos_home):
    pid = start(kairos_home)
    second = run_kairos("daemon", "start", "--foreground", timeout=60)
    assert second.returncode == 1 and "already running" in second.stderr
    again = run_kairos("daemon", "start")
    assert again.returncode == 1 and "already running" in again.stderr
    assert ping(kairos_home)["pid"] == pid == read_pid(kairos_home)


# ------------------------------------------------------------------------------ hook fallbacks
HANG = """
import socket, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.bind(sys.argv[1]); s.listen(8)
print("ready", flush=True)
time.sleep(120)
"""


def test_hook_falls_back_lexically_when_daemon_hangs(project, kairos_home):
    remember(project, "The scheduler retries failed jobs with exponential backoff")
    kairos_home.mkdir(parents=True, exist_ok=True)
    hung = subprocess.Popen([sys.executable, "-c", HANG, str(socket_path(kairos_home))],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert hung.stdout.readline().strip() == "ready"
        ctx = context_of(hook(project, "UserPromptSubmit", prompt="how does the scheduler retry failed jobs?"))
        assert "answered by lexical; semantic daemon not answering" in ctx
        assert "exponential backoff" in ctx
        assert not (kairos_home / "daemon.log").exists()  # no second daemon started behind a hung one
    finally:
        hung.kill()
        hung.wait()


def test_hook_refuses_a_socket_path_that_is_not_a_socket(project, kairos_home):
    remember(project, "Feature flags live in the flags.yaml file")
    kairos_home.mkdir(parents=True, exist_ok=True)
    socket_path(kairos_home).write_text("not a socket")
    ctx = context_of(hook(project, "UserPromptSubmit", prompt="where do feature flags live?"))
    assert "answered by lexical; semantic daemon refused" in ctx and "flags.yaml" in ctx
    bad = run_kairos("daemon", "start", "--foreground")
    assert bad.returncode == 1 and "refusing" in bad.stderr


# ------------------------------------------------------------------------------ imports
IMPORTS = ("import sys, io, json; sys.stdin = io.TextIOWrapper(io.BytesIO(json.dumps({payload}).encode()));"
           "from kairos.cli import main\n"
           "try:\n    main(['hook'])\nexcept SystemExit:\n    pass\n"
           "heavy = ('numpy', 'kairos.api', 'kairos.index.index', 'kairos.index.vectors', 'kairos.recall', 'kairos.embed',"
           " 'click', 'rich')\n"
           "print(json.dumps([m for m in heavy if m in sys.modules]), file=sys.stderr)")


def hook_imports(project: Path, payload: dict, env: dict[str, str] | None = None) -> tuple[str, list[str]]:
    code = IMPORTS.format(payload=repr(payload))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=project,
                          env={**os.environ, **(env or {})}, timeout=60)
    return proc.stdout, json.loads(proc.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize("event", ["UserPromptSubmit", "SessionStart"])
def test_hook_with_daemon_up_imports_nothing_heavy(project, kairos_home, event):
    remember(project, "We deploy the billing service with make ship")
    start(kairos_home, "--warm", str(project))
    payload = {"hook_event_name": event, "cwd": str(project), "session_id": "s", "source": "startup",
               "prompt": "how do we deploy the billing service"}
    out, heavy = hook_imports(project, payload)
    assert "answered by hybrid" in out
    assert heavy == []


def test_lexical_fallback_imports_nothing_heavy(project, kairos_home):
    remember(project, "We deploy the billing service with make ship")
    payload = {"hook_event_name": "UserPromptSubmit", "cwd": str(project), "session_id": "s",
               "prompt": "how do we deploy the billing service"}
    out, heavy = hook_imports(project, payload, {"KAIROS_HOOK_DAEMON": "off"})
    assert "answered by lexical; daemon off" in out and "make ship" in out
    assert heavy == []
    assert KAIROS_BIN.exists()
