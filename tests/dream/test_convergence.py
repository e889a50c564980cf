"""Many instances, one memory: dream over the union of two devices' journals reaches the same
memory files whatever order the records arrived in (including dreams in between)."""

from __future__ import annotations

import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kairos.dream import capture_turn, dream
from kairos.journal import Journal
from kairos.store import Store

SUBJECTS = [("staging database port", ["5432", "6543", "7000"]),
            ("deploy branch", ["main", "release", "production"]),
            ("package manager", ["npm", "pnpm", "yarn"]),
            ("log level", ["debug", "info", "warning"])]
TEMPLATES = [
    ("memory", "agent", "The {s} is {v}"),
    ("memory", "user", "The {s} is {v}"),
    ("memory", "agent", "Our {s} is {v} these days"),
    ("turn", "user", "No, the {s} is {v}, not {w}."),
    ("turn", "user", "From now on, the {s} is {v}."),
    ("turn", "tool", "Remember: the {s} is {v}."),
    ("turn", "agent", "Maybe the {s} is {v}?"),
    ("forget", "user", "{s}"),
]
NOW = datetime.now(timezone.utc) + timedelta(days=1)

ops = st.lists(st.tuples(st.sampled_from(["a", "b"]), st.integers(0, len(TEMPLATES) - 1),
                         st.integers(0, len(SUBJECTS) - 1), st.integers(0, 2), st.integers(0, 2)),
               min_size=1, max_size=24)


def _write(root: Path, history: list[tuple[str, int, int, int, int]]) -> dict[str, Journal]:
    journals = {d: Journal(root / d, device=f"dev-{d}", fsync=False) for d in ("a", "b")}
    written: dict[str, list[str]] = {}
    for device, t, s, v, w in history:
        kind, prov, template = TEMPLATES[t]
        subject, values = SUBJECTS[s]
        text = template.format(s=subject, v=values[v], w=values[w])
        j = journals[device]
        if kind == "memory":
            rec = j.append("memory", text, type="project", provenance=prov)
            written.setdefault(subject, []).append(rec.id)
        elif kind == "turn":
            capture_turn(j, text, prov)
        elif written.get(subject):
            j.append("forget", f"forget {subject}", provenance=prov,
                     meta={"target": written[subject][-1], "reason": "asked"})
    return journals


def _records_bytes(j: Journal) -> list[tuple[Path, bytes]]:
    """(segment path relative to logs, bytes of one record) in write order."""
    out = []
    for seg in j.segments():
        data = seg.read_bytes()
        offsets = [off for off, _ in j.read_segment(seg)] + [len(data)]
        header = data[: offsets[0]]
        for i in range(len(offsets) - 1):
            out.append((seg.relative_to(j.logs), header if i == 0 else b"", data[offsets[i]:offsets[i + 1]]))
    return out


def _deliver(store: Store, items: list) -> None:
    for rel, header, chunk in items:
        dest = store.journal.logs / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        with open(dest, "ab") as fh:
            if fh.tell() == 0:
                fh.write(header if header else b"# kairos journal\n\n")
            fh.write(chunk)


def _live(store: Store) -> dict[str, str]:
    out = {}
    for scope, d in store.memory_dirs().items():
        if d.is_dir():
            out.update({f"{scope}/{p.name}": p.read_text() for p in sorted(d.glob("*.md"))})
    return out


def _store(base: Path, name: str) -> Store:
    (base / name).mkdir()
    s = Store(base / name, home=base / f"{name}-home", device="reader", fsync=False)
    s.init()
    return s


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=ops, split=st.floats(0, 1), flip=st.booleans())
def test_union_converges_whatever_the_arrival_order(history, split, flip) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        journals = _write(base / "src", history)
        a, b = _records_bytes(journals["a"]), _records_bytes(journals["b"])
        # X: everything at once.
        x = _store(base, "x")
        _deliver(x, a + b)
        dream(x, now=NOW)
        # Y: device b's records (or a's) arrive first, in part, with dreams in between.
        first, second = (b, a) if flip else (a, b)
        cut = int(len(first) * split)
        y = _store(base, "y")
        _deliver(y, first[:cut])
        dream(y, now=NOW)
        _deliver(y, second)
        dream(y, now=NOW)
        _deliver(y, first[cut:])
        dream(y, now=NOW)
        assert _live(x) == _live(y)
        assert not dream(y, now=NOW).changed  # and a further dream changes nothing
