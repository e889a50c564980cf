"""Current truth first: when facts about one subject changed, order them by the question's tense.

Two hits concern the same subject when one announces a change ("moved to",
"now", "replaced") or is a superseded memory, and the two are close: near
restatements, or related vectors sharing a content word beyond the question's
own (lexically similar when there are no vectors). A question about the present puts the newest of such a group first;
a question about the past ("what did we use before", "originally", "in
March") puts the oldest first. Nothing is dropped: the other statements stay
in the list, below. This module only reorders; it never fetches.

A *state question* says its tense in words ("now", "originally"), asks in the
first person present about the team's setup ("which tool do we use"), or is a
setup question: what/which/where/how/who/when, naming no one who speaks in the
history and asking for no reason ("what is the test runner?", "which broker does
Celery use?"; "when did ..." asks for the time of an event). For it,
statements naming a value are favoured (``weigh_for_state``), a turn that only
asks or proposes ("should we move to X?") is weighed down, announced changes lead
for the present and trail for the past, and same-subject pairs are reordered
beyond near ties (``explicit`` in ``order_by_tense``). There a later statement
naming another value of the same kind is a change even without a cue word, and
a change is read per sentence: the cue and the new value must stand together.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from typing import Protocol

import numpy as np

from kairos.index.subjects import (
    NOW_CUE,
    announces_change,
    concept_keys,
    names_a_value,
    product_names,
    sentences,
    strip_speaker,
    values,
)
from kairos.recall.when import MONTHS, WEEKDAYS

__all__ = ["PAIR_COSINES", "SAME_SUBJECT_JACCARD", "asks", "asks_about_setup", "asks_reason", "gives_reason", "weigh_for_reason", "proposes", "is_past_question", "order_by_tense", "says_tense", "setup_tense", "tense", "weigh_for_state", "without_tense_words"]

# Two hits are one subject at cosine (near-restatements, related and sharing a word beyond the
# question's), by embedder name. Each model's cosines sit on their own scale: MiniLM's 0.75 / 0.20
# fall where the static model's 0.80 / 0.40 do among the pairs of questions' best hits
# (docs/notes/recall.md, round 15), so the same pairs count whichever model embedded them.
PAIR_COSINES = {"static": (0.80, 0.40), "minilm": (0.75, 0.20)}
SAME_SUBJECT_JACCARD = 0.30  # without vectors
# A statement that announces a change is the newer truth of its subject.
_CHANGE = re.compile(r"\b(" + NOW_CUE + r"|moved|switched|migrated|migration|replaced|instead|no longer|from now on|"
                     r"changed|cut-?over|since this|from today|retired|deprecated|going forward)\b", re.I)
# How many of the best hits are compared pairwise: the reordering is for the top of the list.
WINDOW = 8
# Only near-ties are reordered: both statements must answer the question about as well.
CLOSE = 0.75
EXPLICIT_CLOSE = 0.5  # the question says "now" / "originally": it asks for exactly this ordering
LEAP = 0.001  # how far above the other statement of a pair the right one moves

# "we used to deploy by hand" is an earlier habit; "the library (that) is used to render X" is passive.
_USED_TO = r"(?<!is )(?<!are )(?<!be )(?<!been )(?<!being )(?<!get )(?<!gets )used to"
_PAST = re.compile(
    r"\b(before|previously|previous|originally|original|initially|initial|formerly|former|earlier|"
    + _USED_TO + r"|at first|in the past|prior|old|older|back then|back when|no longer|any ?more|"
    r"first (?:chose|picked|used|had|went)|was it|were we|did we (?:use|have|pick|choose)|"
    r"(?:jan|febr)uary|march|april|may \d|june|july|august|september|october|november|december|"
    r"last (?:year|month|spring|summer|autumn|fall|winter)|(?:19|20)\d\d)\b", re.I)
_PRESENT = re.compile(r"\b(now|nowadays|currently|current|presently|at present|today|these days|"
                      r"at the moment|latest|still|anymore)\b", re.I)


# Words that only say when: they carry no subject and, searched for, match small talk ("logs are
# noisy today"). Dropped from the query the index searches once the tense is read from them.
_TENSE_WORDS = re.compile(
    r"\b(right now|just now|now|nowadays|currently|current|presently|at present|at the moment|"
    r"these days|today|as of today|latest|still|anymore|any more|originally|original|initially|"
    r"previously|formerly|earlier|at first|in the beginning|at the start|back then|" + _USED_TO + r")\b", re.I)


# "which tool do we use", "how do I install": the team asking about its own present setup.
_OUR_PRESENT = re.compile(r"\b(?:do|does|are|is|should|can|must) (?:we|i|our|us|my)\b|"
                          r"\bwe (?:use|run|rely|have|deploy|ship|keep|store|tag|cut)\b", re.I)


# "what is the test runner", "which bundler does the frontend use", "where are secrets stored",
# "how are the tests run", "when do deploys happen", "below what voltage does a node warn": a
# question, in the present, about how the project is set up.
_SETUP_QUESTION = re.compile(
    r"^\s*(?:(?:from|on|in|to|with|at|by|for|below|above|under|over|after|within|until|into|onto|through|"
    r"across|between|against|beyond|past|up to|down to) )?(?:what|which|where|how|who|whom|whose|when)\b", re.I)


# "what made us leave X?", "what were the reasons for ...", "what caused the leak and how did we
# fix it?": a reason -- a motive, a cause or a fix -- which does not change as a setup does
_WHY = re.compile(r"\b(?:why|reasons?|rationale|motivat\w*|what made|what led|what caused|cause[sd]?|"
                  r"root cause|what was behind|what fixed|how (?:did|do|does|was|were|is|can|could|"
                  r"should) (?:[\w'-]+ ){0,5}?fix(?:ed)?)\b", re.I)


def asks_reason(query: str) -> bool:
    """The question asks why: for a motive, a cause or a fix."""
    return bool(_WHY.search(query))


# A statement that gives a reason says so with a connective ("because", "so", "means", "to
# avoid"), a diagnosis ("found it", "the cause") or a fix. The report of a symptom ("the export has
# duplicated rows") and the motive of a proposal ("Leah suggested React because ...") raise the
# question the answer is to; they do not answer it.
_GIVES_REASON = re.compile(
    r"\b(?:because|since|so|caused?|causes|causing|due to|owing to|turned out|root cause|found it|found the|"
    r"reasons?|which is why|that's why|means|meant|otherwise|on purpose|in order to|to avoid|fix|fixed|"
    r"led to|leads to|results? in|resulted|thanks to)\b", re.I)
REASON_FACTOR = 0.8  # a why-question, and a statement that gives no reason


def gives_reason(text: str, by_user: bool | None = None) -> bool:
    """Does the statement give a reason, rather than ask, propose or only report? (``by_user``
    as for ``proposes``.)"""
    return bool(_GIVES_REASON.search(strip_speaker(text))) and not asks(text) and not proposes(text, by_user)


def weigh_for_reason(hits: Sequence[_Ranked], text: Callable[[_Ranked], str]) -> None:
    """For a why-question (``asks_reason``): the diagnosis or the decision answers it, not the
    report or the proposal that raised it, which repeat the question's words more closely."""
    for h in hits:
        t = text(h)
        if not gives_reason(t, _by_user(h, t)):
            h.score *= REASON_FACTOR


