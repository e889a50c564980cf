"""``kairos dream`` and ``kairos memory history``: thin layers over :mod:`kairos.dream`."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

__all__ = ["dream", "history"]


@click.command("dream")
@click.option("--dry-run", is_flag=True, help="Show what would change (decisions and file diffs); change nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
@click.option("--background", is_flag=True, help="Run as the detached background dream (quiet if another runs).")
@click.option("--gate", "gate_only", is_flag=True, help="Only say whether the gate is open, and why.")
@click.option("--start", is_flag=True, help="Start a detached dream if the gate is open, and return at once.")
@click.option("--no-llm", is_flag=True, help="Use the rules only, even if an LLM is configured.")
def dream(dry_run: bool, as_json: bool, background: bool, gate_only: bool, start: bool,
          no_llm: bool) -> None:
    """Consolidate the journal into memory files: merge duplicates, resolve contradictions,
    strengthen, decay and retire, keep the budgets; one consolidation record per change.

    Runs under a per-project lock; a second run over the same journal changes nothing.
    """
    from kairos.config import load_config
    from kairos.dream import DreamBusy, dream_lock, gate_status, start_background
    from kairos.dream import dream as run_dream
    from kairos.store import Store

    store = Store()
    config = load_config(store.home, store.project.root)
    if gate_only:
        status = gate_status(store, config)
        if as_json:
            click.echo(json.dumps({"open": status.open, "hours_since": status.hours_since,
                                   "new_sessions": status.new_sessions, "reason": status.reason()}))
        else:
            click.echo(status.reason())
        return
    if start:
        started = start_background(store.project.root, store=store)
        click.echo("dream started in the background" if started else
                   "not started: " + gate_status(store, config).reason())
        return
    store.init()
    try:
        with dream_lock(store) as lock:
            report = run_dream(store, dry_run=dry_run, config=config, use_llm=not no_llm)
            links = None if dry_run or no_llm else _judge_links()
            if lock.recovered_from:
                report.skipped.append(f"recovered a stale dream lock left by dead pid {lock.recovered_from}")
    except DreamBusy as exc:
        if background:
            click.echo(f"kairos dream: {exc}", err=True)
            return
        raise
    if as_json:
        click.echo(json.dumps({**report.to_dict(), **({"links": links} if links else {})}, ensure_ascii=False))
    else:
        click.echo(report.render(show_diff=dry_run))
        if links:
            click.echo(f"links: the LLM read {links['judged']} statements and found {links['links']} they "
                       f"replace" + (f"; {links['skipped']} left for the next dream" if links["skipped"] else "")
                       + (f"; {len(links['failures'])} calls failed" if links["failures"] else ""))
    if background:
        sys.stdout.flush()


def _judge_links() -> dict[str, Any] | None:
    """The LLM link pass (dream/links.py) when an LLM is configured; None without one."""
    from kairos.api import Kairos
    from kairos.errors import InputError

    k = Kairos()
    try:
        return k.judge_links().to_dict()
    except InputError:
        return None  # no LLM configured: the rules' links stand
    finally:
        k.index.close()


@click.command("history")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print the history as one JSON object.")
def history(name: str, as_json: bool) -> None:
    """Show how memory NAME came to be: its statements over time, what superseded what and
    why, and the consolidation records that shaped it."""
    from kairos.dream.history import memory_history
    from kairos.store import Store

    h = memory_history(Store(), name)
    if as_json:
        click.echo(json.dumps(h, ensure_ascii=False, indent=1))
        return
    if "current" in h:
        click.echo(f"{name} ({h['type']}, {h['scope']}) — {h['status']}"
                   + (f": {h['retired_reason']}" if h.get("retired_reason") else ""))
        click.echo(f"  now   [{h['valid_from'][:19]} →]  {h['current']}")
        click.echo(f"        confirmed {h['confirmations']}×, used {h['uses']}×; sources: "
                   + ", ".join(s["id"] for s in h["sources"][-5:]))
        for old in reversed(h["superseded"]):
            click.echo(f"  was   [{old['valid_from'][:19]} → {old['valid_to'][:19]}]  {old['text']}")
            click.echo(f"        {old['reason']}")
    for c in h["consolidations"]:
        click.echo(f"  {c['time'][:19]}  {c['action']}: {c['reason']}")
    for s in h["skipped"]:
        click.echo(f"  skipped: {s}")
