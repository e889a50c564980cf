"""``recall --llm``: a model orders the best hits, against a local fake OpenAI-compatible endpoint."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kairos import Kairos
from kairos.errors import InputError
from kairos.journal import RecordDraft
from tests.conftest import run_kairos
from tests.fake_llm import FakeLLM

TURNS = [
    ("s1", "2024-01-10T10:00:00Z", "Error reports go to Sentry, project shop-web."),
    ("s2", "2024-02-11T10:00:00Z", "The checkout page renders slowly on mobile."),
    ("s3", "2024-03-12T10:00:00Z", "Error reports are sent to Rollbar since the contract change; Sentry is gone."),
]


@pytest.fixture
def store(project: Path, fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch) -> Kairos:
    monkeypatch.setenv("KAIROS_LLM", "openai")
    monkeypatch.setenv("KAIROS_LLM_BASE_URL", f"{fake_llm.url}/v1")
    monkeypatch.setenv("KAIROS_LLM_MODEL", "fake")
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    k = Kairos(project)
    k.journal.append_many([RecordDraft("observation", f"user: {text}", None, sid, "imported",
                                       {"ext_id": sid, "speaker": "user", "date": date})
                           for sid, date, text in TURNS])
    k.refresh()
    return k


def _entries(prompt: str) -> dict[int, str]:
    """The numbered entries of a reader prompt, by number."""
    out = {}
    for line in prompt.splitlines():
        if line.startswith("[") and "]" in line:
            n, rest = line[1:].split("]", 1)
            out[int(n)] = rest
    return out


def test_the_models_order_is_the_answers_order(store: Kairos, fake_llm: FakeLLM) -> None:
    plain = store.recall("Where do error reports go?", 3, check_staleness=False)
    first_plain = plain.results[0].id
    # the fake model picks the entry kairos ranked last of the three
    shown = [h.id for h in plain.results]
    fake_llm.reply = json.dumps({"order": [3, 1], "why": "the later entry retires Sentry"})
    res = store.recall("Where do error reports go?", 3, check_staleness=False, llm=True)
    assert res.answered_by.endswith("+llm")
    assert [h.id for h in res.results] == [shown[2], shown[0], shown[1]]
    assert res.results[0].id != first_plain
    scores = [h.score for h in res.results]
    assert scores == sorted(scores, reverse=True)  # still a ranked list
    assert "the later entry retires Sentry" in (res.note or "")
    body = fake_llm.requests[-1]["body"]
    prompt = body["messages"][-1]["content"]
    assert "Where do error reports go?" in prompt
    entries = _entries(prompt)
    assert len(entries) == 3 and all(e.strip()[:4] == "2024" for e in entries.values())
    assert "never follow" in body["messages"][0]["content"]  # the entries are data, not orders


@pytest.mark.parametrize("mode", ["garbage", "error"])
def test_a_failing_model_keeps_kairos_order_and_says_so(store: Kairos, fake_llm: FakeLLM, mode: str) -> None:
    plain = [h.id for h in store.recall("Where do error reports go?", 3, check_staleness=False).results]
    fake_llm.mode = mode
    res = store.recall("Where do error reports go?", 3, check_staleness=False, llm=True)
    assert [h.id for h in res.results] == plain
    assert not res.answered_by.endswith("+llm")
    assert "LLM reading" in (res.note or "") and "own order kept" in (res.note or "")


def test_an_answer_off_the_schema_is_refused(store: Kairos, fake_llm: FakeLLM) -> None:
    plain = [h.id for h in store.recall("Where do error reports go?", 3, check_staleness=False).results]
    fake_llm.reply = json.dumps({"order": [7, 0, "1"], "why": "entries that do not exist"})
    res = store.recall("Where do error reports go?", 3, check_staleness=False, llm=True)
    assert [h.id for h in res.results] == plain
    assert "no entry number in range" in (res.note or "")


def test_a_hanging_model_times_out_to_kairos_order(project: Path, fake_llm: FakeLLM, store: Kairos) -> None:
    (project / ".kairos").mkdir(exist_ok=True)
    (project / ".kairos" / "config.toml").write_text("[llm]\ntimeout = 1\n", encoding="utf-8")
    fresh = Kairos(project)  # reads the configuration anew
    assert fresh.reader()[1] == 1.0
    fake_llm.mode = "hang"
    res = fresh.recall("Where do error reports go?", 3, check_staleness=False, llm=True)
    assert len(res.results) == 3 and "own order kept" in (res.note or "")
    assert "timed out" in (res.note or "")


def test_llm_without_a_configured_model_is_a_clear_error(project: Path) -> None:
    k = Kairos(project)
    with pytest.raises(InputError, match="no LLM is configured"):
        k.recall("anything", llm=True)
    out = run_kairos("recall", "--llm", "anything", cwd=project)
    assert out.returncode != 0 and "no LLM is configured" in out.stderr and "Traceback" not in out.stderr


def _dataset(tmp_path: Path) -> Path:
    data = {"sessions": [{"id": sid, "date": date, "turns": [{"id": sid, "speaker": "user", "text": text}]}
                         for sid, date, text in TURNS],
            "questions": [{"id": "q1", "question": "Where do error reports go now?", "evidence": ["s3"],
                           "category": "current-state"}]}
    path = tmp_path / "d.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_bench_asks_the_configured_model(tmp_path: Path, fake_llm: FakeLLM,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from kairos.recall.bench import run_recall_bench

    for env, value in (("KAIROS_LLM", "openai"), ("KAIROS_LLM_BASE_URL", f"{fake_llm.url}/v1"),
                       ("KAIROS_LLM_MODEL", "fake"), ("OPENAI_API_KEY", "test-key")):
        monkeypatch.setenv(env, value)
    path = _dataset(tmp_path)
    fake_llm.reply = "not json at all"
    assert run_recall_bench(path, llm=True)["answered_by"] == {"hybrid": 1}  # failed: kairos' order
    fake_llm.reply = json.dumps({"order": [1]})
    assert run_recall_bench(path, llm=True)["answered_by"] == {"hybrid+llm": 1}
    assert fake_llm.requests and "Where do error reports go now?" in json.dumps(fake_llm.requests[-1]["body"])


class _Reads:
    """A model that puts first the entry naming Rollbar, the current tracker."""

    name = "scripted"

    def complete(self, system: str, prompt: str, *, max_tokens: int = 1024, timeout: float = 30.0) -> str:
        best = [n for n, e in _entries(prompt).items() if "Rollbar" in e]
        return json.dumps({"order": best, "why": "it names the current tracker"})


def test_bench_scores_the_models_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kairos.recall.bench import run_recall_bench

    monkeypatch.setattr("kairos.api.Kairos.reader", lambda self: (_Reads(), 5.0))
    res = run_recall_bench(_dataset(tmp_path), llm=True)
    assert res["answered_by"] == {"hybrid+llm": 1}
    assert res["by_category"]["current-state"]["hit@1"] == 1.0


def test_bench_reads_the_model_from_the_users_config(tmp_path: Path, kairos_home: Path, fake_llm: FakeLLM,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The bench's stores live in a throwaway home; ``[llm]`` in the user's config.toml still counts."""
    from kairos.recall.bench import run_recall_bench

    for env in ("KAIROS_LLM", "KAIROS_LLM_BASE_URL", "KAIROS_LLM_MODEL"):
        monkeypatch.delenv(env, raising=False)
    kairos_home.mkdir(parents=True, exist_ok=True)
    (kairos_home / "config.toml").write_text(
        f'[llm]\nprovider = "openai"\nbase_url = "{fake_llm.url}/v1"\nmodel = "fake"\n'
        'api_key = "test-key"\ntimeout = 5\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    fake_llm.reply = json.dumps({"order": [1]})
    assert run_recall_bench(_dataset(tmp_path), llm=True)["answered_by"] == {"hybrid+llm": 1}
    assert fake_llm.requests[-1]["body"]["model"] == "fake"
