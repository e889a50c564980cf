"""The command line shared by the recall-dataset generators: seed, projects, output file."""

from __future__ import annotations

import argparse
import json
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
