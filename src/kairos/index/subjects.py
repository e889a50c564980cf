"""What a statement is about and what it names: subject keys and values.

A statement of state names a *value* -- a product or service ("Celery",
"GitHub Actions"), a path ("src/shop/retry.py", "/api/v2"), a host or URL, an
identifier (``make ship-x``), a version. Small talk ("running the tests
again") names none. Its *subject* is the software concept it talks about,
read through a small table of general software vocabulary: "background jobs",
"deferred tasks" and "async work" are all the ``jobs`` subject; "formatter",
"formatting" and "code style" the ``format`` subject.

The index stores each statement's subject keys and marks an older statement
``superseded_by`` a newer one that shares a key, announces a change and names
a value the older did not (derived data: a rebuild recomputes it). Recall uses
the table to widen a question with the other words of its subjects, at a lower
weight, and to tell a question about a project's setup ("what is the error
tracker?") from small talk.

A change is read per sentence (``sentences``): only the sentence that
announces it gives its subjects and new values. A *setting* (``settings``) is a
named thing bound to a number beside it ("`BATCH_SIZE = 12000`", "UDP 7850",
"Java 21"); a later statement giving it another number supersedes the earlier
one whatever words it uses. Numbers count as values with a unit or where a
setting is given ("30 seconds", "set to 12000"), and a capitalised word opening a
sentence is a name when it is no common English word (``data/common_words.txt``).

Cheap regular expressions and dictionary look-ups only: this runs on every
indexed record and on the hook path. It must never fetch or rank anything.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from kairos.textutil import split_sentences

__all__ = [
    "CONCEPTS",
    "NOW_CUE",
    "agent_variants",
    "announces_change",
    "concept_keys",
    "expansion",
    "fold_phrases",
    "is_concept_word",
    "names_a_value",
    "product_names",
    "quantities",
    "sentences",
    "setting_words",
    "settings",
    "strip_speaker",
    "values",
]

# "user: ", "Caroline: ", "Dr. Smith: " -- a speaker's name, at most three words and no digits
# ("Moved the server to UDP 7850: ..." is a sentence, not a speaker).
_SPEAKER = re.compile(r"^\s*[A-Za-z][\w.'-]{0,30}(?: [A-Za-z][\w.'-]{0,30}){0,2}:\s+")


def strip_speaker(text: str) -> str:
    """The statement without its speaker prefix."""
    return _SPEAKER.sub("", text, count=1)


# paths, URLs, hosts, dotted or snake/kebab identifiers, versions, code spans
_TECH = re.compile(r"`[^`]{1,80}`|(?:[\w~.-]*[/\\][\w~./\\-]+)|\b\w+(?:[._:-]\w+)*(?:\.\w+|_\w+)\b|\bv?\d+(?:\.\d+)+\b")
# a capitalised word that does not start the sentence, or any word with an inner capital / all caps
_NAME = re.compile(r"(?<![.!?:;]\s)(?<!^)\b[A-Z][\w&+-]*|\b[a-z]+[A-Z]\w*|\b[A-Z]{2,}\w*")
_COMMON_CAPS = frozenset({"I", "I'm", "I'd", "I'll", "OK", "PR", "PRs", "CI", "API", "UI", "TODO"})


# Tool names are often written in lower case ("uv", "black", "pnpm"): a word is then a value by
# its position -- the object of a word that introduces a tool ("formatted by black", "switched
# to uv", "installed with pnpm") or the subject of a verb of handling ("pnpm manages the
# packages") -- unless it is a function word, a subject word (index vocabulary), a change cue
# or a gerund ("by running").
_INTRODUCES = re.compile(
    r"\b(?:by|with|using|via|uses|use|adopted|chose|picked|(?:mov(?:e|es|ed)|switch(?:es|ed)?|migrat(?:e|es|ed)|chang(?:e|es|ed)|went|"
    r"swap(?:s|ped)?|over|back|upgrad(?:e|es|ed)|bump(?:s|ed)?) to)\s+([a-z][\w+#-]*)")
_HANDLES = re.compile(
    r"\b([a-z][\w+#-]*)\s+(?:manages|handles|runs|powers|builds|serves|installs|formats|bundles|schedules|"
    r"tracks|stores|sends|deploys|hosts|checks|lints|compiles|caches)\b")
_FUNCTION_WORDS = frozenset("""a an the this that these those it its our their my your his her them us me
him one all some any each every no none both either neither which who whom what whatever whoever nothing
something anything everything someone anyone everyone nobody default hand care mistake accident itself
then there here also just only still really now again too more most less much many few other others
another same such own very and or but so if when while because as of to in on at for from into onto""".split())


def _positional(body: str) -> set[str]:
    out: set[str] = set()
    for rx in (_INTRODUCES, _HANDLES):
        for m in rx.finditer(body):
            w = m.group(1).lower()
            if (len(w) > 1 and w not in _FUNCTION_WORDS and not (w.endswith("ing") and len(w) > 5)
                    and _key_of(w) is None and not _ANNOUNCES.fullmatch(w)):
                out.add(w)
    return out


# A quantity: "30 seconds", "7850", "2,500 euros", "50_000 rows" -- a setting's value.
_QUANTITY = re.compile(r"(?:(=|:|\b(?:to|is|are|at|of|from|port|on))\s*)?(?<![\w.#/-])(\d{1,3}(?:[,_]\d{3})+|\d+(?:\.\d+)?)(?!\.\d)(?:\s*(%|[A-Za-z]+))?", re.I)
_UNITS = frozenset("""ms s sec secs second seconds min mins minute minutes h hr hrs hour hours day days week weeks
month months year years b kb mb gb tb kib mib gib k m % percent hz rps qps rows row items players requests
retries attempts approvals approval reviewers workers replicas nodes threads connections euros euro dollars usd
eur px""".split())


def quantities(text: str) -> set[str]:
    """The quantities a statement names, normalised: "50_000 rows" -> "50000 rows", "7850" -> "7850".
    A number is a value with a unit ("3 minutes") or where a setting is given ("set to 12000",
    "port 7850", "= 30"); a count in passing ("returns 500", "37 specs") is not."""
    out = set()
    for m in _QUANTITY.finditer(strip_speaker(text)):
        num = m.group(2).replace(",", "").replace("_", "")
        unit = (m.group(3) or "").lower()
        unit = unit if unit in _UNITS else ""
        if unit or (m.group(1) and len(num) >= 2):
            out.add(f"{num} {unit}".strip())
    return out


# An identifier a setting is known by: `BATCH_SIZE`, `idle_timeout_ms`, `TickRate`, `flyway.conf`.
_IDENT = re.compile(r"\b(?:[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+|[a-z]+[A-Z][A-Za-z0-9]*|[A-Z][a-z]+[A-Z][A-Za-z0-9]*)\b")
# A name with its number or version: "Java 21", "iOS 16.0", "UDP 7850", "Postgres 15".
_NAME_NUMBER = re.compile(r"\b([A-Za-z][\w+#-]*)\s+v?(\d+(?:\.\d+)*)(?![\w.])")
_ASSIGNED_TO = re.compile(r"\b([A-Za-z][\w.]*)\s*[=:]\s*[\"']?(\d[\d_,]*(?:\.\d+)?)")


def sentences(text: str) -> list[str]:
    """The sentences of a statement (speaker prefix dropped); "v2.1" and "a.py" stay whole."""
    return split_sentences(strip_speaker(text))


def settings(text: str) -> dict[str, frozenset[str]]:
    """What a statement sets: a named thing bound to a number right beside it -- an assignment
    ("`BATCH_SIZE = 12000`") or a name with its number or version ("UDP 7850", "Java 21",
    "iOS 16.0"). A later statement giving one of these another number changed it, whatever
    words it used. A number elsewhere in the sentence belongs to nothing named."""
    return dict(_settings(text))


@functools.lru_cache(maxsize=16384)  # read for the same candidates query after query
def _settings(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    out: dict[str, set[str]] = {}
    for sent in sentences(text):
        for m in _ASSIGNED_TO.finditer(sent):
            out.setdefault(m.group(1).lower(), set()).add(m.group(2).replace("_", "").replace(",", "").rstrip("."))
        names = product_names(sent)
        for m in _NAME_NUMBER.finditer(sent):
            w = m.group(1)
            if w.lower() in names or (w.isupper() and len(w) > 1) or not is_common_word(w):
                out.setdefault(w.lower(), set()).add(m.group(2))
    return tuple((k, frozenset(v)) for k, v in out.items() if v)


def setting_words(name: str) -> set[str]:
    """The words of a setting's name: "ingest_batch_size" -> {"ingest", "batch", "size"}, "TickRate" -> {"tick", "rate"}."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name)
    return {w.lower() for w in re.split(r"[\s_.\-]+", spaced) if len(w) > 1}


