"""Consolidation: fold the journal, in id order, into the set of current memories.

The fold is a pure function of the records (and of ``now`` and the code, for
decay and anchors): records are visited in id order — ids are HLC-sortable and
globally unique — so two instances whose journals are merged reach the same
memory whatever order the records arrived in. Each memory is a *slot*: its
current statement, the statements it superseded (with their validity interval
and the reason), the record ids it rests on, and how often it was confirmed
and used.

Rules, in order of precedence:
- untrusted content (tool output, fetched pages, files) never becomes a memory
  by itself; hypotheses stay observations until a trusted statement confirms them;
- a forget tombstone retires its target; a statement arriving later may restate it;
- a user correction is pinned: only a newer statement *from the user* replaces it,
  so an older record, or an agent repeating stale knowledge, never resurrects it;
- a duplicate strengthens the memory it repeats; a contradiction supersedes the
  older statement unless the older one has more authority;
- after the fold, memories decay by type and disuse (recall hits count as use) and
  retire; memories whose code anchors no longer hold retire.

What this module must never do: write anything. It returns a :class:`Fold`;
``kairos.dream.run`` turns it into files and consolidation records.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from kairos.dream.capture import Candidate, extract_candidates, is_untrusted
from kairos.dream.text import (Verdict, asserted_tokens, compare, content_tokens, is_negated,
                               jaccard, rejected_terms, token_sequence)
from kairos.journal import Record
from kairos.memory import MEMORY_TYPES, Anchor, check_anchor, slugify

__all__ = ["Decision", "Fold", "Slot", "Statement", "fold"]

_AUTHORITY = {"user": 3, "agent": 2, "imported": 2, "system": 2, "tool": 1}
_DEFAULT_SCOPE = {"user": "user", "feedback": "private", "project": "team", "reference": "team"}
# half-life in days, by type (and for project memories, by what kind of fact they are)
HALF_LIFE = {"user": 365.0, "feedback": 180.0, "project": 60.0, "project-decision": 240.0,
             "reference": 120.0}
RETIRE_BELOW = 0.1
_POSTING_CAP = 400  # tokens shared by more slots than this say nothing about identity

_STATE = re.compile(r"\b(?:currently|right now|at the moment|in progress|wip|todo|blocked|failing|"
                    r"green|broken|this (?:week|sprint)|today|pending|waiting|is down|is up)\b", re.I)

Judge = Callable[[str, str, Verdict], Verdict]
# texts -> unit row vectors (``kairos.embed``'s static embedder); deterministic, so order-independent
Embed = Callable[[list[str]], Any]
SEMANTIC_MIN = 0.8  # cosine at which two statements may be the same subject in other words


@dataclass(frozen=True)
class Statement:
    """One thing a record asserts, on its way into the fold."""

    text: str
    type: str
    record: Record
    signal: str  # remember | correction | explicit | preference | decision | reference | lesson
    name: str | None = None
    scope: str | None = None
    description: str | None = None
    anchors: tuple[dict[str, Any], ...] = ()
    target: str | None = None

    @property
    def authority(self) -> int:
        return _AUTHORITY.get(self.record.provenance, 1)

    @property
    def pinned(self) -> bool:
        return self.signal == "correction" and self.record.provenance == "user"


@dataclass
class Slot:
    """One memory over time."""

    key: str                 # id of the record that opened the slot
    name: str
    type: str
    scope: str
    text: str
    description: str
    signal: str
    authority: int
    pinned: bool
    valid_from: str          # time the current statement was first made
    sources: list[str] = field(default_factory=list)
    anchors: list[dict[str, Any]] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)
    confirmations: int = 1
    uses: int = 0
    last_seen: str = ""      # time of the latest record that stated or confirmed it
    last_used: str = ""
    status: str = "active"   # active | retired
    retired_reason: str = ""
    journal: str = "project"  # which journal its records live in (user memories: "user")
    rejects: frozenset[str] = frozenset()  # terms a user correction ruled out ("not npm")
    # What every statement of this memory kept saying: its subject, once a value changed or a
    # paraphrase repeated it ("billing service port"); frame words and old values drop out.
    core: frozenset[str] = frozenset()

    @property
    def reliability(self) -> float:
        base = {3: 0.8, 2: 0.7, 1: 0.4}.get(self.authority, 0.5)
        if self.pinned:
            base = 0.9
        return round(min(1.0, base + 0.05 * (self.confirmations - 1) + 0.02 * min(self.uses, 5)), 3)

    def half_life(self) -> float:
        if self.type == "project" and _STATE.search(self.text):
            return HALF_LIFE["project"]  # work state goes stale fast
        if self.type == "project" and self.signal in ("decision", "lesson", "correction", "remember"):
            return HALF_LIFE["project-decision"]
        days = HALF_LIFE.get(self.type, 90.0)
        if self.type == "feedback":
            days *= 1 + 0.5 * (self.confirmations - 1)  # reinforced by confirmation
        return days

    def strength(self, now: datetime) -> float:
        last = max(self.last_seen, self.last_used)
        age = max(0.0, (now - _parse_time(last)).total_seconds() / 86400.0) if last else 0.0
        return self.reliability * math.pow(0.5, age / self.half_life())


@dataclass(frozen=True)
class Decision:
    """One change dream makes, with the records it rests on; journaled as a consolidation."""

    action: str  # create | merge | supersede | reject | retire | confirm-hypothesis | skip-untrusted
    name: str
    reason: str
    rests_on: tuple[str, ...]
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """Stable identity: the same decision on the same records is journaled once."""
        basis = "|".join([self.action, self.name, *self.rests_on])
        return hashlib.sha256(basis.encode()).hexdigest()[:20]

    def sentence(self) -> str:
        return f"{self.action} {self.name}: {self.reason}"


@dataclass
class Fold:
    slots: dict[str, Slot] = field(default_factory=dict)  # key -> slot
    decisions: list[Decision] = field(default_factory=list)
    observations: int = 0
    untrusted_held: int = 0
    hypotheses_held: int = 0
    rejected: int = 0
    skipped: list[str] = field(default_factory=list)
    llm_calls: list[dict[str, Any]] = field(default_factory=list)

    def active(self) -> list[Slot]:
        return [s for s in self.slots.values() if s.status == "active"]

    def by_name(self, name: str) -> Slot | None:
        for s in self.slots.values():
            if s.name == name and s.status == "active":
                return s
        for s in self.slots.values():
            if s.name == name:
                return s
        return None


def _same_subject(other: frozenset[str], correction: frozenset[str], strict: bool = False) -> bool:
    """Is ``other`` (a statement minus the rejected terms) about what the correction is about?

    A bare correction ("use pnpm, not npm") names only its replacement, so the rejected term
    alone decides; a fuller one ("the billing port is 7000, not 8080") must share the subject.
    """
    if len(correction) <= 1 or len(other) == 0:
        return True
    if strict:  # most of what the old statement says beside the rejected term must be kept
        return len(other & correction) >= 0.7 * len(other) and len(other - correction) <= 2
    return len(other & correction) >= 0.6 * len(other)


def _valued(tokens: frozenset[str], values: set[str]) -> bool:
    return any(t in values or any(c.isdigit() for c in t) for t in tokens)


def _parse_time(iso: str) -> datetime:
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return datetime(1970, 1, 1, tzinfo=timezone.utc)


def _describe(text: str) -> str:
    first = " ".join(text.split())
    for stop in (". ", "; ", "\n"):
        if stop in first[:160]:
            first = first[: first.index(stop) + 1]
            break
    return first[:150].rstrip() + ("…" if len(first) > 150 else "")


# --------------------------------------------------------------------------- statements
def _candidates_of(rec: Record) -> list[Candidate]:
    raw = rec.meta.get("capture")
    if isinstance(raw, list):
        out = []
        for c in raw:
            try:
                cand = Candidate(str(c["text"]), str(c["type"]), str(c["signal"]), bool(c["untrusted"]))
            except (KeyError, TypeError):
                continue
            if cand.type in MEMORY_TYPES:
                # Trust is decided here, from the record, never from what the capture claimed.
                out.append(Candidate(cand.text, cand.type, cand.signal,
                                     cand.untrusted or is_untrusted(rec.provenance, rec.meta)))
        return out
    return extract_candidates(rec.text, rec.provenance, rec.meta)


def statements_of(rec: Record) -> tuple[list[Statement], list[Candidate]]:
    """What a record asserts (trusted statements) and what it only suggests (held back)."""
    if rec.kind == "memory":
        mtype = rec.type if rec.type in MEMORY_TYPES else "project"
        meta = rec.meta if isinstance(rec.meta, dict) else {}
        anchors = tuple(a for a in meta.get("anchors") or [] if isinstance(a, dict))
        st = Statement(rec.text.strip(), mtype, rec, "remember", name=meta.get("name") or None,
                       scope=meta.get("scope") or None, description=meta.get("description") or None,
                       anchors=anchors)
        if is_untrusted(rec.provenance, meta):
            return [], [Candidate(st.text, mtype, "explicit", True)]
        return [st], []
    if rec.kind == "correction":
        target = rec.meta.get("target") if isinstance(rec.meta, dict) else None
        mtype = rec.type if rec.type in MEMORY_TYPES else "feedback"
        st = Statement(rec.text.strip(), mtype, rec, "correction", target=target,
                       name=rec.meta.get("name") if isinstance(rec.meta, dict) else None)
        if is_untrusted(rec.provenance, rec.meta):
            return [], [Candidate(st.text, mtype, "correction", True)]
        return [st], []
    if rec.kind == "observation":
        trusted, held = [], []
        for c in _candidates_of(rec):
            if c.untrusted or c.signal == "hypothesis":
                held.append(c)
            elif c.signal == "correction" and rec.provenance != "user":
                held.append(c)  # only a user corrects
            else:
                trusted.append(Statement(c.text, c.type, rec, c.signal))
        return trusted, held
    return [], []


# --------------------------------------------------------------------------- the fold
class _Folder:
    def __init__(self, judge: Judge | None, names_taken: set[str] | None = None):
        self.f = Fold()
        self.judge = judge
        self.embed: Embed | None = None
        self._vectors: dict[str, Any] = {}
        self.postings: dict[str, set[str]] = {}
        self.names: dict[str, str] = {}        # name -> slot key (active or not)
        self.source_to_slot: dict[str, str] = {}
        self.hypotheses: list[tuple[frozenset[str], Record, str]] = []
        self.held_untrusted: list[tuple[frozenset[str], Record]] = []
        self.rejecting: dict[str, set[str]] = {}  # rejected term -> pinned slot keys
        # What the history taught about words, in id order (so order-independent): words a
        # statement ruled out ("not Y", "from Y to X") are values; words that stayed in a memory's
        # core across a change of value are subject words. A supersession never drops a subject
        # word: "billing service port 9200" does not replace "feature flag service port 9200".
        self.value_words: set[str] = set()
        self.subject_words: set[str] = set()
        # Words a restatement of the same fact added or left out ("Confirmed again: …", "… as
        # before", "we run … on"): they frame a fact, they are not its subject.
        self.frame_words: set[str] = set()

    # -- index of active slots
    def _index(self, slot: Slot, add: bool = True) -> None:
        for tok in content_tokens(slot.text):
            post = self.postings.setdefault(tok, set())
            (post.add if add else post.discard)(slot.key)

    def _related(self, text: str) -> list[Slot]:
        counts: dict[str, int] = {}
        for tok in content_tokens(text):
            post = self.postings.get(tok)
            if not post or len(post) > _POSTING_CAP:
                continue
            for key in post:
                counts[key] = counts.get(key, 0) + 1
        keys = sorted(counts, key=lambda k: (-counts[k], k))[:40]
        return [self.f.slots[k] for k in keys if self.f.slots[k].status == "active"]

    def _unique_name(self, base: str, key: str) -> str:
        base = base[:60].strip("-_") or "memory"
        name, n = base, 2
        while name in self.names and self.names[name] != key:
            name = f"{base}-{n}"
            n += 1
        self.names[name] = key
        return name

    def _decide(self, action: str, name: str, reason: str, ids: Iterable[str], **detail: Any) -> None:
        self.f.decisions.append(Decision(action, name, reason, tuple(ids), detail))

    # -- records
    def visit(self, rec: Record) -> None:
        if rec.kind == "forget":
            self._forget(rec)
            return
        if rec.kind == "recall-use":
            self._use(rec)
            return
        if rec.kind == "observation":
            self.f.observations += 1
        stmts, held = statements_of(rec)
        for c in held:
            toks = content_tokens(c.text)
            if c.untrusted:
                self.f.untrusted_held += 1
                self.held_untrusted.append((toks, rec))
            else:
                self.f.hypotheses_held += 1
                self.hypotheses.append((toks, rec, c.text))
        for st in stmts:
            self._statement(st)

    def _forget(self, rec: Record) -> None:
        target = str(rec.meta.get("target", "")) if isinstance(rec.meta, dict) else ""
        reason = str(rec.meta.get("reason", "") or "forgotten") if isinstance(rec.meta, dict) else ""
        key = self.source_to_slot.get(target) or self.names.get(target)
        slot = self.f.slots.get(key) if key else None
        if slot is None or slot.status != "active":
            return
        self._retire(slot, f"forgotten: {reason}", [rec.id], time=rec.time)

    def _use(self, rec: Record) -> None:
        ids = rec.meta.get("ids", []) if isinstance(rec.meta, dict) else []
        for ident in ids if isinstance(ids, list) else []:
            key = self.source_to_slot.get(str(ident)) or self.names.get(str(ident))
            slot = self.f.slots.get(key) if key else None
            if slot is not None and slot.status == "active":
                slot.uses += 1
                slot.last_used = max(slot.last_used, rec.time)

    def _retire(self, slot: Slot, reason: str, ids: list[str], time: str = "") -> None:
        slot.status = "retired"
        slot.retired_reason = reason
        self._index(slot, add=False)
        self._decide("retire", slot.name, reason, [*slot.sources[-3:], *ids],
                     text=slot.text, valid_from=slot.valid_from, valid_to=time)

    def _open(self, st: Statement) -> Slot:
        rec = st.record
        # Name by subject, not value: a name holding "5432" would lie once the port changes.
        base = st.name or slugify(re.sub(r"\S*\d\S*", " ", st.text))
        if base == "memory":
            base = slugify(st.text)
        slot = Slot(key=rec.id, name="", type=st.type,
                    scope=st.scope if st.scope in ("user", "private", "team") else _DEFAULT_SCOPE[st.type],
                    text=st.text, description=st.description or _describe(st.text), signal=st.signal,
                    authority=st.authority, pinned=st.pinned, valid_from=rec.time,
                    sources=[rec.id], anchors=list(st.anchors), last_seen=rec.time,
                    journal="user" if st.type == "user" else "project")
        if st.type == "user":
            slot.scope = "user"
        slot.name = self._unique_name(base, slot.key)
        slot.core = asserted_tokens(st.text)
        self.f.slots[slot.key] = slot
        self.source_to_slot[rec.id] = slot.key
        self._index(slot)
        if st.pinned:
            self._set_rejects(slot, rejected_terms(st.text))
        self._confirm_hypotheses(slot, rec)
        return slot

    def _confirm_hypotheses(self, slot: Slot, rec: Record) -> None:
        toks = content_tokens(slot.text)
        for htoks, hrec, htext in self.hypotheses:
            if hrec.id < rec.id and compare(htext, slot.text).relation == "duplicate":
                self._decide("confirm-hypothesis", slot.name,
                             "an earlier hypothesis was confirmed by this statement",
                             [hrec.id, rec.id], hypothesis=htext)
        self.hypotheses = [h for h in self.hypotheses
                           if not (h[1].id < rec.id and h[0] and len(h[0] & toks) == len(h[0]))]

    def _replace(self, slot: Slot, st: Statement, reason: str) -> None:
        """``st`` supersedes ``slot``'s current statement; the old one becomes history."""
        rec = st.record
        self._index(slot, add=False)
        slot.history.append({"text": slot.text, "valid_from": slot.valid_from, "valid_to": rec.time,
                             "reason": reason, "sources": slot.sources[-5:]})
        self._decide("supersede", slot.name, reason, [*slot.sources[-3:], rec.id],
                     old=slot.text, new=st.text, valid_from=slot.valid_from, valid_to=rec.time)
        self._narrow_core(slot, st.text)
        self._learn_subject(slot, slot.text, st.text)
        slot.text = st.text
        slot.description = st.description or _describe(st.text)
        old_type = slot.type
        slot.type = st.type if st.signal in ("remember", "correction") else slot.type
        if slot.type == "user":
            slot.scope = "user"
        elif st.scope in ("private", "team"):
            slot.scope = st.scope
        elif slot.scope == "user" or slot.scope == _DEFAULT_SCOPE[old_type]:
            slot.scope = _DEFAULT_SCOPE[slot.type]
        slot.journal = "user" if slot.type == "user" else "project"
        slot.signal = st.signal if st.signal != "explicit" else slot.signal
        slot.authority = st.authority
        slot.pinned = st.pinned
        self._set_rejects(slot, rejected_terms(st.text) if st.pinned else frozenset())
        slot.valid_from = rec.time
        slot.sources = [rec.id]
        slot.confirmations = 1
        if st.anchors:
            slot.anchors = list(st.anchors)
        slot.last_seen = rec.time
        self.source_to_slot[rec.id] = slot.key
        self._index(slot)

    @staticmethod
    def _narrow_core(slot: Slot, text: str) -> None:
        core = slot.core & asserted_tokens(text)
        dropped = len(slot.core) - len(core)
        # A value is a token or two; a core that would lose more, or shrink to a couple of
        # generic words ("service database"), was about to join two subjects: keep it.
        if len(core) >= 2 and (dropped <= 1 or (dropped == 2 and len(core) >= 3)):
            slot.core = core

    def _other_subject(self, slot: Slot, text: str) -> bool:
        """Is ``text`` about another subject than ``slot``, as far as the history can tell?
        It leaves out part of the memory's established core, or a word known as a subject word."""
        a, b = asserted_tokens(slot.text), asserted_tokens(text)
        frame = self.frame_words - self.subject_words
        if slot.core and slot.core != a and (slot.core - b) - self.value_words - frame:
            return True  # (a core that kept an old value or a frame word still matches)
        return bool((a - b) & self.subject_words - self.value_words)

    def _brings_value(self, slot: Slot, text: str) -> bool:
        """Does ``text`` assert a word known as a value that the memory does not say?"""
        return bool((asserted_tokens(text) - content_tokens(slot.text)) & self.value_words)

    def _hidden_value(self, slot: Slot, text: str) -> Verdict | None:
        """The memory's words all reappear with a new known value, yet it said one of them once
        more than the new statement does: that other time it was the value ("the deploy branch is
        deploy" → "main for the deploy branch"). A value hidden behind a subject word changed."""
        old, new = Counter(token_sequence(slot.text)), Counter(token_sequence(text))
        rejected = rejected_terms(slot.text)
        surplus = {t for t, k in old.items() if k > new[t] and t not in rejected}
        if not surplus or not surplus <= self.subject_words | self.value_words:
            return None
        brought = (asserted_tokens(text) - content_tokens(slot.text)) & self.value_words
        return Verdict("contradiction", jaccard(asserted_tokens(slot.text), asserted_tokens(text)),
                       f"same subject, value changed ({', '.join(sorted(surplus))} → "
                       f"{', '.join(sorted(brought))})")

    def _learn_subject(self, slot: Slot, old: str, text: str) -> None:
        """After a change that dropped a known value: a core the new statement fully restates is
        the subject. (A change that dropped no known value may be a paraphrase judged a change, or
        a change across subjects: it teaches nothing.)"""
        b = asserted_tokens(text)
        if slot.core and slot.core <= b and slot.core != b and \
                (asserted_tokens(old) - b) & self.value_words:
            self.subject_words |= slot.core - self.value_words

    def _learn_frame(self, old: str, new: str) -> None:
        """A restatement whose words contain the other's, plus a word or two that are no value:
        those words frame the fact ("Confirmed again: X is Y" restating "X is Y")."""
        a, b = asserted_tokens(old), asserted_tokens(new)
        if len(a & b) < 2 or (a - b and b - a):
            return
        extra = (a - b) | (b - a)
        if 0 < len(extra) <= 2 and not _valued(extra, self.value_words):
            self.frame_words |= extra

    def _frame_verdict(self, slot: Slot, text: str) -> Verdict | None:
        """Both statements changed beside their shared part, and the history explains every
        difference: it leaves only known values (a known value, or one it rules out, comes in),
        the rest are known frame words.
        ("Migrated the X to Y" and "the X is Z, not W": the frame "migrated" aside, Y → Z.)"""
        a, b = asserted_tokens(slot.text), asserted_tokens(text)
        frame = self.frame_words - self.subject_words - self.value_words
        shared, gone, new = a & b, (a - b) - frame, (b - a) - frame
        if len(shared - frame) < 2 or not gone or not new or len(new) > 2 or \
                not gone <= self.value_words or \
                not (new & self.value_words or gone <= rejected_terms(text)):
            return None
        if (a - b) == gone and (b - a) == new:
            return None  # no frame word involved: the pairwise rules already saw this pair
        return Verdict("contradiction", len(shared) / len(a | b),
                       f"same subject ({' '.join(sorted(shared - frame))}), value changed "
                       f"({', '.join(sorted(gone))} → {', '.join(sorted(new))})")

    def _core_verdict(self, slot: Slot, text: str) -> Verdict | None:
        """Relate ``text`` to the memory's subject (its core) rather than to its last wording."""
        core, b = slot.core, asserted_tokens(text)
        if len(core) < 2 or not core <= b:
            return None
        current = asserted_tokens(slot.text)
        value = current - core
        extra = b - core
        if not value or not extra or len(extra) > 3 or len(extra) > len(core) or core == current:
            return None
        kept, gone, new = value & extra, value - extra, extra - value
        if kept and gone and new:
            # Both sides changed beside the core: which part is the value? Only a word the history
            # knows as a value decides ("emeka" kept: a restatement; "emeka" gone: a change).
            if kept & self.value_words and not gone & self.value_words:
                return Verdict("duplicate", len(core) / len(core | b), "restates the current value")
            if gone & self.value_words and not kept & self.value_words:
                return Verdict("contradiction", len(core) / len(core | b),
                               f"same subject ({' '.join(sorted(core))}), value changed "
                               f"({', '.join(sorted(gone))} → {', '.join(sorted(new))})")
            return None  # unsure: let the pairwise rules (or nothing) decide
        if kept:
            return Verdict("duplicate", len(core) / len(core | b), "restates the current value")
        return Verdict("contradiction", len(core) / len(core | b),
                       f"same subject ({' '.join(sorted(core))}), value changed "
                       f"({', '.join(sorted(value))} → {', '.join(sorted(extra))})")

    def _set_rejects(self, slot: Slot, terms: frozenset[str]) -> None:
        for t in slot.rejects:
            self.rejecting.get(t, set()).discard(slot.key)
        slot.rejects = terms
        for t in terms:
            self.rejecting.setdefault(t, set()).add(slot.key)

    def _ruled_out_by(self, st: Statement) -> Slot | None:
        """An active user correction that rules out what ``st`` asserts ("not npm" vs "use npm")."""
        if is_negated(st.text):
            return None
        toks = content_tokens(st.text)
        keys: set[str] = set()
        for t in toks:
            keys |= self.rejecting.get(t, set())
        for key in sorted(keys):
            slot = self.f.slots[key]
            own = content_tokens(slot.text) - slot.rejects
            if slot.status == "active" and slot.rejects and slot.rejects <= toks and \
                    _same_subject(toks - slot.rejects, own) and \
                    not (own - toks) & self.subject_words - self.value_words and \
                    not (own & toks - slot.rejects and compare(slot.text, st.text).relation == "duplicate"):
                return slot
        return None

    def _may_supersede(self, slot: Slot, st: Statement) -> str | None:
        """None if ``st`` may replace ``slot``; otherwise why not."""
        if slot.pinned and st.record.provenance != "user":
            if st.signal != "remember" or slot.rejects & asserted_tokens(st.text):
                return "contradicts a user correction; only the user can change it"
            # An agent's explicit memory write may move a corrected fact on to a value it never
            # held (the port moved again), never back to one it held before the correction:
            # that is stale knowledge, and only the user may bring it back.
            new = asserted_tokens(st.text) - asserted_tokens(slot.text)
            before: set[str] = set()
            for h in slot.history:
                before |= asserted_tokens(h["text"])
            if not new or new <= before:
                return "brings back what the memory said before the user's correction"
        if slot.authority > st.authority and slot.confirmations >= 1 and st.signal != "remember":
            return "contradicts a statement with more authority"
        return None

    def _statement(self, st: Statement) -> None:
        rec = st.record
        self.value_words |= rejected_terms(st.text)
        # 1. Explicit target (a correction naming what it corrects) or the same name.
        target_key = None
        if st.target:
            target_key = self.source_to_slot.get(st.target) or self.names.get(st.target)
        elif st.name and st.name in self.names:
            target_key = self.names[st.name]
        if target_key and self.f.slots[target_key].status == "active":
            slot = self.f.slots[target_key]
            v = compare(slot.text, st.text)
            if v.relation == "duplicate" and not st.pinned:
                self._merge(slot, st, v)
            else:
                why = "corrected by the user" if st.pinned else "remembered again under the same name"
                self._replace(slot, st, why)
            return
        # 2. Corrections reject terms: "use X, not Y" supersedes what asserts Y.
        superseded_by_correction = False
        if st.signal == "correction":
            superseded_by_correction = self._apply_correction(st)
            if superseded_by_correction:
                return
        # 3. A statement a user correction ruled out: only the user may bring it back.
        ruling = self._ruled_out_by(st) if not st.pinned else None
        if ruling is not None:
            if st.record.provenance == "user":
                self._replace(ruling, st, "the user reverted an earlier correction")
            else:
                self.f.rejected += 1
                self._decide("reject", ruling.name, "kept the user's correction: the new statement "
                             f"asserts what it ruled out ({', '.join(sorted(ruling.rejects))})",
                             [*ruling.sources[-1:], rec.id], kept=ruling.text, rejected=st.text)
            return
        # 4. Compare with related active memories.
        best: tuple[int, float, str, Slot, Verdict] | None = None
        matched: list[tuple[Slot, Verdict]] = []
        unsure: list[Slot] = []
        for slot in self._related(st.text):
            v = self._core_verdict(slot, st.text) or compare(slot.text, st.text)
            if v.relation in ("ambiguous", "distinct"):
                v = self._frame_verdict(slot, st.text) or v
            if v.relation == "ambiguous" and self.judge is not None:
                v = self.judge(slot.text, st.text, v)
            rank = {"duplicate": 0, "contradiction": 1}.get(v.relation)
            if rank is None or self._other_subject(slot, st.text):
                if slot.type == st.type:
                    unsure.append(slot)
                continue
            if rank == 0 and self._brings_value(slot, st.text):
                v = self._hidden_value(slot, st.text)
                if v is None:
                    continue  # not a restatement; unsure it is a change: keep both
                rank = 1
            matched.append((slot, v))
            cand = (rank, -v.similarity, slot.key, slot, v)
            if best is None or cand[:3] < best[:3]:
                best = cand
        if best is None and self.embed is not None and unsure:
            best = self._semantic_match(st, unsure)
        if best is None:
            slot = self._open(st)
            self._decide("create", slot.name, f"new {st.type} memory from a {st.signal}",
                         [rec.id], text=st.text)
            return
        _, _, _, slot, v = best
        if v.relation == "duplicate":
            self._merge(slot, st, v)
        else:
            blocked = self._may_supersede(slot, st)
            if blocked:
                self.f.rejected += 1
                self._decide("reject", slot.name, f"kept the current memory: the new statement {blocked}",
                             [*slot.sources[-1:], rec.id], kept=slot.text, rejected=st.text)
                return
            self._replace(slot, st, f"superseded by a newer statement ({v.why})")
        self._heal(slot, st, [m for m in matched if m[0] is not slot])

    def _vector(self, text: str) -> Any:
        vec = self._vectors.get(text)
        if vec is None:
            vec = self._vectors[text] = self.embed([text])[0]  # type: ignore[misc]
        return vec

    def _semantic_match(self, st: Statement, unsure: list[Slot]
                        ) -> tuple[int, float, str, Slot, Verdict] | None:
        """The word rules saw no relation; the embedder may see the same subject reworded
        ("db" for "database"). Similarity alone never supersedes: the pair must also share part
        of the subject (two words or more, none of the memory's subject words missing) and differ
        in a value (words on each side, and on one side a word the history knows as a value,
        or a number)."""
        b = asserted_tokens(st.text)
        new_vec = self._vector(st.text)
        best = None
        for slot in unsure:
            a = asserted_tokens(slot.text)
            gone, new = a - b, b - a
            if len(a & b) < 2 or not gone or not new or len(new) > 4 or len(gone) > 4 or \
                    self._other_subject(slot, st.text) or \
                    not (_valued(gone, self.value_words) or _valued(new, self.value_words)):
                continue
            sim = float(self._vector(slot.text) @ new_vec)
            if sim < SEMANTIC_MIN:
                continue
            cand = (1, -sim, slot.key, slot, Verdict(
                "contradiction", sim, f"same subject in other words (semantic {sim:.2f}), value changed "
                f"({', '.join(sorted(gone))} → {', '.join(sorted(new))})"))
            if best is None or cand[:3] < best[:3]:
                best = cand
        return best

    def _heal(self, winner: Slot, st: Statement, others: list[tuple[Slot, Verdict]]) -> None:
        """Other live memories the new statement also repeats or contradicts are the same subject
        under a stale or duplicate copy (a change missed earlier): fold them into ``winner``.
        This is what makes a chain A → B → C end with only C, even if A → B was missed."""
        for slot, v in sorted(others, key=lambda m: m[0].key):
            if slot.status != "active" or slot.type != winner.type or \
                    self._may_supersede(slot, st) is not None:
                continue
            if not winner.core <= content_tokens(slot.text):
                continue  # it lacks part of the winner's subject: another subject, leave it
            if v.relation == "duplicate":
                winner.confirmations += slot.confirmations
                winner.sources = sorted({*winner.sources, *slot.sources})[-50:]
                for src in slot.sources:
                    self.source_to_slot[src] = winner.key
                reason = f"a duplicate of {winner.name}, merged into it"
            else:
                winner.history.extend(h for h in slot.history if h not in winner.history)
                winner.history.append({"text": slot.text, "valid_from": slot.valid_from,
                                       "valid_to": st.record.time, "sources": slot.sources[-5:],
                                       "reason": f"superseded by a newer statement ({v.why})"})
                winner.history.sort(key=lambda h: (h["valid_to"], h["valid_from"]))
                reason = f"superseded by a newer statement in {winner.name} ({v.why})"
            self._retire(slot, reason, [st.record.id], time=st.record.time)

    def _apply_correction(self, st: Statement) -> bool:
        rejected = rejected_terms(st.text)
        if not rejected:
            return False
        toks = content_tokens(st.text)
        wanted = toks - rejected
        hits = []
        for slot in self._related(" ".join(sorted(rejected))):
            stoks = asserted_tokens(slot.text)
            if rejected <= stoks and _same_subject(stoks - rejected, wanted, strict=True) and \
                    not self._other_subject(slot, st.text) and \
                    not (wanted & stoks - rejected and compare(slot.text, st.text).relation == "duplicate"):
                hits.append(slot)
        if not hits:
            return False
        first = hits[0]
        self._replace(first, st, f"corrected by the user: not {', '.join(sorted(rejected))}")
        for other in hits[1:]:
            self._retire(other, f"corrected by the user in {first.name}: "
                         f"not {', '.join(sorted(rejected))}", [st.record.id], time=st.record.time)
        return True

    def _merge(self, slot: Slot, st: Statement, v: Verdict) -> None:
        rec = st.record
        self._learn_frame(slot.text, st.text)
        slot.confirmations += 1
        self._narrow_core(slot, st.text)
        slot.sources.append(rec.id)
        slot.last_seen = max(slot.last_seen, rec.time)
        self.source_to_slot[rec.id] = slot.key
        new_toks, old_toks = content_tokens(st.text), content_tokens(slot.text)
        if st.anchors and not slot.anchors:
            slot.anchors = list(st.anchors)
        if st.pinned and not slot.pinned:
            slot.pinned, slot.authority = True, max(slot.authority, st.authority)
            self._set_rejects(slot, rejected_terms(st.text))
        if new_toks > old_toks and st.authority >= slot.authority:
            self._index(slot, add=False)
            slot.text = st.text
            slot.description = st.description or _describe(st.text)
            self._index(slot)
        self._decide("merge", slot.name, f"strengthened: {v.why} (confirmed {slot.confirmations}×)",
                     [slot.key, rec.id], text=st.text)
        self._confirm_hypotheses(slot, rec)


