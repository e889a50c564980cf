"""The PreToolUse entry: a Claude Code hook payload in, a permission decision out.

``pre_tool_use`` must never return "allow" for something it could not judge:
bad input, a missing or oversized transcript, an invalid policy file or an
internal error all become "ask" with a reason. Imports stay light (stdlib and
kairos only) because this runs once per tool call inside the 150 ms budget.
"""

from __future__ import annotations

import os
import time
from typing import Any

from kairos.guard.findings import Decision

__all__ = ["decide", "pre_tool_use"]


def _ask(reason: str, rule: str = "input") -> Decision:
    return Decision("ask", reason, rule=rule, stage="error")


def decide(payload: dict[str, Any], *, record: bool = True) -> Decision:
    """Judge one PreToolUse payload (journaling the decision when ``record``)."""
    t0 = time.perf_counter()
    from kairos.errors import ConfigError, KairosError
    from kairos.guard.engine import Call, Engine
    from kairos.guard.policy import load_policy
    from kairos.guard.session import TranscriptError, read_session

    try:
        call = Call.from_payload(payload)
    except ValueError as exc:
        return _ask(f"malformed hook input: {exc}")
    if not call.tool:
        return _ask("hook input has no tool_name")
    store = None
    try:
        from kairos.store import Store, kairos_home

        store = Store(call.cwd)
        root = str(store.project.root)
        home_k = kairos_home()
    except (KairosError, OSError) as exc:
        root, home_k = call.cwd, None
        store = None
        _ = exc
    home = os.path.expanduser("~")
    try:
        from kairos.guard.policy import Policy

        policy = load_policy(root, home_k) if home_k else Policy()
    except ConfigError as exc:
        d = _ask(f"guard policy is invalid: {exc}", rule="policy.invalid")
        return _finish(d, call, store, None, t0, record)
    audit = None
    approvals: dict[str, Any] = {}
    if store is not None and (policy.journal or policy.ratchet):
        from kairos.guard.audit import Audit

        audit = Audit(store)
        if policy.ratchet:
            approvals = audit.approvals()
    try:
        session = read_session(call.transcript_path)
    except TranscriptError as exc:
        d = _ask(f"cannot read the session transcript: {exc}", rule="transcript")
        return _finish(d, call, store if policy.journal else None, audit, t0, record)
    if audit is not None and policy.ratchet:
        try:
            audit.harvest(session.tool_uses, call.session_id)
            approvals = audit.approvals()
        except (KairosError, OSError):
            pass  # the ratchet is an optimisation; without it the guard only asks more
    engine = Engine(root, home, policy, approvals)
    d = engine.decide(call, session)
    if d.decision == "ask" and policy.llm_review and _uncertain_only(d):
        d = _llm_review(d, call, session, policy) or d
    return _finish(d, call, store if policy.journal else None, audit, t0, record)


def _finish(d: Decision, call: Any, store: Any, audit: Any, t0: float, record: bool) -> Decision:
    if record and store is not None:
        from kairos.errors import KairosError

        try:
            from kairos.guard.audit import Audit

            a = audit or Audit(store)
            preview = str(call.input.get("command") or call.input.get("file_path") or call.input.get("url") or "")
            d.id = a.record(d, call, inputs_digest=call.digest(), preview=preview,
                            ms=(time.perf_counter() - t0) * 1000)
        except (KairosError, OSError):
            if d.decision == "allow":
                d = _ask("could not journal the decision; asking instead of allowing", rule="journal")
    return d


def _uncertain_only(d: Decision) -> bool:
    from kairos.guard.findings import ASK

    asks = [f for f in d.findings if f.level >= ASK]
    return bool(asks) and all(f.id in ("cmd.unknown", "infra.unknown", "vcs.unknown", "pkg.unknown")
                              for f in asks) and d.stage == "analysis"


def _llm_review(d: Decision, call: Any, session: Any, policy: Any) -> Decision | None:
    """Ask an LLM about a merely-uncertain call, showing it only trusted text."""
    from pathlib import Path

    from kairos.config import load_config
    from kairos.errors import KairosError
    from kairos.llm import get_provider
    from kairos.store import kairos_home

    try:
        provider = get_provider(load_config(kairos_home(), Path(call.cwd)))
        if provider is None:
            return None
        system = ("You review one shell command for a coding agent. Answer ALLOW only if it is clearly a "
                  "read-only or project-local development action that matches the user's request; otherwise ASK. "
                  "Reply with one word.")
        prompt = (f"User's requests:\n{session.trusted[-2000:]}\n\nProposed {call.tool} call:\n"
                  f"{str(call.input)[:2000]}")
        answer = provider.complete(system, prompt, max_tokens=5, timeout=policy.llm_timeout)
    except (KairosError, OSError, TimeoutError):
        return None
    if str(answer).strip().upper().startswith("ALLOW"):
        return Decision("allow", f"LLM review: routine ({d.reason})", rule="llm.review", findings=d.findings,
                        stage="llm", shape=d.shape)
    return None


def pre_tool_use(payload: dict[str, Any]) -> dict[str, Any] | None:
    """Claude Code PreToolUse handler: returns the documented hook output."""
    return decide(payload).hook_output()
