"""One handler per Claude Code hook event; each takes the payload and returns the hook's answer.

The dispatcher (``hook.py``) wraps every handler in the one fail-open wrapper,
so a handler may raise: the session goes on and the error is logged.

Handlers work on the light ``Store`` (paths, journal), never on ``kairos.api``:
recall comes from the warm daemon, or from the in-process lexical fallback
when it is down (``recall_source.py``), and what is injected says which.

- SessionStart: the memory prompt (every scope's MEMORY.md and the most relevant
  topics); after a compaction, first what the session must not lose.
- UserPromptSubmit: recalled memories within the token budget, then the prompt
  journaled (dream extracts its capture candidates later).
- PostToolUse / PostToolUseFailure: one compact observation per tool call.
- PreCompact: the survival ledger, answered as compaction instructions and kept for
  SessionStart(compact); a session note.
- Stop / SessionEnd: a session note when enough happened; dream when its gate opens.
"""

from __future__ import annotations

import os
from typing import Any

from kairos.integrations.claude_code.payload import HookInput
from kairos.integrations.claude_code.session import SessionState

__all__ = ["EVENT_HANDLERS"]

DEFAULTS = {"prompt_budget_tokens": 2000, "session_start_chars": 9500, "session_start_topics": 3,
            "note_every_turns": 10, "capture_prompts": True, "observe_tools": True}
MAX_PROMPT_CHARS = 100_000
K_HITS = 12


def _store(inp: HookInput) -> Any:
    """The project's store (paths and journal), without the recall stack: the hook stays light."""
    from kairos.store import Store

    cwd = inp.cwd if inp.cwd and os.path.isdir(inp.cwd) else None
    store = Store(cwd)
    store.init()
    return store


def _settings(store: Any) -> dict[str, Any]:
    cfg = dict(DEFAULTS)
    files = (store.home / "config.toml", store.project.root / ".kairos" / "config.toml")
    if any(f.exists() for f in files):  # tomllib costs ~10 ms; most homes have no config file
        from kairos.config import load_config

        section = load_config(store.home, store.project.root).get("claude_code")
        if isinstance(section, dict):
            cfg.update({key: v for key, v in section.items() if key in DEFAULTS})
    return cfg


def _context(event: str, text: str) -> dict[str, Any]:
    return {"hookSpecificOutput": {"hookEventName": event, "additionalContext": text}}


def _served(store: Any, inp: HookInput, ids: list[str], event: str, tokens: int, how: str) -> None:
    store.journal.append("recall-use", f"{event}: served {len(ids)} memories ({tokens} tokens)",
                     session=inp.session_id or None, provenance="system",
                     meta={"ids": ids, "event": event, "tokens": tokens, "source": "claude-code",
                               "answered_by": how})


# --------------------------------------------------------------------------- SessionStart
def survival_text(st: SessionState) -> str:
    """What must survive a compaction: compact's ledger when PreCompact made one, else our notes."""
    if st.ledger:
        return "[kairos: carried across compaction]\n" + st.ledger
    if not (st.goal or st.constraints or st.decisions):
        return ""
    out = ["[kairos: carried across compaction — this session's goal, the user's instructions "
           "and the decisions so far; a later instruction overrides an earlier one]"]
    if st.goal:
        out.append(f"Goal (the user's first request, verbatim): {st.goal}")
    if st.constraints:
        out.append("User instructions:")
        out += [f"- {c}" for c in st.constraints]
    if st.decisions:
        out.append("Decisions:")
        out += [f"- {d}" for d in st.decisions]
    return "\n".join(out)


def session_start(payload: dict[str, Any]) -> dict[str, Any] | None:
    from kairos.integrations.claude_code.context import memory_prompt
    from kairos.integrations.claude_code.recall_source import topic_hits

    inp = HookInput.from_payload(payload)
    store = _store(inp)
    cfg = _settings(store)
    st = SessionState.load(store.state_dir, inp.session_id)
    ledger = ""
    if inp.source in ("compact", "clear"):
        st.injected = []  # the context that held them is gone
    if inp.source == "compact":
        ledger = survival_text(st)
        st.compactions += 1
    how = [""]

    def topics(query: str, n: int) -> tuple[list[dict[str, Any]], str]:
        hits, how[0] = topic_hits(store, query, n)
        return hits, how[0]

    inj = memory_prompt(store, session_id=inp.session_id, budget_chars=int(cfg["session_start_chars"]),
                        topics=int(cfg["session_start_topics"]), ledger=ledger, topic_hits=topics)
    if inj is not None:
        st.injected += [i for i in inj.ids if i not in st.injected]
    st.save()
    if inj is None:
        return None
    if inj.ids:
        _served(store, inp, inj.ids, "SessionStart", inj.tokens, how[0])
    return _context("SessionStart", inj.text)


