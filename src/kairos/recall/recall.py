"""Ranked recall over the derived index.

Pipeline (measured in docs/notes/recall.md):

1. Candidates: FTS5 BM25 over the rarer query terms (plus, at ``EXPANSION_WEIGHT``,
   the other words of the question's software subjects, index/subjects.py), and,
   when an embedder is available, the cosine of the query with every stored vector.
2. Relevance: score fusion, not rank fusion -- BM25 divided by the best BM25,
   plus ``DENSE_WEIGHT`` x the cosine standardised over the whole store and
   divided by its best. Then context: a turn gains ``NEIGHBOUR_WEIGHT`` x the
   better of its two session neighbours (an answer is found through the
   question before it), ``SESSION_WEIGHT`` x the best turn of its session (the
   conversation is about the subject), and ``SPEAKER_WEIGHT`` when the
   question names exactly one speaker and the turn is theirs.
3. Ranking: relevance x trust (provenance) x strength (memory files) x recency
   decay by memory type.
4. Current truth first: for a state question the index's ``superseded_by``
   links are followed (the latest statement joins through an earlier one);
   same-subject hits are ordered newest-first for a question about the
   present, oldest-first for one about the past (truth.py; two hits that both
   contain a rare word of the question are one subject, whatever the subject
   table reads in them); superseded memory files are history.
5. Time: a question that names a time ("last week", "in March", recall/when.py)
   puts what was said in those days first.
6. Staleness: every hit's code anchors are checked against the working tree;
   stale hits are flagged and demoted, never served as current truth unflagged.

It never fails a caller for want of vectors: a damaged vector file or an
embedder that will not load answers lexically and says so in ``note``.
"""

from __future__ import annotations

import functools
import json
import math
import re
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

from kairos.errors import KairosError, ProviderError
from kairos.index import Index
from kairos.index.subjects import (
    agent_variants,
    concept_keys,
    expansion,
    fold_phrases,
    is_concept_word,
    retires,
    setting_words,
    settings,
)
from kairos.index.terms import RECALLABLE, content_words
from kairos.memory import Anchor, check_anchor
from kairos.recall.truth import (
    PAIR_COSINES,
    answer_kind,
    asks,
    asks_reason,
    gives,
    names_someone,
    order_by_tense,
    proposes,
    says_tense,
    setup_tense,
    tense,
    weigh_for_reason,
    weigh_for_state,
    without_tense_words,
)
from kairos.recall.when import date_window, without_window

__all__ = ["Hit", "RecallResult", "Recaller"]

MAX_QUERY_CHARS = 4_000
TRUST = {"user": 1.0, "imported": 0.95, "agent": 0.9, "system": 0.85, "tool": 0.7}
HALF_LIFE_DAYS = {"user": 365.0, "feedback": 180.0, "project": 90.0, "reference": 180.0}
STALE_FACTOR = 0.5
SUPERSEDED_FACTOR = 0.5   # a superseded memory, asked about the present
LEXICAL_POOL = 100        # BM25 candidates
DENSE_POOL = 200          # vector candidates
DENSE_WEIGHT = 0.5        # each signal is scaled so its best candidate scores 1
NEIGHBOUR_WEIGHT = 0.5
SESSION_WEIGHT = 0.6
SPEAKER_WEIGHT = 0.5
RANKED = 60              # the best this many by relevance are ranked in full
NEIGHBOURS_OF = 50        # the neighbours of this many best candidates become candidates too
EXPANSION_WEIGHT = 0.5    # the other words of the question's subjects (index/subjects.py), scaled by the best BM25
EXPANSION_BUDGET = 2_500  # postings the widened query may read (the question's own words get 10,000)
CHAIN_PULL = 0.9          # a state question: the successor (present) or predecessor (past) of a hit joins the list
CHAIN_HOPS = 4
SUPERSEDED_BY_FACTOR = 0.6  # a record a later one superseded, asked about the present
PAST_SUPERSEDED_BOOST = 1.25  # ... asked about the past
STATE_CONTEXT = 0.5       # a state question asks for a statement: its neighbours and session count half
IN_WINDOW_BOOST = 1.5     # the question names a time ("last week", "in March"): what was said then
OUT_OF_WINDOW_FACTOR = 0.6  # ... and what was said at another time, or at no known time
RARE_SHARE = 0.05         # a question's word at most this share of the records use names what it asks about
STEM = 5                  # words compared by their first letters ("checkpoints", "checkpointing")


