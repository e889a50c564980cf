"""The guard: a transcript classifier that turns a proposed tool call into allow / ask / deny.

Public surface:
    decide(payload) -> Decision      judge one Claude Code PreToolUse payload (journaled)
    pre_tool_use(payload) -> dict    the hook handler (Claude Code's output format)
    Decision, Finding                what a decision carries
    Policy, load_policy              policy files (TOML) in Claude Code's rule syntax

It never takes instructions from tool output, never fails to "allow", and
records every decision with the rule or feature that caused it.
"""

from kairos.guard.findings import Decision, Finding
from kairos.guard.hook import decide, pre_tool_use
from kairos.guard.policy import Policy, load_policy

__all__ = ["Decision", "Finding", "Policy", "decide", "load_policy", "pre_tool_use"]
