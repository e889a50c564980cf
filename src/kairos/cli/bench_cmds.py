"""``kairos bench``: measurement commands."""

from __future__ import annotations

from pathlib import Path

import click

from kairos.cli.output import console, json_option, print_json

__all__ = ["bench"]


@click.group()
def bench() -> None:
    """Benchmarks (retrieval quality and speed)."""


@bench.command("recall")
@click.argument("dataset", type=click.Path(path_type=Path))
@click.option("-k", "k", default=10, show_default=True, type=click.IntRange(10, 100), help="Results per question.")
@click.option("--llm", is_flag=True, help="Let the configured LLM order each answer's best hits (recall --llm).")
@click.option("--llm-links", is_flag=True,
              help="Before the questions, let the configured LLM judge which statements replace which (as dream does).")
@json_option
def recall_(dataset: Path, k: int, llm: bool, llm_links: bool, as_json: bool) -> None:
    """Ingest DATASET's turns into fresh stores, ask its questions, report recall@1/5/10 and hit@5."""
    from kairos.recall.bench import run_recall_bench

    if as_json:
        print_json(run_recall_bench(dataset, k, llm=llm, llm_links=llm_links))
        return
    from rich.progress import Progress
    from rich.table import Table

    c = console()
    with Progress(console=c, transient=True) as bar:
        task = bar.add_task("asking", total=None)
        res = run_recall_bench(dataset, k, lambda proj, i, n: bar.update(task, description=f"project {proj}",
                                                                         completed=i, total=n), llm=llm,
                               llm_links=llm_links)
    t = Table(title=f"recall benchmark: {res['name']}")
    for col in ("category", "n", "recall@1", "recall@5", "recall@10", "hit@5"):
        t.add_column(col, justify="right" if col != "category" else "left")
    rows = [("overall", res["overall"])] + list(res["by_category"].items())
    for name, m in rows:
        label = name + (" (excluded)" if name in res["excluded_from_overall"] else "")
        t.add_row(label, str(m["n"]), *(f"{m[x]:.3f}" for x in ("recall@1", "recall@5", "recall@10", "hit@5")))
    c.print(t)
    tm = res["timing"]
    c.print(f"answered by {res['answered_by']}; ingest {tm['turns']} turns in {tm['ingest_s']}s; "
            f"query p50 {tm['query_p50_ms']} ms, p95 {tm['query_p95_ms']} ms")
    if "links" in res:
        ln = res["links"]
        c.print(f"links judged by the LLM: {ln['judged']} statements read, {ln['links']} replaced, "
                f"{len(ln['failures'])} failed calls, {ln['seconds']} s")
