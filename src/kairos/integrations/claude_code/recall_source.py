"""Where the hook's recall comes from: the warm daemon, else the lexical fallback, and which one it was.

The hook asks the daemon first (``HOOK_TIMEOUT`` for connect and answer). When no
daemon is running it starts one, detached, and answers this call in-process
with BM25 only (``lexical.py``); when the daemon is there but does not answer in
time it falls back the same way without starting another. Every answer carries
``how`` -- "answered by hybrid", "answered by lexical; semantic daemon starting"
-- which goes into what is injected, and every fallback is logged to
``$KAIROS_HOME/hook.log``.

``KAIROS_HOOK_DAEMON=off`` keeps the hook in-process and lexical, never starting
a daemon.

What this module must never import: numpy, ``kairos.api``, ``kairos.index``,
``kairos.recall``, click or rich.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from kairos.integrations.claude_code.context import answered
from kairos.integrations.claude_code.lexical import lexical_recall, recent_memories
from kairos.integrations.daemon_client import (
    HOOK_TIMEOUT,
    DaemonError,
    DaemonUnavailable,
    is_locked,
    request,
    spawn,
)

__all__ = ["DAEMON_ENV", "recall_hits", "topic_hits"]

DAEMON_ENV = "KAIROS_HOOK_DAEMON"
Hits = tuple[list[dict[str, Any]], str]


def _log(home: Path, line: str) -> None:
    try:
        with open(home / "hook.log", "a", encoding="utf-8") as fh:
            fh.write(f"{time.strftime('%Y-%m-%dT%H:%M:%S')} {line}\n")
    except OSError:
        pass  # the log is best effort; the answer already says what happened


def _ask(store: Any, req: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
    """The daemon's answer, or (None, why not) after starting it when it is down."""
    if os.environ.get(DAEMON_ENV, "").lower() in ("off", "0", "no"):
        return None, f"daemon off ({DAEMON_ENV})"
    home = store.home
    try:
        return request(home, req, HOOK_TIMEOUT), ""
    except DaemonUnavailable as exc:
        if exc.state == "down":
            if not is_locked(home):
                spawn(home, warm=str(store.project.root))
            why = "semantic daemon starting"
        elif exc.state == "hung":
            why = "semantic daemon not answering"
        else:
            why = f"semantic daemon refused ({exc})"
    except DaemonError as exc:
        why = f"semantic daemon failed ({exc})"
    return None, why


def recall_hits(store: Any, query: str, k: int, *, exclude_session: str = "", event: str = "") -> Hits:
    """Recall for a prompt: hits (``kairos recall --json`` results) and which recall answered."""
    req = {"op": "recall", "cwd": str(store.project.root), "query": query, "k": k, "types": None,
           "exclude_session": exclude_session}
    out, why = _ask(store, req)
    if out is None:
        out = lexical_recall(store.index_path, query, k, project_root=store.project.root,
                             exclude_session=exclude_session)
    how = answered(str(out.get("answered_by")), why or str(out.get("note") or ""))
    if why:
        _log(store.home, f"{event}: {how}")
    return list(out.get("results") or []), how


def topic_hits(store: Any, query: str, n: int, *, event: str = "SessionStart") -> Hits:
    """The memories most relevant to the session start query, else the newest ones."""
    req = {"op": "session_context", "cwd": str(store.project.root), "query": query, "k": n}
    out, why = _ask(store, req)
    if out is None:
        hits: list[dict[str, Any]] = []
        if query.strip():
            out = lexical_recall(store.index_path, query, n, project_root=store.project.root,
                                 kinds=("memory",))
            hits = list(out["results"])
        if not hits:
            out = {"answered_by": "recent", "results": recent_memories(store.index_path, n,
                                                                       store.project.root)}
        _log(store.home, f"{event}: {answered(str(out['answered_by']), why)}")
    return list(out.get("results") or []), answered(str(out.get("answered_by")), why)
