from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from kairos.compact.transcript import Transcript, repair_pairing, tool_ids

json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=8), c, max_size=3), max_leaves=8)
record = st.dictionaries(st.text(max_size=10), json_value, max_size=6).map(
    lambda d: {**d, "type": d.get("type", "x-unknown")} if isinstance(d.get("type"), str) or "type" not in d else d)


@settings(max_examples=150, deadline=None)
@given(st.lists(record, max_size=8), st.sampled_from([(",", ":"), (", ", ": ")]), st.booleans())
def test_round_trip_is_byte_exact(records, separators, ascii_only):
    data = "".join(json.dumps(r, separators=separators, ensure_ascii=ascii_only) + "\n" for r in records)
    t = Transcript.parse(data.encode())
    assert t.dumps() == data.encode()
    assert t.records == records
    assert not t.problems()


@settings(max_examples=100, deadline=None)
@given(st.lists(record, max_size=6))
def test_modified_records_reserialise_to_the_same_objects(records):
    t = Transcript.parse("".join(json.dumps(r) + "\n" for r in records).encode())
    for e in t.entries:
        e.touch()
    assert Transcript.parse(t.dumps()).records == records


def test_bad_lines_are_kept_and_reported():
    data = b'{"type":"user"}\nnot json\n\n[1,2]\n{"type":"summary","x":1}\n{"trunc'
    t = Transcript.parse(data)
    assert t.dumps() == data
    assert [p.split(":")[0] for p in t.problems()] == ["line 2", "line 4", "line 6"]
    assert not t.torn_tail()
    torn = Transcript.parse(b'{"type":"user"}\n{"type":"assis')
    assert torn.torn_tail()


def _u(uid, parent, content, role="user"):
    return {"type": role, "uuid": uid, "parentUuid": parent, "message": {"role": role, "content": content}}


def test_visible_chain_follows_parents_to_the_last_message():
    recs = [_u("a", None, "task"), _u("b", "a", "side branch"), _u("c", "a", "main"),
            {"type": "summary", "summary": "x"}]
    t = Transcript.from_records(recs)
    assert [r["uuid"] for r in t.visible()] == ["a", "c"]


def test_repair_pairing_drops_orphans_only():
    use = _u("b", "a", [{"type": "tool_use", "id": "t1", "name": "Bash", "input": {}}], "assistant")
    res = _u("c", "b", [{"type": "tool_result", "tool_use_id": "t1", "content": "ok"}])
    orphan = _u("d", "c", [{"type": "tool_result", "tool_use_id": "t9", "content": "lost"}])
    out = repair_pairing([_u("a", None, "task"), use, res, orphan, _u("e", "d", "next")])
    assert [r["uuid"] for r in out] == ["a", "b", "c", "e"]
    # a tool_use whose answer was dropped goes too, except in the final message
    out = repair_pairing([_u("a", None, "task"), use, _u("x", "b", "no answer")])
    assert [r["uuid"] for r in out] == ["a", "x"]
    assert tool_ids(repair_pairing([_u("a", None, "task"), use])[-1], "tool_use") == ["t1"]