# "when", "on what date", "which month": the question asks for a time
_WHEN = re.compile(r"^\s*(?:\w+ )?(?:when|(?:what|which) (?:date|day|time|week|month|year))\b", re.I)


# A question that names someone ("What is Caroline's job?") asks about them, not about the
# project's setup. A capitalised word may also be a product ("Which broker does Celery use?"):
# ``names_someone`` tells them apart by who speaks in the history.
_NAMES_SOMEONE = re.compile(r"(?<!^)(?<![.?!]\s)\b[A-Z][a-z]+")


# In a setup question, these put it in the past ("which bundler was used first?"). "first" alone
# does not: "what fraction of the fleet gets a new firmware first?" asks about the present.
_SETUP_PAST = re.compile(r"\b(?:was|were|did|had|came|began|started)\b", re.I)


def setup_tense(query: str, people: Collection[str] | None = None) -> str | None:
    """'present' or 'past' for a question about the project's setup (``asks_about_setup``), else None."""
    if not asks_about_setup(query, people):
        return None
    if is_past_question(query) or _SETUP_PAST.search(query):
        # "when did we switch to RQ?", "on what date did Aiko take over releases?" ask when
        # something happened, not for the first state
        return None if _WHEN.match(query) else "past"
    return "present"


def asks_about_setup(query: str, people: Collection[str] | None = None) -> bool:
    """A what/which/where/how/who/when question that names no one: "what is the error tracker?",
    "how many rows go in one batch?" -- it asks how things are, so the latest statement answers.
    (Whether the subject is in the vocabulary of index/subjects.py does not matter: most are not.)"""
    return bool(_SETUP_QUESTION.search(query)) and not names_someone(query, people) and not _WHY.search(query)


