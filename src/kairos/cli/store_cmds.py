"""Everyday memory commands: init, remember, recall, show, forget, status."""

from __future__ import annotations

import sys

import click

from kairos.cli.output import console, json_option, print_json, short
from kairos.errors import InputError
from kairos.memory import MEMORY_TYPES

__all__ = ["forget", "init", "recall", "remember", "show", "status"]

MAX_STDIN = 50_000_000


def _kairos():  # noqa: ANN202
    from kairos.api import Kairos

    return Kairos()


@click.command()
@json_option
def init(as_json: bool) -> None:
    """Create the kairos store for the project around the current directory."""
    k = _kairos()
    info = {"project": k.store.project.name, "id": k.store.project.id, "home": str(k.store.home),
            "team_memory": str(k.store.memory_dir("team"))}
    if as_json:
        print_json(info)
    else:
        console().print(f"kairos ready for [bold]{info['project']}[/] (id {info['id']})\n"
                        f"  private store: {k.store.project_dir}\n  team memory:   {info['team_memory']}")


@click.command()
@click.argument("text", required=False)
@click.option("-t", "--type", "mem_type", type=click.Choice(MEMORY_TYPES), default="project",
              show_default=True, help="Memory type.")
@click.option("-s", "--scope", type=click.Choice(["user", "private", "team"]),
              help="Where it lives (default: by type).")
@click.option("-a", "--anchor", "anchors", multiple=True, metavar="PATH[:SYMBOL]",
              help="Code this memory describes; checked for staleness at recall.")
@click.option("-n", "--name", help="File name for the memory (default: from the text).")
@click.option("-d", "--description", help="One-line description for MEMORY.md.")
@json_option
def remember(text: str | None, mem_type: str, scope: str | None, anchors: tuple[str, ...],
             name: str | None, description: str | None, as_json: bool) -> None:
    """Remember TEXT (or stdin when TEXT is '-' or absent)."""
    if text in (None, "-"):
        if sys.stdin.isatty():
            raise InputError("give the text to remember as an argument or on stdin")
        raw = sys.stdin.buffer.read(MAX_STDIN + 1)
        if len(raw) > MAX_STDIN:
            raise InputError("stdin holds more than 50 MB; remember a reference to the file instead")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"stdin is not UTF-8 text (byte {exc.start})") from exc
    rec, mf = _kairos().remember(text, mem_type, scope=scope, anchors=list(anchors), name=name,
                                 description=description)
    if as_json:
        print_json({"id": rec.id, "name": mf.name, "type": mf.type, "scope": mf.scope,
                    "anchors": mf.anchors, "redacted": rec.meta.get("redacted", [])})
    else:
        red = rec.meta.get("redacted")
        console().print(f"remembered [bold]{mf.name}[/] ({mf.type}, {mf.scope}) as {rec.id}"
                        + (f"\n[yellow]redacted before writing: {', '.join(red)}[/]" if red else ""))


@click.command()
@click.argument("query")
@click.option("-k", "k", default=10, show_default=True, type=click.IntRange(1, 200), help="How many results.")
@click.option("-t", "--type", "types", multiple=True, type=click.Choice(MEMORY_TYPES), help="Only these types.")
@click.option("--llm", is_flag=True, help="Let the configured LLM read the best hits and order them.")
@json_option
def recall(query: str, k: int, types: tuple[str, ...], llm: bool, as_json: bool) -> None:
    """Find memories and journal records relevant to QUERY."""
    res = _kairos().recall(query, k, types=list(types) or None, llm=llm)
    if as_json:
        print_json(res.to_json())
        return
    from rich.table import Table

    c = console()
    if not res.results:
        c.print(f"nothing found for {query!r} (answered by {res.answered_by})")
        return
    t = Table(title=f"{len(res.results)} results · answered by {res.answered_by}", show_lines=False)
    for col in ("score", "id", "type", "date", "text"):
        t.add_column(col, overflow="fold")
    for h in res.results:
        text = short(h.text, 90) + (f"\n[red]STALE: {h.why_stale}[/]" if h.stale else "")
        t.add_row(f"{h.score:.3f}", h.id, h.type or h.record_kind or "", (h.date or "")[:10], text)
    c.print(t)
    if res.note:
        c.print(f"[dim]{res.note}[/]")


@click.command()
@click.argument("key")
@json_option
def show(key: str, as_json: bool) -> None:
    """Show one memory (by name) or record (by id) with its provenance."""
    doc = _kairos().show(key)
    if as_json:
        print_json(doc)
        return
    c = console()
    c.print(f"[bold]{doc['id']}[/] · {doc['kind']} · {doc.get('type') or doc.get('rkind')} · "
            f"{doc.get('status')} · {doc.get('date')}")
    c.print(f"sources: {doc.get('sources')}  anchors: {doc.get('anchors')}")
    c.print(doc["text"], markup=False)


@click.command()
@click.argument("key")
@click.option("-r", "--reason", default="", help="Why it should be forgotten (kept in the tombstone).")
@json_option
def forget(key: str, reason: str, as_json: bool) -> None:
    """Forget a memory or record: writes a tombstone; the journal keeps every byte."""
    rec = _kairos().forget(key, reason)
    if as_json:
        print_json({"tombstone": rec.id, "target": rec.meta.get("target")})
    else:
        console().print(f"forgot {rec.meta.get('target')} (tombstone {rec.id})")


@click.command()
@json_option
def status(as_json: bool) -> None:
    """Show the project's store: journal, index and memory files."""
    st = _kairos().status()
    if as_json:
        print_json(st)
        return
    c = console()
    p = st["project"]
    c.print(f"[bold]{p['name']}[/] (id {p['id']}) at {p['root']}\nhome: {st['home']}")
    c.print(f"journal segments: {st['journal_segments']}   index: {st['index']['records']} records, "
            f"{st['index']['memories']} memories, {st['index']['forgotten']} forgotten")
    for scope, m in st["memory"].items():
        c.print(f"  {scope:8} {m['files']:4} files  {m['path']}")
    for prob in st["problems"]:
        c.print(f"[yellow]problem:[/] {prob}", markup=True)
