"""Why does a subject end with no live memory holding its current value? A diagnostic.

    .venv/bin/python benchmarks/dream_diagnose.py --records 10000 --generator 2 [--show 5]

Generates the same history as dream_bench.py (same seed), folds it (no files written), and for
each subject whose current value is in no live memory follows the record that last stated that
value: what the fold decided about it (create / merge / supersede / reject), and what later
happened to the memory it went into (superseded by which statement, retired why). Prints a count
per cause and a few examples of each.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dream_histories import bench_store, generate  # noqa: E402

from kairos.dream.consolidate import _Folder, fold  # noqa: E402
from kairos.dream.run import read_records  # noqa: E402
from kairos.dream.text import asserted_tokens, compare, content_tokens  # noqa: E402

_WORDS = re.compile(r"[\w.\-]*\w")


def words(text: str) -> set[str]:
    return set(_WORDS.findall(text.lower()))


def subject_of(text: str, subjects: list[str]) -> str | None:
    toks = content_tokens(text)
    hits = [s for s in subjects if content_tokens(s) <= toks]
    return max(hits, key=len) if hits else None


def diagnose(n: int, seed: int, version: int, show: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = bench_store(Path(tmp))
        truth = generate(store.journal, n, seed=seed, version=version)
        records = sorted(read_records(store.journal, []), key=lambda r: r.id)
    by_index = {i: r for i, r in enumerate(records)}
    state: list[_Folder] = []
    f = fold(records, on_folded=state.append)
    subjects = list(truth.current)
    # decisions in fold order, by the record they were about (last id they rest on)
    about: dict[str, list] = defaultdict(list)
    by_name: dict[str, list] = defaultdict(list)
    for d in f.decisions:
        if d.rests_on:
            about[d.rests_on[-1]].append(d)
        by_name[d.name].append(d)
    live = [s for s in f.active()]
    causes: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for subject, value in truth.current.items():
        stoks = content_tokens(subject)
        holding = [s for s in live if stoks <= content_tokens(s.text) and value.lower() in words(s.text)]
        if holding:
            continue
        last = [fct for fct in truth.facts if fct[1] == subject and fct[2] == value]
        idx, _, _, what = last[-1]
        rec = by_index[idx]
        lines = [f"subject {subject!r} = {value!r}; last stated by {what} [{rec.provenance}] {rec.text!r}"]
        ds = about.get(rec.id, [])
        if not ds:
            cause = "no decision (statement not captured)"
        else:
            d = ds[0]
            lines.append(f"  fold: {d.action} {d.name}: {d.reason}")
            if d.action == "reject":
                cause = f"rejected ({d.reason[:60]})"
                lines.append(f"  kept: {d.detail.get('kept')!r}")
            else:
                slot = f.by_name(d.name)
                later = [x for x in by_name[d.name] if f.decisions.index(x) > f.decisions.index(d)]
                if slot is None:
                    cause = "slot missing"
                elif slot.status == "retired":
                    cause = "memory retired: " + re.sub(r"\(.*", "", slot.retired_reason)[:50]
                    lines.append(f"  retired: {slot.retired_reason}")
                elif value.lower() in words(slot.text):
                    cause = "live memory holds the value but not the subject's words"
                    lines.append(f"  now: {slot.text!r}")
                else:
                    sup = [x for x in later if x.action in ("supersede",)]
                    if sup:
                        new = str(sup[0].detail.get("new", ""))
                        other = subject_of(new, subjects)
                        cause = ("superseded by another subject" if other != subject
                                 else "superseded by an older value?") if other else "superseded by ?"
                        lines.append(f"  then superseded by {new!r} (subject {other!r}): {sup[0].reason}")
                    elif d.action == "merge":
                        cause = "merged into a memory holding another value"
                    else:
                        cause = "memory holds another value"
                    lines.append(f"  now: {slot.text!r}")
        causes[cause] += 1
        examples[cause].append("\n".join(lines))
    print(f"v{version} {n} records: {sum(causes.values())} subjects lost of {len(subjects)}")
    _print(causes, examples, show)
    duplicates(truth, state[0], live, show)
    unresolved(truth, live)
    fo = state[0]
    print("frame words learned:", " ".join(sorted(fo.frame_words)))
    print("subject words learned:", " ".join(sorted(fo.subject_words - fo.value_words)))


def unresolved(truth, live: list) -> None:  # noqa: ANN001
    """Changed subjects the bench does not count resolved, by the first reason that applies."""
    why: Counter[str] = Counter()
    for subject in truth.contradicted:
        value, stoks = truth.current[subject].lower(), content_tokens(subject)
        about = [s for s in live if stoks <= content_tokens(s.text)]
        current = [s for s in about if value in words(s.text)]
        old = {o.lower() for o in truth.old_values.get(subject, ())}
        if not current:
            why["current value in no live memory (lost)"] += 1
        elif len(about) > 1:
            why["more than one live memory (duplicates left)"] += 1
        elif any(words(s.text) & old for s in about if s not in current):
            why["a live memory states a superseded value"] += 1
    print(f"changed subjects unresolved: {sum(why.values())} of {len(truth.contradicted)}: "
          + "; ".join(f"{k} {c}" for c, k in why.most_common()))


def _print(causes: Counter[str], examples: dict[str, list[str]], show: int) -> None:
    for cause, k in causes.most_common():
        print(f"{k:4d}  {cause}")
        for ex in examples[cause][:show]:
            print("      " + ex.replace("\n", "\n      "))


def _why_apart(folder: _Folder, old, new) -> str:  # noqa: ANN001
    """Why the fold, today, would not fold ``new``'s statement into ``old`` (the rule that blocks)."""
    a, b = asserted_tokens(old.text), asserted_tokens(new.text)
    if old.core and old.core != a and (old.core - b) - folder.value_words:
        return "core word missing: " + " ".join(sorted((old.core - b) - folder.value_words))
    if (a - b) & folder.subject_words - folder.value_words:
        return "subject word missing: " + " ".join(sorted((a - b) & folder.subject_words - folder.value_words))
    if not old.core <= content_tokens(new.text) and not new.core <= content_tokens(old.text):
        cores = "no core contains the other"
    else:
        cores = ""
    v = folder._core_verdict(old, new.text) or compare(old.text, new.text)
    if v.relation in ("duplicate", "contradiction"):
        if v.relation == "duplicate" and folder._brings_value(old, new.text):
            return "duplicate verdict, but brings a known value"
        blocked = folder._may_supersede(old, _as_statement(new))
        if blocked:
            return f"{v.relation} today, blocked: {blocked}"
        if old.type != new.type:
            return f"{v.relation} today, but healing needs one memory type ({old.type}/{new.type})"
        return f"{v.relation} today ({cores or 'allowed'}; order/posting?)"
    return f"verdict {v.relation}: {v.why[:40]}"


