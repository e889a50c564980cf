"""``kairos mcp``: the MCP server (stdio) over the kairos Python API.

One tool per function; each tool's docstring is the manual the model reads
(Args / Returns / Examples). Tools carry MCP annotations: ``readOnlyHint`` on
search / read / history / expand, ``destructiveHint`` on forget (a tombstone:
the fact stops being served; the journal keeps it). Two prompts serve clients
that do not load instruction files themselves: ``instructions`` (the CLAUDE.md
hierarchy with @imports, and AGENTS.md) and ``memory`` (the MEMORY.md indexes).

What this module must never do: write outside the kairos API, or let a failure
escape as anything but a tool error with one clear line.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import ToolAnnotations

from kairos.api import Kairos
from kairos.errors import InputError, KairosError, NotFound

__all__ = ["build_server", "serve"]

READ_ONLY = ToolAnnotations(read_only_hint=True, destructive_hint=False, idempotent_hint=True,
                            open_world_hint=False)
ADDITIVE = ToolAnnotations(read_only_hint=False, destructive_hint=False, idempotent_hint=False,
                           open_world_hint=False)
DESTRUCTIVE = ToolAnnotations(read_only_hint=False, destructive_hint=True, idempotent_hint=True,
                              open_world_hint=False)
MAX_EXPAND = 200

INSTRUCTIONS = """kairos is this project's long-term memory: facts, decisions, preferences and
history from earlier sessions, with provenance and staleness checks against the code.
Search it before answering questions about past work or project conventions; remember
durable facts the user states or that you verify; forget what is wrong."""


def _clear_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """A KairosError becomes a tool error carrying its one-line message (the SDK hides others)."""
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except KairosError as exc:
            raise ToolError(str(exc)) from exc
    return wrapper


def build_server(cwd: Path | str | None = None) -> MCPServer:
    k_holder: dict[str, Kairos] = {}

    def k() -> Kairos:
        if "k" not in k_holder:
            k_holder["k"] = Kairos(cwd)
        return k_holder["k"]

    server = MCPServer("kairos", instructions=INSTRUCTIONS)

    @server.tool(annotations=READ_ONLY)
    @_clear_errors
    def search(query: str, limit: int = 8, types: list[str] | None = None) -> dict[str, Any]:
        """Search the project's memory and journal for what is relevant to a question.

        Ranked hybrid recall over memory files (decisions, conventions, preferences) and
        journal records (past prompts, tool observations, session notes). Hits whose code
        anchors changed are flagged ``stale`` with ``why_stale``: verify those before use.

        Args:
            query: what you want to know, in plain words ("how do we deploy?").
            limit: how many hits to return (1-50, default 8).
            types: optional filter on memory types: user, feedback, project, reference.

        Returns:
            {"query", "answered_by", "results": [{"id", "kind", "type", "text", "score",
            "date", "sources", "stale", "why_stale", ...}]}; pass an ``id`` to ``read``.

        Examples:
            search("deploy command")
            search("what did the user say about tabs vs spaces", types=["feedback", "user"])
        """
        n = max(1, min(50, int(limit)))
        return k().recall(query, n, types=types or None).to_json()

    @server.tool(annotations=READ_ONLY)
    @_clear_errors
    def read(key: str) -> dict[str, Any]:
        """Read one memory (by name) or journal record (by id), with its provenance.

        Args:
            key: a memory name (e.g. "deploy-with-make-ship") or a record id from ``search``.

        Returns:
            The entry: id, kind (memory|record), type, scope, text, date, provenance,
            sources (journal ids it came from), anchors (code it cites) and status.

        Examples:
            read("deploy-with-make-ship")
            read("01a204b66b0c002a-laptop")
        """
        doc = k().show(key)
        for field_ in ("sources", "anchors", "meta"):
            if isinstance(doc.get(field_), str):
                with contextlib.suppress(ValueError):  # not JSON: shown as stored
                    doc[field_] = json.loads(doc[field_])
        return doc

    @server.tool(annotations=ADDITIVE)
    @_clear_errors
    def remember(text: str, type: str = "project", scope: str | None = None,
                 anchors: list[str] | None = None, name: str | None = None) -> dict[str, Any]:
        """Remember a durable fact: journaled first, then written as a memory file.

        Use for what stays true beyond this task: decisions and their reasons,
        conventions, the user's stated preferences, pointers to external systems.
        Not for transient state or anything read from tool output alone.

        Args:
            text: the fact, self-contained ("We deploy with `make ship`; CI must be green").
            type: project (default) | feedback | user | reference.
            scope: team (shared via git) | private | user; default follows the type.
            anchors: code the fact depends on, as "path" or "path:symbol"; recall flags the
                memory stale when that code changes.
            name: optional file name (lowercase, digits, -); derived from the text if omitted.

        Returns:
            {"name", "record_id", "scope", "type", "path"}.

        Examples:
            remember("Tests run with `make test`, never plain pytest", type="project")
            remember("The retry logic lives in http/retry.py", anchors=["src/http/retry.py:backoff"])
        """
        rec, mf = k().remember(text, type, scope=scope, anchors=anchors or (), name=name,
                               provenance="agent")
        return {"name": mf.name, "record_id": rec.id, "scope": mf.scope, "type": mf.type,
                "path": str(k().memory_dir(mf.scope).file_for(mf.name))}

    @server.tool(annotations=DESTRUCTIVE)
    @_clear_errors
    def forget(key: str, reason: str) -> dict[str, Any]:
        """Stop serving a memory or record: writes a tombstone (nothing is deleted from the journal).

        Args:
            key: memory name or record id (from ``search``).
            reason: why it is wrong or obsolete; kept in the journal.

        Returns:
            {"forgotten": key, "tombstone": record id}.

        Examples:
            forget("deploy-with-fabric", reason="we moved to `make ship` in March")
        """
        if not reason.strip():
            raise InputError("say why it should be forgotten (reason)")
        rec = k().forget(key, reason)
        return {"forgotten": key, "tombstone": rec.id}

    @server.tool(annotations=READ_ONLY)
    @_clear_errors
    def history(key: str) -> dict[str, Any]:
        """Show how a memory came to be: every journal record that wrote, changed or forgot it.

        Args:
            key: a memory name (or a record id).

        Returns:
            {"key", "current": the entry or null, "events": [{"id", "time", "kind", "provenance",
            "session", "text", "reason"}]} oldest first.

        Examples:
            history("deploy-with-make-ship")
        """
        kk = k()
        kk.index.refresh()
        doc = kk.index.find(key)
        name = key
        sources: set[str] = set()
        if doc is not None:
            name = doc["id"].split("/", 1)[1] if doc["kind"] == "memory" else doc["id"]
            sources = set(json.loads(doc.get("sources") or "[]")) | {doc["id"]}
        events = []
        for journal in kk.store.journals():
            for r in journal.records():
                meta = r.meta if isinstance(r.meta, dict) else {}
                hit = (r.id in sources or meta.get("name") == name or meta.get("target") == name
                       or (r.kind == "consolidation" and name in json.dumps(meta)))
                if hit:
                    events.append({"id": r.id, "time": r.time, "kind": r.kind, "provenance": r.provenance,
                                   "session": r.session, "text": r.text[:2000],
                                   "reason": meta.get("reason")})
        if doc is None and not events:
            raise NotFound(f"no memory or record {key!r}")
        events.sort(key=lambda e: e["time"])
        return {"key": key, "current": None if doc is None else {
            "id": doc["id"], "status": doc.get("status"), "text": doc.get("text")}, "events": events}

    @server.tool(annotations=READ_ONLY)
    @_clear_errors
    def expand(start: str, end: str | None = None, limit: int = 20) -> dict[str, Any]:
        """Expand a journal range: the full records from ``start`` to ``end`` (ids inclusive).

        Use it to see what happened around a search hit (the prompts, tool calls and
        outcomes of that moment), or to expand a compaction tombstone id.

        Args:
            start: a record id (or a compaction tombstone id).
            end: the last record id; if omitted, ``limit`` records from ``start`` on.
            limit: at most this many records (1-200, default 20).

        Returns:
            {"records": [{"id", "time", "kind", "type", "provenance", "session", "text"}],
            "truncated": bool}.

        Examples:
            expand("01a204b66b0c002a-laptop")
            expand("01a204b66b0c002a-laptop", "01a204b66b0c00ff-laptop")
        """
        limit = max(1, min(MAX_EXPAND, int(limit)))
        kk = k()
        tomb = _tombstone(kk, start)
        if tomb is not None:
            return {"records": tomb[:limit], "truncated": len(tomb) > limit}
        out: list[dict[str, Any]] = []
        found = False
        truncated = False
        for journal in kk.store.journals():
            for r in journal.records():
                if r.id < start:
                    continue
                if end is not None and r.id > end:
                    break
                found = found or r.id == start
                if len(out) >= limit:
                    truncated = True
                    break
                out.append({"id": r.id, "time": r.time, "kind": r.kind, "type": r.type,
                            "provenance": r.provenance, "session": r.session, "text": r.text})
            if out:
                break
        if not found:
            raise NotFound(f"no journal record {start!r}")
        return {"records": out, "truncated": truncated}

    @server.prompt()
    def instructions() -> str:
        """The user's standing instructions: CLAUDE.md files (with @imports) and AGENTS.md."""
        from kairos.integrations.instructions import instruction_files, render_instructions

        root = k().store.project.root
        files = instruction_files(Path(cwd or os.getcwd()), root)
        return render_instructions(files) or "(no CLAUDE.md or AGENTS.md found)"

    @server.prompt()
    def memory() -> str:
        """What kairos remembers for this project: the MEMORY.md indexes of every scope."""
        from kairos.integrations.claude_code.context import memory_prompt

        inj = memory_prompt(k(), topics=0)
        return inj.text if inj else "(nothing remembered yet)"

    return server


def _tombstone(k: Kairos, key: str) -> list[dict[str, Any]] | None:
    try:
        from kairos.compact.tombstone import expand as expand_tombstone
    except ImportError:
        return None
    try:
        return list(expand_tombstone(k.journal, key))
    except Exception:  # noqa: BLE001 - not a tombstone: fall back to a record range
        return None


def serve(cwd: Path | str | None = None) -> None:
    build_server(cwd).run("stdio")
