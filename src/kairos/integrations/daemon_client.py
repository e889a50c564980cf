"""Talking to the warm recall daemon from a light process: find it, ask it, start it.

The hook imports this module on every prompt, so it must never import numpy,
``kairos.api``, ``kairos.index``, click or rich; the server side lives in
``kairos.integrations.daemon`` and is only ever imported by the daemon process.

Files, all in ``$KAIROS_HOME`` (one daemon per home):

    daemon.sock   the unix socket (mode 0600); a home whose path is too long for a
                  socket address uses /tmp/kairos-<uid>/<hash>.sock instead
    daemon.lock   held (flock) by the live daemon for its whole life: one daemon only
    daemon.pid    the live daemon's pid, for ``kairos daemon status`` / ``stop``
    daemon.log    the daemon's stdout and stderr

Protocol: one JSON object per line each way, one request per connection.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import stat
import sys
import time
from pathlib import Path
from typing import Any

from kairos.errors import KairosError

__all__ = ["HOOK_TIMEOUT", "DaemonError", "DaemonRunning", "DaemonUnavailable", "is_locked",
           "lock_path", "log_path", "pid_path", "read_pid", "request", "socket_path", "spawn"]

HOOK_TIMEOUT = 0.3          # connect + answer, on the hook path
_MAX_SUN_PATH = 100         # sockaddr_un holds 104-108 bytes depending on the OS
MAX_LINE = 8 * 1024 * 1024


class DaemonError(KairosError):
    """The recall daemon failed a request, or cannot be started or reached as asked."""


class DaemonRunning(DaemonError):
    """A second daemon was asked to start for a home that already has one."""


class DaemonUnavailable(DaemonError):
    """No answer from the daemon. ``state``: ``down`` (nothing listening, or a stale socket),
    ``hung`` (listening but no answer in time), ``foreign`` (the socket is not ours)."""

    def __init__(self, state: str, why: str):
        super().__init__(why)
        self.state = state


def socket_path(home: Path) -> Path:
    p = Path(home) / "daemon.sock"
    if len(os.fsencode(str(p))) <= _MAX_SUN_PATH:
        return p
    import hashlib

    run = Path(os.environ.get("TMPDIR") or "/tmp") / f"kairos-{os.getuid()}"
    return run / (hashlib.sha256(str(Path(home).resolve()).encode()).hexdigest()[:20] + ".sock")


def lock_path(home: Path) -> Path:
    return Path(home) / "daemon.lock"


def pid_path(home: Path) -> Path:
    return Path(home) / "daemon.pid"


def log_path(home: Path) -> Path:
    return Path(home) / "daemon.log"


def read_pid(home: Path) -> int | None:
    try:
        return int(pid_path(home).read_text().strip())
    except (OSError, ValueError):
        return None


def is_locked(home: Path) -> bool:
    """True while a daemon (live, or starting) holds this home's lock."""
    try:
        fd = os.open(lock_path(home), os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # closing releases a lock we may have just taken
    return False


def check_socket(path: Path) -> None:
    """Refuse anything at the socket path that is not a socket owned by this user."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        raise DaemonUnavailable("down", "the daemon is not running") from None
    if not stat.S_ISSOCK(st.st_mode):
        raise DaemonUnavailable("foreign", f"{path} is not a socket; refusing to use it")
    if st.st_uid != os.getuid():
        raise DaemonUnavailable("foreign", f"{path} belongs to uid {st.st_uid}, not to this user; "
                                           "refusing to use it")


def request(home: Path, req: dict[str, Any], timeout: float = HOOK_TIMEOUT) -> dict[str, Any]:
    """Send one request and return the answer; raises DaemonUnavailable or DaemonError."""
    path = socket_path(home)
    check_socket(path)
    deadline = time.monotonic() + timeout
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        s.settimeout(timeout)
        try:
            s.connect(str(path))
        except (ConnectionRefusedError, FileNotFoundError):
            raise DaemonUnavailable("down", "stale daemon socket (no daemon behind it)") from None
        except (TimeoutError, BlockingIOError):
            raise DaemonUnavailable("hung", "the daemon did not accept in time") from None
        try:
            s.sendall(json.dumps(req, ensure_ascii=False).encode() + b"\n")
            buf = bytearray()
            while not buf.endswith(b"\n"):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError
                s.settimeout(left)
                chunk = s.recv(65536)
                if not chunk:
                    break
                buf += chunk
                if len(buf) > MAX_LINE:
                    raise DaemonError("the daemon's answer is too large")
        except TimeoutError:
            raise DaemonUnavailable("hung", f"the daemon did not answer within {timeout:.2f} s") from None
        except (BrokenPipeError, ConnectionResetError) as exc:
            raise DaemonUnavailable("down", f"the daemon closed the connection ({exc})") from None
    finally:
        s.close()
    if not buf:
        raise DaemonUnavailable("down", "the daemon closed the connection without answering")
    try:
        out = json.loads(bytes(buf))
    except ValueError as exc:
        raise DaemonError(f"the daemon answered something that is not JSON ({exc})") from None
    if not isinstance(out, dict):
        raise DaemonError("the daemon's answer is not a JSON object")
    if "error" in out:
        raise DaemonError(f"daemon: {out['error']}")
    return out


def spawn(home: Path, warm: str | None = None, idle_timeout: float | None = None) -> int:
    """Start the daemon detached from the caller (new session, no stdio shared); returns its pid.

    stdout and stderr go to ``daemon.log``: Claude Code waits for the hook's stdout
    to close, so a child holding it open would stall the session. A second daemon
    racing this one exits at once on the lock; that is harmless.
    """
    import subprocess

    home = Path(home)
    home.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "kairos.integrations.daemon", "--home", str(home)]
    if warm:
        cmd += ["--warm", warm]
    if idle_timeout is not None:
        cmd += ["--idle-timeout", str(idle_timeout)]
    with open(log_path(home), "ab") as log:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=log, cwd=str(home),
                                start_new_session=True, close_fds=True)
    return proc.pid
