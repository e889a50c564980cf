"""``kairos memory``: the memory files (MEMORY.md and topics) across scopes."""

from __future__ import annotations

import importlib

import click

from kairos.cli.output import console, json_option, print_json, short

__all__ = ["memory"]

_EXTERNAL = {"history": "kairos.cli.dream_cmds:history"}


class _MemoryGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *_EXTERNAL])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in _EXTERNAL:
            module, attr = _EXTERNAL[name].split(":")
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, name)


def _kairos():  # noqa: ANN202
    from kairos.api import Kairos

    return Kairos()


@click.group(cls=_MemoryGroup)
def memory() -> None:
    """List, check and sync memory files (MEMORY.md and topic files)."""


@memory.command("list")
@click.option("-s", "--scope", type=click.Choice(["user", "private", "team"]), help="Only this scope.")
@json_option
def list_(scope: str | None, as_json: bool) -> None:
    """List memory files with type, scope and description."""
    k = _kairos()
    rows, problems = [], []
    for sc in [scope] if scope else ["user", "private", "team"]:
        files, errs = k.memory_dir(sc).read_all()
        problems += errs
        rows += [{"name": f.name, "type": f.type, "scope": sc, "description": f.description,
                  "confidence": f.confidence, "updated": f.updated, "anchors": len(f.anchors)} for f in files]
    if as_json:
        print_json({"memories": rows, "problems": problems})
        return
    c = console()
    for r in rows:
        c.print(f"[bold]{r['name']}[/] [dim]{r['type']}/{r['scope']} {r['updated']}[/] {short(r['description'], 80)}")
    for p in problems:
        c.print(f"[yellow]unreadable:[/] {p}")
    if not rows:
        c.print("no memory files yet (`kairos remember ...` adds one)")


@memory.command()
@json_option
def check(as_json: bool) -> None:
    """List memories whose code anchors no longer hold (file gone, symbol gone, content changed)."""
    from kairos.memory import Anchor, check_anchor

    k = _kairos()
    root = k.store.project.root
    stale = []
    for sc in ("user", "private", "team"):
        for f in k.memory_dir(sc).read_all()[0]:
            reasons = []
            for a in f.anchors:
                anchor = Anchor.from_dict(a)
                if anchor is not None:
                    st = check_anchor(root, anchor)
                    if st.stale:
                        reasons.append(st.why)
            if reasons:
                stale.append({"name": f.name, "scope": sc, "why": reasons})
    if as_json:
        print_json({"stale": stale})
    else:
        c = console()
        for s in stale:
            c.print(f"[red]stale[/] {s['name']} ({s['scope']}): {'; '.join(s['why'])}")
        c.print(f"{len(stale)} stale memories" if stale else "all anchored memories hold")
    if stale:
        raise SystemExit(1)


@memory.command()
@json_option
def sync(as_json: bool) -> None:
    """Journal memory files edited by hand, so they become the current version."""
    recs = _kairos().sync_hand_edits()
    if as_json:
        print_json({"journaled": [{"id": r.id, "name": r.meta.get("name")} for r in recs]})
    else:
        console().print(f"journaled {len(recs)} hand-edited memory files" if recs else "no hand edits")
