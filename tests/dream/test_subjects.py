"""Same subject or not: no supersession across subjects, the trust rule for user corrections,
corrections without an opening word, and the semantic (embedder) same-subject check and its gates."""

from __future__ import annotations

import numpy as np
import pytest

from kairos.dream import capture_turn, dream
from kairos.dream.consolidate import fold
from kairos.dream.run import read_records
from kairos.store import Store
from tests.dream.conftest import live_files


def _current(store: Store) -> list[str]:
    return sorted(t.split("\n---\n", 1)[-1].strip() for n, t in live_files(store).items()
                  if not n.endswith("MEMORY.md"))


def test_a_change_of_one_subject_never_retires_another(store: Store) -> None:
    j = store.journal
    # the history teaches that ports are values and the components are subject words
    j.append("memory", "The billing service port is 8080", type="project", provenance="agent")
    capture_turn(j, "No, the billing service port is 7000, not 8080.", "user")
    j.append("memory", "The ledger service port is 9200", type="project", provenance="agent")
    j.append("memory", "The ledger service port changed to 3000", type="project", provenance="agent")
    j.append("memory", "The feature flag service port is 9200", type="project", provenance="user")
    j.append("memory", "The billing service port is 9200", type="project", provenance="user")
    dream(store)
    bodies = "\n".join(_current(store))
    assert "feature flag service port is 9200" in bodies  # not taken over by billing's change
    assert "ledger service port changed to 3000" in bodies
    assert "billing service port is 9200" in bodies and "7000" not in bodies


def test_dotted_values_are_values_not_subject_words(store: Store) -> None:
    """"not python3.12" rules out the whole value: reading it as "python3" once made the version a
    subject word, and every later change of the runtime was kept beside the old memory."""
    j = store.journal
    j.append("memory", "The worker runtime is python3.11", type="project", provenance="agent")
    j.append("memory", "The worker runtime is go1.22 rather than python3.11.", type="project",
             provenance="agent")
    j.append("memory", "The worker runtime is python3.12, not go1.22.", type="project", provenance="agent")
    j.append("memory", "The worker runtime is now node20", type="project", provenance="agent")
    dream(store)
    (body,) = _current(store)
    assert "node20" in body


def test_a_frame_word_learned_from_a_restatement_does_not_hide_a_change(store: Store) -> None:
    """"Migrated the X to Y" restated as "the X is Y" shows "migrated" frames the fact; a later
    change in another frame ("the X is Z, not W") then supersedes it (Y and Z known values)."""
    j = store.journal
    j.append("memory", "The api runtime is node20, not python3.11.", type="project", provenance="agent")
    j.append("memory", "The api runtime moved from go1.22 to node20", type="project", provenance="agent")
    j.append("memory", "Migrated the worker runtime to python3.11", type="project", provenance="agent")
    j.append("memory", "The worker runtime is python3.11", type="project", provenance="user")
    j.append("memory", "The worker runtime is go1.22, not java21.", type="project", provenance="agent")
    dream(store)
    bodies = _current(store)
    assert [b for b in bodies if "worker" in b] == ["The worker runtime is go1.22, not java21."]


def test_frame_words_never_carry_a_change_across_subjects(store: Store) -> None:
    j = store.journal
    j.append("memory", "The worker queue is kafka", type="project", provenance="agent")
    j.append("memory", "Confirmed again: the worker queue is kafka", type="project", provenance="user")
    j.append("memory", "The worker database is postgres, not kafka.", type="project", provenance="agent")
    j.append("memory", "Confirmed again: the worker database is mysql", type="project", provenance="agent")
    dream(store)
    bodies = "\n".join(_current(store))
    assert "queue is kafka" in bodies and "database" in bodies


def test_a_value_hidden_behind_a_subject_word_still_changes(store: Store) -> None:
    """"The web deploy branch is deploy" says "deploy" twice: once it is the value."""
    j = store.journal
    j.append("memory", "The api deploy branch is main", type="project", provenance="agent")
    j.append("memory", "The api deploy branch moved from main to release", type="project", provenance="agent")
    j.append("memory", "The api deploy branch is stable, not release.", type="project", provenance="agent")
    j.append("memory", "The web deploy branch is deploy", type="project", provenance="agent")
    j.append("memory", "Switched the web deploy branch to main", type="project", provenance="agent")
    dream(store)
    web = [b for b in _current(store) if "web" in b]
    assert web == ["Switched the web deploy branch to main"]


def test_a_correction_needs_no_opening_word(store: Store) -> None:
    j = store.journal
    j.append("memory", "The audit logger database is mongodb", type="project", provenance="agent")
    capture_turn(j, "Careful, the audit logger database isn't mongodb, it's cockroachdb.", "user")
    j.append("memory", "The audit logger database is mongodb", type="project", provenance="agent")
    dream(store)
    (body,) = _current(store)
    assert "cockroachdb" in body


