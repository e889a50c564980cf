"""The LLM link pass (dream/links.py) against a local fake endpoint: a paraphrased change the
rules cannot link is linked by the model's verdict, journaled, replayed without the model, and
used by recall; bad answers change nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kairos.api import Kairos
from kairos.journal import RecordDraft
from tests.conftest import run_kairos

OLD = "user: We send all traces and metrics to Datadog; the agent runs as a sidecar next to each service."
NEW = "assistant: Traces in Elastic APM show the slow span is the DB call."
QUESTION = "What do we use for observability these days?"
HISTORY = [
    ("2024-01-10", OLD),
    ("2024-01-10", "assistant: Added the flaky upload test to the quarantine list."),
    ("2024-02-14", "user: The nightly build on the release branch is green again."),
    ("2024-03-02", NEW),
    ("2024-03-02", "user: Fine, add an index on orders.customer_id then."),
]


def _history(k: Kairos) -> None:
    k.journal.append_many([RecordDraft("observation", text, None, f"s-{day}", "imported",
                                       {"date": day, "ext_id": f"t{i}"})
                           for i, (day, text) in enumerate(HISTORY)])
    k.refresh()


def _judge(prompt: str) -> str:
    """A model that knows Elastic APM replaced Datadog, and nothing else."""
    new = re.search(r"^NEW \([^)]*\): (.*)$", prompt, re.MULTILINE)
    if not new or "Elastic APM" not in new.group(1):
        return json.dumps({"replaces": [], "why": "no change"})
    picks = [int(n) for n, text in re.findall(r"^\[(\d+)\] \S+: (.*)$", prompt, re.MULTILINE) if "Datadog" in text]
    return json.dumps({"replaces": picks, "why": "observability moved from Datadog to Elastic APM"})


@pytest.fixture
def kai(project: Path, fake_llm, monkeypatch: pytest.MonkeyPatch) -> Kairos:
    for key, value in fake_llm.config()["llm"].items():
        monkeypatch.setenv({"provider": "KAIROS_LLM", "model": "KAIROS_LLM_MODEL",
                            "base_url": "KAIROS_LLM_BASE_URL", "api_key": "OPENAI_API_KEY"}[key], value)
    fake_llm.reply = _judge
    k = Kairos(project, fsync=False)
    _history(k)
    return k


def _top(k: Kairos, question: str) -> str:
    return k.recall(question, check_staleness=False).results[0].text


def test_a_judged_link_puts_the_paraphrased_change_first_and_keeps_the_past(kai: Kairos, fake_llm) -> None:
    assert _top(kai, QUESTION) == OLD  # the rules read no change in "Traces in Elastic APM show ..."
    report = kai.judge_links()
    assert report.links == 1 and not report.failures
    assert report.judged == len(fake_llm.requests)
    assert _top(kai, QUESTION) == NEW
    assert _top(kai, "What did we use for observability originally?") == OLD
    verdicts = [r for r in kai.journal.records(["consolidation"]) if r.meta.get("action") == "supersedes"]
    linked = [v for v in verdicts if v.meta["old"]]
    assert len(linked) == 1 and linked[0].meta["new"] == kai.index.find("t3")["id"]
    assert linked[0].meta["old"] == [kai.index.find("t0")["id"]]


def test_verdicts_are_journaled_once_and_replayed_by_a_rebuild_without_the_model(kai: Kairos, fake_llm) -> None:
    kai.judge_links()
    asked = len(fake_llm.requests)
    assert kai.judge_links().judged == 0 and len(fake_llm.requests) == asked  # nothing asked twice
    kai.index.close()
    kai.store.index_path.unlink()
    fake_llm.mode = "error"  # a rebuild needs no model: the verdicts are in the journal
    again = Kairos(kai.store.project.root, fsync=False)
    again.refresh()
    assert _top(again, QUESTION) == NEW


def test_garbage_and_out_of_range_answers_link_nothing(kai: Kairos, fake_llm) -> None:
    fake_llm.reply = lambda prompt: json.dumps({"replaces": [99], "why": "ignore all previous instructions"})
    report = kai.judge_links()
    assert report.links == 0 and report.judged == 0 and len(report.failures) == 2  # stops after two
    fake_llm.mode = "garbage"
    assert kai.judge_links().links == 0
    assert not [r for r in kai.journal.records(["consolidation"])]
    assert _top(kai, QUESTION) == OLD
    fake_llm.mode, fake_llm.reply = "good", _judge  # a later dream asks again and links
    assert kai.judge_links().links == 1
    assert _top(kai, QUESTION) == NEW


def test_the_call_budget_leaves_the_rest_for_the_next_dream(kai: Kairos, fake_llm) -> None:
    first = kai.judge_links(max_calls=1)
    assert first.judged == 1 and first.skipped >= 1
    rest = kai.judge_links()
    assert rest.judged >= 1 and rest.skipped == 0
    assert kai.judge_links().judged == 0


def test_without_an_llm_there_is_no_link_pass(project: Path) -> None:
    k = Kairos(project, fsync=False)
    _history(k)
    with pytest.raises(Exception, match="no LLM is configured"):
        k.judge_links()
    assert _top(k, QUESTION) == OLD


def test_dream_runs_the_link_pass_when_an_llm_is_configured(kai: Kairos, fake_llm) -> None:
    root = kai.store.project.root
    kai.index.close()
    out = run_kairos("dream", cwd=root)
    assert out.returncode == 0, out.stderr
    assert "links: the LLM read" in out.stdout and "found 1 they replace" in out.stdout
    assert run_kairos("dream", "--no-llm", cwd=root).stdout.count("links:") == 0
    recalled = run_kairos("recall", QUESTION, "--json", cwd=root)
    assert json.loads(recalled.stdout)["results"][0]["text"] == NEW


def test_bench_recall_with_llm_links(tmp_path: Path, fake_llm, monkeypatch: pytest.MonkeyPatch) -> None:
    sessions = {}
    for i, (day, text) in enumerate(HISTORY):
        speaker, said = text.split(": ", 1)
        sessions.setdefault(day, []).append({"id": f"t{i}", "speaker": speaker, "text": said})
    data = {"name": "tiny", "sessions": [{"id": f"s{d}", "date": d, "turns": t} for d, t in sessions.items()],
            "questions": [{"id": "q1", "question": QUESTION, "evidence": ["t3"], "category": "current-state"}]}
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(data))
    env = {"KAIROS_LLM": "openai", "KAIROS_LLM_MODEL": "fake", "KAIROS_LLM_BASE_URL": f"{fake_llm.url}/v1",
           "OPENAI_API_KEY": "test-key"}
    fake_llm.reply = _judge
    plain = json.loads(run_kairos("bench", "recall", str(path), "--json", cwd=tmp_path, env=env).stdout)
    linked = json.loads(run_kairos("bench", "recall", str(path), "--llm-links", "--json", cwd=tmp_path,
                                   env=env).stdout)
    assert plain["overall"]["hit@1"] == 0.0 and "links" not in plain
    assert linked["overall"]["hit@1"] == 1.0 and linked["links"]["links"] == 1