def names_someone(query: str, people: Collection[str] | None = None) -> bool:
    """The question names a person: a capitalised word inside it ("What is Caroline's job?").
    Given ``people`` (lower-case names of those who speak in the history), only their names
    count: "which broker does Celery use?" names a product."""
    names = [m.group(0).lower() for m in _NAMES_SOMEONE.finditer(query.strip())]
    return any(n in people for n in names) if people is not None else bool(names)


def tense(query: str) -> str:
    """'past', 'present' (the question says so: "now", "currently"...) or 'neutral'."""
    if is_past_question(query):
        return "past"
    return "present" if _PRESENT.search(query) or _OUR_PRESENT.search(query) else "neutral"


def says_tense(query: str) -> bool:
    """The question names its tense in words ("now", "originally") or asks, in the present,
    about the team's own setup ("which tool do we use") -- not only through a date."""
    return bool(_TENSE_WORDS.search(query) or _OUR_PRESENT.search(query))


def without_tense_words(query: str) -> str:
    """The question minus the words that only give its tense (see ``_TENSE_WORDS``)."""
    out = _TENSE_WORDS.sub(" ", query)
    return out if out.strip(" ?!.") else query


class _Ranked(Protocol):
    score: float
    date: str | None
    rowid: int
    status: str


# A question about a state ("which queue now", "what did we use before") asks for a value.
NO_VALUE_FACTOR = 0.7   # a statement naming no value (small talk) answers it less well
CHANGE_BOOST = 1.25     # present: a statement announcing a change is the newer truth
PAST_CHANGE_FACTOR = 0.85  # past: it states the new value, not the one asked about


ASKS_FACTOR = 0.5       # a turn that asks ("which port does it listen on?") states nothing
PROPOSAL_FACTOR = 0.7   # a proposal ("we should move to X", "what about X") is not yet the state

# "we should", "proposal:", "what about", "could we": an idea, not the state of things.
_PROPOSES = re.compile(r"\b(?:should we|we should|we could|could we|shall we|how about|what about|"
                       r"i'd suggest|i suggest|suggest(?:ed|s)?|propos(?:e|ed|al|ing)|let's consider|"
                       r"consider(?:ing)? (?:moving|switching|replacing|using)|maybe (?:we|move|switch|use)|"
                       r"thinking about (?:moving|switching|using)|wants? to (?:move|switch|replace|rewrite)|"
                       r"let's (?:try|see))\b", re.I)
# "let's move to uv": the user deciding; the agent saying it only suggests.
_LETS = re.compile(r"\blet's (?:move|switch|migrate|go with|replace|use|drop|adopt)\b", re.I)
_USER = re.compile(r"^\s*user:", re.I)


SHORT_REPLY = 4  # words: "Do that.", "OK, thanks.", "Good catch."


def asks(text: str) -> bool:
    """The turn is a question: it ends with a question mark, and what it says first is at most a
    short reply ("Do that. Release branches are still release/x.y?")."""
    parts = sentences(text)
    return bool(parts) and parts[-1].endswith("?") and all(len(p.split()) <= SHORT_REPLY for p in parts[:-1])


def proposes(text: str, by_user: bool | None = None) -> bool:
    """The turn proposes or asks for a change rather than stating one ("should we move to X?").
    "Let's move to X" proposes when the agent says it; said by the user (``by_user``, else read
    from a "user:" prefix), it is the decision."""
    if by_user is None:
        by_user = bool(_USER.match(text))
    return bool(_PROPOSES.search(text) or (_LETS.search(text) and not by_user))