def values(text: str) -> set[str]:
    """The values a statement names, lower-cased (speaker prefix ignored)."""
    return set(_values(text))


@functools.lru_cache(maxsize=16384)  # recall reads the same candidates' values query after query
def _values(text: str) -> frozenset[str]:
    body = strip_speaker(text)
    out = {m.group(0).strip("`").rstrip(".,;:").lower() for m in _TECH.finditer(body)}
    return frozenset(v for v in out | product_names(text) | quantities(text) if len(v) > 1)


def product_names(text: str) -> set[str]:
    """The values a statement names that are names of products or services ("Celery", "uv"),
    not paths, commands or versions, lower-cased."""
    return set(_product_names(text))


@functools.lru_cache(maxsize=16384)
def _product_names(text: str) -> frozenset[str]:
    body = strip_speaker(text)
    out = _positional(body)
    for m in _NAME.finditer(body):
        w = m.group(0)
        if w not in _COMMON_CAPS and len(w) > 1:
            out.add(w.lower())
    for m in _OPENING.finditer(body):  # a sentence opens with a name: "Redis handles the cache"
        w = m.group(1)
        if not is_common_word(w) and _key_of(w) is None:
            out.add(w.lower())
    return frozenset(out)


# The first word of a sentence, capitalised: a name only when it is no common English word.
_OPENING = re.compile(r"(?:^|[.!?:;]\s+|\n)\(?([A-Z][a-z][\w&+-]*)")


