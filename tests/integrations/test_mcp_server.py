"""The MCP server as a real subprocess (`kairos mcp`), driven by the official SDK's client."""

from __future__ import annotations

import json
import os

import anyio
from mcp import Client
from mcp.client.stdio import StdioServerParameters

from tests.conftest import KAIROS_BIN


def _data(result) -> dict:
    assert not result.is_error, result.content
    if result.structured_content is not None:
        sc = result.structured_content
        return sc.get("result", sc) if set(sc) == {"result"} else sc
    return json.loads(result.content[0].text)


def test_mcp_server_end_to_end(project, kairos_home):
    (project / "CLAUDE.md").write_text("Use tabs.\n@docs/style.md\n")
    (project / "docs").mkdir()
    (project / "docs" / "style.md").write_text("STYLE-SENTINEL: 100 columns\n")
    (project / "AGENTS.md").write_text("AGENTS-SENTINEL\n")

    async def main() -> dict:
        params = StdioServerParameters(command=str(KAIROS_BIN), args=["mcp"], cwd=str(project),
                                       env=dict(os.environ))
        out: dict = {}
        with anyio.fail_after(60):
            async with Client(params) as c:
                tools = {t.name: t for t in (await c.list_tools()).tools}
                out["tools"] = tools
                out["remember"] = _data(await c.call_tool("remember", {
                    "text": "Releases are cut with `make release` from the main branch",
                    "type": "project"}))
                out["search"] = _data(await c.call_tool("search", {"query": "how are releases cut?"}))
                name = out["remember"]["name"]
                out["read"] = _data(await c.call_tool("read", {"key": name}))
                out["expand"] = _data(await c.call_tool("expand", {"start": out["remember"]["record_id"]}))
                out["forget"] = _data(await c.call_tool("forget", {"key": name, "reason": "moved to CI"}))
                out["history"] = _data(await c.call_tool("history", {"key": name}))
                out["after"] = _data(await c.call_tool("search", {"query": "how are releases cut?"}))
                out["bad"] = await c.call_tool("read", {"key": "no-such-memory"})
                prompts = {p.name for p in (await c.list_prompts()).prompts}
                out["prompts"] = prompts
                got = await c.get_prompt("instructions")
                out["instructions"] = got.messages[0].content.text
        return out

    out = anyio.run(main)
    tools = out["tools"]
    assert set(tools) == {"search", "read", "remember", "forget", "history", "expand"}
    for name in ("search", "read", "history", "expand"):
        assert tools[name].annotations.read_only_hint is True
    assert tools["forget"].annotations.destructive_hint is True
    assert tools["remember"].annotations.read_only_hint is False
    for t in tools.values():
        assert all(s in (t.description or "") for s in ("Args:", "Returns:", "Examples:")), t.name
    assert any("make release" in h["text"] for h in out["search"]["results"])
    assert "make release" in out["read"]["text"]
    assert out["expand"]["records"][0]["id"] == out["remember"]["record_id"]
    kinds = [e["kind"] for e in out["history"]["events"]]
    assert kinds[0] == "memory" and "forget" in kinds
    assert not any(h["kind"] == "memory" and "make release" in h["text"] for h in out["after"]["results"])
    assert out["bad"].is_error and "no-such-memory" in out["bad"].content[0].text
    assert {"instructions", "memory"} <= out["prompts"]
    assert "Use tabs" in out["instructions"] and "STYLE-SENTINEL" in out["instructions"]
    assert "AGENTS-SENTINEL" in out["instructions"]