def _by_user(h: object, text: str) -> bool:
    """Said by the user: a prompt captured from the user, or a turn imported with their name."""
    return getattr(h, "provenance", None) == "user" or bool(_USER.match(text))


# What kind of value answers a question, when its words say so: "how many rows" a number, "how
# often" a frequency, "who" a name, "which URL" an address. A statement naming none of that kind
# may share the question's words ("Ingest validates every batch against it") but does not answer it.
_ASKS_NUMBER = re.compile(
    r"\bhow (?:many|much|long|large|big|high|low|far|old|fast|soon)\b|\bwhat time\b|"
    r"\b(?:longest|shortest|largest|smallest|highest|lowest|most|fewest)\b|"
    r"\b(?:what|which)\b(?:[\s\w'-]{0,30}?)\b(?:version|port|size|limit|maximum|minimum|number|count|"
    r"timeout|threshold|rate|percentage|percent|fraction|share|proportion|ttl|interval|cap|quota|budget)s?\b",
    re.I)
_ASKS_FREQUENCY = re.compile(r"\bhow (?:often|frequently)\b|\bwhat cadence\b", re.I)
_ASKS_PERSON = re.compile(r"\bwho(?:m|se)?\b", re.I)
_ASKS_ADDRESS = re.compile(r"\b(?:url|urls|hostname|host|endpoint|domain|address)\b", re.I)
_NUMBER_WORD = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                          r"fifteen|twenty|thirty|forty|fifty|sixty|hundred|thousand|million|once|twice|"
                          r"half|dozen|double|triple)\b", re.I)
_WEEKDAY_WORDS = "|".join(f"{d}s?" for d in WEEKDAYS)  # "tuesday", "tuesdays"
_FREQUENCY = re.compile(r"\b(?:every|each|daily|weekly|nightly|hourly|monthly|yearly|annually|quarterly|"
                        r"per|once|twice|fortnightly|biweekly|" + _WEEKDAY_WORDS + r")\b",
                        re.I)
# "3 times a week", "2x a day", "twice a day": a count per span ("four minutes" is a duration)
_TIMES = re.compile(r"\b(?:\d+|one|two|three|four|five|six|ten|twelve)[\s-]*(?:times|x)\b|"
                    r"\b(?:a|an|per) (?:second|minute|hour|day|night|week|month|quarter|year|sprint)\b", re.I)
_HANDLE = re.compile(r"@\w")
# "which file defines the schema?", "in which module is the handler?": a path answers, not the
# statement that only names the thing ("which file extension" asks for a name)
_ASKS_PATH = re.compile(
    r"\b(?:which|what)\b[\s\w'-]{0,30}?\b(?:file|files|module|modules|directory|directories|folder|folders|"
    r"path|source file|script)\b(?! ?(?:extensions?|formats?|types?|names?|sizes?|systems?)\b)", re.I)
_PATH = re.compile(r"[\w.-]+/[\w./-]*|\b[\w-]+\.(?:py|pyi|ts|tsx|js|jsx|mjs|go|rs|rb|java|kt|swift|c|h|cc|cpp|"
                   r"hpp|cs|php|yaml|yml|json|toml|csv|md|sql|sh|cfg|ini|tf|proto|lock|xml|html|css|scss|vue)\b")


def answer_kind(query: str) -> str | None:
    """'path', 'number', 'frequency', 'person' or 'address' when the question's words ask for a
    value of that kind; None for the rest ("what do we use for feature flags?" may be answered by
    any name)."""
    if _ASKS_PATH.search(query):
        return "path"
    if _ASKS_FREQUENCY.search(query):
        return "frequency"
    if _ASKS_NUMBER.search(query):
        return "number"
    if _ASKS_PERSON.search(query):
        return "person"
    if _ASKS_ADDRESS.search(query):
        return "address"
    return None


def gives(kind: str | None, text: str) -> bool:
    """Does the statement name a value of the kind (``answer_kind``) its question asks for?"""
    if kind is None:
        return True
    body = strip_speaker(text)
    if kind == "path":
        return bool(_PATH.search(body))
    if kind == "number":
        return bool(_NUMBER_WORD.search(body))
    if kind == "frequency":
        return bool(_FREQUENCY.search(body) or _TIMES.search(body))
    if kind == "person":
        return bool(product_names(text) or _HANDLE.search(body))
    return bool(values(text) - product_names(text) or _NUMBER_WORD.search(body))


