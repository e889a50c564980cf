"""The Claude Code hook payload as a frozen dataclass: one place that knows its field names.

Field names follow Claude Code's hook input (checked against 2.1.328 through the
cc-harness): every event carries ``session_id``, ``transcript_path``, ``cwd`` and
``hook_event_name``; SessionStart adds ``source``, UserPromptSubmit ``prompt``,
Pre/PostToolUse ``tool_name``, ``tool_input`` (and ``tool_response``),
PostToolUseFailure ``error``, PreCompact ``trigger`` and ``custom_instructions``,
Stop ``stop_hook_active``, SessionEnd ``reason``. Missing or mistyped fields
become empty values here, never exceptions: a payload from another version must
not break the session.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["HookInput"]


def _s(v: Any) -> str:
    return v if isinstance(v, str) else ""


@dataclass(frozen=True)
class HookInput:
    event: str
    session_id: str = ""
    transcript_path: str = ""
    cwd: str = ""
    source: str = ""          # SessionStart: startup | resume | clear | compact
    prompt: str = ""          # UserPromptSubmit
    tool_name: str = ""       # Pre/PostToolUse
    tool_input: dict[str, Any] = field(default_factory=dict)
    tool_response: Any = None
    error: str = ""           # PostToolUseFailure
    trigger: str = ""         # PreCompact: manual | auto
    reason: str = ""          # SessionEnd
    agent_id: str = ""        # set when a subagent fired the hook
    stop_hook_active: bool = False

    @classmethod
    def from_payload(cls, p: dict[str, Any]) -> HookInput:
        ti = p.get("tool_input")
        return cls(event=_s(p.get("hook_event_name")), session_id=_s(p.get("session_id")),
                   transcript_path=_s(p.get("transcript_path")), cwd=_s(p.get("cwd")),
                   source=_s(p.get("source")), prompt=_s(p.get("prompt")),
                   tool_name=_s(p.get("tool_name")), tool_input=ti if isinstance(ti, dict) else {},
                   tool_response=p.get("tool_response"), error=_s(p.get("error")),
                   trigger=_s(p.get("trigger")), reason=_s(p.get("reason")),
                   agent_id=_s(p.get("agent_id")),
                   stop_hook_active=p.get("stop_hook_active") is True)
