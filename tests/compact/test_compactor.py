from __future__ import annotations

import json
from pathlib import Path

import pytest

from kairos.compact import (
    Compactor,
    Ledger,
    Transcript,
    compact_file,
    compact_messages,
    expand,
    precompact_instructions,
    session_start_context,
)
from kairos.compact.transcript import content_text, is_human, tool_ids
from kairos.errors import InputError
from kairos.journal import Journal

from .sessions import TASK, build, write

FACTS = ["feat/upload-rate-limit", "token bucket per client", "src/uploader/limits.py", "UPL-812",
         "KeyError: 'x-client-id' header missing in request scope", "60 requests per minute",
         "never reject requests from the admin token"]


def _valid(t: Transcript) -> None:
    vis = t.visible()
    uuids = [r.get("uuid") for r in t.records if r.get("uuid")]
    assert len(uuids) == len(set(uuids))
    assert vis[0]["parentUuid"] is None
    runs: list[tuple[str, list[dict]]] = []
    for r in vis:
        if r["type"] in ("user", "assistant"):
            if runs and runs[-1][0] == r["type"]:
                runs[-1][1].append(r)
            else:
                runs.append((r["type"], [r]))
    for k, (role, rs) in enumerate(runs):
        if role == "user":
            prev = {x for r in runs[k - 1][1] for x in tool_ids(r, "tool_use")} if k else set()
            assert all(x in prev for r in rs for x in tool_ids(r, "tool_result"))


@pytest.mark.parametrize("strategy", ["reactive", "collapse", "mask"])
def test_repeated_rounds_keep_the_pinned_facts(tmp_path: Path, strategy: str):
    s = build(rounds=8)
    journal = Journal(tmp_path / "j", "testdev", fsync=False)
    target, budget = 6000, 15000
    cur: list[dict] = []
    rounds = 0
    step = 40
    for i in range(0, len(s.records), step):
        cur = cur + s.records[i:i + step]
        t = Transcript.from_records(cur)
        if t.tokens() <= budget:
            continue
        res = Compactor(strategy, target, journal=journal).compact(t)
        rounds += 1
        _valid(res.transcript)
        assert res.after_tokens <= target * 1.05
        text = "\n".join(content_text(r) for r in res.transcript.visible())
        assert TASK in text
        assert res.transcript.visible()[0]["message"]["content"] == TASK
        cur = res.transcript.records
        # the chain continues from the compacted transcript
        last = next(r for r in reversed(cur) if r.get("type") in ("user", "assistant"))
        if i + step < len(s.records):
            s.records[i + step]["parentUuid"] = last["uuid"]
    assert rounds >= 3
    final = "\n".join(content_text(r) for r in Transcript.from_records(cur).visible())
    for fact in FACTS:
        assert fact in final, fact
    # the superseded value never reads as current: it only appears marked as superseded
    for line in final.split("\n"):
        if "30 requests per minute" in line:
            assert "SUPERSEDED" in line or "60 requests per minute" in line


def test_tombstones_expand_to_the_original_turns(tmp_path: Path):
    s = build(rounds=2)
    journal = Journal(tmp_path / "j", "testdev", fsync=False)
    res = Compactor("collapse", 5000, journal=journal).compact(Transcript.from_records(s.records))
    assert res.tombstones
    back = [r for tid in res.tombstones for r in expand(journal, tid)]
    by_uuid = {r["uuid"]: r for r in s.records if "uuid" in r}
    assert back and all(by_uuid[r["uuid"]] == r for r in back)
    kept = {r.get("uuid") for r in res.transcript.records}
    restored = {r["uuid"] for r in back}
    human = [r["uuid"] for r in s.records if is_human(r)]
    assert all(u in kept or u in restored for u in human[1:])


def test_unknown_records_and_fields_survive_in_the_kept_tail(tmp_path: Path):
    s = build(rounds=1)
    s.meta()
    s.say("Last words.")
    res = Compactor("reactive", 5000).compact(Transcript.from_records(s.records))
    last = res.transcript.visible()[-1]
    assert last["someFutureField"] == {"kept": True}
    assert content_text(last) == "Last words."