@dataclass
class Hit:
    id: str
    kind: str  # "memory" | "record"
    type: str | None
    text: str
    score: float
    date: str | None
    sources: list[str]
    stale: bool = False
    why_stale: str | None = None
    provenance: str | None = None
    anchors: list[dict[str, Any]] = field(default_factory=list)
    scope: str | None = None
    record_kind: str | None = None
    status: str = "active"
    rowid: int = 0
    subject: str = ""  # subject keys (index/subjects.py); internal, like rowid

    def public(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("rowid")
        d.pop("subject")
        d["score"] = round(self.score, 6)
        return d


@dataclass
class RecallResult:
    query: str
    answered_by: str
    results: list[Hit]
    note: str | None = None
    timing_ms: float = 0.0

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"query": self.query, "answered_by": self.answered_by,
                               "results": [h.public() for h in self.results]}
        if self.note:
            out["note"] = self.note
        return out


def _age_days(date: str | None, now: datetime) -> float | None:
    if not date:
        return None
    try:
        dt = datetime.fromisoformat(date.replace("Z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return max(0.0, (now - dt).total_seconds() / 86400)


class Recaller:
    def __init__(self, index: Index, project_root: Path | None = None, embedder: Any = None,
                 embedder_note: str | None = None):
        self.index = index
        self.root = project_root
        self.embedder = embedder
        self.embedder_note = embedder_note  # why there is no embedder, told with each answer

    def recall(self, query: str, k: int = 10, *, types: list[str] | None = None,
               project: str | None = None, check_staleness: bool = True,
               now: datetime | None = None, reader: Any = None, reader_timeout: float = 30.0) -> RecallResult:
        """The ``k`` best hits for ``query``. ``reader``, an LLM provider (kairos.llm), reads the best
        hits and puts them in the order it finds they answer (reader.py); if it fails, kairos' own
        order stands and ``note`` says so."""
        t0 = time.perf_counter()
        notes: list[str] = []
        query_used = query if isinstance(query, str) else ""
        if len(query_used) > MAX_QUERY_CHARS:
            query_used = query_used[:MAX_QUERY_CHARS]
            notes.append(f"query shortened to its first {MAX_QUERY_CHARS} characters")
        where, params = "", ()
        if project is not None:
            where, params = "AND d.project = ?", (project,)
        if types:
            where += f" AND d.type IN ({','.join('?' * len(types))})"
            params = (*params, *types)
        when = tense(query_used)
        # "now", "originally": the question asks about a state that changes (a date alone does not)
        explicit = when if when != "neutral" and says_tense(query_used) else None
        # "what is the error tracker?": a question about the project's setup asks for its present state
        state = explicit or setup_tense(query_used)
        # a name in it ("which broker does Celery use?") is a person's only if someone of that
        # name speaks in the history: decided once the candidates are known
        setup = None if explicit or state else setup_tense(query_used, people=())
        if state == "past":
            when = "past"
        # the tense is read from those words; searched for, they only match small talk
        searched = without_tense_words(query_used) if explicit else query_used
        now = now or datetime.now(timezone.utc)
        # "what did we change last week": the dates it names lead; its words only match small talk
        window = date_window(query_used, now.astimezone())
        if window is not None and window.phrase.lower() in _VAGUE_TIMES:
            window = None  # "recently" asks for what is new, not for a span of dates
        if window is not None:
            searched = without_window(searched, window)
            span = window.start.isoformat() if window.start == window.end else \
                f"{'' if window.start.year < 1900 else window.start.isoformat()}..{window.end.isoformat()}"
            notes.append(f"read {window.phrase!r} as {span}")
        base: dict[int, float] = {}
        qterms = content_words(fold_phrases(searched))
        agents = agent_variants(qterms)  # "formatter" also searches "format", at full weight
        lexq = f"{searched} {' '.join(agents)}" if agents else searched
        for c in self.index.lexical(lexq, max(LEXICAL_POOL, k * 5), where, params):
            base[c.rowid] = c.score
        top = max(base.values()) if base else 0.0
        wider = expansion(qterms)
        if wider:
            more = self.index.lexical(" ".join(wider), max(LEXICAL_POOL, k * 5), where, params,
                                      budget=EXPANSION_BUDGET)
            top_more = max((c.score for c in more), default=0.0)
            scale = top if top > 0 else top_more
            if scale > 0:
                base = {r: s / scale for r, s in base.items()}
                for c in more:
                    base[c.rowid] = base.get(c.rowid, 0.0) + EXPANSION_WEIGHT * max(0.0, c.score) / scale
        elif top > 0:
            base = {r: s / top for r, s in base.items()}
        answered_by = "lexical"
        dense_of: dict[int, float] = {}
        dense_lookup = None
        vectors_ok = False
        if self.embedder is not None and query_used.strip():
            try:
                qv = self.embedder.embed([searched])[0]
                ids, cos = self.index.dense_scores(self.embedder, qv)
            except KairosError as exc:  # damaged vectors, a model that failed: say so, answer lexically
                notes.append(f"semantic recall unavailable ({exc}); answered lexically")
            else:
                answered_by = "hybrid"
                vectors_ok = True
                if len(ids) and float(np.abs(qv).sum()) > 0:
                    z = (cos - cos.mean()) / (cos.std() + 1e-6)
                    zmax = float(z.max())
                    z = z / zmax if zmax > 0 else z * 0
                    n = min(max(DENSE_POOL, k * 10), len(ids))
                    topi = np.argpartition(-z, n - 1)[:n]
                    for i in topi:
                        dense_of[int(ids[i])] = float(z[i])
                    dense_lookup = (ids, z)
        elif self.embedder is None and self.embedder_note:
            notes.append(self.embedder_note)
        for r, d in dense_of.items():
            base[r] = base.get(r, 0.0) + DENSE_WEIGHT * d

        def base_of(r: int | None) -> float:
            if r is None:
                return 0.0
            if r in base:
                return base[r]
            if dense_lookup is not None:
                ids, z = dense_lookup
                i = int(np.searchsorted(ids, r))
                if i < len(ids) and ids[i] == r:
                    return DENSE_WEIGHT * float(z[i])
            return 0.0

        docs = self.index.docs(base)
        # the turns around the best candidates are candidates too (an answer after a question)
        best = sorted(base, key=base.get, reverse=True)[:NEIGHBOURS_OF]  # type: ignore[arg-type]
        extra = {n for r in best if r in docs for n in (docs[r].get("prev_row"), docs[r].get("next_row"))
                 if n is not None and n not in docs}
        docs.update(self.index.docs(extra))
        if setup and not names_someone(query_used, {p for d in docs.values() for p in _names_of(d)}):
            state = setup
            if state == "past":
                when = "past"
        relevance = self._contextual(docs, base_of, query_used, STATE_CONTEXT if state else 1.0)
        past = when == "past"
        keep = sorted((r for r in relevance if r in docs and self._admits(docs[r], types, project)),
                      key=relevance.__getitem__, reverse=True)[:max(RANKED, k * 5)]
        about = set(concept_keys(query_used))
        kind = answer_kind(query_used)
        asked = set(content_words(query_used, 64))  # lower case
        judged: set[int] = set()
        if state:
            self._inherit_links(keep, docs)
            keep = self._follow_changes(keep, docs, relevance, past, types, project, about, asked, kind)
            later = {docs[r]["superseded_by"] for r in keep if docs[r].get("superseded_by") is not None}
            docs.update(self.index.docs(later - docs.keys()))
            judged = self.index.judged(keep)
        hits = [self._hit(docs[r], relevance[r], now, past, state is not None and
                          self._superseded(docs[r], docs, about, asked, kind, past, r in judged))
                for r in keep]
        hits = self._dedupe(hits)
        if window is not None:
            for h in hits:
                day = (h.date or "")[:10]
                inside = bool(day) and window.start.isoformat() <= day <= window.end.isoformat()
                h.score *= IN_WINDOW_BOOST if inside else OUT_OF_WINDOW_FACTOR
        if asks_reason(query_used):
            weigh_for_reason(hits, lambda h: h.text)
        if state:
            weigh_for_state(hits, state, lambda h: h.text, lambda h: set(h.subject.split()), about, kind)
        if len(hits) > 1:
            vecs = None
            if vectors_ok:
                try:
                    top = sorted(hits, key=lambda h: h.score, reverse=True)[:24]
                    vecs = self.index.vectors_for(self.embedder, [h.rowid for h in top])
                except KairosError:
                    vecs = None
            rare = {w[:STEM] for w in self._rare_words(searched)}
            order_by_tense(hits, past, vecs, lambda h: set(content_words(h.text, 64)) - asked,
                           lambda h: h.text, state, lambda h: set(h.subject.split()), about,
                           kind if state else None,
                           lambda h: {w[:STEM] for w in content_words(h.text, 64)} & rare,
                           cosines=PAIR_COSINES.get(getattr(self.embedder, "name", ""), PAIR_COSINES["static"]))
        hits.sort(key=lambda h: h.score, reverse=True)
        if check_staleness and self.root is not None:
            self._check(hits[: k * 2])
            hits.sort(key=lambda h: h.score, reverse=True)
        if reader is not None and len(hits) > 1:
            from kairos.recall.reader import describe_failure, read_order

            try:
                why = read_order(reader, query_used, hits, "past" if past else (state or when),
                                 timeout=reader_timeout)
            except ProviderError as exc:
                notes.append(describe_failure(reader, exc))
            else:
                answered_by += "+llm"
                notes.append(f"ordered by {reader.name}" + (f": {why}" if why else ""))
        result = RecallResult(query_used, answered_by, hits[:k], "; ".join(notes) or None)
        result.timing_ms = (time.perf_counter() - t0) * 1000
        return result

    def _rare_words(self, query: str) -> list[str]:
        """The question's words that few records use ("snapshot", "billing exporter"), not
        the subject table's: they name what it asks about."""
        words = [w for w in content_words(query, 64) if not is_concept_word(w)]
        try:
            return self.index.rare_words(words, RARE_SHARE)
        except KairosError:
            return []

    @staticmethod
    def _contextual(docs: dict[int, dict[str, Any]], base_of: Any, query: str,
                    context: float = 1.0) -> dict[int, float]:
        """Relevance of each candidate with its context: neighbours, session, named speaker;
        ``context`` scales the neighbour and session shares."""
        own = {r: base_of(r) for r in docs}
        with_nb = {}
        for r, d in docs.items():
            nb = max(base_of(d.get("prev_row")) if d.get("prev_row") is not None else 0.0,
                     base_of(d.get("next_row")) if d.get("next_row") is not None else 0.0)
            with_nb[r] = own[r] + context * NEIGHBOUR_WEIGHT * max(0.0, nb)
        session_best: dict[str, float] = {}
        for r, d in docs.items():
            s = d.get("session")
            if s and d.get("kind") == "record":
                session_best[s] = max(session_best.get(s, 0.0), with_nb[r])
        speakers: dict[int, str] = {}
        for r, d in docs.items():
            sp = _speaker(d)
            if sp:
                speakers[r] = sp
        named = {sp for sp in set(speakers.values())
                 if re.search(rf"(?<!\w){re.escape(sp)}(?!\w)", query, re.I)}
        out = {}
        for r, d in docs.items():
            s = with_nb[r]
            sess = d.get("session")
            if sess and d.get("kind") == "record":
                s += context * SESSION_WEIGHT * session_best.get(sess, 0.0)
            if len(named) == 1 and speakers.get(r) in named:
                s += SPEAKER_WEIGHT
            out[r] = max(0.0, s)
        return out

    def _follow_changes(self, keep: list[int], docs: dict[int, dict[str, Any]], relevance: dict[int, float],
                        past: bool, types: list[str] | None, project: str | None,
                        about: set[str], asked: set[str], kind: str | None = None) -> list[int]:
        """A state question: the record that superseded a hit (present), or the one it superseded
        (past), joins the candidates at nearly the hit's relevance -- the latest statement is found
        through an earlier one worded like the question, and the first through a later one."""
        frontier = {r: relevance[r] for r in keep}
        joined: set[int] = set()
        for _ in range(CHAIN_HOPS):
            if not frontier:
                break
            if past:
                links = {(r, p) for r, ps in self.index.predecessors(frontier).items() for p in ps}
            else:
                links = {(r, docs[r]["superseded_by"]) for r in frontier
                         if r in docs and docs[r].get("superseded_by") is not None}
            docs.update(self.index.docs({o for _, o in links if o not in docs}))
            judged = self.index.judged({o if past else r for r, o in links})  # the older of each pair
            nxt: dict[int, float] = {}
            for r, o in links:
                if o not in docs or not self._admits(docs[o], types, project):
                    continue
                if (o if past else r) not in judged and not _changed_between(docs[r], docs[o], about, asked,
                                                                            kind, past):
                    continue  # a change of another subject than the question's (or of one it does not name)
                pulled = CHAIN_PULL * frontier[r]
                if pulled > relevance.get(o, 0.0):
                    relevance[o] = pulled
                    nxt[o] = max(nxt.get(o, 0.0), pulled)
                    joined.add(o)
            frontier = nxt
        return sorted(set(keep) | joined, key=relevance.__getitem__, reverse=True)

    def _inherit_links(self, keep: list[int], docs: dict[int, dict[str, Any]]) -> None:
        """A memory file not yet consolidated by dream is superseded when the journal record it
        was written from is ("Set BATCH_SIZE = 12000" remembered after "... = 5000"): it takes
        that record's link, for this question only. It also takes the record's time when the
        file only says the day, so two memories of one day are told apart."""
        mems = [r for r in keep if docs[r].get("kind") == "memory" and docs[r].get("superseded_by") is None]
        sources = {r: json.loads(docs[r].get("sources") or "[]") for r in mems}
        found = self.index.records_by_id(s for ids in sources.values() for s in ids)
        for r, ids in sources.items():
            recs = [rec for rec in (found.get(i) for i in ids) if rec]
            day = str(docs[r].get("date") or "")
            latest = max((str(rec.get("date") or "") for rec in recs), default="")
            if len(day) == 10 and latest.startswith(day):
                docs[r]["date"] = latest
            for rec in recs:
                if rec.get("superseded_by") is not None:
                    docs[r]["superseded_by"] = rec["superseded_by"]
                    break

    @staticmethod
    def _superseded(d: dict[str, Any], docs: dict[int, dict[str, Any]], about: set[str],
                    asked: set[str], kind: str | None = None, past: bool = False, judged: bool = False) -> bool:
        """A later record superseded this one on a subject the question asks about (a long turn
        names several subjects: a change of one of them says nothing of the others). A link a model
        judged (``judged``, dream/links.py) is taken as it is."""
        by = d.get("superseded_by")
        if by is None or by not in docs or docs[by].get("status") not in RECALLABLE:
            return False
        return judged or _changed_between(d, docs[by], about, asked, kind, past)

    @staticmethod
    def _admits(d: dict[str, Any], types: list[str] | None, project: str | None) -> bool:
        """Dense candidates skip the SQL filters; apply them here."""
        return (d.get("status") in RECALLABLE and (not types or d.get("type") in types)
                and (project is None or d.get("project") == project))

    def _hit(self, d: dict[str, Any], relevance: float, now: datetime, past: bool = False,
             replaced: bool = False) -> Hit:
        prov = d.get("provenance")
        score = relevance * TRUST.get(prov or "", 0.9)
        if replaced:  # a state question, and a later record superseded this one (index/subjects.py)
            score *= PAST_SUPERSEDED_BOOST if past else SUPERSEDED_BY_FACTOR
        if d.get("status") == "superseded" and not past:
            score *= SUPERSEDED_FACTOR
        if d["kind"] == "memory":
            score *= 0.8 + 0.2 * float(d.get("strength") or 0.7) + 0.05 * math.log1p(d.get("uses") or 0)
        half = HALF_LIFE_DAYS.get(d.get("type") or "")
        age = _age_days(d.get("date"), now)
        if half and age is not None and d.get("rkind") != "observation":
            score *= 0.6 + 0.4 * 0.5 ** (age / half)
        return Hit(id=d.get("ext_id") or d["id"], kind=d["kind"], type=d.get("type"), text=d["text"],
                   score=score, date=d.get("date"), sources=json.loads(d.get("sources") or "[]"),
                   provenance=prov, anchors=json.loads(d.get("anchors") or "[]"), scope=d.get("scope"),
                   record_kind=d.get("rkind"), status=d.get("status") or "active", rowid=d["rowid"],
                   subject=d.get("subject") or "")

    @staticmethod
    def _dedupe(hits: list[Hit]) -> list[Hit]:
        """A memory file and the journal record it was written from are one fact: keep the file,
        with the better of the two scores (the record may have joined through a change chain)."""
        file_of = {s: h for h in hits if h.kind == "memory" for s in h.sources}
        seen_text: set[str] = set()
        out = []
        for h in sorted(hits, key=lambda h: (h.kind != "memory", -h.score)):
            if h.kind == "record" and h.id in file_of:
                file_of[h.id].score = max(file_of[h.id].score, h.score)
                continue
            key = " ".join(h.text.lower().split())
            if key in seen_text:
                continue
            seen_text.add(key)
            out.append(h)
        return out

    def _check(self, hits: list[Hit]) -> None:
        assert self.root is not None
        for h in hits:
            reasons = []
            for a in h.anchors:
                anchor = Anchor.from_dict(a)
                if anchor is None:
                    continue
                st = check_anchor(self.root, anchor)
                if st.stale and st.why:
                    reasons.append(st.why)
            if reasons:
                h.stale = True
                h.why_stale = "; ".join(reasons)
                h.score *= STALE_FACTOR


_VAGUE_TIMES = frozenset({"recently", "lately"})


def _changed_between(old: dict[str, Any], new: dict[str, Any], about: set[str], asked: set[str],
                     kind: str | None = None, past: bool = False) -> bool:
    """Does the supersession link from ``old`` to ``new`` concern the question? It does when they
    share a subject the question names (``about``), or both set one named thing
    (``subjects.settings``) whose name shares a word with the question (``asked``) or is the only
    thing ``old`` sets ("`rate='30/m'`" for "how many requests per minute ...?": the question
    found ``old`` by what it says of its one setting), or ``new`` leaves a value ``old`` names
    (``subjects.retires``: "moving everything from Ireland to ...") -- and ``new`` names a value of
    the kind the question asks for (``truth.answer_kind``), if it says one."""
    if not gives(kind, new["text"]):
        return False
    if not past and (asks(new["text"]) or proposes(new["text"], new.get("provenance") == "user")):
        return False  # a question or a proposal changes nothing yet (asked about the past, the
        # old statement was at least put in question: "what did we use before the migration?")
    shared = set((old.get("subject") or "").split()) & set((new.get("subject") or "").split())
    if shared & about or retires(new["text"], old["text"]):
        return True
    before = settings(old["text"])
    both = before.keys() & settings(new["text"]).keys()
    return any(setting_words(name) & asked for name in both) or (len(before) == 1 and bool(both))


def _names_of(d: dict[str, Any]) -> list[str]:
    """The words of the speaker's name, lower case ("Dr. Smith" -> "dr.", "smith")."""
    sp = _speaker(d)
    return sp.lower().split() if sp else []


def _speaker(d: dict[str, Any]) -> str | None:
    return _speaker_in(d.get("meta") or "{}")


@functools.lru_cache(maxsize=65536)  # parsed once per document, not once per query
def _speaker_in(meta_json: str) -> str | None:
    try:
        meta = json.loads(meta_json)
    except ValueError:
        return None
    sp = meta.get("speaker") if isinstance(meta, dict) else None
    return str(sp).strip() or None if sp else None
