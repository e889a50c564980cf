"""``kairos bench recall``: the retrieval benchmark over a recall dataset (DESIGN §6).

Every turn is ingested, with its session date and speaker, into a fresh store
(one per ``project`` when sessions carry one, as separate stores would be);
every question is asked; recall@1/5/10 and hit@5 are reported overall and per
category, with ingest and query timings.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from kairos.errors import InputError
from kairos.journal import RecordDraft

__all__ = ["load_dataset", "run_recall_bench"]

KS = (1, 5, 10)


def load_dataset(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"no dataset at {path}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not a JSON recall dataset ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("sessions"), list) \
            or not isinstance(data.get("questions"), list):
        raise InputError(f"{path}: a recall dataset needs 'sessions' and 'questions' lists")
    for s in data["sessions"]:
        if not isinstance(s, dict) or "id" not in s or not isinstance(s.get("turns"), list):
            raise InputError(f"{path}: every session needs an 'id' and a 'turns' list")
        for t in s["turns"]:
            if not isinstance(t, dict) or not {"id", "text"} <= t.keys():
                raise InputError(f"{path}: session {s['id']}: every turn needs 'id' and 'text'")
    for q in data["questions"]:
        if not isinstance(q, dict) or not {"id", "question", "evidence"} <= q.keys():
            raise InputError(f"{path}: every question needs 'id', 'question' and 'evidence'")
    return data


def _end_of(sessions: list[dict[str, Any]]) -> datetime | None:
    """The day after a history's last session: the present its questions are asked in."""
    last = None
    for s in sessions:
        try:
            when = datetime.fromisoformat(str(s.get("date", "")).replace("Z", "+00:00"))
        except ValueError:
            continue
        when = when if when.tzinfo else when.replace(tzinfo=timezone.utc)
        last = when if last is None or when > last else last
    return last + timedelta(days=1) if last else None


def _metrics(rows: list[dict[str, float]]) -> dict[str, Any]:
    n = len(rows)
    out: dict[str, Any] = {}
    for key in [f"recall@{k}" for k in KS] + ["hit@1", "hit@5"]:
        out[key] = round(sum(r[key] for r in rows) / n, 4) if n else 0.0
    out["n"] = n
    return out


def run_recall_bench(path: Path, k: int = 10,
                     progress: Callable[[str, int, int], None] | None = None, *,
                     llm: bool = False, llm_links: bool = False,
                     each: Callable[[dict[str, Any], Any, list[dict[str, Any]]], None] | None = None
                     ) -> dict[str, Any]:
    """``llm``: the configured model orders each question's best hits (recall/reader.py); a
    question it failed on counts under ``answered_by`` without "+llm". ``llm_links``: after the
    ingest, the configured model judges which statements replace which (dream/links.py), with
    no call budget; its time is reported apart from the ingest's. ``each(question, result,
    sessions)`` sees every answer (benchmarks/recall_misses.py reads the misses from it)."""
    from kairos.api import Kairos

    data = load_dataset(path)
    by_project: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for s in data["sessions"]:
        by_project[str(s.get("project", "_all"))].append(s)
    questions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for q in data["questions"]:
        questions[str(q.get("project", "_all")) if by_project.keys() != {"_all"} else "_all"].append(q)
    excluded = set(data.get("exclude_from_overall", []))
    rows: list[tuple[str, dict[str, float]]] = []
    ingest_s = 0.0
    n_turns = 0
    query_ms: list[float] = []
    answered_by: dict[str, int] = defaultdict(int)
    # The stores are throwaway homes; the model is the one the user configured where the bench runs.
    reader, reader_timeout = Kairos().reader() if llm or llm_links else (None, 30.0)
    links: dict[str, Any] = {"judged": 0, "links": 0, "failures": [], "seconds": 0.0}
    with tempfile.TemporaryDirectory(prefix="kairos-bench-") as tmp:
        for pi, (proj, sessions) in enumerate(sorted(by_project.items())):
            root = Path(tmp) / f"p{pi}"
            root.mkdir()
            kai = Kairos(root, home=Path(tmp) / "home", device="bench")
            t0 = time.perf_counter()
            drafts = []
            for s in sessions:
                for t in s["turns"]:
                    speaker = t.get("speaker") or ""
                    text = f"{speaker}: {t['text']}" if speaker else t["text"]
                    drafts.append(RecordDraft("observation", text, None, str(s["id"]), "imported",
                                              {"ext_id": t["id"], "speaker": speaker, "date": s.get("date"),
                                               "project": proj}))
            kai.journal.append_many(drafts)
            kai.refresh()  # index and embed inside the ingest timing
            ingest_s += time.perf_counter() - t0
            n_turns += len(drafts)
            if llm_links:
                t2 = time.perf_counter()
                rep = kai.judge_links(max_calls=len(drafts), provider=reader)
                links["judged"] += rep.judged
                links["links"] += rep.links
                links["failures"] += rep.failures
                links["seconds"] = round(links["seconds"] + time.perf_counter() - t2, 1)
            qs = questions.get(proj, [])
            present = _end_of(sessions)  # "last week" in a question means the history's last week
            for qi, q in enumerate(qs):
                t1 = time.perf_counter()
                res = kai.recaller.recall(q["question"], k, check_staleness=False, now=present,
                                          reader=reader if llm else None, reader_timeout=reader_timeout)
                query_ms.append((time.perf_counter() - t1) * 1000)
                answered_by[res.answered_by] += 1
                ids = [h.id for h in res.results]
                ev = set(q["evidence"])
                row = {f"recall@{kk}": (len(ev & set(ids[:kk])) / len(ev) if ev else 0.0) for kk in KS}
                row["hit@1"] = 1.0 if ev & set(ids[:1]) else 0.0  # the top hit is evidence
                row["hit@5"] = 1.0 if ev & set(ids[:5]) else 0.0
                rows.append((str(q.get("category", "all")), row))
                if each:
                    each(q, res, sessions)
                if progress:
                    progress(proj, qi + 1, len(qs))
            kai.index.close()
    by_cat: dict[str, list[dict[str, float]]] = defaultdict(list)
    for cat, row in rows:
        by_cat[cat].append(row)
    overall = [row for cat, row in rows if cat not in excluded]
    qs_sorted = sorted(query_ms)
    out: dict[str, Any] = {
        "name": data.get("name", Path(path).stem),
        "overall": _metrics(overall),
        "by_category": {c: _metrics(r) for c, r in sorted(by_cat.items())},
        "excluded_from_overall": sorted(excluded),
        "answered_by": dict(answered_by),
        "timing": {
            "turns": n_turns,
            "ingest_s": round(ingest_s, 3),
            "ingest_ms_per_turn": round(ingest_s * 1000 / max(1, n_turns), 4),
            "queries": len(query_ms),
            "query_p50_ms": round(statistics.median(qs_sorted), 3) if qs_sorted else 0.0,
            "query_p95_ms": round(qs_sorted[int(0.95 * (len(qs_sorted) - 1))], 3) if qs_sorted else 0.0,
        },
    }
    if llm_links:
        out["links"] = links
    return out
