"""``kairos import``: records, recall datasets, Claude Code transcripts and auto-memory."""

from __future__ import annotations

from pathlib import Path

import click

from kairos.cli.output import console, json_option, print_json

__all__ = ["import_"]


@click.command("import")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("-f", "--format", "fmt", type=click.Choice(["records", "recall", "transcript", "automemory"]),
              help="Input format (default: detected).")
@click.option("--claude-code", "claude_code", is_flag=True,
              help="Import this project's Claude Code transcripts and auto-memory from ~/.claude.")
@json_option
def import_(path: Path | None, fmt: str | None, claude_code: bool, as_json: bool) -> None:
    """Import history into the journal (and memory files), skipping what was imported before."""
    from kairos.api import Kairos
    from kairos.errors import InputError
    from kairos.integrations.importers import claude_project_dir, import_path

    k = Kairos()
    targets: list[tuple[Path, str | None]] = []
    if claude_code:
        base = claude_project_dir(k.store.project.root)
        if not base.is_dir():
            raise InputError(f"no Claude Code history for this project at {base}")
        if any(base.glob("*.jsonl")):
            targets.append((base, "transcript"))
        if (base / "memory").is_dir():
            targets.append((base / "memory", "automemory"))
    elif path is None:
        raise InputError("give a PATH to import, or --claude-code")
    else:
        targets.append((path, fmt))
    reports = [import_path(k, p, f) for p, f in targets]
    if as_json:
        print_json([r.__dict__ for r in reports])
        return
    c = console()
    for r in reports:
        c.print(f"{r.format}: {r.imported} records, {r.memories} memories imported, {r.skipped} skipped")
        for p in r.problems[:20]:
            c.print(f"  [yellow]{p}[/]")
