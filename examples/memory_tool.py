"""Anthropic's API memory tool (memory_20250818) backed by kairos.

    ANTHROPIC_API_KEY=... .venv/bin/python examples/memory_tool.py "Remember that I prefer tabs"

Every file the model creates or edits under /memories lands in the project's
kairos store, and every change is journaled (``kairos journal`` shows them;
``kairos.integrations.memory_tool.replay`` rebuilds the folder from the journal).
Without an API key it drives the tool directly, the way the model would.
"""

from __future__ import annotations

import os
import sys

from kairos.integrations.memory_tool import KairosMemoryTool

tool = KairosMemoryTool(session="example")
prompt = " ".join(sys.argv[1:]) or "Remember that I prefer tabs over spaces."

if os.environ.get("ANTHROPIC_API_KEY"):
    from anthropic import Anthropic

    runner = Anthropic().beta.messages.tool_runner(
        model=os.environ.get("KAIROS_EXAMPLE_MODEL", "claude-sonnet-4-5"), max_tokens=1024,
        tools=[tool], messages=[{"role": "user", "content": prompt}],
        betas=["context-management-2025-06-27"])
    for message in runner:
        for block in message.content:
            if block.type == "text":
                print(block.text)
else:
    print("(no ANTHROPIC_API_KEY: calling the tool as the model would)")
    try:
        print(tool.call({"command": "create", "path": "/memories/preferences.md",
                         "file_text": f"- {prompt}\n"}))
    except Exception as exc:  # the file exists from an earlier run
        print(exc)
        print(tool.call({"command": "insert", "path": "/memories/preferences.md", "insert_line": 0,
                         "insert_text": f"- {prompt}"}))
    print(tool.call({"command": "view", "path": "/memories/preferences.md"}))
print(f"files under {tool.root}; journal: `kairos journal` in this project")
