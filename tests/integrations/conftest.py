"""Integration fixtures: no test leaves a recall daemon running.

Hooks run in-process and lexical here (``KAIROS_HOOK_DAEMON=off``) unless a test
turns the daemon on (test_daemon.py does); whatever daemon a test started for
its KAIROS_HOME, including one still starting up, is stopped afterwards.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest


def stop_daemon(home: Path) -> None:
    from kairos.integrations.daemon_client import (
        DaemonError,
        is_locked,
        log_path,
        read_pid,
        request,
    )

    log = log_path(home)
    if not log.exists():
        return  # no daemon was ever spawned for this home
    # a daemon spawned moments ago may not hold its lock yet: wait until it says where it stands
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        text = log.read_text(errors="replace")
        if is_locked(home) or "already running" in text or "error" in text or "stopping" in text \
                or "idle for" in text:
            break
        time.sleep(0.02)
    try:
        request(home, {"op": "stop"}, 10.0)
    except DaemonError:
        pass
    deadline = time.monotonic() + 10
    while is_locked(home) and time.monotonic() < deadline:
        time.sleep(0.02)
    pid = read_pid(home)
    if pid and is_locked(home):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@pytest.fixture(autouse=True)
def no_daemon_left(kairos_home: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("KAIROS_HOOK_DAEMON", "off")
    monkeypatch.setenv("KAIROS_DAEMON_IDLE", "60")
    yield
    stop_daemon(kairos_home)
