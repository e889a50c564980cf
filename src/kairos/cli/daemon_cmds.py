"""``kairos daemon``: the warm recall daemon that keeps the hooks fast (one per KAIROS_HOME)."""

from __future__ import annotations

import contextlib
import os
import signal
import time

import click

from kairos.cli.output import json_option, print_json

__all__ = ["daemon"]


def _home():  # Path, imported lazily with the store
    from kairos.store import kairos_home

    return kairos_home()


def _ping(home, timeout: float = 1.0) -> dict | None:
    from kairos.integrations.daemon_client import DaemonError, request

    try:
        return request(home, {"op": "ping"}, timeout)
    except DaemonError:
        return None


@click.group()
def daemon() -> None:
    """Run the warm recall daemon the Claude Code hooks ask first (started on demand by the hook)."""


@daemon.command()
@click.option("--background/--foreground", default=True, show_default=True,
              help="Detach and return once it answers, or serve in this terminal.")
@click.option("--idle-timeout", type=float, default=None,
              help="Seconds without a request before it exits (default 900, or $KAIROS_DAEMON_IDLE).")
@click.option("--warm", type=click.Path(file_okay=False), default=None,
              help="A project directory to load before the first request.")
@json_option
def start(background: bool, idle_timeout: float | None, warm: str | None, as_json: bool) -> None:
    """Start the daemon for this KAIROS_HOME; refuses when one is already running."""
    from kairos.integrations.daemon_client import DaemonError, DaemonRunning, read_pid, spawn

    home = _home()
    if not background:
        from kairos.integrations.daemon import Daemon

        Daemon(home, idle_timeout).serve(warm)
        return
    info = _ping(home)
    if info is not None:
        raise DaemonRunning(f"a kairos daemon is already running for {home} (pid {info['pid']})")
    pid = spawn(home, warm=warm, idle_timeout=idle_timeout)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        info = _ping(home)
        if info is not None:
            break
        with contextlib.suppress(ChildProcessError):  # reap it if it already exited (lost a start race)
            os.waitpid(pid, os.WNOHANG)
        time.sleep(0.05)
    else:
        raise DaemonError(f"the daemon did not start within 30 s; see {home / 'daemon.log'}")
    if info["pid"] != pid and read_pid(home) != pid:
        raise DaemonRunning(f"a kairos daemon is already running for {home} (pid {info['pid']})")
    if as_json:
        print_json(info)
    else:
        click.echo(f"kairos daemon running (pid {info['pid']}, socket {info['socket']}, "
                   f"idle timeout {info['idle_timeout']:g} s)")


@daemon.command()
@json_option
def stop(as_json: bool) -> None:
    """Stop the daemon for this KAIROS_HOME (no-op when none is running)."""
    from kairos.integrations.daemon_client import DaemonError, is_locked, read_pid, request

    home = _home()
    pid = read_pid(home)
    stopped = False
    try:
        out = request(home, {"op": "stop"}, 5.0)
        pid = out.get("pid", pid)
        stopped = True
    except DaemonError:
        if pid and is_locked(home):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
                stopped = True
    deadline = time.monotonic() + 10
    while stopped and is_locked(home) and time.monotonic() < deadline:
        time.sleep(0.05)
    if stopped and is_locked(home):
        raise DaemonError(f"the daemon (pid {pid}) did not stop within 10 s")
    if as_json:
        print_json({"stopped": stopped, "pid": pid if stopped else None})
    else:
        click.echo(f"kairos daemon stopped (pid {pid})" if stopped else "no kairos daemon running")


@daemon.command()
@json_option
def status(as_json: bool) -> None:
    """Say whether the daemon runs, its pid, socket, projects held and idle timeout."""
    from kairos.integrations.daemon_client import is_locked, socket_path

    home = _home()
    info = _ping(home)
    state = {"running": info is not None, "home": str(home), "socket": str(socket_path(home)),
             **(info or {"starting_or_busy": is_locked(home)})}
    if as_json:
        print_json(state)
    elif info is None:
        click.echo("kairos daemon: not answering" + (" (starting or busy)" if is_locked(home) else
                                                      " (not running)"))
    else:
        click.echo(f"kairos daemon: running, pid {info['pid']}, up {info['uptime']:g} s, "
                   f"{info['served']} requests, projects: {', '.join(info['projects']) or 'none yet'}")
