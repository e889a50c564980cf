"""Foundation benchmarks: durable appends/s, index rebuild time, lexical and hybrid recall latency.

    .venv/bin/python benchmarks/foundation.py [--sizes 1000,10000,100000] [--json]

Synthetic records are sentences drawn from a fixed vocabulary with a fixed seed,
so runs are comparable. Everything happens in a temporary KAIROS_HOME.
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

WORDS = ("queue worker retry timeout deploy branch release migration schema index cache redis postgres "
         "celery rq api endpoint auth token session cookie header proxy nginx docker image build test "
         "pytest fixture mock flaky ci pipeline lint ruff mypy typing config env variable secret vault "
         "logging metrics grafana alert incident rollback feature flag payment invoice customer order "
         "refund webhook stripe email template render cli command option parser json yaml toml file path "
         "module package import circular dependency version pin upgrade python node rust frontend react "
         "component state hook store reducer route page layout css theme bug fix regression benchmark").split()


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30))) + "."


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * (len(xs) - 1)))]


def bench_appends(root: Path) -> dict[str, float]:
    from kairos.journal import Journal, RecordDraft

    j = Journal(root / "a", "bench", fsync=True)
    n = 2000
    t0 = time.perf_counter()
    for i in range(n):
        j.append("observation", f"durable record {i} " + "x" * 100)
    single = n / (time.perf_counter() - t0)
    jb = Journal(root / "b", "bench", fsync=True)
    batches, size = 100, 100
    t0 = time.perf_counter()
    for b in range(batches):
        jb.append_many([RecordDraft("observation", f"batched {b}/{i} " + "x" * 100) for i in range(size)])
    batched = batches * size / (time.perf_counter() - t0)
    # the disk's own fsync ceiling, for comparison
    fd = os.open(root / "fsync-probe", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    t0 = time.perf_counter()
    for _ in range(1000):
        os.write(fd, b"x" * 200)
        os.fsync(fd)
    raw = 1000 / (time.perf_counter() - t0)
    os.close(fd)
    return {"fsync_each_per_s": round(single), "batched_100_per_s": round(batched),
            "raw_fsync_per_s": round(raw)}


def bench_store(root: Path, n: int, queries: int = 200) -> dict[str, float]:
    from kairos.api import Kairos
    from kairos.journal import RecordDraft
    from kairos.recall import Recaller

    rng = random.Random(n)
    proj = root / f"p{n}"
    proj.mkdir()
    k = Kairos(proj, home=root / "home", device="bench", fsync=False)
    for start in range(0, n, 5000):
        k.journal.append_many([RecordDraft("observation", sentence(rng)) for _ in range(min(5000, n - start))])
    t0 = time.perf_counter()
    k.index.rebuild()
    rebuild_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    k.refresh()  # embeds every document with the default embedder
    embed_s = time.perf_counter() - t0
    qs = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 8))) for _ in range(queries)]
    out = {"records": n, "rebuild_s": round(rebuild_s, 2), "embed_s": round(embed_s, 2)}
    for mode, recaller in (("lexical", Recaller(k.index, proj, None)), ("hybrid", k.recaller)):
        recaller.recall(qs[0], 10)
        lat = []
        for q in qs:
            t0 = time.perf_counter()
            res = recaller.recall(q, 10, check_staleness=False)
            lat.append((time.perf_counter() - t0) * 1000)
        assert res.answered_by == mode, res.note
        out[f"{mode}_p50_ms"] = round(statistics.median(lat), 2)
        out[f"{mode}_p95_ms"] = round(pct(lat, 0.95), 2)
    k.index.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="kairos-bench-") as tmp:
        os.environ["KAIROS_HOME"] = str(Path(tmp) / "home")
        out = {"appends": bench_appends(Path(tmp)),
               "stores": [bench_store(Path(tmp), int(s)) for s in args.sizes.split(",")]}
    if args.json:
        print(json.dumps(out, indent=1))
        return
    a = out["appends"]
    print(f"durable appends: {a['fsync_each_per_s']}/s fsync each, {a['batched_100_per_s']}/s batched by 100 "
          f"(raw fsync ceiling {a['raw_fsync_per_s']}/s)")
    print("| records | index rebuild | embed all | lexical p50 / p95 | hybrid p50 / p95 (query embedding incl.) |")
    print("|---|---|---|---|---|")
    for s in out["stores"]:
        print(f"| {s['records']:,} | {s['rebuild_s']} s | {s['embed_s']} s | {s['lexical_p50_ms']} / "
              f"{s['lexical_p95_ms']} ms | {s['hybrid_p50_ms']} / {s['hybrid_p95_ms']} ms |")


if __name__ == "__main__":
    main()
