"""Where current-state misses come from, in aggregate: safe to run on held-out histories.

    .venv/bin/python benchmarks/recall_misses.py HISTORY.json [HISTORY.json ...] [--category current-state] [--depth 60]

Runs ``kairos bench recall`` and, for every question of the category whose top hit is
not evidence, counts:

- where the best evidence ranked: 2-5, 6-10, or not in the top 10 ("out"); with ``--depth N``
  above 10 also 11-12 (the rest of what the ``--llm`` reader reads), 13-25 and 26-N, which
  says how many misses a perfect reader of the best hits could mend at all;
- what the top hit is beside it: an *older* turn, a *newer* one, one of the *same day*, or
  the evidence's *adjacent* turn (within two turns, same session);
- which stage put the top hit there: a pairwise *move* (``truth.order_by_tense``), the
  *weighing* for state questions (the top changed there), or its *base* relevance.

It prints counts only, never a question or a turn, so a held-out set stays unread.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import kairos.recall.recall as recall_module
from kairos.recall.bench import run_recall_bench
from kairos.recall.reader import READ


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("histories", nargs="+", type=Path)
    ap.add_argument("--category", default="current-state")
    ap.add_argument("--depth", type=int, default=10, help="how many hits to ask for (default 10)")
    args = ap.parse_args()
    bands = _bands(args.depth)

    seen: dict[str, Any] = {}
    places: dict[int, dict[str, tuple[str, Any, int]]] = {}
    order_by_tense, weigh_for_state = recall_module.order_by_tense, recall_module.weigh_for_state

    def weigh(hits: list[Any], *a: Any, **k: Any) -> None:
        seen["top_before_weighing"] = max(hits, key=lambda h: h.score).id if hits else None
        weigh_for_state(hits, *a, **k)

    def order(hits: list[Any], *a: Any, **k: Any) -> int:
        before = {h.id: h.score for h in hits}
        moves = order_by_tense(hits, *a, **k)
        seen["moved"] = {h.id for h in hits if h.score != before[h.id]}
        return moves

    recall_module.weigh_for_state, recall_module.order_by_tense = weigh, order
    try:
        for path in args.histories:
            counts: Counter[str] = Counter()

            def each(q: dict[str, Any], res: Any, sessions: list[dict[str, Any]]) -> None:
                if q.get("category") != args.category:
                    seen.clear()
                    return
                counts["questions"] += 1
                ids = [h.id for h in res.results]
                evidence = set(q["evidence"])
                if ids and ids[0] in evidence:
                    counts["hit@1"] += 1
                elif ids:
                    counts["misses"] += 1
                    if id(sessions) not in places:  # one project's history: read once, not per miss
                        places[id(sessions)] = {t["id"]: (s["date"], s["id"], i)
                                                for s in sessions for i, t in enumerate(s["turns"])}
                    place = places[id(sessions)]
                    rank = min((ids.index(e) + 1 for e in evidence if e in ids), default=99)
                    band = next((b for b, top in bands if rank <= top), "out")
                    ev = min((e for e in evidence if e in place), key=lambda e: place[e][0])
                    (ev_day, ev_session, ev_i), (top_day, top_session, top_i) = place[ev], place[ids[0]]
                    if top_session == ev_session and abs(top_i - ev_i) <= 2:
                        beside = "adjacent"
                    elif top_day[:10] == ev_day[:10]:
                        beside = "same day"
                    else:
                        beside = "older" if top_day < ev_day else "newer"
                    stage = ("move" if ids[0] in seen.get("moved", ()) else
                             "weighing" if seen.get("top_before_weighing") not in (None, ids[0]) else "base")
                    counts[f"evidence {band}"] += 1
                    counts[f"top is {beside}"] += 1
                    counts[f"top by {stage}"] += 1
                    counts[f"top {beside}, by {stage}"] += 1
                seen.clear()

            run_recall_bench(path, args.depth, each=each)
            print(f"{path.name}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    finally:
        recall_module.weigh_for_state, recall_module.order_by_tense = weigh_for_state, order_by_tense
    return 0


def _bands(depth: int) -> list[tuple[str, int]]:
    """Rank bands up to ``depth``: 2-5, 6-10, then the rest of the reader's window
    (``reader.READ``), up to 25, and up to ``depth``."""
    bands = [("2-5", 5), ("6-10", 10)]
    for top in sorted({e for e in (READ, 25, depth) if 10 < e <= depth}):
        bands.append((f"{bands[-1][1] + 1}-{top}", top))
    return bands


if __name__ == "__main__":
    sys.exit(main())