@functools.lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """The most frequent English words (data/common_words.txt, built by
    benchmarks/build_common_words.py from wordfreq)."""
    path = Path(__file__).with_name("data") / "common_words.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    return frozenset(w for w in lines if w and not w.startswith("#"))


@functools.lru_cache(maxsize=65536)
def is_common_word(word: str) -> bool:
    """An ordinary English word, inflections included ("Upgraded", "Swapped", "Bumps")."""
    w = word.lower()
    common = _common_words()
    if w in common:
        return True
    for suf in ("ed", "ing", "es", "s", "d"):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            stem = w[: -len(suf)]
            if stem in common or stem + "e" in common or (len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in common):
                return True
    return False


def names_a_value(text: str) -> bool:
    return bool(values(text))


# General software vocabulary: each subject with the words people use for it. Written as a
# reference of common engineering terms, not from any benchmark's questions; a word may name
# one subject only (an ambiguous word is left out rather than joining two subjects).
CONCEPTS: dict[str, tuple[str, ...]] = {
    "jobs": ("job", "task", "worker", "queue", "background", "deferred", "async", "asynchronous", "enqueue"),
    "schedule": ("cron", "crontab", "scheduler", "scheduled", "schedule", "periodic", "recurring", "nightly",
                 "timer"),
    "database": ("db", "database", "datastore", "data", "storage", "table", "persistence", "persisted", "sql"),
    "ci": ("ci", "continuous", "integration", "pipeline", "check", "pr", "pull"),
    "deploy": ("deploy", "deployment", "deployed", "release", "ship", "shipped", "production", "prod",
               "hosting", "hosted", "rollout", "target"),
    "format": ("format", "formatter", "formatting", "formatted", "lint", "linter", "style", "reformat"),
    "api": ("api", "endpoint", "base", "url", "route", "served", "serve", "rooted", "address", "prefix"),
    "tests": ("test", "testing", "suite", "runner", "unit", "spec", "assertion"),
    "errors": ("error", "exception", "crash", "stack", "trace", "tracker", "traceback"),
    "cache": ("cache", "caching", "cached", "memoize", "eviction"),
    "bundle": ("bundle", "bundler", "bundling", "bundled", "asset", "frontend", "javascript", "browser",
               "minify"),
    "secrets": ("secret", "credential", "password", "token", "vault", "key"),
    "email": ("email", "mail", "mailer", "smtp", "newsletter", "inbox", "e-mail"),
    "runtime": ("runtime", "interpreter", "version", "jdk", "jvm", "language"),
    "auth": ("auth", "authentication", "login", "signin", "sso", "identity", "oauth", "sign", "logon"),
    "logs": ("log", "logging", "aggregation", "aggregated", "syslog"),
    "metrics": ("metric", "dashboard", "monitoring", "alert", "alerting", "observability", "graph"),
    "packages": ("package", "dependency", "install", "installed", "lockfile", "pip", "npm", "vendored"),
    "branch": ("branch", "trunk", "tag", "tagged"),
    "port": ("port", "listen", "listens", "localhost"),
    "config": ("config", "configuration", "setting", "env", "environment", "dotenv"),
    "docs": ("docs", "documentation", "wiki", "readme", "write-up", "writeup"),
    "issues": ("issue", "ticket", "backlog", "bug", "defect", "triage"),
    "containers": ("container", "docker", "image", "cluster", "pod", "orchestration", "kubernetes"),
}
_WORD_TO_KEY: dict[str, str] = {w: key for key, words in CONCEPTS.items() for w in words}
_SUFFIXES = ("ies", "es", "s", "ing", "ed", "ment", "ments")  # not "-er": a server is no act of serving