ANSWER_KIND_FACTOR = 0.6  # a statement naming no value of the kind the question asks for


SUBJECT_MISMATCH = 0.75  # the question names a subject; the statement is about others only
NO_SUBJECT_FACTOR = 0.85  # ... the statement names no subject the vocabulary knows


def weigh_for_state(hits: Sequence[_Ranked], when: str, text: Callable[[_Ranked], str],
                    subject: Callable[[_Ranked], set[str]] | None = None, about: set[str] | None = None,
                    kind: str | None = None) -> None:
    """For a question about the present or the past, favour statements that name a value, and
    the announced change (present) or the state before it (past). Neutral questions: untouched.
    When the question names subjects (``about``), a statement about other subjects only is
    weighed down, and only a change of the question's subject leads."""
    if when == "neutral":
        return
    for h in hits:
        t = text(h)
        subj = subject(h) if subject else set()
        if about and not subj & about:
            h.score *= SUBJECT_MISMATCH if subj else NO_SUBJECT_FACTOR
        user = _by_user(h, t)
        if asks(t):
            h.score *= ASKS_FACTOR
        elif proposes(t, user):
            h.score *= PROPOSAL_FACTOR
        if not names_a_value(t):
            h.score *= NO_VALUE_FACTOR
        elif not gives(kind, t):
            h.score *= ANSWER_KIND_FACTOR
        elif h.status != "superseded" and subj & about and _announces(t, about, user):
            h.score *= CHANGE_BOOST if when == "present" else PAST_CHANGE_FACTOR


# "before" opening a clause in the present is no earlier state: "how long is a slot held before
# they're removed?", "... before a build is published?", "... before it can land?", "how many
# levels does the checker allow before reporting E0420?" (but "before it was changed?" is).
_BEFORE_NOW = re.compile(r"\bbefore\b(?=(?:\s+[\w-]+){0,5}?(?:'re|'s|\s+is|\s+are|\s+gets?|"
                         r"\s+(?:can|may|must|will|should|might|has to|have to))\b|"
                         r"\s+(?:[a-z]+-)?(?!(?:morning|evening|spring|something|anything|everything)\b)[a-z]+ing\b)",
                         re.I)


def is_past_question(query: str) -> bool:
    """True when the question asks about an earlier state rather than the present one."""
    query = _BEFORE_NOW.sub(" ", query)
    if _PRESENT.search(query) and not re.search(rf"\b(before|originally|{_USED_TO}|previously|formerly)\b",
                                                query, re.I):
        return False
    return bool(_PAST.search(query))