# --------------------------------------------------------------------------- UserPromptSubmit
def user_prompt_submit(payload: dict[str, Any]) -> dict[str, Any] | None:
    """Recall for the prompt, then journal it.

    The prompt is journaled as a plain observation: dream extracts capture
    candidates from such records itself (``kairos.dream.capture``), and importing
    dream here would cost the hook ~60 ms of its 150 ms budget.
    """
    from kairos.integrations.claude_code.context import prompt_context, relevant_terms
    from kairos.integrations.claude_code.recall_source import recall_hits

    inp = HookInput.from_payload(payload)
    prompt = inp.prompt.strip()
    if not prompt:
        return None
    store = _store(inp)
    cfg = _settings(store)
    st = SessionState.load(store.state_dir, inp.session_id)
    inj, how = None, ""
    if relevant_terms(prompt):
        hits, how = recall_hits(store, prompt, K_HITS, exclude_session=inp.session_id,
                                event="UserPromptSubmit")
        inj = prompt_context(hits, prompt, budget_tokens=int(cfg["prompt_budget_tokens"]),
                             exclude_ids=set(st.injected), how=how)
    st.turns += 1
    if cfg["capture_prompts"]:
        store.journal.append("observation", prompt[:MAX_PROMPT_CHARS], session=inp.session_id or None,
                         provenance="user", meta={"source": "claude-code", "event": "UserPromptSubmit",
                                                  "speaker": "user"})
    if not prompt.startswith("/"):
        st.prompts.append(" ".join(prompt.split())[:1500])
        if not st.goal and len(relevant_terms(prompt)) >= 3:
            st.goal = " ".join(prompt.split())[:500]
    if inj is not None:
        st.injected += inj.ids
        _served(store, inp, inj.ids, "UserPromptSubmit", inj.tokens, how)
    st.save()
    return _context("UserPromptSubmit", inj.text) if inj is not None else None


# --------------------------------------------------------------------------- PostToolUse
def post_tool_use(payload: dict[str, Any]) -> dict[str, Any] | None:
    from kairos.integrations.claude_code.observe import describe

    inp = HookInput.from_payload(payload)
    if not inp.tool_name:
        return None
    obs = describe(inp.tool_name, inp.tool_input, inp.tool_response, inp.error, inp.cwd)
    if obs is None:
        return None
    store = _store(inp)
    if not _settings(store)["observe_tools"]:
        return None
    if inp.agent_id:
        obs.meta["agent_id"] = inp.agent_id
    store.journal.append("observation", obs.text, session=inp.session_id or None, provenance="tool",
                     meta=obs.meta)
    return None


# --------------------------------------------------------------------------- notes and dream
def _note(store: Any, inp: HookInput, st: SessionState, reason: str) -> None:
    from kairos.integrations.claude_code.services import write_session_note

    fallback = survival_text(st).split("\n", 1)[-1] if (st.goal or st.constraints) else ""
    write_session_note(store.journal, inp.session_id, inp.transcript_path, reason,
                       f"# Session note\n\n{fallback}\n" if fallback else "")
    st.noted_turns = st.turns


_CONSTRAINT_SIGNALS = {"explicit", "correction", "preference"}


def _sift_prompts(st: SessionState) -> None:
    """The user's instructions and decisions among the session's prompts (dream's extractor)."""
    from kairos.integrations.claude_code.services import candidates

    for prompt in st.prompts[1:]:
        for c in candidates(prompt, "user"):
            if c.get("untrusted"):
                continue
            if c.get("signal") in _CONSTRAINT_SIGNALS or c.get("type") == "feedback":
                st.add(st.constraints, str(c.get("text", "")))
            elif c.get("signal") == "decision":
                st.add(st.decisions, str(c.get("text", "")))


def _dream(store: Any, inp: HookInput) -> None:
    from kairos.integrations.claude_code.services import maybe_start_dream

    maybe_start_dream(store)


def pre_compact(payload: dict[str, Any]) -> str | None:
    """Save the ledger for SessionStart(compact), and answer with it as compaction instructions.

    Claude Code (2.1.x) appends a PreCompact hook's plain stdout to the compaction prompt as
    "Additional Instructions" (it ignores a JSON ``customInstructions``), so the answer is text.
    """
    from kairos.integrations.claude_code.services import compaction_instructions, compaction_ledger

    inp = HookInput.from_payload(payload)
    store = _store(inp)
    st = SessionState.load(store.state_dir, inp.session_id)
    _sift_prompts(st)
    st.ledger = compaction_ledger(inp.transcript_path)
    _note(store, inp, st, "pre-compact")
    st.save()
    _dream(store, inp)
    return compaction_instructions(st.ledger) or None


def stop(payload: dict[str, Any]) -> dict[str, Any] | None:
    inp = HookInput.from_payload(payload)
    if inp.stop_hook_active or inp.agent_id:
        return None
    store = _store(inp)
    st = SessionState.load(store.state_dir, inp.session_id)
    if st.turns - st.noted_turns >= int(_settings(store)["note_every_turns"]):
        _note(store, inp, st, "stop")
        st.save()
    _dream(store, inp)
    return None


def session_end(payload: dict[str, Any]) -> dict[str, Any] | None:
    inp = HookInput.from_payload(payload)
    store = _store(inp)
    st = SessionState.load(store.state_dir, inp.session_id)
    if st.turns > st.noted_turns or st.turns == 0:
        _note(store, inp, st, f"session-end:{inp.reason or 'other'}")
    st.save()
    _dream(store, inp)
    return None


EVENT_HANDLERS = {
    "SessionStart": session_start,
    "UserPromptSubmit": user_prompt_submit,
    "PostToolUse": post_tool_use,
    "PostToolUseFailure": post_tool_use,
    "PreCompact": pre_compact,
    "Stop": stop,
    "SessionEnd": session_end,
}
