"""Time one in-process compaction per strategy, reported per 100k tokens (no LLM, no process start).

Usage: .venv/bin/python benchmarks/compact_speed.py CASE.json|TRANSCRIPT.jsonl [--target 20000]
A case file (the compaction benchmark's format) is flattened into one transcript.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from kairos.compact import Compactor, Transcript
from kairos.journal import Journal


def load(path: Path) -> Transcript:
    if path.suffix == ".json":
        case = json.loads(path.read_text())
        recs, last = [], None
        for seg in case["segments"]:
            seg = [dict(r) for r in seg]
            if seg and last is not None:
                seg[0]["parentUuid"] = last
            recs += seg
            last = next((r["uuid"] for r in reversed(recs) if r.get("type") in ("user", "assistant")), last)
        return Transcript.from_records(recs)
    return Transcript.read(path)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path", type=Path)
    ap.add_argument("--target", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=3)
    opts = ap.parse_args()
    t = load(opts.path)
    tokens = t.tokens()
    print(f"{opts.path.name}: {tokens:,.0f} tokens, target {opts.target:,}")
    with tempfile.TemporaryDirectory() as d:
        journal = Journal(Path(d), "bench")
        for strategy in ("naive", "reactive", "collapse", "mask"):
            best = float("inf")
            for _ in range(opts.repeat):
                t0 = time.perf_counter()
                res = Compactor(strategy, opts.target, journal=journal).compact(t)
                best = min(best, time.perf_counter() - t0)
            print(f"  {strategy:<9} after {res.after_tokens:>8,.0f}  ratio {res.ratio:.2f}  "
                  f"{best:.3f}s  = {best / tokens * 100_000:.3f}s per 100k tokens")


if __name__ == "__main__":
    main()
