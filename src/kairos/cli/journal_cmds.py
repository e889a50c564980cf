"""``kairos journal``: read and verify the append-only journal."""

from __future__ import annotations

import click

from kairos.cli.output import console, json_option, print_json, short

__all__ = ["journal"]


def _journals(user: bool):  # noqa: ANN202
    from kairos.api import Kairos

    k = Kairos()
    return [k.store.user_journal] if user else [k.store.journal, k.store.user_journal]


@click.group()
def journal() -> None:
    """Read, show and verify the journal (the source of truth)."""


@journal.command()
@click.option("-n", "count", default=20, show_default=True, type=click.IntRange(1, 100_000), help="How many records.")
@click.option("--kind", "kinds", multiple=True, help="Only records of this kind.")
@json_option
def tail(count: int, kinds: tuple[str, ...], as_json: bool) -> None:
    """Show the most recent records."""
    from collections import deque

    recs: deque = deque(maxlen=count)
    for j in _journals(False):
        for r in j.records(kinds or None):
            recs.append(r)
    items = sorted(recs, key=lambda r: r.id)[-count:]
    if as_json:
        print_json([r.to_dict() for r in items])
        return
    c = console()
    for r in items:
        c.print(f"[dim]{r.id}[/] {r.time[:19]} [bold]{r.kind}[/] {r.type or ''} {r.provenance}: "
                f"{short(r.text, 100)}", markup=True, highlight=False)


@journal.command("show")
@click.argument("record_id")
@json_option
def show_(record_id: str, as_json: bool) -> None:
    """Show one record in full."""
    from kairos.errors import NotFound

    for j in _journals(False):
        try:
            r = j.get(record_id)
        except NotFound:
            continue
        if as_json:
            print_json(r.to_dict())
        else:
            c = console()
            c.print(f"[bold]{r.id}[/] {r.time} {r.kind} {r.type or ''} prov={r.provenance} "
                    f"session={r.session} meta={r.meta}")
            c.print(r.text, markup=False)
        return
    raise NotFound(f"no journal record {record_id}")


@journal.command()
@click.option("--repair", is_flag=True, help="Move torn tails aside (kept as .torn-* files) first.")
@json_option
def verify(repair: bool, as_json: bool) -> None:
    """Check every segment's hash chain; name where any edit, gap or truncation starts."""
    reports, repaired = [], []
    for j in _journals(False):
        if repair:
            repaired += j.repair()
        reports.append((j, j.verify()))
    problems = [p for _, rep in reports for p in rep.problems]
    if as_json:
        print_json({"ok": not problems, "segments": sum(r.segments for _, r in reports),
                    "records": sum(r.records for _, r in reports), "repaired": repaired,
                    "problems": [p.__dict__ for p in problems]})
    else:
        c = console()
        for seg in repaired:
            c.print(f"repaired torn tail of {seg}")
        for p in problems:
            c.print(f"[red]{p.kind}[/] {p.segment} @{p.offset}: {p.message}", markup=True)
        c.print(f"{'OK' if not problems else 'PROBLEMS'}: {sum(r.records for _, r in reports)} records in "
                f"{sum(r.segments for _, r in reports)} segments")
    if problems:
        raise SystemExit(1)