def order_by_tense(hits: Sequence[_Ranked], past: bool,
                   vectors: dict[int, np.ndarray] | None,
                   words: Callable[[_Ranked], set[str]],
                   text: Callable[[_Ranked], str], explicit: str | None = None,
                   subject: Callable[[_Ranked], set[str]] | None = None, about: set[str] | None = None,
                   kind: str | None = None, rare: Callable[[_Ranked], set[str]] | None = None,
                   cosines: tuple[float, float] = PAIR_COSINES["static"]) -> int:
    """Reorder same-subject pairs among the best hits so the newer statement comes first for a
    present question and the older first for a past one: the one in the wrong place moves just
    above the other (``LEAP``), which keeps its own score and place. A pair read wrongly then
    costs the list one place, not the older statement's rank. Returns the moves made.

    Pairs, not groups: a chain of loosely similar hits must not reorder a whole list.
    ``explicit`` ('present' or 'past') when the question says its tense: the question then names
    the subject, so wider gaps are closed and two related statements count as the same subject.

    ``rare`` gives the question's rare words a hit contains (words few records of the store
    use). Two statements that both contain one are about what the question asks, whatever the
    subject table reads in them ("the exporter writes a snapshot every 6 hours; see the PR"
    reads as ``ci``, "switch the default snapshot interval to every 2 hours" as nothing): the
    subject vetoes do not part them.

    ``cosines``: the near-restatement and related thresholds on the scale of the model that made
    ``vectors`` (``PAIR_COSINES``).
    """
    top = sorted(hits, key=lambda h: h.score, reverse=True)[:WINDOW]
    if len(top) < 2:
        return 0
    bags = [words(h) for h in top]
    # For a state question the newer truth names its value: "Lint is green now" announces nothing.
    # ... and a question or a proposal announces nothing yet ("Let's move then: ... instead of ...")
    # ... nor does a statement naming no value of the kind the question asks for (``answer_kind``)
    states = [not asks(text(h)) and not proposes(text(h), _by_user(h, text(h))) and gives(kind, text(h))
              for h in top]
    change = [(_CHANGE.search(text(h)) is not None if explicit is None
               else _announces(text(h), about, _by_user(h, text(h)))) and states[n]
              or h.status == "superseded" for n, h in enumerate(top)]
    subj = [subject(h) if subject else set() for h in top]
    rare_in = [rare(h) if rare else set() for h in top]
    named = [_values_by_kind(text(h)) if explicit is not None else {} for h in top]
    # names several of the best hits mention ("the BFF", the project's own tools) are no one fact's value
    seen: dict[str, int] = {}
    for n in named:
        for v in n.get("name", frozenset()):
            seen[v] = seen.get(v, 0) + 1
    common = frozenset(v for v, c in seen.items() if c > 2)
    moves = 0
    for i in range(len(top)):
        for j in range(i + 1, len(top)):
            a, b = top[i], top[j]
            if a.score < b.score:
                a, b, ia, ib = b, a, j, i
            else:
                ia, ib = i, j
            a_newer = _when(a) > _when(b)
            newer = ia if a_newer else ib
            older = ib if a_newer else ia
            # a state question: a later statement naming another value is a change, cue or not
            # ("raw files go to the bucket in eu-central-1" after "... in eu-west-1")
            silent = any(named[newer][k] - named[older].get(k, frozenset()) and
                         named[older][k] - named[newer][k] for k in named[newer] if k in named[older]) \
                and states[newer]
            if not (change[newer] or silent):
                continue
            if explicit is not None and states[newer] and b.score >= REPLACES_CLOSE * a.score \
                    and _replaces(text(top[newer]), named[newer], named[older], common):
                if a_newer == past:
                    b.score = a.score * (1 + LEAP)
                    moves += 1
                continue
            if rare_in[ia] & rare_in[ib]:
                pass  # both name what the question asks about: the subject table does not part them
            elif subj[ia] and subj[ib] and not subj[ia] & subj[ib]:
                continue  # about different subjects (index/subjects.py): not one fact changing
            elif about and subj[ia] and subj[ib] and not subj[ia] & subj[ib] & about:
                continue  # one fact of theirs changed, but not the one asked about
            elif explicit is not None and not subj[newer] and (subj[ia] or subj[ib]):
                continue  # "Meeting moved to Thursday" is no newer version of a statement about a subject
            if explicit is None:
                if b.score < CLOSE * a.score or not _same_subject(a, b, bags[ia], bags[ib], vectors, cosines):
                    continue
            elif not (_same_subject(a, b, bags[ia], bags[ib], vectors, cosines, strict=True) or
                      (b.score >= EXPLICIT_CLOSE * a.score and
                       _same_subject(a, b, bags[ia], bags[ib], vectors, cosines, explicit=True))):
                continue
            if a_newer == past:  # the wrong one is in front: it stays, the right one moves above it
                b.score = a.score * (1 + LEAP)
                moves += 1
    _order_ties(top, past)
    return moves


def _order_ties(top: Sequence[_Ranked], past: bool) -> None:
    """Hits of one score -- statements moved above the same one share its score -- in time order:
    the newest leads for a present question ("Correction: ... 384 now" after "Raised it to 512"
    the same day), the oldest for a past one. Each was placed just above the statement it
    replaces; the tie between them is one of time too."""
    groups: dict[float, list[_Ranked]] = {}
    for h in top:
        groups.setdefault(h.score, []).append(h)
    for score, tied in groups.items():
        if len(tied) < 2:
            continue
        tied.sort(key=_when, reverse=not past)
        for n, h in enumerate(tied):
            h.score = score * (1 + LEAP * LEAP * (len(tied) - 1 - n) / len(tied))