def test_agent_may_move_a_correction_to_a_new_value_but_never_back(store: Store) -> None:
    """The trust rule (docs/notes/dream.md): after a user correction, an agent's explicit memory write
    may record a value the fact never held (it moved again); a value it held before the
    correction, or the one the user ruled out, only the user may bring back."""
    j = store.journal
    j.append("memory", "The search port is 5432", type="project", provenance="agent")
    j.append("memory", "The search port is 6543", type="project", provenance="agent")
    capture_turn(j, "No, the search port is 7000, not 6543.", "user")
    j.append("memory", "The search port is 5432", type="project", provenance="agent")  # held before
    j.append("memory", "The search port is 6543", type="project", provenance="agent")  # ruled out
    capture_turn(j, "Remember: the search port is 9090", "agent")  # a turn, not a memory write
    report = dream(store)
    (body,) = _current(store)
    assert "7000" in body
    assert sum(d.action == "reject" for d in report.decisions) == 3
    j.append("memory", "The search port is 8443", type="project", provenance="agent")  # new value
    dream(store)
    (body,) = _current(store)
    assert "8443" in body
    j.append("memory", "The search port is 5432", type="project", provenance="user")  # the user may
    dream(store)
    (body,) = _current(store)
    assert "5432" in body


class _Synonyms:
    """A stand-in embedder that sees subjects only (db and database are one word)."""

    def __call__(self, texts: list[str]) -> np.ndarray:
        vocab = ["billing", "ledger", "service", "database", "port"]
        out = np.zeros((len(texts), len(vocab)), dtype=np.float32)
        for i, t in enumerate(texts):
            words = t.lower().replace(" db ", " database ").split()
            for k, w in enumerate(vocab):
                out[i, k] = sum(w in x for x in words)
            out[i] /= max(1e-9, float(np.linalg.norm(out[i])))
        return out


def _fold_texts(store: Store, embed) -> list[str]:  # noqa: ANN001
    f = fold(read_records(store.journal, []), embed=embed)
    return sorted(s.text for s in f.active())


def test_semantic_same_subject_needs_a_value_change_and_the_subject(store: Store) -> None:
    j = store.journal
    j.append("memory", "The billing service database is postgres", type="project", provenance="agent")
    capture_turn(j, "No, the ledger service database is mysql, not postgres.", "user")  # mysql: a value
    j.append("memory", "The billing service db is sqlite", type="project", provenance="agent")
    without = _fold_texts(store, None)
    with_embed = _fold_texts(store, _Synonyms())
    assert any("postgres" in t and "billing" in t.lower() and "sqlite" not in t for t in without)
    assert not any(t == "The billing service database is postgres" for t in with_embed)
    assert any("ledger" in t for t in with_embed)  # another subject: never superseded


def test_semantic_similarity_alone_never_supersedes(store: Store) -> None:
    j = store.journal
    j.append("memory", "The billing service database is postgres", type="project", provenance="agent")
    j.append("memory", "Billing service db latency matters", type="project", provenance="agent")
    texts = _fold_texts(store, _Synonyms())
    assert len(texts) == 2  # very similar, but no value known to have changed: both kept


def test_dream_without_an_embedder_falls_back_to_the_word_rules(store: Store, monkeypatch) -> None:  # noqa: ANN001
    import kairos.embed as embed
    from kairos.embed import EmbedderUnavailable

    def unavailable(name=None):  # noqa: ANN001, ANN202
        raise EmbedderUnavailable("no model files here")

    monkeypatch.setattr(embed, "get_embedder", unavailable)
    store.journal.append("memory", "The deploy branch is main", type="project", provenance="agent")
    report = dream(store)
    assert report.active == 1
    assert any("semantic" in s for s in report.skipped)
    off = dream(store, config={"dream": {"semantic": False}})
    assert not any("semantic" in s for s in off.skipped)


@pytest.mark.parametrize("order", [1, -1])
def test_semantic_fold_is_order_independent(store: Store, order: int) -> None:
    j = store.journal
    j.append("memory", "The billing service database is postgres", type="project", provenance="agent")
    capture_turn(j, "No, the billing service database is mysql, not postgres.", "user")
    j.append("memory", "The billing service db is sqlite", type="project", provenance="user")
    recs = read_records(j, [])[::order]
    assert sorted(s.text for s in fold(recs, embed=_Synonyms()).active()) == \
        sorted(s.text for s in fold(recs[::-1], embed=_Synonyms()).active())
