"""``kairos hook``: the single Claude Code hook entry point.

Reads the hook JSON on stdin, dispatches on ``hook_event_name`` and answers in
Claude Code's documented output format. It must never break the user's
session: any internal failure exits 0 with no output (fail open) and is logged
to ``$KAIROS_HOME/hook-errors.log`` -- except PreToolUse, which fails to "ask",
never to "allow".

Keep this module's imports light: no click, rich, numpy or YAML at import time.
Handlers import what they need inside themselves.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
import traceback
from collections.abc import Callable
from typing import Any

__all__ = ["HANDLERS", "MEMORY_EVENTS", "main"]

Handler = Callable[[dict[str, Any]], "dict[str, Any] | str | None"]


def _pre_tool_use(payload: dict[str, Any]) -> dict[str, Any] | None:
    from kairos.guard.hook import pre_tool_use

    return pre_tool_use(payload)


def _memory_handler(event: str) -> Handler:
    def run(payload: dict[str, Any]) -> dict[str, Any] | str | None:
        from kairos.integrations.claude_code.handlers import EVENT_HANDLERS

        return EVENT_HANDLERS[event](payload)

    run.__name__ = f"_{event}"
    return run


MEMORY_EVENTS = ("SessionStart", "UserPromptSubmit", "PostToolUse", "PostToolUseFailure",
                 "PreCompact", "Stop", "SessionEnd")

HANDLERS: dict[str, Handler] = {
    "PreToolUse": _pre_tool_use,
    **{event: _memory_handler(event) for event in MEMORY_EVENTS},
}


def _ask(reason: str) -> dict[str, Any]:
    return {"hookSpecificOutput": {"hookEventName": "PreToolUse", "permissionDecision": "ask",
                                   "permissionDecisionReason": f"kairos guard: {reason}"}}


def _log_failure(event: str, exc: BaseException) -> None:
    with contextlib.suppress(Exception):  # the log is best effort; the session must go on
        from kairos.store import kairos_home

        home = kairos_home()
        home.mkdir(parents=True, exist_ok=True)
        with open(home / "hook-errors.log", "a", encoding="utf-8") as fh:
            fh.write(f"{time.strftime('%Y-%m-%dT%H:%M:%S')} {event}: "
                     f"{''.join(traceback.format_exception_only(type(exc), exc)).strip()}\n")


def main(argv: list[str]) -> int:
    raw = sys.stdin.buffer.read()
    event = argv[0] if argv else ""
    try:
        payload = json.loads(raw.decode("utf-8"))
        if not isinstance(payload, dict):
            raise ValueError("hook payload is not a JSON object")
    except (ValueError, UnicodeDecodeError) as exc:
        _log_failure(event or "?", exc)
        if _is_pre_tool_use(event, raw):
            _emit(_ask("the hook input was not valid JSON"))
        return 0
    name = str(payload.get("hook_event_name") or _camel(event))
    handler = HANDLERS.get(name)
    if handler is None or (os.environ.get("KAIROS_HOOK_DISABLE") and name != "PreToolUse"):
        return 0
    try:
        out = handler(payload)
    except Exception as exc:  # noqa: BLE001 - the one fail-open wrapper (fail-to-ask for the guard)
        _log_failure(name, exc)
        if name == "PreToolUse":
            _emit(_ask(f"internal error ({type(exc).__name__}); asking instead of allowing"))
        return 0
    if out:
        _emit(out)
    return 0


def _emit(out: dict[str, Any] | str) -> None:
    """JSON for events that take it; plain text where Claude Code reads stdout as text (PreCompact)."""
    sys.stdout.write(out if isinstance(out, str) else json.dumps(out, ensure_ascii=False))
    sys.stdout.flush()


def _camel(event: str) -> str:
    """``pre-tool-use`` / ``pre_tool_use`` -> ``PreToolUse``; ``PreToolUse`` stays as it is."""
    if "-" not in event and "_" not in event:
        return event[:1].upper() + event[1:]
    return "".join(p[:1].upper() + p[1:] for p in event.replace("_", "-").split("-") if p)


def _is_pre_tool_use(event: str, raw: bytes) -> bool:
    return _camel(event) == "PreToolUse" or b'"PreToolUse"' in raw


