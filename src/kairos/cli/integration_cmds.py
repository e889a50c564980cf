"""``kairos install``, ``kairos doctor`` and ``kairos mcp``: kairos where agents live."""

from __future__ import annotations

from pathlib import Path

import click

from kairos.cli.output import console, json_option, print_json

__all__ = ["doctor", "install", "mcp"]


@click.command("install")
@click.argument("client", type=click.Choice(["claude-code"]))
@click.option("--scope", type=click.Choice(["user", "project", "local"]), default="user", show_default=True,
              help="user: ~/.claude/settings.json; project: .claude/settings.json (shared); "
                   "local: .claude/settings.local.json.")
@click.option("--uninstall", is_flag=True, help="Remove kairos' hooks and MCP server from that scope.")
@click.option("--command", "command", default=None,
              help="The kairos command the hooks run (default: this install's absolute path).")
@click.option("--no-mcp", is_flag=True, help="Install the hooks only.")
@json_option
def install(client: str, scope: str, uninstall: bool, command: str | None, no_mcp: bool,
            as_json: bool) -> None:
    """Install kairos into Claude Code: hooks and MCP server, merged into its settings.

    Idempotent; everything else in the files is kept; the previous version of each
    file is saved once as <file>.kairos-backup.
    """
    from kairos.integrations.claude_code import install as inst
    from kairos.store import find_project

    root = find_project().root
    report = (inst.uninstall(scope, root) if uninstall
              else inst.install(scope, root, command=command, mcp=not no_mcp))
    if as_json:
        print_json(report.__dict__)
        return
    c = console()
    verb = "uninstalled from" if uninstall else "installed into"
    c.print(f"kairos {verb} Claude Code ({scope} scope)")
    for p in report.changed:
        c.print(f"  changed   {p}")
    for p in report.unchanged:
        c.print(f"  unchanged {p}")
    for p in report.backups:
        c.print(f"  backup    {p}")
    for n in report.notes:
        c.print(f"  [yellow]note[/] {n}")
    if not uninstall:
        c.print("Check it with `kairos doctor`; import past sessions with `kairos import --claude-code`.")


@click.command("doctor")
@click.option("--no-mcp", is_flag=True, help="Skip starting the MCP server.")
@json_option
def doctor(no_mcp: bool, as_json: bool) -> None:
    """Check the Claude Code installation end to end and say what to fix."""
    from kairos.integrations.claude_code.doctor import run_checks
    from kairos.store import find_project

    checks = run_checks(find_project().root, mcp=not no_mcp)
    failed = any(ch.status == "fail" for ch in checks)
    if as_json:
        print_json([ch.__dict__ for ch in checks])
    else:
        c = console()
        marks = {"ok": "[green]ok[/]  ", "warn": "[yellow]warn[/]", "fail": "[red]FAIL[/]"}
        for ch in checks:
            c.print(f"{marks[ch.status]} {ch.name}: {ch.detail}", highlight=False)
            if ch.fix and ch.status != "ok":
                c.print(f"       fix: {ch.fix}", highlight=False)
    if failed:
        raise SystemExit(1)


@click.command("mcp")
@click.option("--project", "project", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Serve this project's memory (default: the current directory's).")
def mcp(project: Path | None) -> None:
    """Run the kairos MCP server on stdio (for Claude Code or any MCP client)."""
    from kairos.integrations.mcp_server import serve

    serve(project)
