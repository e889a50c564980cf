"""Round trips and tamper detection for single records and segments."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kairos.errors import DiskFullError, InputError
from kairos.journal import Journal, RecordDraft, redact
from kairos.journal.hlc import Stamp, format_id, next_stamp, parse_id
from kairos.journal.record import Record, decode_record, encode_record

texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)
tricky = st.sampled_from(["", "\n", "<!-- kairos {}", "\\<!-- kairos x", "a\n<!-- kairos {\"len\":1} -->\nb",
                          "### header\n\n\n", "\r\n\t"])


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(texts, tricky, st.tuples(tricky, texts).map("".join)),
       meta=st.dictionaries(st.text(max_size=8), st.one_of(st.integers(), st.text(max_size=20)), max_size=4),
       kind=st.sampled_from(["observation", "memory", "correction"]),
       mtype=st.sampled_from([None, "user", "project"]))
def test_record_round_trip(text: str, meta: dict, kind: str, mtype: str | None) -> None:
    rec = Record(id="0193aa00000b0001-dev", time="2026-11-22T10:00:00.000Z", kind=kind, text=text,
                 device="dev", provenance="user", type=mtype, session="s1", meta=meta, prev="p" * 32)
    data, h = encode_record(rec)
    back, end, valid = decode_record(b"junk" + data, 4)
    assert valid and end == len(data) + 4
    assert back == Record(**{**rec.__dict__, "hash": h})


@settings(max_examples=50, deadline=None)
@given(st.lists(st.one_of(texts, tricky), min_size=1, max_size=12))
def test_segment_round_trip(tmp_path_factory: pytest.TempPathFactory, items: list[str]) -> None:
    j = Journal(tmp_path_factory.mktemp("j"), "dev", fsync=False)
    written = j.append_many([RecordDraft("observation", t) for t in items])
    read = list(j.records())
    assert [r.text for r in read] == [redact(t)[0] for t in items]
    assert [r.id for r in read] == [r.id for r in written]
    assert j.verify().ok


def test_ids_sort_by_time_and_stay_unique_when_clock_stalls() -> None:
    s = next_stamp(None, now_ms=1000)
    seq = [s]
    for now in (1000, 1000, 999, 1001, 1001):
        seq.append(next_stamp(seq[-1], now_ms=now))
    ids = [format_id(x, "dev") for x in seq]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert parse_id(ids[0]) == (Stamp(1000, 0), "dev")


def test_records_merge_across_devices_in_id_order(tmp_path: Path) -> None:
    a, b = Journal(tmp_path, "alpha", fsync=False), Journal(tmp_path, "beta", fsync=False)
    for i in range(5):
        a.append("observation", f"a{i}")
        b.append("observation", f"b{i}")
    ids = [r.id for r in a.records()]
    assert len(ids) == 10 and ids == sorted(ids, key=lambda x: x[:16])


def test_redaction_is_noted(tmp_path: Path) -> None:
    j = Journal(tmp_path, "dev")
    secrets = ("key AKIAIOSFODNN7EXAMPLE and sk-ant-api03-abcdefghijklmnopqrstuvwxyz012345 "
               "url https://bob:s3cretpass@git.example.com/x.git token=ghp_abcdefghijklmnopqrstuvwxyz0123456789 "
               "-----BEGIN RSA PRIVATE KEY-----\nMIIEabc\n-----END RSA PRIVATE KEY-----")
    rec = j.append("observation", secrets, meta={"cmd": "export API_KEY=abcdef123456"})
    raw = j.segments()[0].read_text()
    for leaked in ("AKIAIOSFODNN7EXAMPLE", "sk-ant-api03", "s3cretpass", "ghp_abc", "MIIEabc", "abcdef123456"):
        assert leaked not in raw
    assert set(rec.meta["redacted"]) >= {"aws-access-key", "anthropic-key", "url-password", "github-token",
                                         "private-key", "credential-assignment"}
    assert "git.example.com" in rec.text  # only the secret goes


def test_hand_edit_is_named(tmp_path: Path) -> None:
    j = Journal(tmp_path, "dev")
    recs = [j.append("observation", f"fact number {i}") for i in range(5)]
    seg = j.segments()[0]
    seg.write_text(seg.read_text().replace("fact number 2", "fact number 9"))
    problems = j.verify().problems
    assert [(p.kind, p.record_id) for p in problems] == [("edited", recs[2].id)]


def test_removed_record_is_a_gap(tmp_path: Path) -> None:
    j = Journal(tmp_path, "dev")
    recs = [j.append("observation", f"fact {i}") for i in range(4)]
    seg = j.segments()[0]
    data = seg.read_bytes()
    start = data.index(f'"id":"{recs[1].id}"'.encode()) - len(b"<!-- kairos {")
    end = data.index(f'"id":"{recs[2].id}"'.encode()) - len(b"<!-- kairos {")
    seg.write_bytes(data[:start] + data[end:])
    problems = j.verify().problems
    assert [(p.kind, p.record_id) for p in problems] == [("gap", recs[2].id)]
    assert recs[0].id in problems[0].message


def test_truncation_at_record_boundary_is_reported(tmp_path: Path) -> None:
    j = Journal(tmp_path, "dev")
    recs = [j.append("observation", f"fact {i}") for i in range(4)]
    seg = j.segments()[0]
    data = seg.read_bytes()
    cut = data.index(f'"id":"{recs[3].id}"'.encode()) - len(b"<!-- kairos {")
    seg.write_bytes(data[:cut])
    problems = j.verify().problems
    assert [p.kind for p in problems] == ["truncated"]
    assert recs[2].id in problems[0].message and recs[3].id in problems[0].message


def test_torn_tail_is_repaired_on_open_without_touching_earlier_records(tmp_path: Path) -> None:
    j = Journal(tmp_path, "dev")
    for i in range(3):
        j.append("observation", f"fact {i}")
    seg = j.segments()[0]
    before = seg.read_bytes()
    seg.write_bytes(before + b'<!-- kairos {"id":"01a2","t":"2026')  # a crash mid-record
    assert [p.kind for p in j.verify().problems] == ["torn"]
    j2 = Journal(tmp_path, "dev")
    j2.append("observation", "after the crash")
    after = seg.read_bytes()
    assert after.startswith(before)
    side = list(seg.parent.glob(seg.name + ".torn-*"))
    assert len(side) == 1 and side[0].read_bytes().startswith(b'<!-- kairos {"id":"01a2"')
    report = j2.verify()
    assert report.records == 4 and [p.kind for p in report.problems] == ["quarantined"]


def test_oversized_text_is_refused_and_nothing_written(tmp_path: Path) -> None:
    j = Journal(tmp_path, "dev")
    j.append("observation", "keep me")
    with pytest.raises(InputError, match="MB"):
        j.append("observation", "x" * 50_000_000)
    assert [r.text for r in j.records()] == ["keep me"]


def test_unknown_kind_and_provenance_are_refused(tmp_path: Path) -> None:
    j = Journal(tmp_path, "dev")
    with pytest.raises(InputError, match="kind"):
        j.append("gossip", "x")
    with pytest.raises(InputError, match="provenance"):
        j.append("observation", "x", provenance="rumour")


def test_disk_full_leaves_no_partial_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    j = Journal(tmp_path, "dev")
    j.append("observation", "first")
    seg = j.segments()[0]
    size = seg.stat().st_size
    real_write = os.write

    def half_then_full(fd: int, data: bytes) -> int:
        if len(data) > 40:
            real_write(fd, bytes(data[:40]))
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", half_then_full)
    with pytest.raises(DiskFullError, match="intact"):
        j.append("observation", "second, which does not fit on the disk")
    monkeypatch.setattr(os, "write", real_write)
    assert seg.stat().st_size == size
    assert j.verify().ok
    j.append("observation", "third")
    assert [r.text for r in j.records()] == ["first", "third"]
