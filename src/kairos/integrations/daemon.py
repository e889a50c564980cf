"""The warm recall daemon: one process per KAIROS_HOME that keeps recall hot for the hooks.

A hook is a fresh process per event, and importing the recall stack (numpy, the
embedder, the index) costs more than the hook's whole 150 ms budget. This
process pays that once: it holds a few ``Kairos`` instances (one per project
root, least recently used dropped first) with the embedder and the memory-mapped
vectors loaded, and answers small JSON requests on a unix socket in the home:

    {"op": "ping"}
    {"op": "recall", "cwd": str, "query": str, "k": int, "types": [str] | null,
     "exclude_session": str}                      -> exactly `kairos recall --json`
    {"op": "session_context", "cwd": str, "query": str, "k": int}
                                                  -> the same shape, memories only
    {"op": "stop"}

``Kairos.recall`` refreshes the index first, so an answer includes what was
journaled after the daemon started. The daemon exits after ``idle_timeout``
seconds without a request, on ``stop``, and on SIGTERM/SIGINT.

What it must never do: run twice for one home (an flock on ``daemon.lock``),
follow a socket path owned by another user, or leave its socket behind when it
exits normally. A socket left by a killed daemon is recognised (the lock is
free) and replaced.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import signal
import socket
import sys
import time
from collections import OrderedDict
from pathlib import Path
from typing import Any

from kairos.integrations.daemon_client import (
    DaemonError,
    DaemonRunning,
    lock_path,
    pid_path,
    read_pid,
    socket_path,
)

__all__ = ["DEFAULT_IDLE_TIMEOUT", "Daemon", "main"]

DEFAULT_IDLE_TIMEOUT = 15 * 60.0
IDLE_ENV = "KAIROS_DAEMON_IDLE"     # seconds; the default idle timeout for daemons started here
MAX_PROJECTS = 8
CONN_TIMEOUT = 5.0                   # a client that sends half a line is dropped, not waited for
MAX_REQUEST = 1024 * 1024


def default_idle_timeout() -> float:
    try:
        return float(os.environ.get(IDLE_ENV, "") or DEFAULT_IDLE_TIMEOUT)
    except ValueError:
        return DEFAULT_IDLE_TIMEOUT


def _log(msg: str) -> None:
    print(f"{time.strftime('%Y-%m-%dT%H:%M:%S')} [{os.getpid()}] {msg}", file=sys.stderr, flush=True)


class _Stop(Exception):
    """Raised inside the serve loop to leave it (idle timeout, stop request)."""


class Daemon:
    def __init__(self, home: Path, idle_timeout: float | None = None, max_projects: int = MAX_PROJECTS):
        self.home = Path(home)
        self.idle_timeout = default_idle_timeout() if idle_timeout is None else float(idle_timeout)
        self.max_projects = max_projects
        self.sock_path = socket_path(self.home)
        self._kairos: OrderedDict[str, Any] = OrderedDict()
        self._lock_fd: int | None = None
        self._sock: socket.socket | None = None
        self._sock_ino: int | None = None
        self.started = time.time()
        self.last_request = time.monotonic()
        self.served = 0

    # ------------------------------------------------------------ life cycle
    def acquire(self) -> None:
        """Take the home's lock and bind the socket; raises DaemonRunning if one is live."""
        self.home.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path(self.home), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            pid = read_pid(self.home)
            raise DaemonRunning(f"a kairos daemon is already running for {self.home}"
                                + (f" (pid {pid})" if pid else "")) from None
        self._lock_fd = fd
        try:
            self._bind()
        except BaseException:
            self.release()
            raise
        tmp = pid_path(self.home).with_name(f".daemon.pid.{os.getpid()}")
        tmp.write_text(f"{os.getpid()}\n")
        os.replace(tmp, pid_path(self.home))

    def _bind(self) -> None:
        path = self.sock_path
        if path.parent != self.home:
            path.parent.mkdir(mode=0o700, exist_ok=True)
            st = os.lstat(path.parent)
            if st.st_uid != os.getuid() or st.st_mode & 0o077:
                raise DaemonError(f"{path.parent} is not a private directory of this user; refusing it")
        st = None
        with contextlib.suppress(FileNotFoundError):
            st = os.lstat(path)
        if st is not None:
            import stat

            if st.st_uid != os.getuid() or not stat.S_ISSOCK(st.st_mode):
                raise DaemonError(f"{path} exists and is not this user's socket; refusing to replace it")
            # we hold the lock, so no live daemon is behind it: a killed daemon's leftover
            _log(f"removing the stale socket {path}")
            os.unlink(path)
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old = os.umask(0o177)
        try:
            s.bind(str(path))
        finally:
            os.umask(old)
        os.chmod(path, 0o600)
        s.listen(64)
        s.settimeout(1.0)
        self._sock = s
        self._sock_ino = os.lstat(path).st_ino

    def release(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None
            with contextlib.suppress(OSError):  # already gone, or replaced by another daemon's
                if os.lstat(self.sock_path).st_ino == self._sock_ino:
                    os.unlink(self.sock_path)
        if self._lock_fd is not None:
            if read_pid(self.home) == os.getpid():
                with contextlib.suppress(OSError):
                    pid_path(self.home).unlink()
            os.close(self._lock_fd)
            self._lock_fd = None
        for k in self._kairos.values():
            _close(k)
        self._kairos.clear()

    def serve(self, warm: str | None = None) -> None:
        """Answer requests until idle, stopped or signalled; always releases socket and lock."""
        def on_signal(signum: int, _frame: Any) -> None:
            raise _Stop(signal.Signals(signum).name)

        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
        self.acquire()
        _log(f"listening on {self.sock_path} (idle timeout {self.idle_timeout:g} s)")
        try:
            if warm:
                try:
                    self._project(warm).refresh()
                    _log(f"warmed {warm}")
                except Exception as exc:  # noqa: BLE001 - a bad warm-up path must not stop the daemon
                    _log(f"warm-up of {warm} failed: {type(exc).__name__}: {exc}")
            self.last_request = time.monotonic()
            self._loop()
        except _Stop as why:
            _log(f"stopping: {why}")
        finally:
            self.release()

    def _loop(self) -> None:
        assert self._sock is not None
        while True:
            if time.monotonic() - self.last_request > self.idle_timeout:
                _log(f"idle for {self.idle_timeout:g} s; exiting")
                return
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            self.last_request = time.monotonic()
            with conn:
                if self._handle_conn(conn):
                    _log("stopping: asked to stop")
                    return

    def _handle_conn(self, conn: socket.socket) -> bool:
        """Answer one connection; True when it asked the daemon to stop."""
        conn.settimeout(CONN_TIMEOUT)
        buf = bytearray()
        try:
            while not buf.endswith(b"\n") and len(buf) <= MAX_REQUEST:
                chunk = conn.recv(65536)
                if not chunk:
                    break
                buf += chunk
        except OSError:
            return False
        stop = False
        try:
            req = json.loads(bytes(buf))
            if not isinstance(req, dict):
                raise TypeError("the request is not a JSON object")
            stop = req.get("op") == "stop"
            out = self.handle(req)
        except Exception as exc:  # noqa: BLE001 - one bad request must not end the daemon; say why
            _log(f"request failed: {type(exc).__name__}: {exc}")
            out = {"error": f"{type(exc).__name__}: {exc}"}
        try:
            conn.sendall(json.dumps(out, ensure_ascii=False).encode() + b"\n")
        except OSError:
            pass  # the client gave up (its timeout); the next one will be served
        self.served += 1
        return stop

    # ------------------------------------------------------------ requests
    def handle(self, req: dict[str, Any]) -> dict[str, Any]:
        op = req.get("op")
        if op == "ping":
            return {"ok": True, "pid": os.getpid(), "home": str(self.home), "socket": str(self.sock_path),
                    "projects": list(self._kairos), "idle_timeout": self.idle_timeout,
                    "uptime": round(time.time() - self.started, 1), "served": self.served}
        if op == "stop":
            return {"ok": True, "stopping": True, "pid": os.getpid()}
        if op == "recall":
            return self._recall(req)
        if op == "session_context":
            return self._session_context(req)
        raise DaemonError(f"unknown op {op!r}")

    def _project(self, cwd: str) -> Any:
        from kairos.api import Kairos
        from kairos.store import find_project

        if not isinstance(cwd, str) or not cwd or not os.path.isdir(cwd):
            raise DaemonError(f"cwd {cwd!r} is not a directory")
        root = str(find_project(cwd, self.home).root)
        k = self._kairos.get(root)
        if k is None:
            k = self._kairos[root] = Kairos(root, home=self.home)
            while len(self._kairos) > self.max_projects:
                _, old = self._kairos.popitem(last=False)
                _close(old)
        self._kairos.move_to_end(root)
        return k

    def _recall(self, req: dict[str, Any]) -> dict[str, Any]:
        k = self._project(req.get("cwd", ""))
        types = req.get("types") or None
        res = k.recall(str(req.get("query") or ""), int(req.get("k") or 10), types=types)
        exclude = req.get("exclude_session")
        if exclude and res.results:
            rows = [h.rowid for h in res.results]
            same = {r[0] for r in k.index.db.execute(
                f"SELECT rowid FROM docs WHERE session=? AND rowid IN ({','.join('?' * len(rows))})",
                (exclude, *rows))}
            res.results = [h for h in res.results if h.rowid not in same]
        return res.to_json()

    def _session_context(self, req: dict[str, Any]) -> dict[str, Any]:
        """The memories most relevant to ``query`` (branch, last goal), else the newest ones."""
        from kairos.recall import RecallResult

        k = self._project(req.get("cwd", ""))
        n = max(1, int(req.get("k") or 3))
        query = str(req.get("query") or "")
        if query.strip():
            res = k.recall(query, n * 3)
            hits = [h for h in res.results if h.kind == "memory"]
            if hits:
                res.results = hits[:n]
                return res.to_json()
        k.refresh()
        return RecallResult(query, "recent", _recent_memories(k, n)).to_json()


def _recent_memories(k: Any, n: int) -> list[Any]:
    from kairos.memory import Anchor, check_anchor
    from kairos.recall import Hit

    cur = k.index.db.execute(
        "SELECT rowid, * FROM docs WHERE kind='memory' AND status='active' ORDER BY date DESC LIMIT ?", (n,))
    cols = [c[0] for c in cur.description]
    out = []
    for row in cur.fetchall():
        d = dict(zip(cols, row))
        h = Hit(id=d["id"], kind="memory", type=d.get("type"), text=d["text"], score=0.0,
                date=d.get("date"), sources=json.loads(d.get("sources") or "[]"),
                anchors=json.loads(d.get("anchors") or "[]"), scope=d.get("scope"),
                provenance=d.get("provenance"), rowid=d["rowid"])
        reasons = []
        for a in h.anchors:
            anchor = Anchor.from_dict(a)
            st = check_anchor(k.store.project.root, anchor) if anchor is not None else None
            if st is not None and st.stale and st.why:
                reasons.append(st.why)
        if reasons:
            h.stale, h.why_stale = True, "; ".join(reasons)
        out.append(h)
    return out


def _close(k: Any) -> None:
    idx = k.__dict__.get("index")  # cached_property: only close what was opened
    if idx is not None:
        idx.close()


def main(argv: list[str] | None = None) -> int:
    """``python -m kairos.integrations.daemon``: serve in this process (what ``spawn`` runs)."""
    ap = argparse.ArgumentParser(prog="kairos-daemon", description=__doc__.splitlines()[0])
    ap.add_argument("--home", help="the KAIROS_HOME to serve (default: the environment's)")
    ap.add_argument("--warm", help="a project directory to load before the first request")
    ap.add_argument("--idle-timeout", type=float, default=None, help="seconds without a request before exiting")
    args = ap.parse_args(argv)
    from kairos.store import kairos_home

    home = Path(args.home) if args.home else kairos_home()
    try:
        Daemon(home, args.idle_timeout).serve(args.warm)
    except DaemonRunning as exc:
        _log(str(exc))
        return 3
    except DaemonError as exc:
        _log(f"error: {exc}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
