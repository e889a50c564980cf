"""Measure dream on generated histories (no LLM): correctness, trust, budgets, time.

    .venv/bin/python benchmarks/dream_bench.py --records 10000 100000 [--seeds 3] [--json]

For each size: generate a history into a fresh store (benchmarks/dream_histories.py), run one
dream, and score the memory files against the ground truth:

- contradictions resolved: share of subjects whose value changed that end with exactly one live
  memory stating the current value and none stating a superseded value as current;
- subjects lost: subjects whose current value is in no live memory (a wrong supersession, a
  missed capture, or — counted apart as lost_held_by_trust — an agent's write the trust rule
  held back because it contradicts a user correction);
- duplicates left: live memories beyond one per subject;
- untrusted promoted: live memories containing a marker planted in untrusted content (must be 0);
- budgets: largest topic file, MEMORY.md lines and bytes per scope;
- dream seconds (wall, one run, this machine) and the second, idempotent run;
- incremental: 1 % more records appended, then a dream that resumes from the fold checkpoint.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dream_histories import bench_store, generate  # noqa: E402

from kairos.dream import dream  # noqa: E402
from kairos.dream.text import content_tokens  # noqa: E402
from kairos.store import Store  # noqa: E402


def _live(store: Store) -> dict[str, str]:
    out = {}
    for scope, d in store.memory_dirs().items():
        if d.is_dir():
            out.update({f"{scope}/{p.name}": p.read_text() for p in d.glob("*.md")})
    return out


# Words of a memory, without trailing sentence punctuation ("… is 8080." holds "8080"); before
# this fix the pattern kept the final dot, so a value ending a sentence counted as lost.
_WORDS = re.compile(r"[\w.\-]*\w")


def _words(text: str) -> set[str]:
    return set(_WORDS.findall(text.lower()))


def _body(text: str) -> str:
    return text.split("\n---\n", 1)[-1]


def run(n: int, seed: int, version: int = 2) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        store = bench_store(Path(tmp))
        t0 = time.perf_counter()
        truth = generate(store.journal, n, seed=seed, version=version)
        gen_s = time.perf_counter() - t0
        report = dream(store)
        again = dream(store)
        files = _live(store)
        topics = {k: v for k, v in files.items() if not k.endswith("MEMORY.md")}
        bodies = {k: _body(v) for k, v in topics.items()}
        right = 0
        dup_left = 0
        lost = 0
        held = 0  # of the lost: the value was stated by a non-user and held back by the trust rule
        for subject, value in truth.current.items():
            stoks = content_tokens(subject)
            about = [b for b in bodies.values() if stoks <= content_tokens(b)]
            current = [b for b in about if value.lower() in _words(b)]
            dup_left += max(0, len(about) - 1)
            if not current:  # the current value is in no live memory
                lost += 1
                held += any(d.action == "reject" and stoks <= content_tokens(str(d.detail.get("rejected")))
                            and value.lower() in _words(str(d.detail.get("rejected")))
                            for d in report.decisions)
            if subject in truth.contradicted:
                stale = [b for b in about if any(o.lower() in _words(b)
                                                 for o in truth.old_values.get(subject, ()))
                         and b not in current]
                if len(current) == 1 and not stale and len(about) == 1:
                    right += 1
        promoted = sum(1 for b in files.values() for m in truth.untrusted_markers if m in b)
        indexes = {k: v for k, v in files.items() if k.endswith("MEMORY.md")}
        # then 1 % more records: the next dream resumes from the checkpoint (timed, not scored)
        generate(store.journal, max(100, n // 100), seed=seed + 1000, version=version)
        inc = dream(store)
        return {
            "records": n, "seed": seed, "generator": f"v{version}", "subjects": len(truth.current),
            "contradicted_subjects": len(truth.contradicted),
            "contradictions_resolved": round(right / max(1, len(truth.contradicted)), 3),
            "subjects_lost": lost, "lost_held_by_trust": held,
            "duplicates_planted": truth.duplicates_planted, "duplicates_left": dup_left,
            "untrusted_planted": len(truth.untrusted_markers), "untrusted_promoted": promoted,
            "memories": len(topics),
            "max_topic_bytes": max((len(v.encode()) for v in topics.values()), default=0),
            "max_index_lines": max((len(v.splitlines()) for v in indexes.values()), default=0),
            "max_index_bytes": max((len(v.encode()) for v in indexes.values()), default=0),
            "generate_s": round(gen_s, 2), "dream_s": round(report.seconds, 2),
            "second_dream_s": round(again.seconds, 2), "second_dream_changes": len(again.changes)
            + len(again.decisions), "decisions": len(report.decisions),
            "incremental_s": round(inc.seconds, 2), "incremental_resumed": inc.resumed,
        }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--seeds", type=int, default=1)
    ap.add_argument("--generator", type=int, nargs="+", default=[2], choices=[1, 2],
                    help="history generator: 1 = the original templates, 2 = more varied frames")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    rows = [run(n, seed, v) for v in args.generator for n in args.records for seed in range(args.seeds)]
    if args.json:
        print(json.dumps(rows, indent=1))
        return
    keys = ["generator", "records", "seed", "contradictions_resolved", "subjects", "subjects_lost", "lost_held_by_trust", "duplicates_planted", "duplicates_left",
            "untrusted_promoted", "memories", "max_topic_bytes", "max_index_lines",
            "max_index_bytes", "dream_s", "second_dream_s", "second_dream_changes", "incremental_s",
            "incremental_resumed"]
    print(" | ".join(keys))
    for r in rows:
        print(" | ".join(str(r[k]) for k in keys))


if __name__ == "__main__":
    main()
