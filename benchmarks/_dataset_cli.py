"""The command line shared by the recall-dataset generators: seed, projects, output file; and,
for the hand-written histories, the integrity check and the writer."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def generator_main(build: Callable[[int, int], dict[str, Any]], default_seed: int, doc: str | None) -> None:
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=default_seed)
    ap.add_argument("--projects", type=int, default=6)
    ap.add_argument("-o", "--out", type=Path, default=None)
    args = ap.parse_args()
    data = build(args.seed, args.projects)
    text = json.dumps(data, indent=1)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        n = sum(len(s["turns"]) for s in data["sessions"])
        print(f"{args.out}: {len(data['sessions'])} sessions, {n} turns, {len(data['questions'])} questions")
    else:
        print(text)


def check_dataset(data: dict[str, Any]) -> None:
    """Ids unique, every question with evidence, each evidence turn in the question's project,
    dates ISO: what the recall bench relies on. Raises ValueError naming the first fault."""
    turn_project: dict[str, str] = {}
    for s in data["sessions"]:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s["date"]):
            raise ValueError(f"bad date {s['date']}")
        for t in s["turns"]:
            if t["id"] in turn_project:
                raise ValueError(f"duplicate turn id {t['id']}")
            turn_project[t["id"]] = s["project"]
    qids = [q["id"] for q in data["questions"]]
    if len(set(qids)) != len(qids):
        raise ValueError("duplicate question ids")
    for q in data["questions"]:
        if not q["evidence"]:
            raise ValueError(f"{q['id']}: no evidence")
        for tid in q["evidence"]:
            if turn_project.get(tid) != q["project"]:
                raise ValueError(f"{q['id']}: evidence {tid} not in project")


def handwritten_main(build: Callable[[], dict[str, Any]], doc: str | None,
                     argv: list[str] | None = None) -> int:
    """``-o OUT``: build the hand-written histories, check them, write them as JSON."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0] if doc else None)
    parser.add_argument("-o", "--output", required=True, help="path of the JSON file to write")
    args = parser.parse_args(argv)
    data = build()
    check_dataset(data)
    with open(args.output, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    n_turns = sum(len(s["turns"]) for s in data["sessions"])
    n_projects = len({s["project"] for s in data["sessions"]})
    print(f"wrote {args.output}: {n_projects} projects, {len(data['sessions'])} sessions, "
          f"{n_turns} turns, {len(data['questions'])} questions", file=sys.stderr)
    return 0