REPLACES_CLOSE = 0.35  # a statement naming the old value beside a new one answers from further down


def _replaces(text: str, newer: dict[str, frozenset[str]], older: dict[str, frozenset[str]],
              common: frozenset[str] = frozenset()) -> bool:
    """The newer statement retires the older one's value beside a new one ("the LaunchDarkly SDK
    is gone" in a statement naming Unleash, after "we use LaunchDarkly"): one fact, changed,
    whatever words or subjects either uses. Names several of the best hits mention (``common``:
    the project's own services) are no one fact's value."""
    new, old = newer.get("name", frozenset()), older.get("name", frozenset())
    fresh = new - old - common
    if not fresh:
        return False
    for sent in sentences(text):
        low = sent.lower()
        if _RETIRES.search(sent) and any(re.search(rf"(?<!\w){re.escape(v)}(?!\w)", low)
                                         for v in (new & old) - common):
            return True
    return False


# A sentence saying a value is gone: "the X SDK is gone", "removed X", "from X to Y", "instead of X".
_RETIRES = re.compile(r"\b(?:gone|removed|dropped|deleted|retired|decommissioned|deprecated|shut down|"
                      r"turned off|switched off|no longer|instead of|replaced|replacing|from|off|leftover|"
                      r"sunset|archived)\b", re.I)


def _announces(text: str, about: set[str] | None, by_user: bool | None = None) -> bool:
    """Some sentence announces a change and names the new value -- of a subject the question
    asks about, when it names one ("Done, jitter is now 120 minutes." announces nothing about
    firmware releases). "The reproducer job runs to completion now." announces nothing at all:
    a cue word beside no value. ``by_user``: the user said it (see ``proposes``)."""
    user = bool(_USER.match(text)) if by_user is None else by_user
    for sent in sentences(text):
        if announces_change(sent) and names_a_value(sent) and not asks(sent) and not proposes(sent, user):
            if not about or set(concept_keys(sent)) & about:
                return True
    return False


def _values_by_kind(text: str) -> dict[str, frozenset[str]]:
    """A statement's values by kind: names of products, people or places ("Opsgenie", "Kofi"),
    technical values (paths, hosts, identifiers, versions), and times named in words (days,
    months, time zones). Two statements name different
    values of one fact only within a kind: "shipped release 2.8" is no new deployment target."""
    found = frozenset(product_names(text))
    times = frozenset(v for v in found if _TIME_WORD.fullmatch(v))
    names = found - times
    tech = frozenset(values(text)) - found
    return {k: v for k, v in (("name", names), ("tech", tech), ("time", times)) if v}


# Days, months and time zones name a time, not a product or a person: "Tuesdays at 10:00 UTC"
# and "the Adyen URL" are no two values of one fact.
_TIME_WORD = re.compile(_WEEKDAY_WORDS + "|" + "|".join(MONTHS) +
                        r"|utc|gmt|cet|cest|eet|bst|pst|pdt|est|edt|ist|jst|aest|noon|midnight", re.I)


def _when(h: _Ranked) -> tuple[int, str, int]:
    return (h.status != "superseded", h.date or "", h.rowid)


def _same_subject(a: _Ranked, b: _Ranked, wa: set[str], wb: set[str],
                  vectors: dict[int, np.ndarray] | None,
                  cosines: tuple[float, float] = PAIR_COSINES["static"],
                  explicit: bool = False, strict: bool = False) -> bool:
    """Near restatements (``strict``); or related and sharing a word beyond the question's --
    any related pair when the question itself names the subject (``explicit``)."""
    if (a.date or "") == (b.date or "") and a.status == b.status:
        return False  # said at the same time: not a change of fact
    shared = wa & wb
    if vectors is not None and a.rowid in vectors and b.rowid in vectors:
        cos = float(vectors[a.rowid] @ vectors[b.rowid])
        same, related = cosines
        if strict:
            return cos >= same
        return cos >= same or ((bool(shared) or explicit) and cos >= related)
    jac = len(shared) / max(1, len(wa | wb))
    return jac >= (2 * SAME_SUBJECT_JACCARD if strict else SAME_SUBJECT_JACCARD)
