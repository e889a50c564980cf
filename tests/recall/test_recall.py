"""Recall behaviour: current truth first, the past still findable, and every bad input answered."""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kairos import Kairos
from kairos.errors import InputError
from kairos.journal import RecordDraft
from kairos.memory import MemoryDir

ROOT = Path(__file__).resolve().parents[2]


def _store(project: Path, sessions: list[tuple[str, str, list[str]]]) -> Kairos:
    """A store of ``project`` holding the sessions' turns, said by the user on their dates."""
    k = Kairos(project)
    drafts = []
    for sid, date, turns in sessions:
        for i, text in enumerate(turns):
            drafts.append(RecordDraft("observation", f"user: {text}", None, sid, "imported",
                                      {"ext_id": f"{sid}:{i}", "speaker": "user", "date": date}))
    k.journal.append_many(drafts)
    k.refresh()
    return k


HISTORY = [
    ("s1", "2024-01-10T10:00:00Z", ["Background work in the shop is processed by Celery workers.",
                                    "The checkout page renders too slowly on mobile.",
                                    "Clients call the API under /api/v1."]),
    ("s2", "2024-02-02T10:00:00Z", ["Lint is green, pushing the branch.",
                                    "We should add tests for refunds."]),
    ("s3", "2024-03-15T10:00:00Z", ["We moved the background jobs off Celery; RQ handles them now.",
                                    "From now on the API is served under /api/v2."]),
]


@pytest.fixture
def history(project: Path) -> Kairos:
    return _store(project, HISTORY)


def _by_ext(idx: Any) -> dict[str, dict[str, Any]]:
    """Every indexed document by the turn id it was imported with."""
    return {d["ext_id"]: d for d in idx.docs(r[0] for r in idx.db.execute("SELECT rowid FROM docs")).values()}


@dataclass
class H:
    """A ranked hit, as ``truth.order_by_tense`` reads it."""
    text: str
    score: float
    date: str
    rowid: int
    status: str = "active"


def _ids(k: Kairos, q: str, n: int = 10) -> list[str]:
    return [h.id for h in k.recaller.recall(q, n, check_staleness=False).results]


def test_present_question_ranks_the_latest_fact_first(history: Kairos) -> None:
    assert _ids(history, "Which system processes our background jobs now?")[0] == "s3:0"
    assert _ids(history, "What is the current API base path?")[0] == "s3:1"


def test_past_question_finds_the_old_fact(history: Kairos) -> None:
    assert "s1:0" in _ids(history, "What did background jobs run on originally, before the switch?", 3)
    assert _ids(history, "Which API path did clients use before?", 3).count("s1:2") == 1


def test_superseded_memory_is_history_not_current_truth(project: Path) -> None:
    k = Kairos(project)
    _, mf = k.remember("Deploys go to Heroku with git push heroku main", "project", name="deploy-target")
    k.remember("Deploys go to Fly.io with fly deploy", "project", name="deploy-target-fly")
    path = MemoryDir(k.store.memory_dir(mf.scope), mf.scope).path / "deploy-target.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("type: project", "type: project\nstatus: superseded", 1), encoding="utf-8")
    now = k.recall("where do deploys go", check_staleness=False)
    assert now.results[0].id.endswith("deploy-target-fly")
    old = [h for h in now.results if h.id.endswith("/deploy-target")]
    assert old and old[0].status == "superseded"  # still there, marked, below
    before = k.recall("where did deploys go originally", check_staleness=False)
    assert any(h.id.endswith("/deploy-target") for h in before.results[:2])


def test_hybrid_answers_and_says_so(history: Kairos) -> None:
    res = history.recaller.recall("task queue library", 5, check_staleness=False)
    assert res.answered_by == "hybrid" and res.note is None


def test_corrupt_vector_file_answers_lexically_with_a_note(history: Kairos) -> None:
    vec = next(history.index.vec_dir.glob("*.ids"))
    with open(vec, "ab") as f:
        f.write(b"\x01\x02\x03")  # a partial row
    for vf in history.index._vectors.values():
        vf._cache = None
    res = history.recaller.recall("background jobs", 5, check_staleness=False)
    assert res.answered_by == "lexical"
    assert res.note and "semantic recall unavailable" in res.note
    assert any("jobs" in h.text for h in res.results)


