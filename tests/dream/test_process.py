"""The lock, stale-lock recovery, the gate and the detached background dream, with real processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from kairos.dream import DreamBusy, dream, dream_lock, gate_status, lock_holder, start_background
from kairos.store import Store
from tests.dream.conftest import live_files

_HOLDER = """
import sys, time
from kairos.store import Store
from kairos.dream import dream_lock
with dream_lock(Store(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(120)
"""


def _spawn_holder(root: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", _HOLDER, str(root)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


def test_lock_excludes_and_a_dead_holder_is_recovered(store: Store) -> None:
    proc = _spawn_holder(store.project.root)
    try:
        assert lock_holder(store) == proc.pid
        with pytest.raises(DreamBusy, match=str(proc.pid)):
            with dream_lock(store):
                pass
        assert start_background(store.project.root, force=True, store=store) is False
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert lock_holder(store) is None
    with dream_lock(store) as info:
        assert info.recovered_from == proc.pid
    with dream_lock(store) as info:  # a clean release leaves nothing to recover
        assert info.recovered_from is None


def test_gate(store: Store) -> None:
    cfg = {"dream": {"min_hours": 24, "min_sessions": 3}}
    for i in range(2):
        store.journal.append("observation", f"turn {i}", session=f"s{i}", provenance="user")
    assert not gate_status(store, cfg).open and gate_status(store, cfg).new_sessions == 2
    store.journal.append("observation", "turn", session="s9", provenance="user")
    assert gate_status(store, cfg).open  # never dreamed, 3 sessions
    dream(store)
    st = gate_status(store, cfg)
    assert not st.open and st.new_sessions == 0
    for i in range(3):
        store.journal.append("observation", "turn", session=f"n{i}", provenance="user")
    assert not gate_status(store, cfg).open  # sessions enough, but not 24 h
    later = datetime.now(timezone.utc) + timedelta(hours=25)
    assert gate_status(store, cfg, now=later).open


def test_start_background_runs_a_detached_dream(store: Store, kairos_home: Path) -> None:
    (kairos_home / "config.toml").write_text("[dream]\nmin_hours = 0\nmin_sessions = 1\n")
    store.journal.append("memory", "Integration tests need docker compose up first", type="project",
                         provenance="user", session="s1")
    assert start_background(store.project.root) is True
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if live_files(store) and lock_holder(store) is None:
            break
        time.sleep(0.2)
    assert any("docker" in t for t in live_files(store).values()), \
        (store.state_dir / "dream.log").read_text() if (store.state_dir / "dream.log").exists() else ""
    assert start_background(store.project.root) is False  # the gate closed behind it
    assert os.environ["KAIROS_HOME"] == str(kairos_home)