@functools.lru_cache(maxsize=65536)
def _key_of(word: str) -> str | None:
    w = word.lower()
    if w in _WORD_TO_KEY:
        return _WORD_TO_KEY[w]
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            stem = w[: -len(suf)]
            for cand in (stem, stem + "e", stem + "y"):
                if cand in _WORD_TO_KEY:
                    return _WORD_TO_KEY[cand]
    return None


# "log in", "sign-in": one word, so that logging in is not read as logging.
_PHRASAL = re.compile(r"\b(?:log|logs|logged|logging|sign|signs|signed|signing)[ -](?:in|on)\b", re.I)


def fold_phrases(text: str) -> str:
    return _PHRASAL.sub("login", text)


def agent_variants(words: list[str]) -> list[str]:
    """The verb inside agent nouns the porter stemmer keeps apart ("formatter" -> "format",
    "scheduler" -> "schedul", "runner" -> "run"), to search for alongside them."""
    out: list[str] = []
    for w in words:
        for suf in ("ers", "er", "ors", "or"):
            if w.endswith(suf) and len(w) - len(suf) >= 4:
                stem = w[: -len(suf)]
                if len(stem) >= 4 and stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
                    stem = stem[:-1]
                if stem not in words and stem not in out:
                    out.append(stem)
                break
    return out


def is_concept_word(word: str) -> bool:
    return _key_of(word) is not None


def concept_keys(text: str) -> list[str]:
    """The subjects ``text`` talks about, in order of first mention (speaker prefix ignored)."""
    body = fold_phrases(strip_speaker(text))
    out: list[str] = []
    for tok in re.findall(r"[A-Za-z][\w-]*", body):
        key = _key_of(tok)
        if key and key not in out:
            out.append(key)
    return out