def test_input_file_is_never_modified_and_output_is_valid_jsonl(tmp_path: Path):
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write(src, build(rounds=2).records)
    before = src.read_bytes()
    compact_file(src, dst, strategy="mask", target_tokens=5000)
    assert src.read_bytes() == before
    for line in dst.read_text().splitlines():
        json.loads(line)
    with pytest.raises(InputError):
        compact_file(src, src, target_tokens=5000)
    assert src.read_bytes() == before


def test_no_user_message_is_a_clear_error():
    recs = [{"type": "assistant", "uuid": "a", "parentUuid": None,
             "message": {"role": "assistant", "content": [{"type": "text", "text": "x" * 90000}]}}]
    with pytest.raises(InputError, match="no user message"):
        Compactor("reactive", 1000).compact(Transcript.from_records(recs))


def test_target_smaller_than_the_ledger_is_a_clear_error():
    s = build(rounds=1)
    for n in range(40):
        s.user(f"Constraint {n}: the module `mod{n}` must keep its public name `Name{n}` unchanged.")
        s.filler(1)
    with pytest.raises(InputError, match="too small for the pinned ledger"):
        Compactor("reactive", 700).compact(Transcript.from_records(s.records))
    with pytest.raises(InputError, match="smaller than the task"):
        Compactor("reactive", 20).compact(Transcript.from_records(s.records))


def test_small_transcript_is_a_noop():
    s = build(rounds=0)
    res = Compactor("reactive", 10**7).compact(Transcript.from_records(s.records))
    assert res.noop and res.ratio == 1.0


def test_naive_baseline_summarises_everything():
    s = build(rounds=2)
    res = Compactor("naive", 3000).compact(Transcript.from_records(s.records))
    vis = res.transcript.visible()
    assert len(vis) == 2 and vis[0]["message"]["content"] == TASK
    assert res.after_tokens <= 3000


def test_ledger_marks_corrections_and_skips_chitchat():
    led = Ledger(task="the task")
    recs = [
        {"type": "user", "message": {"role": "user", "content": "the task"}},
        {"type": "user", "message": {"role": "user", "content": "Deploy to `staging-eu` first."}},
        {"type": "user", "message": {"role": "user", "content": "Sounds good, carry on."}},
        {"type": "user", "message": {"role": "user", "content": "Use `staging-us`, not `staging-eu` — EU is frozen."}},
    ]
    led.update(recs)
    texts = [i.text for i in led.items]
    assert "Sounds good, carry on." not in texts
    first = next(i for i in led.items if i.text.startswith("Deploy"))
    assert first.superseded == "`staging-us`"
    rendered = led.render(with_task=True)
    assert "the task" in rendered and "[SUPERSEDED, now `staging-us`] Deploy" in rendered
    assert Ledger.from_json(json.loads(json.dumps(led.to_json()))).render() == led.render()


def test_compact_messages_for_agent_loops():
    s = build(rounds=3)
    msgs: list[dict] = []
    for r in s.records:
        if r.get("type") in ("user", "assistant"):
            msgs.append({"role": r["type"], "content": r["message"]["content"]})
    out, ledger = compact_messages(msgs, target_tokens=4000, strategy="reactive")
    assert out[0]["role"] == "user" and out[0]["content"][0] == {"type": "text", "text": TASK}
    assert all(a["role"] != b["role"] for a, b in zip(out, out[1:]))
    assert ledger is not None and any("UPL-812" in i.text for i in ledger.items)
    out2, ledger2 = compact_messages(out + msgs[-60:], target_tokens=4000, ledger=ledger)
    assert ledger2 is not None and any("UPL-812" in i.text for i in ledger2.items)


def test_hook_functions_return_the_ledger_with_the_task(tmp_path: Path):
    p = tmp_path / "t.jsonl"
    write(p, build(rounds=1).records)
    pre = precompact_instructions(p)
    start = session_start_context(p)
    for text in (pre, start):
        assert TASK in text and "UPL-812" in text and "60 requests per minute" in text
