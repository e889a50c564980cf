"""Build the list of common English words that kairos ships (src/kairos/index/data/common_words.txt).

Why: a capitalised word at the start of a sentence is either an ordinary word
("Everything", "Upgraded") or a name ("Redis handles the cache", "Priya owns
billing"). The value reader (index/subjects.py) reads it as a name only when it
is not a common English word. The list is the ``N`` most frequent English words
of the `wordfreq` package (data CC BY-SA 4.0, by Robyn Speer and contributors),
lower case, ASCII letters only, one per line.

Never needed at run time (the text file ships); reproduce it with:

    python3 -m venv /tmp/wf && /tmp/wf/bin/pip install wordfreq==3.1.1
    /tmp/wf/bin/python benchmarks/build_common_words.py [--n 12000]
"""

from __future__ import annotations

import argparse
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "kairos" / "index" / "data" / "common_words.txt"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=12000, help="how many of the most frequent words")
    ap.add_argument("-o", "--out", type=Path, default=OUT)
    args = ap.parse_args()
    from wordfreq import top_n_list

    words = sorted({w for w in top_n_list("en", args.n) if w.isascii() and w.isalpha()})
    header = (f"# The {args.n} most frequent English words of wordfreq (CC BY-SA 4.0), ASCII letters only.\n"
              "# Built by benchmarks/build_common_words.py; read by kairos.index.subjects.\n")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {args.out}")


if __name__ == "__main__":
    main()
