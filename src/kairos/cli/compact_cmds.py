"""``kairos compact`` and ``kairos expand``: thin CLI layers over :mod:`kairos.compact`."""

from __future__ import annotations

import json
import sys

import click

__all__ = ["compact", "expand"]


def _journal(no_journal: bool):  # noqa: ANN202 - journal imported lazily
    if no_journal:
        return None
    from kairos.store import Store

    return Store().journal


@click.command()
@click.argument("transcript", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Where to write the compacted transcript (never the input).")
@click.option("--strategy", default="reactive", show_default=True,
              type=click.Choice(["naive", "reactive", "collapse", "mask"]),
              help="naive: summarise all (baseline); reactive: recent turns verbatim, middle compacted; "
                   "collapse: finished chapters become tombstones; mask: old tool outputs become placeholders.")
@click.option("--target-tokens", default=20_000, show_default=True, type=click.IntRange(1, None),
              help="Size to compact to (len/4 token estimate of the visible messages).")
@click.option("--summariser", default="extractive", show_default=True,
              type=click.Choice(["extractive", "auto", "llm"]),
              help="Tombstone summaries: deterministic, or an LLM when one is configured (auto), or LLM only.")
@click.option("--no-journal", is_flag=True,
              help="Do not journal compacted turns (their tombstones then cannot be expanded).")
@click.option("--skip-invalid", is_flag=True, help="Drop unreadable JSONL lines instead of failing.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON report instead of one line.")
def compact(transcript: str, output: str, strategy: str, target_tokens: int, summariser: str,
            no_journal: bool, skip_invalid: bool, as_json: bool) -> None:
    """Compact a Claude Code JSONL transcript, pinning the task, instructions and decisions.

    The input file is never modified; the output is valid Claude Code JSONL that can be
    compacted again. Compacted turns are journaled: `kairos expand ID` brings them back.
    """
    from kairos.compact import compact_file
    from kairos.compact.summarise import default_summariser

    res = compact_file(transcript, output, strategy=strategy, target_tokens=target_tokens,
                       journal=_journal(no_journal), summariser=default_summariser(summariser),
                       skip_invalid=skip_invalid)
    for w in res.warnings:
        click.echo(f"kairos: warning: {w}", err=True)
    if as_json:
        click.echo(json.dumps({"strategy": res.strategy, "before_tokens": round(res.before_tokens),
                               "after_tokens": round(res.after_tokens), "ratio": round(res.ratio, 4),
                               "tombstones": res.tombstones, "noop": res.noop, "warnings": res.warnings}))
    elif res.noop:
        click.echo(f"already within {target_tokens} tokens ({res.before_tokens:.0f}); copied unchanged")
    else:
        click.echo(f"{res.strategy}: {res.before_tokens:.0f} -> {res.after_tokens:.0f} tokens "
                   f"(ratio {res.ratio:.2f}); tombstones: {', '.join(res.tombstones) or 'none'}")


@click.command()
@click.argument("tombstone")
@click.option("--format", "fmt", default="text", show_default=True, type=click.Choice(["text", "jsonl"]),
              help="text: readable turns; jsonl: the original transcript records.")
def expand(tombstone: str, fmt: str) -> None:
    """Bring back the original turns behind a compaction tombstone (e.g. ts-1a2b3c4d5e)."""
    from kairos.compact import expand as expand_ts
    from kairos.compact import render_records
    from kairos.store import Store

    records = expand_ts(Store().journal, tombstone)
    if fmt == "jsonl":
        for r in records:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    else:
        click.echo(render_records(records, max_chars_per_block=100_000))