def expansion(words: list[str]) -> list[str]:
    """The other words of the subjects ``words`` name, to search for at a lower weight."""
    have = {w.lower() for w in words}
    out: list[str] = []
    for w in words:
        key = _key_of(w)
        if key is None:
            continue
        for other in CONCEPTS[key]:
            if other not in have and other not in out:
                out.append(other)
    return out


# A statement announcing that a fact changed: it is the newer truth of its subject.
# "now" announces ("RQ handles them now"), but not in "right now", "for now", "just now", "now that".
NOW_CUE = r"(?<!right )(?<!for )(?<!just )(?<!until )(?<!by )now(?! that\b)(?! and then\b)"
_ANNOUNCES = re.compile(
    r"\b(" + NOW_CUE + r"|moved|move|switched|switch|migrated|replaced|replace|instead|no longer|from now on|"
    r"changed|cut-?over|since this|from today|retired|deprecated|going forward|dropped|adopted|upgraded|"
    r"bumped|ported|took over|swapped|swap|as of|from (?:this|next|the next) \w+ on|after the (?:upgrade|migration|switch|move)|"
    r"raised|lowered|increased|decreased|reduced|set to|cut over|handed over|renamed)\b", re.I)


def announces_change(text: str) -> bool:
    return bool(_ANNOUNCES.search(text))


# A change that names the value it leaves behind: "moving everything from Ireland to
# eu-central-1", "moved the jobs off Celery", "Clerk replaced GitHub OAuth", "Postgres instead of
# MySQL". The verb of change must be there: "copy the files from S3 to the warehouse" retires nothing.
_MOTION = re.compile(r"\b(?:mov(?:e|es|ed|ing)|switch(?:es|ed|ing)?|migrat(?:e|es|ed|ing)|port(?:s|ed|ing)|"
                     r"swap(?:s|ped|ping)?|chang(?:e|es|ed|ing)|went|go(?:es|ing)?|cut(?:ting)? over|transferr?(?:ed|ing)?)\b",
                     re.I)
_LEFT_BEHIND = re.compile(
    r"\b(?:(?:away )?from|off)\s+(?P<from>[^,;:—()]{1,60}?)\s+(?:over )?(?:to|onto|into)\b"
    r"|\boff\s+(?P<off>[^,;:—()]{1,40}?)(?=[,;:.—]|\s+(?:and|to|onto|for|because|since)\b|$)"
    r"|\b(?:replaced|replacing|replaces)\s+(?P<replaced>[^,;:—()]{1,40}?)(?=[,;:.—]|\s+(?:with|by|for|as|because|since|and)\b|$)"
    r"|\b(?:instead of|rather than)\s+(?P<instead>[^,;:—()]{1,40}?)(?=[,;:.—]|\s+(?:because|since|and|so)\b|$)",
    re.I)


def retired(sentence: str) -> list[str]:
    """The phrases a sentence announcing a change says it leaves behind, lower-cased: "from
    Ireland to eu-central-1" -> ["ireland"]. Empty when it announces none."""
    out = []
    for m in _LEFT_BEHIND.finditer(sentence):
        kind = m.lastgroup
        if kind in ("from", "off") and not _MOTION.search(sentence[: m.start()]):
            continue  # "the data flows from S3 to the warehouse": a path, not a change
        span = m.group(kind).strip().lower()
        if re.match(r"[^\W\d_]", span):  # "from ~11 KB/s to ...": a quantity, a setting's business
            out.append(span)
    return out


def retires(new_text: str, old_text: str) -> bool:
    """Does ``new_text`` announce leaving a value ``old_text`` names for one it does not?"""
    old = {v for v in values(old_text) - quantities(old_text) if re.match(r"[a-z]", v) and v not in _UNITS}
    if not old:
        return False
    for sent in sentences(new_text):
        spans = retired(sent)
        if not spans or not values(sent) - old:
            continue
        for span in spans:
            if any(re.search(rf"(?<![\w.-]){re.escape(v)}(?![\w-])", span) for v in old):
                return True
    return False
