"""The vocabulary every guard stage speaks: findings, levels and decisions.

A finding is one observed fact about a proposed call ("deletes files outside
the project", "sends a secret to the network") with a stable id, a level, and
-- for actions a user may legitimately ask for -- the verbs and targets that a
user turn must contain to authorise it. This module holds data only.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["ASK", "DENY", "LEVEL_NAMES", "LOCAL", "REQUEST", "SAFE", "Decision", "Finding"]

SAFE = 0      # read-only, nothing to report
LOCAL = 1     # routine work inside the project (edit, build, test, fetch docs)
REQUEST = 2   # fine if the user asked for exactly this in this session; otherwise ask
ASK = 3       # always a human decision (secrets, privilege, unknown programs, persistence)
DENY = 4      # refused: catastrophic, exfiltration, remote code, obfuscated execution

LEVEL_NAMES = {SAFE: "safe", LOCAL: "local", REQUEST: "needs-request", ASK: "ask", DENY: "deny"}

@dataclass(frozen=True)
class Finding:
    id: str                           # stable feature id, e.g. "fs.delete", "net.exfil"
    level: int
    reason: str                       # one line a user (or the agent) can act on
    intents: tuple[str, ...] = ()     # verb stems that, in a user turn, authorise a REQUEST finding
    targets: tuple[str, ...] = ()     # names the user must mention (any one) alongside the verb
    hosts: tuple[str, ...] = ()       # network hosts the call talks to
    network: bool = False             # talks to the network at all

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        return {k: v for k, v in d.items() if v not in ((), False, None)}


@dataclass
class Decision:
    decision: str                              # "allow" | "ask" | "deny"
    reason: str
    rule: str | None = None                    # policy rule or stage that decided
    findings: list[Finding] = field(default_factory=list)
    stage: str = "analysis"                    # rules | analysis | provenance | ratchet | llm | error
    shape: str | None = None                   # normalised call shape (for the approval ratchet)
    id: str | None = None                      # journal record id once recorded

    def hook_output(self) -> dict[str, Any]:
        tag = f" [{self.rule}]" if self.rule else ""
        return {"hookSpecificOutput": {"hookEventName": "PreToolUse", "permissionDecision": self.decision,
                                       "permissionDecisionReason": f"kairos guard: {self.reason}{tag}"}}

