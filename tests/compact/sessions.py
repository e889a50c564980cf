"""A small generator of Claude Code sessions with planted facts, for the compaction tests."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

TASK = ("Add rate limiting to the upload endpoint. Constraints: never reject requests from the admin "
        "token, and keep the public API response format unchanged.")


class Session:
    def __init__(self, seed: int = 1) -> None:
        self.rng = random.Random(seed)
        self.records: list[dict[str, Any]] = []
        self.n = 0
        self.tool = 0

    def _rec(self, role: str, content: Any) -> dict[str, Any]:
        self.n += 1
        parent = next((r["uuid"] for r in reversed(self.records) if "uuid" in r), None)
        rec = {"parentUuid": parent, "isSidechain": False,
               "userType": "external", "cwd": "/home/dev/uploader", "sessionId": "sess-1", "version": "1.0.0",
               "type": role, "uuid": f"u-{self.n:05d}", "timestamp": f"2025-01-01T10:{self.n // 60 % 60:02d}:"
               f"{self.n % 60:02d}.000Z", "message": {"role": role, "content": content},
               "someFutureField": {"kept": True}}
        if role == "assistant":
            rec["message"]["id"] = f"msg_{self.n}"
        self.records.append(rec)
        return rec

    def user(self, text: str) -> None:
        self._rec("user", text)

    def say(self, text: str) -> None:
        self._rec("assistant", [{"type": "text", "text": text}])

    def tool_call(self, name: str, inp: dict[str, Any], output: str) -> None:
        self.tool += 1
        tid = f"toolu_{self.tool:05d}"
        self._rec("assistant", [{"type": "tool_use", "id": tid, "name": name, "input": inp}])
        self._rec("user", [{"type": "tool_result", "tool_use_id": tid, "content": output}])

    def filler(self, k: int) -> None:
        for _ in range(k):
            f = f"src/uploader/mod{self.rng.randrange(40)}.py"
            self.say(f"Let me read `{f}`.")
            body = "\n".join(f"{i:>6}\u2192    value_{i} = compute({i})  # {self.rng.random():.6f}" for i in range(120))
            self.tool_call("Read", {"file_path": f"/home/dev/uploader/{f}"}, body)

    def meta(self) -> None:
        self.records.append({"type": "file-history-snapshot", "messageId": f"snap-{self.n}", "snapshot": {}})


def build(rounds: int = 6, seed: int = 1) -> Session:
    s = Session(seed)
    s.user(TASK)
    s.meta()
    s.say("I'll work on a dedicated branch, `feat/upload-rate-limit`.")
    s.tool_call("Bash", {"command": "git checkout -b feat/upload-rate-limit"},
                "Switched to a new branch 'feat/upload-rate-limit'")
    s.filler(25)
    s.user("Limit each client to 30 requests per minute.")
    s.say("I'll use a token bucket per client instead of a fixed window, because fixed windows allow bursts "
          "at the boundary.")
    s.filler(25)
    s.tool_call("Edit", {"file_path": "/home/dev/uploader/src/uploader/limits.py", "old_string": "a",
                         "new_string": "b"}, "The file has been updated.")
    s.tool_call("Bash", {"command": "pytest -q"},
                "F\nE       KeyError: 'x-client-id' header missing in request scope\n1 failed, 20 passed in 0.5s")
    s.filler(20)
    s.user("Use 60 requests per minute, not 30 requests per minute — the mobile app batches uploads.")
    s.filler(25)
    s.user("FYI this is tracked as UPL-812.")
    for _ in range(rounds):
        s.filler(25)
        s.tool_call("Bash", {"command": "pytest -q"}, "........\n42 passed in 1.2s")
        s.say("Done with this step. Summary: limits are enforced.")
        s.user("ok, keep going")
    return s


def write(path: Path, records: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
