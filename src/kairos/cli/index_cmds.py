"""``kairos index``: the derived SQLite index."""

from __future__ import annotations

import click

from kairos.cli.output import console, json_option, print_json

__all__ = ["index"]


@click.group()
def index() -> None:
    """Manage the derived index (always rebuildable from the journal)."""


@index.command()
@json_option
def rebuild(as_json: bool) -> None:
    """Recreate the index from the journal and the memory files, with a progress bar."""
    import time

    from kairos.api import Kairos

    k = Kairos()
    t0 = time.perf_counter()
    if as_json:
        n = k.index.rebuild()
    else:
        from rich.progress import BarColumn, Progress, TaskProgressColumn, TimeElapsedColumn

        with Progress("[progress.description]{task.description}", BarColumn(), TaskProgressColumn(),
                      TimeElapsedColumn(), console=console(), transient=False) as bar:
            task = bar.add_task("indexing", total=None)
            n = k.index.rebuild(lambda done, total: bar.update(task, completed=done, total=total))
    secs = time.perf_counter() - t0
    counts = k.index.count()
    if as_json:
        print_json({"documents": n, "seconds": round(secs, 3), **counts})
    else:
        console().print(f"indexed {n} documents in {secs:.2f}s ({counts['records']} records, "
                        f"{counts['memories']} memories)")
