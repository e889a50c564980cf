"""Recall on many histories at once, pooled per category: one number over hundreds of questions.

    .venv/bin/python benchmarks/recall_pool.py HISTORY.json [HISTORY.json ...] [--json]

A single blind history has 36-40 current-state questions, so one question is 0.025 of its
latest@1 and two runs of a change differ by noise. Seeds of a generator
(``histories_blind_b.py --seed N``) pooled together give a steadier figure: this runs
``kairos bench recall`` on each file and sums, per category, over all their questions. It
prints aggregates only, so held-out histories stay unread.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from kairos.recall.bench import run_recall_bench

KEYS = ("hit@1", "hit@5", "recall@1", "recall@5", "recall@10")


def pool(paths: list[Path]) -> dict[str, dict[str, float]]:
    """Per category (and ``overall``), question-weighted means of the bench's metrics."""
    sums: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for path in paths:
        result = run_recall_bench(path)
        for cat, metrics in [*result["by_category"].items(), ("overall", result["overall"])]:
            n = metrics["n"]
            sums[cat]["n"] += n
            for key in KEYS:
                sums[cat][key] += metrics[key] * n
    return {cat: {"n": int(s["n"]), **{k: round(s[k] / s["n"], 4) if s["n"] else 0.0 for k in KEYS}}
            for cat, s in sorted(sums.items())}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("histories", nargs="+", type=Path)
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args()
    missing = [str(p) for p in args.histories if not p.is_file()]
    if missing:
        print(f"no such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    pooled = pool(args.histories)
    if args.json:
        print(json.dumps(pooled, indent=2))
        return 0
    print(f"{len(args.histories)} histories")
    for cat, m in pooled.items():
        print(f"{cat:16s} n={m['n']:4d}  hit@1 {m['hit@1']:.3f}  hit@5 {m['hit@5']:.3f}  "
              f"R@1 {m['recall@1']:.3f}  R@5 {m['recall@5']:.3f}  R@10 {m['recall@10']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
