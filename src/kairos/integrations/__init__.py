"""Adapters from harnesses (Claude Code, MCP, the API memory tool) to the kairos services."""
