"""Running dream as its own process: the lock, stale-lock recovery, and the detached spawn.

The lock is ``state/dream.lock``: an ``flock`` held for the whole dream, with the
holder's PID and start time written inside for people and reports. The kernel
drops an flock when its process dies, so a lock left by a crashed or killed
dream is recovered by the next one, which reports the dead PID it replaced.

``start_background(cwd)`` is what a Stop or SessionEnd hook calls: it checks the
gate and, when it is open and no dream runs, launches ``kairos dream
--background`` detached (own session, no terminal, output to
``state/dream.log``) and returns at once.

What this module must never do: block a hook, or run two dreams of one project at once.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kairos.errors import StoreError
from kairos.store import Store

__all__ = ["DreamBusy", "LockInfo", "dream_lock", "lock_holder", "start_background"]


class DreamBusy(StoreError):
    """Another dream of this project holds the lock."""


@dataclass(frozen=True)
class LockInfo:
    path: Path
    recovered_from: int | None  # PID of a dead holder whose lock was taken over


def _lock_path(store: Store) -> Path:
    return store.state_dir / "dream.lock"


def lock_holder(store: Store) -> int | None:
    """PID of the live process dreaming for this project, or None."""
    path = _lock_path(store)
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            info = _read_info(path)
            return int(info.get("pid", 0)) or -1
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def _read_info(path: Path) -> dict:
    try:
        data = json.loads(path.read_text() or "{}")
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


@contextmanager
def dream_lock(store: Store) -> Iterator[LockInfo]:
    """Hold the project's dream lock; raise DreamBusy when a live process holds it."""
    path = _lock_path(store)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StoreError(f"cannot open the dream lock {path}: {exc.strerror}") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = _read_info(path).get("pid")
            raise DreamBusy(f"another dream is running for this project (pid {pid}); "
                            f"lock {path}") from None
        # A clean release empties the file; a PID still inside means its holder died holding it.
        stale = _read_info(path).get("pid")
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps({"pid": os.getpid(), "started": time.time()}).encode(), 0)
        try:
            yield LockInfo(path, int(stale) if stale is not None else None)
        finally:
            os.ftruncate(fd, 0)  # an empty lock file says: released cleanly
    finally:
        os.close(fd)


def start_background(cwd: Path | str | None = None, *, force: bool = False,
                     store: Store | None = None) -> bool:
    """Launch a detached ``kairos dream --background`` if the gate is open and no dream runs.

    Returns True if a dream process was started. Never raises for the expected cases
    (gate closed, dream already running); it is meant for hooks.
    """
    from kairos.config import load_config
    from kairos.dream.gate import gate_status

    store = store or Store(cwd)
    if lock_holder(store) is not None:
        return False
    if not force:
        config = load_config(store.home, store.project.root)
        if not gate_status(store, config).open:
            return False
    store.state_dir.mkdir(parents=True, exist_ok=True)
    log = open(store.state_dir / "dream.log", "ab")  # noqa: SIM115 - handed to the child
    try:
        cmd = [sys.executable, "-c", "from kairos.cli import main; main()", "dream", "--background"]
        subprocess.Popen(cmd, cwd=str(store.project.root), stdin=subprocess.DEVNULL, stdout=log,
                         stderr=log, start_new_session=True, close_fds=True,
                         env={**os.environ, "KAIROS_HOME": str(store.home)})
    finally:
        log.close()
    return True