def test_non_numbers_in_vectors_answer_lexically(history: Kairos) -> None:
    vec = next(history.index.vec_dir.glob("*.f16"))
    vec.write_bytes(b"\xff\x7f" * (vec.stat().st_size // 2))  # NaN everywhere
    history.index._vectors.clear()
    res = history.recaller.recall("background jobs", 5, check_staleness=False)
    assert res.answered_by == "lexical" and res.note


def test_model_that_fails_to_load_answers_lexically(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kairos.embed as embed
    from kairos.embed import EmbedderUnavailable

    def broken(name: str | None = None) -> None:
        raise EmbedderUnavailable("model files unreadable")

    monkeypatch.setattr(embed, "get_embedder", broken)
    k = _store(project, HISTORY)
    res = k.recall("background jobs", check_staleness=False)
    assert res.answered_by == "lexical"
    assert "model files unreadable" in (res.note or "")
    assert res.results


def test_embedder_that_fails_at_query_time_answers_lexically(history: Kairos) -> None:
    class Exploding:
        name, model_id, dim = "x", "x", 4

        def embed(self, texts: list[str]) -> None:
            from kairos.embed import EmbedderUnavailable
            raise EmbedderUnavailable("the daemon went away")

    history.recaller.embedder = Exploding()
    res = history.recaller.recall("background jobs", 5, check_staleness=False)
    assert res.answered_by == "lexical" and "daemon went away" in (res.note or "")
    assert res.results


def test_empty_query_is_a_clear_error_and_blank_recaller_query_is_empty(history: Kairos) -> None:
    with pytest.raises(InputError, match="empty"):
        history.recall("   ")
    assert history.recaller.recall("", 5).results == []
    assert history.recaller.recall("?!", 5, check_staleness=False).answered_by in ("hybrid", "lexical")


def test_huge_query_is_shortened_and_answered(history: Kairos) -> None:
    q = "background jobs " + "x" * 100_000
    res = history.recall(q, check_staleness=False)
    assert res.note and "shortened" in res.note
    assert len(res.query) <= 4_000


def test_non_english_text(project: Path) -> None:
    k = _store(project, [("s1", "2024-01-01T00:00:00Z", ["Die Datenbankmigration läuft jeden Montag um drei Uhr.",
                                                         "数据库迁移在周一运行", "Пароли хранятся в хранилище Vault."])])
    assert k.recall("Datenbankmigration Montag", check_staleness=False).results[0].id == "s1:0"
    assert k.recall("Пароли", check_staleness=False).results[0].id == "s1:2"
    k.recall("数据库迁移", check_staleness=False)  # answered, whatever it finds


def test_neighbouring_turn_finds_the_answer(project: Path) -> None:
    k = _store(project, [("s1", "2024-01-01T00:00:00Z", ["How long do the integration tests take on the laptop?",
                                                         "About forty minutes, sadly.", "Lint passes."]),
                         ("s2", "2024-01-02T00:00:00Z", ["Coffee machine is broken again.", "Yes, terrible."])])
    assert "s1:1" in _ids(k, "integration tests duration on the laptop", 3)


def _load_generator():
    spec = importlib.util.spec_from_file_location("coding_history", ROOT / "benchmarks" / "coding_history.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def test_coding_history_generator_is_seeded_valid_and_paraphrased(tmp_path: Path) -> None:
    from kairos.index.index import content_words
    from kairos.recall.bench import load_dataset

    gen = _load_generator()
    a, b = gen.build(3, 2), gen.build(3, 2)
    assert a == b and a != gen.build(4, 2)
    path = tmp_path / "coding.json"
    path.write_text(json.dumps(a))
    data = load_dataset(path)
    cats = {q["category"] for q in data["questions"]}
    assert {"decision", "preference", "changed-fact-current", "changed-fact-past", "location", "reference",
            "debugging", "temporal", "multi-hop"} <= cats
    turns = {t["id"]: t["text"] for s in data["sessions"] for t in s["turns"]}
    for q in data["questions"]:
        assert all(e in turns for e in q["evidence"])
        if q["category"] in ("preference", "location", "reference", "debugging"):
            qw = set(content_words(q["question"], 64))
            ew = set(content_words(" ".join(turns[e] for e in q["evidence"]), 64))
            assert len(qw & ew) <= max(2, len(qw) // 3), (q["question"], qw & ew)


def test_bench_on_a_generated_history_reports_every_category(tmp_path: Path) -> None:
    from kairos.recall.bench import run_recall_bench

    path = tmp_path / "coding.json"
    path.write_text(json.dumps(_load_generator().build(5, 1)))
    seen: list[tuple[str, int, int]] = []
    out = run_recall_bench(path, each=lambda q, res, sessions: seen.append(
        (q["id"], len(res.results), sum(len(s["turns"]) for s in sessions))))
    questions = json.loads(path.read_text())["questions"]
    assert out["overall"]["n"] == len(questions)
    assert "changed-fact-current" in out["by_category"]
    # every answer is handed to ``each`` with its project's history, as recall_misses.py reads them
    assert sorted(q for q, _, _ in seen) == sorted(q["id"] for q in questions)
    assert all(n > 0 and turns > 0 for _, n, turns in seen)


# A history where the old statement shares more words with the question than the new one does.
DRIFT = [
    ("d1", "2024-01-05T09:00:00Z", ["The orders data is stored in MySQL.",
                                    "Running the test suite again after the rebase.",
                                    "Code style is enforced with black."]),
    ("d2", "2024-02-11T09:00:00Z", ["Cleaned up dead code in the orders folder.",
                                    "Someone asked about the database size today."]),
    ("d3", "2024-04-20T09:00:00Z", ["The orders tables now live in PostgreSQL; cut-over finished.",
                                    "We replaced black with ruff for formatting.",
                                    "I'm reviewing the open pull requests now."]),
]


@pytest.fixture
def drift(project: Path) -> Kairos:
    return _store(project, DRIFT)


def test_present_question_puts_the_announced_change_first(drift: Kairos) -> None:
    assert _ids(drift, "Where is the orders data kept now?")[0] == "d3:0"
    assert _ids(drift, "Which code style tool do we use currently?")[0] == "d3:1"


def test_past_question_still_finds_the_earlier_state(drift: Kairos) -> None:
    assert _ids(drift, "Where was the orders data kept originally?", 3)[0] == "d1:0"
    assert "d1:2" in _ids(drift, "Which code style tool did we use before?", 3)


def test_tense_and_values_are_read_generally() -> None:
    from kairos.recall.subjects import values
    from kairos.recall.truth import says_tense, tense, without_tense_words

    assert tense("Which queue runs the jobs these days?") == "present"
    assert tense("What did the jobs run on originally?") == "past"
    assert tense("What did Caroline paint?") == "neutral"
    assert tense("Which formatter do we use?") == "present"  # the team's own setup, no tense word
    assert not says_tense("What did Caroline paint in May 2023?")  # a date is not a state question
    # "before" opening a clause in the present asks about now; before a change, about then
    assert tense("How long is a player's slot held before they're removed?") == "neutral"
    assert tense("Whose sign-off is needed these days before a build is published?") == "present"
    assert tense("What was the local port before it was changed?") == "past"
    assert tense("Where did checkpoints go before the move to GKE?") == "past"
    assert "today" not in without_tense_words("Which CI checks pull requests today?")
    assert values("user: Background work is processed by Celery workers.") == {"celery"}
    assert values("assistant: The retry logic lives in src/shop/retry.py.") == {"src/shop/retry.py"}
    assert values("user: Running the test suite again after the rebase.") == set()


# Subjects named with other words than the question's; a value changed twice; the current one
# mentioned in passing; the old one named again in a clean-up remark.
SYNONYMS = [
    ("e1", "2024-01-05T09:00:00Z", ["Crash reports are collected by Rollbar.",
                                    "Deferred tasks are processed by Celery workers."]),
    ("e2", "2024-02-11T09:00:00Z", ["We dropped Rollbar and wired exception reporting into Bugsnag.",
                                    "Looks good, approving."]),
    ("e3", "2024-03-20T09:00:00Z", ["Switched the exception monitoring over to Sentry.",
                                    "We moved the background jobs off Celery; RQ handles them now."]),
    ("e4", "2024-04-02T09:00:00Z", ["Sentry grouped two unrelated stack traces together, annoying.",
                                    "Still need to cancel the Rollbar subscription."]),
]


@pytest.fixture
def synonyms(project: Path) -> Kairos:
    return _store(project, SYNONYMS)


def test_plain_third_person_question_gets_the_latest_value(synonyms: Kairos) -> None:
    assert _ids(synonyms, "What is the project's error tracker?")[0] == "e3:0"
    assert _ids(synonyms, "Which queue runs the async work?")[0] == "e3:1"


def test_setup_question_in_the_past_gets_the_first_value(synonyms: Kairos) -> None:
    assert _ids(synonyms, "Which error tracker came first?", 3)[0] == "e1:0"


def test_index_marks_superseded_records_by_subject(synonyms: Kairos) -> None:
    by = _by_ext(synonyms.index)
    row = {e: d["rowid"] for e, d in by.items()}
    assert by["e1:0"]["superseded_by"] == row["e2:0"]
    assert by["e2:0"]["superseded_by"] == row["e3:0"]
    assert by["e1:1"]["superseded_by"] == row["e3:1"]
    assert by["e3:0"]["superseded_by"] is None  # a passing mention of the same value is no change
    assert by["e4:1"]["superseded_by"] is None
    assert "errors" in by["e1:0"]["subject"].split() and "jobs" in by["e1:1"]["subject"].split()
    assert synonyms.index.predecessors([row["e3:0"]]) == {row["e3:0"]: [row["e2:0"]]}


def test_supersession_is_rebuilt_with_the_index(synonyms: Kairos) -> None:
    sql = "SELECT ext_id, superseded_by IS NOT NULL FROM docs ORDER BY ext_id"
    before = synonyms.index.db.execute(sql).fetchall()
    synonyms.index.rebuild()
    assert synonyms.index.db.execute(sql).fetchall() == before


def test_names_of_people_keep_a_question_out_of_the_setup_rule() -> None:
    from kairos.recall.truth import asks_about_setup, setup_tense

    assert asks_about_setup("What is the test runner?")
    assert asks_about_setup("How are the tests run?")
    assert not asks_about_setup("What is Caroline's job?")
    assert not asks_about_setup("What did Melanie paint?")
    assert setup_tense("Which bundler was used first?") == "past"
    assert setup_tense("Which bundler does the frontend use?") == "present"


def test_software_vocabulary() -> None:
    from kairos.index.subjects import agent_variants, announces_change, concept_keys, expansion

    assert concept_keys("Deferred tasks run on RQ") == concept_keys("the background jobs") == ["jobs"]
    assert concept_keys("Users log in with Okta") == ["auth"]
    assert "formatting" in expansion(["formatter"]) and "job" in expansion(["tasks"])
    assert agent_variants(["formatter", "runner", "scheduler"]) == ["format", "run", "schedul"]
    assert announces_change("Releases go to Fly.io from this sprint on.")
    assert not announces_change("Sentry grouped two stack traces.")


def test_lower_case_tool_names_are_values_by_position() -> None:
    from kairos.recall.subjects import values

    assert values("dev: Python versions are pinned using pyenv.") == {"pyenv"}
    assert values("agent: We switched to bun last week.") == {"bun"}
    assert values("dev: poetry installs everything for the API.") == {"poetry"}
    assert values("dev: Fixed it by rerunning with care.") == set()
    assert values("dev: Lint is green now, pushing the branch.") == set()


# A value replaced without any change word.
QUIET = [
    ("q1", "2024-01-08T09:00:00Z", ["The nightly reports are scheduled with airflow.",
                                    "Coffee machine is broken again."]),
    ("q2", "2024-03-14T09:00:00Z", ["Since the cleanup, dagster schedules the nightly reports.",
                                    "Lunch plans are fine."]),
]


@pytest.fixture
def quiet(project: Path) -> Kairos:
    return _store(project, QUIET)


def test_a_later_plain_statement_supersedes_without_a_change_word(quiet: Kairos) -> None:
    by = _by_ext(quiet.index)
    assert by["q1:0"]["superseded_by"] == by["q2:0"]["rowid"]
    assert _ids(quiet, "What scheduled the nightly reports originally?", 3)[0] == "q1:0"


def test_small_talk_saying_now_is_not_news_for_a_state_question(drift: Kairos) -> None:
    # "I'm reviewing the open pull requests now" is newer than the CI statement but names no value
    assert _ids(drift, "Which code style tool do we use currently?")[0] == "d3:1"


# Long turns state several facts at once; a change of one says nothing of the others.
MULTI_FACT = [
    ("m1", "2024-01-08T09:00:00Z", [
        "We use Flagsmith for feature flags, set up in `web/src/flags.ts`.",
        "Crash reports go to Rollbar. Clients call the API under /api/v1, see `web/src/client.ts`."]),
    ("m2", "2024-02-20T09:00:00Z", [
        "Heads up: the API moved to /api/v2 from today. The old path goes away next week.",
        "Should we move the flags to Unleash? It would save money."]),
    ("m3", "2024-03-05T09:00:00Z", [
        "The ingest worker flushes every 5,000 rows, `BATCH_SIZE = 5000` in `ingest/config.py`.",
        "How many rows does it write per batch again?"]),
    ("m4", "2024-04-10T09:00:00Z", [
        "Set `BATCH_SIZE = 12000`; memory stays around 700 MiB and the loads are fine.",
        "Tests pass."]),
]


@pytest.fixture
def multi_fact(project: Path) -> Kairos:
    return _store(project, MULTI_FACT)


def test_a_change_of_one_fact_does_not_supersede_another_fact_in_a_long_turn(multi_fact: Kairos) -> None:
    by = _by_ext(multi_fact.index)
    assert by["m1:1"]["superseded_by"] == by["m2:0"]["rowid"]  # the API path changed
    assert by["m1:0"]["superseded_by"] is None  # the flags did not: only a proposal followed
    assert _ids(multi_fact, "What is the API base path now?")[0] == "m2:0"
    # the same turn's other fact is still the current one
    assert _ids(multi_fact, "Where do crash reports go?")[0] == "m1:1"


def test_a_setting_given_another_number_supersedes_whatever_the_words(multi_fact: Kairos) -> None:
    by = _by_ext(multi_fact.index)
    assert by["m3:0"]["superseded_by"] == by["m4:0"]["rowid"]  # BATCH_SIZE 5000 -> 12000, no change word


def test_a_proposal_is_not_the_current_state(multi_fact: Kairos) -> None:
    assert _ids(multi_fact, "What do we use for feature flags?")[0] == "m1:0"


def test_a_question_in_the_history_is_not_an_answer(multi_fact: Kairos) -> None:
    top = _ids(multi_fact, "How many rows go into one ingest batch?", 3)
    assert top[0] == "m4:0" and "m3:1" not in top[:1]


def test_a_setting_changed_without_a_change_word_ranks_first_when_asked_about_the_present(
        multi_fact: Kairos) -> None:
    assert _ids(multi_fact, "What is the ingest batch size currently?")[0] == "m4:0"
    assert _ids(multi_fact, "What was the batch size originally?")[0] == "m3:0"


# Changes within one session: the turns of a day are in order, so a later turn changes an earlier one.
SAME_DAY = [
    ("r1", "2024-04-23T10:00:00Z", [
        "Checkout is throttled with `@ratelimit(key='ip', rate='30/m')`, so 30 requests per minute per IP.",
        "Double it. Still per IP.",
        "Changed to `rate='60/m'`; the test now expects the 429 on the 61st request.",
        "The staging API is served at https://stg.example.dev for now.",
        "Heads up: the staging API moved to https://staging.example.io from today."]),
]


def test_a_change_later_the_same_day_supersedes_the_earlier_statement(project: Path) -> None:
    k = _store(project, SAME_DAY)
    by = _by_ext(k.index)
    assert by["r1:0"]["superseded_by"] == by["r1:2"]["rowid"]  # rate 30/m -> 60/m, two turns later
    assert by["r1:3"]["superseded_by"] == by["r1:4"]["rowid"]  # the announced move of the staging API
    assert _ids(k, "How many requests per minute may one IP send to checkout now?")[0] == "r1:2"
    assert _ids(k, "What was the checkout rate limit originally?", 3)[0] == "r1:0"


def test_a_setting_given_another_number_overrides_a_looser_link(project: Path) -> None:
    """A change of a subject the statement mentions in passing (an API key moved) marks it
    superseded first; the later statement giving its setting another number is its successor."""
    k = _store(project, [("k1", "2024-03-01T10:00:00Z", ["Checkout allows `rate='30/m'` per API key."]),
                         ("k2", "2024-03-20T10:00:00Z", ["We moved the API keys to Vault now."]),
                         ("k3", "2024-04-02T10:00:00Z", ["Changed to `rate='60/m'`; the 429 fires on the 61st request."])])
    by = _by_ext(k.index)
    assert by["k1:0"]["superseded_by"] == by["k3:0"]["rowid"]
    assert _ids(k, "How many requests per minute does checkout allow today?")[0] == "k3:0"


def test_a_change_naming_the_value_it_leaves_supersedes_whatever_the_words(project: Path) -> None:
    """"Moving everything from Ireland to eu-central-1" shares no subject word with "all the cloud
    bits run in AWS eu-west-1, Ireland", and no word with the question: it is found through the
    statement it retires."""
    k = _store(project, [("g1", "2024-02-05T10:00:00Z", [
                             "All the cloud bits run in AWS eu-west-1, Ireland: the broker VM, ingest on ECS, the database.",
                             "Exports land in S3 under `exports/` every night.",
                             "The backend API is served from the `api/` package.",
                             "The backend tests run in CI on every push."]),
                         ("g2", "2024-06-03T10:00:00Z", [
                             "Big one. We're moving everything from Ireland to eu-central-1, Frankfurt.",
                             "Copy last month's exports from S3 to the warehouse, please.",
                             "The backend logs go to CloudWatch these days."])])
    by = _by_ext(k.index)
    assert by["g1:0"]["superseded_by"] == by["g2:0"]["rowid"]
    assert by["g1:1"]["superseded_by"] is None  # a copy from S3 is no move away from it
    assert _ids(k, "In which AWS region does the backend run these days?")[0] == "g2:0"
    assert _ids(k, "Which AWS region did the backend run in originally?", 3)[0] == "g1:0"


def test_questions_outside_the_vocabulary_are_setup_questions() -> None:
    from kairos.recall.truth import asks_about_setup

    assert asks_about_setup("How many rows does ingest put in one batch?")
    assert not asks_about_setup("What did Caroline paint last week?")


def test_a_time_named_in_the_question_leads_to_what_was_said_then(project: Path) -> None:
    from datetime import datetime, timezone

    k = _store(project, [("w1", "2026-10-01T10:00:00Z", ["We decided to keep the retry limit at three."]),
                         ("w2", "2026-11-10T10:00:00Z", ["We decided to cache the search results for an hour."]),
                         ("w3", "2026-11-20T10:00:00Z", ["We decided to split the billing module."])])
    now = datetime(2026, 11, 18, 14, 0, tzinfo=timezone.utc)  # a Wednesday
    res = k.recaller.recall("What did we decide last week?", 3, check_staleness=False, now=now)
    assert res.results[0].id == "w2:0"
    assert res.note == "read 'last week' as 2026-11-09..2026-11-15"  # the user is told how
    top = [h.id for h in k.recaller.recall("What did we decide in October?", 3, check_staleness=False,
                                           now=now).results]
    assert top[0] == "w1:0"


def test_remembered_memories_follow_their_records_until_dream_consolidates_them(project: Path) -> None:
    k = Kairos(project)
    k.remember("Set BATCH_SIZE = 5000 for the ingest worker", "project")
    k.remember("The ingest worker now runs with BATCH_SIZE = 12000", "project")
    now = [h.text for h in k.recall("What is the ingest batch size now?", k=2).results]
    assert "12000" in now[0] and "5000" in now[1]
    before = [h.text for h in k.recall("What was the ingest batch size originally?", k=2).results]
    assert "5000" in before[0]


def test_remembered_change_of_a_subject_leads_for_the_present(project: Path) -> None:
    k = Kairos(project)
    k.remember("Background jobs run on Celery with Redis as the broker", "project")
    k.remember("We moved the background jobs to RQ; Celery is gone", "project")
    assert "RQ" in k.recall("What runs our background jobs now?", k=2).results[0].text
    assert "Redis as the broker" in k.recall("Which queue library did we use before?", k=2).results[0].text
    # the memory file carries subject keys of its own, like a journal record
    subjects = dict(k.index.db.execute("SELECT substr(text, 1, 10), subject FROM docs WHERE kind='memory'"))
    assert "jobs" in subjects["Background"].split()


def test_reordering_a_pair_moves_the_newer_just_above_the_older() -> None:
    """A present question: the newer statement of a changed fact moves just above the older one,
    which keeps its score -- a pair read wrongly costs the list one place, not a rank."""
    from kairos.index.terms import content_words
    from kairos.recall.truth import order_by_tense

    old = H("user: Background jobs are processed by Celery workers.", 2.0, "2024-01-05", 1)
    other = H("user: The staging database is refreshed every night.", 1.9, "2024-02-01", 2)
    new = H("user: We moved the background jobs off Celery; RQ processes them now.", 1.8, "2024-03-20", 3)
    hits = [old, other, new]
    moved = order_by_tense(hits, False, None, lambda h: set(content_words(h.text, 64)), lambda h: h.text)
    assert moved == 1
    assert sorted(hits, key=lambda h: h.score, reverse=True) == [new, old, other]
    assert old.score == 2.0 and other.score == 1.9  # nothing else lost its place
    past = [H(h.text, s, h.date, h.rowid) for h, s in ((new, 2.0), (old, 1.8))]
    order_by_tense(past, True, None, lambda h: set(content_words(h.text, 64)), lambda h: h.text)
    assert max(past, key=lambda h: h.score).rowid == 1  # asked about the past: the older leads


def test_one_subject_is_read_on_the_scale_of_the_model_that_embedded_the_hits() -> None:
    """Two statements whose vectors are at cosine 0.3 and share a word: related for MiniLM, whose
    cosines sit lower, not for the static model -- so only on MiniLM's scale does the newer one
    lead."""
    import numpy as np

    from kairos.embed import EMBEDDER_NAMES
    from kairos.index.terms import content_words
    from kairos.recall.truth import PAIR_COSINES, order_by_tense

    assert set(PAIR_COSINES) == set(EMBEDDER_NAMES) - {"none"}  # every model is calibrated
    vectors = {1: np.array([1.0, 0.0]), 2: np.array([0.3, float(np.sqrt(1 - 0.09))])}

    def ranked(scale: tuple[float, float]) -> list[int]:
        hits = [H("user: Error reports from the app go to Bugsnag.", 2.0, "2024-01-05", 1),
                H("user: Switched error reports to Sentry.", 1.8, "2024-03-20", 2)]
        order_by_tense(hits, False, vectors, lambda h: set(content_words(h.text, 64)), lambda h: h.text,
                       cosines=scale)
        return [h.rowid for h in sorted(hits, key=lambda h: h.score, reverse=True)]

    assert ranked(PAIR_COSINES["minilm"]) == [2, 1]
    assert ranked(PAIR_COSINES["static"]) == [1, 2]


def test_recall_reads_pairs_on_its_embedders_scale(history: Kairos, monkeypatch: pytest.MonkeyPatch) -> None:
    import kairos.recall.recall as recall_module
    from kairos.recall.truth import PAIR_COSINES

    seen: list[tuple[float, float]] = []
    real = recall_module.order_by_tense

    def spy(*args: Any, **kwargs: Any) -> int:
        seen.append(kwargs["cosines"])
        return real(*args, **kwargs)

    monkeypatch.setattr(recall_module, "order_by_tense", spy)
    history.recaller.recall("Which system processes our background jobs now?", 5, check_staleness=False)
    assert seen[-1] == PAIR_COSINES[history.recaller.embedder.name]
    monkeypatch.setattr(history.recaller.embedder, "name", "minilm", raising=False)
    history.recaller.recall("Which system processes our background jobs now?", 5, check_staleness=False)
    assert seen[-1] == PAIR_COSINES["minilm"]


def test_a_question_says_the_kind_of_value_that_answers_it() -> None:
    from kairos.recall.truth import answer_kind, gives

    assert answer_kind("How many retries does the uploader make?") == "number"
    assert answer_kind("What's the request timeout for the billing client?") == "number"
    assert answer_kind("How often is the search index rebuilt?") == "frequency"
    assert answer_kind("Who approves schema changes?") == "person"
    assert answer_kind("What's the webhook endpoint?") == "address"
    assert answer_kind("What do we use for logging?") is None
    assert gives("number", "The uploader gives up after 5 retries.")
    assert not gives("number", "The uploader retries on timeouts and logs each attempt.")
    assert gives("frequency", "The index is rebuilt every night.") and gives("frequency", "twice a day")
    assert not gives("frequency", "A rebuild takes about four minutes.")
    assert gives("person", "dev: Schema changes need an approval from Marisol.")
    assert not gives("person", "dev: schema changes need two approvals.")
    assert gives("address", "It posts to https://hooks.example.com/in.")
    assert gives(None, "anything at all")


# Later statements about the same subject that do not say the asked value.
KINDS = [
    ("k1", "2024-01-08T09:00:00Z", ["The uploader retries 3 times before it gives up."]),
    ("k2", "2024-02-20T09:00:00Z", ["Changed the uploader to retry 6 times; the warehouse wifi drops a lot."]),
    ("k3", "2024-03-11T09:00:00Z", ["The uploader now logs each retry with the reason it failed."]),
    ("k4", "2024-03-12T09:00:00Z", ["Search reindexing runs every night at 02:00."]),
    ("k5", "2024-03-20T09:00:00Z", ["Moved search reindexing to the new cluster; a reindex now takes 4 minutes."]),
]


def test_a_later_statement_without_the_asked_kind_of_value_does_not_answer(project: Path) -> None:
    k = _store(project, KINDS)
    assert _ids(k, "How many times does the uploader retry?")[0] == "k2:0"
    assert _ids(k, "How often does search reindexing run?")[0] == "k4:0"


def test_lets_move_is_the_users_decision_and_the_agents_suggestion() -> None:
    from kairos.recall.truth import proposes
    from kairos.recall.subjects import values

    assert not proposes("user: pip-compile is slow. Let's move to uv.")
    assert proposes("assistant: Let's move to uv, it is faster.")
    assert proposes("user: Should we move to uv?")
    assert not proposes("pip-compile is slow. Let's move to uv.", by_user=True)  # a prompt the hook captured
    assert "uv" in values("user: pip-compile is slow. Let's move to uv.")


def test_first_alone_does_not_put_a_setup_question_in_the_past() -> None:
    from kairos.recall.truth import setup_tense

    assert setup_tense("What share of the fleet gets a new build first?") == "present"
    assert setup_tense("Which CI service did we use first?") == "past"


# The old value retired in the same sentence that the new one is named nearby, no change word.
RETIRED = [
    ("r1", "2024-01-09T09:00:00Z", ["We use Flagsmith. The client is set up in `app/flags/provider.ts` and the "
                                    "server reads flags through its Python SDK, all on the Flagsmith dashboard."]),
    ("r2", "2024-02-01T09:00:00Z", ["The settings screen got a dark mode toggle.",
                                    "Checkout tests are flaky on the CI runners again.",
                                    "Renamed the payments module and fixed its imports."]),
    ("r3", "2024-03-05T09:00:00Z", ["All 9 remaining feature flags live in Unleash behind its proxy, and the Flagsmith "
                                    "SDK is gone from both lockfiles."]),
]


def test_a_statement_retiring_the_old_value_beside_a_new_one_is_the_current_truth(project: Path) -> None:
    k = _store(project, RETIRED)
    assert _ids(k, "What do we use for feature flags?")[0] == "r3:0"
    assert _ids(k, "What did we use for feature flags originally?")[0] == "r1:0"


def test_before_opening_a_clause_in_the_present_does_not_make_a_question_past() -> None:
    from kairos.recall.truth import setup_tense

    for q in ("How many levels of nesting does the checker allow before reporting E0420?",
              "How many attempts does the worker make before dead-lettering a batch?",
              "What does a pull request need before it can land?"):
        assert setup_tense(q) == "present", q
    for q in ("What was the timeout before it was lowered?", "Which test runner did we use before porting?",
              "Where did the jobs run before the migration?"):
        assert setup_tense(q) == "past", q


# Two later statements of one day both pass the first; the later of them is the day's last word.
CORRECTED = [
    ("n1", "2024-01-09T09:00:00Z", ["The type checker allows 256 levels of type nesting before it reports E0420 "
                                    "(`MAX_DEPTH = 256`)."]),
    ("n2", "2024-02-01T09:00:00Z", ["Raised the type checker's nesting limit to 512 levels: `MAX_DEPTH = 512`, "
                                    "still reported as E0420.",
                                    "Correction: 512 overflowed the stack in debug builds, so `MAX_DEPTH = 384` now."]),
    ("x", "2024-02-10T09:00:00Z", ["The docs site builds with mdBook.", "Release notes go in CHANGELOG.md."]),
]


def test_of_two_statements_passing_the_same_older_one_the_newest_leads(project: Path) -> None:
    k = _store(project, CORRECTED)
    assert _ids(k, "How many levels of type nesting does the checker allow?")[:3] == ["n2:1", "n2:0", "n1:0"]
    assert _ids(k, "How many levels of type nesting did the checker allow originally?")[0] == "n1:0"


def test_more_present_setup_questions_are_read_as_such() -> None:
    """Passive "is used to" is no past habit; "below what / when / whose" questions ask about the
    present setup too."""
    from kairos.recall.truth import setup_tense, tense

    assert tense("What library is used to render compiler diagnostics at the moment?") == "present"
    assert tense("Which formatter did we used to run before ruff?") == "past"
    assert setup_tense("Below what voltage does a node report a low battery?") == "present"
    assert setup_tense("When do production deployments happen?") == "present"
    assert setup_tense("Whose approval does a release need?") == "present"
    assert setup_tense("When did we switch the deployments to Fridays?") is None  # the time of an event
    assert setup_tense("On what date did Chen Wei take over the scheduler?", ()) is None
    assert setup_tense("What made us leave LaunchDarkly?", ()) is None  # a reason is no state


def test_a_product_named_in_a_question_does_not_make_it_about_someone(project: Path) -> None:
    """"Celery" is capitalised like a name, but nobody called Celery speaks in the history: the
    question is about the setup, so the later broker leads."""
    from kairos.recall.truth import names_someone

    assert names_someone("What is Caroline's job?")
    assert not names_someone("Which broker does Celery use?", {"user", "assistant"})
    assert names_someone("What is Caroline's job?", {"caroline", "melanie"})
    k = _store(project, [("c1", "2024-01-08T10:00:00Z", ["Celery uses Redis as its message broker, through CELERY_BROKER_URL.",
                                                         "The checkout tests run on every push."]),
                         ("c2", "2024-05-15T10:00:00Z", ["Switched the Celery broker from Redis to RabbitMQ; acks are durable now.",
                                                         "Refund emails show the amount in cents."])])
    assert _ids(k, "Which message broker does Celery use?")[0] == "c2:0"
    assert _ids(k, "Which message broker did Celery use first?")[0] == "c1:0"


def test_a_proposal_naming_the_value_it_would_leave_supersedes_nothing(project: Path) -> None:
    """"Oskar suggested we move diagnostics from ariadne to miette" names the value it would leave,
    but it is an idea: the statement it names stays the current truth."""
    k = _store(project, [("d1", "2024-03-04T10:00:00Z", ["Diagnostics are rendered with ariadne. I like the labelled multi-span output.",
                                                         "The parser lives in tern-syntax."]),
                         ("d2", "2024-04-22T10:00:00Z", [("Oskar suggested we move diagnostics from ariadne to miette, because miette "
                                                          "has a derive macro."),
                                                         "The release notes are in CHANGELOG.md."])])
    assert _ids(k, "Which library renders the compiler diagnostics at the moment?")[0] == "d1:0"


def test_days_and_time_zones_are_no_product_that_changed() -> None:
    """A later statement naming a product is no new value of a schedule given in days and UTC;
    one naming other days is."""
    import numpy as np

    from kairos.index.terms import content_words
    from kairos.recall.truth import order_by_tense

    def leader(newer: str) -> int:
        old = H("user: We deploy to production on Tuesdays and Thursdays at 10:00 UTC.", 2.0, "2024-01-15", 1)
        new = H(newer, 1.8, "2024-04-09", 2)
        same = np.ones(4) / 2.0  # the two read alike: only the values decide
        order_by_tense([old, new], False, {1: same, 2: same}, lambda h: set(content_words(h.text, 64)),
                       lambda h: h.text, "present", lambda h: {"deploy"}, {"deploy"})
        return max((old, new), key=lambda h: h.score).rowid

    assert leader("assistant: I'll point the deploy target at the Adyen sandbox and fix the smoke test.") == 1
    assert leader("user: We deploy to production on Wednesdays at 14:00 UTC.") == 2


def test_a_why_question_is_answered_by_the_diagnosis_not_the_report(project: Path) -> None:
    """The report of a bug repeats the question's words; the turn that answers it says why. A
    proposal's own motive ("because the search is better") does not say why it was turned down."""
    k = _store(project, [("r1", "2024-05-06T09:00:00Z", [
        "Duplicate key errors in the nightly invoice sync again.",
        ("Found it: the nightly invoice sync's retry wrapper re-sent a batch after a timeout, so rows "
         "that had already committed were inserted twice, hence the duplicate key errors. The fix is "
         "an idempotency key per batch."),
        "The invoice PDFs are rendered by WeasyPrint."]),
        ("r2", "2024-06-11T09:00:00Z", [
            "Priya suggested we move the docs site to Docusaurus because its search is better.",
            ("No, the docs site stays on MkDocs rather than moving to Docusaurus: the whole team "
             "writes Markdown there, and the plugins we need only exist for it."),
            "Docs deploy from the main branch."])])
    assert _ids(k, "Why did the nightly invoice sync fail with duplicate key errors?")[0] == "r1:1"
    assert _ids(k, "What caused the duplicate key errors in the invoice sync, and how was it fixed?")[0] == "r1:1"
    assert _ids(k, "Why didn't we move the docs site to Docusaurus?")[0] == "r2:1"


def test_reason_questions_and_statements() -> None:
    from kairos.recall.truth import asks_reason, gives_reason, setup_tense

    for q in ("Why did the sync fail?", "What caused the memory leak?", "How did we fix the flaky upload test?",
              "What was behind the Samsung crash?", "What made us leave Heroku?"):
        assert asks_reason(q), q
        assert setup_tense(q) is None, q  # a cause is no state of the setup
    for q in ("Which queue runs the jobs?", "How do we deploy the docs?", "What is behind the load balancer?"):
        assert not asks_reason(q), q
    assert gives_reason("assistant: Found the cause. The parser used the server's time zone.")
    assert gives_reason("user: We stay on MkDocs, so the plugins keep working.")
    assert not gives_reason("user: Finance says the export has duplicated rows.")
    assert not gives_reason("user: Priya suggested Docusaurus because its search is better.")
    assert not gives_reason("user: Did it fail because of the timeout?")


def test_a_which_file_question_is_answered_by_a_path(project: Path) -> None:
    """"Which file ...?" asks for a path: the statement that names one answers it, not the later
    remark about the thing that names none."""
    k = _store(project, [("f1", "2024-02-05T09:00:00Z", [
        "The public API gets a rate limiter in gateway/limits/bucket.go, one token bucket per key.",
        "Lunch at noon."]),
        ("f2", "2024-03-12T09:00:00Z", [
            ("The rate limiter for the public API rejected 300 requests from the mobile app in a minute; "
             "the limiter itself is fine."),
            "The public API docs are on the wiki."])])
    assert _ids(k, "Which file defines the rate limiter for the public API?")[0] == "f1:0"


def test_answer_kind_reads_which_file_as_a_path() -> None:
    from kairos.recall.truth import answer_kind, gives

    assert answer_kind("Which file defines the job spec schema?") == "path"
    assert answer_kind("In which module is the webhook handler?") == "path"
    assert answer_kind("Which file extension do tern sources use?") is None
    assert answer_kind("What's the maximum upload size?") == "number"
    assert gives("path", "assistant: It is in loom/spec/job.py.")
    assert gives("path", "assistant: The layout is in partitions.csv.")
    assert not gives("path", "assistant: The limiter itself is fine.")


def test_the_questions_rare_word_joins_what_the_subject_table_parts(project: Path) -> None:
    """The subject table reads "see the PR for details" as ``ci`` and the later instruction as no
    subject; both contain "snapshot", a word of the question that few records use, so they are
    one fact and the later one answers the present."""
    parts = ["parser", "lexer", "renderer", "cache", "router", "importer", "linter", "formatter", "bundler", "mailer"]
    fill = [f"Standup {n}: the {w} review is done, nothing blocking." for n, w in enumerate(parts * 5)]
    k = _store(project, [
        ("c1", "2024-02-01T09:00:00Z", ["The exporter writes a snapshot every 6 hours; see the PR for details.",
                                        *fill[:25]]),
        ("c2", "2024-05-01T09:00:00Z", [*fill[25:], "Switch the default snapshot interval to every 2 hours."])])
    assert _ids(k, "How often does the exporter write a snapshot at the moment?")[0] == "c2:25"
    assert _ids(k, "How often did the exporter write a snapshot originally?")[0] == "c1:0"


def test_a_shared_rare_word_of_the_question_lifts_the_subject_vetoes() -> None:
    """Two statements the subject table files under different subjects stay apart, unless both
    contain a rare word of the question."""
    import numpy as np

    from kairos.index.terms import content_words
    from kairos.recall.truth import order_by_tense

    def leader(rare: set[str]) -> int:
        old = H("user: Priya owns the billing exporter; open a PR and ask her to review.", 2.0, "2024-03-13", 1)
        new = H("assistant: Got it, the billing exporter moved to Tomas now; he reviews the docs package.",
                1.8, "2024-07-15", 2)
        same = np.ones(4) / 2.0
        order_by_tense([old, new], False, {1: same, 2: same}, lambda h: set(content_words(h.text, 64)),
                       lambda h: h.text, "present", lambda h: {"ci"} if h.rowid == 1 else {"packages"}, set(), None,
                       lambda h: {w[:5] for w in content_words(h.text, 64)} & rare)
        return max((old, new), key=lambda h: h.score).rowid

    assert leader(set()) == 1                     # different subjects: not one fact
    assert leader({"owns"}) == 1                  # a rare word only one of them contains
    assert leader({"billi", "expor"}) == 2        # both name what is asked about