def _as_statement(slot):  # noqa: ANN001, ANN202
    from kairos.dream.consolidate import Statement
    from kairos.journal import Record
    rec = Record(id=slot.sources[-1], time=slot.valid_from, kind="memory", text=slot.text,
                 device="diagnose", provenance={3: "user", 2: "agent"}.get(slot.authority, "tool"),
                 type=slot.type)
    return Statement(slot.text, slot.type, rec, slot.signal)


def duplicates(truth, folder: _Folder, live: list, show: int) -> None:  # noqa: ANN001
    """Subjects with more than one live memory: what each extra memory holds (the current value, a
    superseded value, another) and which rule keeps it apart from the newest memory of the subject."""
    kinds: Counter[str] = Counter()
    causes: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for subject, value in truth.current.items():
        stoks = content_tokens(subject)
        about = sorted((s for s in live if stoks <= content_tokens(s.text)), key=lambda s: s.valid_from)
        if len(about) < 2:
            continue
        newest = about[-1]
        old_values = {o.lower() for o in truth.old_values.get(subject, ())}
        for other in about[:-1]:
            w = words(other.text)
            kind = "current value" if value.lower() in w else \
                "superseded value" if w & old_values else "other value"
            kinds[kind] += 1
            why = _why_apart(folder, other, newest)
            cause = f"{kind}: {re.sub(r'[:(].*', '', why)}"
            causes[cause] += 1
            examples[cause].append(f"{subject!r}={value!r}: {why}\n  older {other.text!r} core "
                                   f"{' '.join(sorted(other.core))!r}\n  newer {newest.text!r} core "
                                   f"{' '.join(sorted(newest.core))!r}")
    print(f"duplicates left: {sum(kinds.values())} ({dict(kinds)})")
    _print(causes, examples, show)
    missing: Counter[str] = Counter()
    for cause, exs in examples.items():
        for ex in exs:
            m = re.search(r"(?:core|subject) word missing: ([^\n]*)", ex)
            if m:
                missing.update(m.group(1).split())
    print("words most often blocking:", ", ".join(f"{t} {k}" for t, k in missing.most_common(15)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--generator", type=int, nargs="+", default=[2], choices=[1, 2])
    ap.add_argument("--show", type=int, default=3)
    args = ap.parse_args()
    for v in args.generator:
        diagnose(args.records, args.seed, v, args.show)


if __name__ == "__main__":
    main()
