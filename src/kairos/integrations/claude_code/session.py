"""Per-session state kept between hook invocations (one small JSON file per session).

It remembers what a session already received (so a memory is injected once, not
on every prompt), the session's goal and the user's constraints as they were
said (so they can be re-injected after a compaction), and how many turns passed
since the last session note. It is a cache: losing it costs a re-injection,
never a fact (the journal has every prompt).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["SessionState"]

_SAFE = re.compile(r"[^A-Za-z0-9_.\-]+")
MAX_ITEMS = 40


@dataclass
class SessionState:
    session_id: str
    goal: str = ""
    prompts: list[str] = field(default_factory=list)       # the user's prompts, clipped
    constraints: list[str] = field(default_factory=list)   # the user's instructions, verbatim
    decisions: list[str] = field(default_factory=list)
    injected: list[str] = field(default_factory=list)      # hit ids already in the context
    turns: int = 0
    noted_turns: int = 0
    ledger: str = ""          # rendered at PreCompact, re-injected at SessionStart(compact)
    compactions: int = 0
    path: Path | None = field(default=None, repr=False, compare=False)

    @classmethod
    def load(cls, state_dir: Path, session_id: str) -> SessionState:
        name = _SAFE.sub("_", session_id or "no-session")[:100] or "no-session"
        path = state_dir / "sessions" / f"{name}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__ and k != "path"}
            st = cls(**known)
        except (OSError, ValueError, TypeError):
            st = cls(session_id)
        st.path = path
        return st

    def save(self) -> None:
        if self.path is None:
            return
        self.prompts = self.prompts[:1] + self.prompts[1:][-MAX_ITEMS:]
        self.constraints = self.constraints[-MAX_ITEMS:]
        self.decisions = self.decisions[-MAX_ITEMS:]
        self.injected = self.injected[-400:]
        data: dict[str, Any] = asdict(self)
        data.pop("path", None)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # A cache, not a fact: atomic (rename) but not fsynced, to spare the hook ~10 ms.
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, self.path)

    def add(self, bucket: list[str], text: str) -> None:
        text = " ".join(text.split())[:500]
        if text and text not in bucket:
            bucket.append(text)
