"""How far LLM-judged supersession links could take current-state recall: a perfect judge.

    .venv/bin/python benchmarks/link_ceiling.py --seeds 21 22 [--json]

``dream/links.py`` shows a model each statement with the earlier statements most like it and
asks which of them it replaces. No model of real size runs here, so this measures the best such
a model could do. It generates set-B histories (benchmarks/histories_blind_b.py) for the given
seeds, keeps the generator's own record of which turn states which value of which subject, and
serves a local OpenAI-compatible endpoint that answers the link prompt from that record: an
earlier note is replaced when the new note sets a subject to a value and the earlier one states
another value of that subject. Everything else is the product path: ``kairos bench recall
--llm-links`` with that endpoint as the LLM.

It reports, for current-state questions, where the latest fact ranks without links (the rules
alone) and with the perfect judge, plus the judge's call count. Counts only. Use seeds that no
other measurement uses (the B 5-12 pool and the held-out seeds 1-4 stay as they are).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import threading
from collections import Counter
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import histories_blind_b as hb
from gguf_chat_server import chat_handler

from kairos.dream.links import ENTRY_CHARS
from kairos.recall.bench import run_recall_bench

_ENTRY = re.compile(r"^(?:NEW \([^)]*\)|\[(\d+)\] \S+): (.*)$")


def generate(seed: int) -> tuple[dict[str, Any], dict[str, list[tuple[str, Any, str]]]]:
    """The dataset, and for each turn id the (subject, value, role) annotations it carries."""
    captured: list[list[dict[str, Any]]] = []
    original = hb.Gen.questions

    def questions(self: Any, P: Any, plans: Any, changing: Any, stable_key: Any, all_turns: Any,
                  *a: Any, **k: Any) -> Any:
        captured.append(list(all_turns))
        return original(self, P, plans, changing, stable_key, all_turns, *a, **k)

    hb.Gen.questions = questions  # type: ignore[method-assign]
    try:
        ds = hb.Gen(seed).build()
    finally:
        hb.Gen.questions = original  # type: ignore[method-assign]
    annots = {t["id"]: list(t["annots"]) for turns in captured for t in turns}
    return ds, annots


class PerfectJudge:
    """Answers dream/links.py's prompt from the generator's annotations."""

    def __init__(self) -> None:
        self.by_text: dict[str, str] = {}
        self.annots: dict[str, list[tuple[str, Any, str]]] = {}
        self.calls = 0

    def load(self, ds: dict[str, Any], annots: dict[str, list[tuple[str, Any, str]]]) -> None:
        for s in ds["sessions"]:
            for t in s["turns"]:
                text = f"{t['speaker']}: {t['text']}" if t.get("speaker") else t["text"]
                self.by_text[_clip(text)] = t["id"]
        self.annots.update(annots)

    def replaces(self, old: str | None, new: str | None) -> bool:
        if old is None or new is None:
            return False
        sets = {(k, v) for k, v, role in self.annots.get(new, []) if role == "set"}
        return any(k == sk and v is not None and v != sv and role in ("set", "restate", "old", "alt")
                   for k, v, role in self.annots.get(old, []) for sk, sv in sets)

    def answer(self, prompt: str) -> dict[str, Any]:
        self.calls += 1
        new, earlier = None, []
        for line in prompt.splitlines():
            m = _ENTRY.match(line)
            if not m:
                continue
            if m.group(1) is None:
                new = self.by_text.get(m.group(2))
            else:
                earlier.append((int(m.group(1)), self.by_text.get(m.group(2))))
        return {"replaces": [n for n, old in earlier if self.replaces(old, new)], "why": "the history says so"}


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= ENTRY_CHARS else text[:ENTRY_CHARS - 1] + "…"


def serve(judge: PerfectJudge) -> ThreadingHTTPServer:
    def complete(body: dict[str, Any]) -> tuple[str, int, int]:
        prompt = next((m["content"] for m in reversed(body.get("messages", [])) if m.get("role") == "user"), "")
        return json.dumps(judge.answer(str(prompt))), 0, 0

    server = ThreadingHTTPServer(("127.0.0.1", 0), chat_handler(complete))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def band(rank: int | None) -> str:
    if rank == 1:
        return "1"
    if rank is None:
        return "beyond 60"
    return next(b for b, hi in (("2-5", 5), ("6-12", 12), ("13-25", 25), ("26-60", 60)) if rank <= hi)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, nargs="+", default=[21, 22])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    judge = PerfectJudge()
    server = serve(judge)
    os.environ.update(KAIROS_LLM="openai", KAIROS_LLM_MODEL="perfect",
                      KAIROS_LLM_BASE_URL=f"http://127.0.0.1:{server.server_address[1]}/v1")
    os.environ.setdefault("OPENAI_API_KEY", "not-needed")
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for mode in ("rules", "perfect judge"):
            bands: Counter[str] = Counter()
            judged = links = 0
            others: Counter[str] = Counter()
            for seed in args.seeds:
                ds, annots = generate(seed)
                judge.load(ds, annots)
                path = Path(tmp) / f"b{seed}.json"
                path.write_text(json.dumps(ds), encoding="utf-8")

                def each(q: dict[str, Any], res: Any, sessions: Any, bands: Counter[str] = bands) -> None:
                    if q.get("category") != "current-state":
                        return
                    ids = [h.id for h in res.results]
                    ev = set(q["evidence"])
                    bands[band(next((i + 1 for i, x in enumerate(ids) if x in ev), None))] += 1

                res = run_recall_bench(path, 60, each=each, llm_links=mode != "rules")
                for cat, m in res["by_category"].items():
                    others[f"{cat} n"] += m["n"]
                    others[f"{cat} hit@1"] += round(m["hit@1"] * m["n"])
                judged += res.get("links", {}).get("judged", 0)
                links += res.get("links", {}).get("links", 0)
            out[mode] = {"questions": sum(bands.values()), **{b: bands[b] for b in
                         ("1", "2-5", "6-12", "13-25", "26-60", "beyond 60")},
                         "statements judged": judged, "links": links,
                         "hit@1 by category": {c[:-2]: f"{others[c[:-2] + ' hit@1']}/{others[c]}"
                                               for c in sorted(others) if c.endswith(" n")}}
    server.shutdown()
    if args.json:
        print(json.dumps(out))
        return 0
    print(f"current-state questions, seeds {' '.join(map(str, args.seeds))}: rank of the latest fact")
    print(f"{'':15} {'n':>4} " + " ".join(f"{b:>9}" for b in ("1", "2-5", "6-12", "13-25", "26-60", "beyond 60"))
          + "   judged  links")
    for mode, row in out.items():
        print(f"{mode:15} {row['questions']:>4} " + " ".join(f"{row[b]:>9}" for b in
              ("1", "2-5", "6-12", "13-25", "26-60", "beyond 60"))
              + f"   {row['statements judged']:>6} {row['links']:>6}")
    for mode, row in out.items():
        print(f"{mode}: top hit is evidence, by category: "
              + ", ".join(f"{c} {v}" for c, v in row["hit@1 by category"].items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
