"""Claude Code integration: the hook entry point, the installer, transcript import."""