def fold(records: Iterable[Record], *, now: datetime | None = None, project_root: Path | None = None,
         judge: Judge | None = None, embed: Embed | None = None, start: "_Folder | None" = None,
         on_folded: "Callable[[_Folder], None] | None" = None) -> Fold:
    """Fold records (any order; they are sorted by id here) into the current memories.

    ``start`` resumes from a restored fold state (``kairos.dream.checkpoint``): ``records`` are
    then only the ones newer than it. ``on_folded`` sees the state after the records and before
    decay and anchors (which depend on ``now`` and the code, so they are never checkpointed).
    """
    folder = start if start is not None else _Folder(judge)
    folder.judge = judge
    folder.embed = embed
    seen: set[str] = set()
    for rec in sorted(records, key=lambda r: r.id):
        if rec.id in seen:  # the same record arriving twice (a synced copy) counts once
            continue
        seen.add(rec.id)
        folder.visit(rec)
    if on_folded is not None:
        on_folded(folder)
    f = folder.f
    now = now or datetime.now(timezone.utc)
    for slot in sorted(f.active(), key=lambda s: s.key):
        if project_root is not None and slot.anchors and slot.journal == "project":
            for a in slot.anchors:
                anchor = Anchor.from_dict(a)
                if anchor is None:
                    continue
                status = check_anchor(project_root, anchor)
                if status.stale:
                    folder._retire(slot, f"its code anchor no longer holds: {status.why}", [],
                                   time=now.isoformat())
                    break
        if slot.status == "active" and slot.strength(now) < RETIRE_BELOW:
            folder._retire(slot, f"decayed: unused since {max(slot.last_seen, slot.last_used)[:10]} "
                           f"(half-life {slot.half_life():.0f} days for {slot.type})",
                           [f"strength<{RETIRE_BELOW}"], time=now.isoformat())
    return f
