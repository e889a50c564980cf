"""Hybrid recall latency at 1k/10k/100k records, query embedding included.

    .venv/bin/python benchmarks/recall_latency.py [--sizes 1000,10000,100000] [--embedder static] [--json]

Records are synthetic coding-chat sentences (fixed seed, a 200-word vocabulary
plus rarer identifiers, so some query terms are common and some rare, as in a
real store). The store is indexed and embedded first; then each query is timed
through ``Recaller.recall`` in a warm process (the figure DESIGN §7 budgets:
p95 under 50 ms at 100k). The hook's own figure, process start included, is
``benchmarks/hook_latency.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from foundation import WORDS, pct  # the same vocabulary and percentile as the foundation benchmark

RARE = [f"{a}_{b}" for a in ("parse", "load", "sync", "retry", "render", "fetch", "merge", "index")
        for b in ("orders", "users", "events", "tokens", "invoices", "sessions", "charts", "jobs")]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 30))]
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), rng.choice(RARE) + str(rng.randint(0, 999)))
    return " ".join(words) + "."


def bench(root: Path, n: int, embedder: str, queries: int) -> dict[str, object]:
    from kairos.api import Kairos
    from kairos.journal import RecordDraft

    rng = random.Random(n)
    proj = root / f"p{n}"
    proj.mkdir()
    k = Kairos(proj, home=root / "home", device="bench", fsync=False)
    for start in range(0, n, 5000):
        k.journal.append_many([RecordDraft("observation", sentence(rng), session=f"s{(start + i) // 40}")
                               for i in range(min(5000, n - start))])
    t0 = time.perf_counter()
    k.refresh()
    build_s = time.perf_counter() - t0
    qs = []
    for _ in range(queries):
        q = [rng.choice(WORDS) for _ in range(rng.randint(3, 8))]
        if rng.random() < 0.5:
            q.append(rng.choice(RARE) + str(rng.randint(0, 999)))
        qs.append("how did we " + " ".join(q) + "?")
    r = k.recaller
    r.recall(qs[0], 10, check_staleness=False)  # warm: first memory map, first SQLite pages
    lat = []
    answered: dict[str, int] = {}
    for q in qs:
        t0 = time.perf_counter()
        res = r.recall(q, 10, check_staleness=False)
        lat.append((time.perf_counter() - t0) * 1000)
        answered[res.answered_by] = answered.get(res.answered_by, 0) + 1
    k.index.close()
    return {"records": n, "index_and_embed_s": round(build_s, 1), "p50_ms": round(statistics.median(lat), 2),
            "p95_ms": round(pct(lat, 0.95), 2), "answered_by": answered}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--embedder", default="static", help="static | minilm | none")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    os.environ["KAIROS_EMBEDDER"] = args.embedder
    with tempfile.TemporaryDirectory(prefix="kairos-bench-") as tmp:
        os.environ["KAIROS_HOME"] = str(Path(tmp) / "home")
        rows = [bench(Path(tmp), int(s), args.embedder, args.queries) for s in args.sizes.split(",")]
    if args.json:
        print(json.dumps({"embedder": args.embedder, "stores": rows}, indent=1))
        return
    print(f"embedder: {args.embedder}")
    print("| records | index + embed | recall p50 | recall p95 | answered by |")
    print("|---|---|---|---|---|")
    for s in rows:
        print(f"| {s['records']:,} | {s['index_and_embed_s']} s | {s['p50_ms']} ms | {s['p95_ms']} ms "
              f"| {', '.join(f'{k} {v}' for k, v in s['answered_by'].items())} |")


if __name__ == "__main__":
    main()
