"""When a recall question says a time, read it as a window of dates.

``date_window(query, now)`` finds the first time expression in a question and
returns the dates it covers, both ends inclusive, worked out from ``now``;
``without_window(query, window)`` returns the question without those words, so
the index searches for the subject and not for "last week".

Read (English, any case):

* days: today, tonight, this morning / afternoon / evening, earlier today,
  yesterday, last night, the day before yesterday; weekday names ("on Monday"
  is the latest Monday on or before today, "last Monday" the latest strictly
  before today, "this Monday" the one of this week); last weekend, over the
  weekend;
* calendar periods, weeks starting on Monday: this / last / previous week,
  month, year; the week / month / year before last;
* counts (digits, one..twelve, a / an; "a few" is 2..5, "a couple of" 2..3):
  N days / weeks / months / years ago (the calendar day, week, month or year
  that far back), in the last / past N days ... (from N days, weeks ... before
  today through today), the past week; recently and lately are the last 14 days;
* names: a month with or without a year or a day ("in March", "March 2026",
  "May 3", "the 4th of July", "March last year"), "in early / mid / late
  March" (days 1-10 / 11-20 / 21-end), a year after in / during / since ...
  ("in 2025", "early 2025"), ISO dates and months ("2026-03-04", "2026-03");
* around any of those: "since X" (X to today), "before X", "until X" (an open
  start, ``date.min``), "after X" (to today), "between X and Y", "from X to Y".

A name without a year is the latest such period that has begun by ``now``, and
no window reaches past today: only an explicit year or date names the future.

Not read, so no window rather than a wrong one: anything finer than a day ("two
hours ago"), "next ..." and other future phrases, seasons, quarters, holidays,
recurring days ("on Mondays", "every Friday"), numeric dates other than ISO
("3/4/2026"), other languages. A month name that is also a word ("may",
"march") counts only when something says it is a month: a day or year after it,
a preposition (in, during, since, until, of, ...) or early / mid / late before
it, or a capital letter mid-sentence; "May I ..." opening a question is the verb.

Pure functions over the standard library, regexes compiled at import: this runs
on the hook path. It never looks anything up and never raises on odd input.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

__all__ = ["MONTHS", "WEEKDAYS", "Window", "date_window", "without_window"]


@dataclass(frozen=True)
class Window:
    """The dates a question asks about, both ends inclusive, and the words that said so."""

    start: date
    end: date
    phrase: str  # exactly as written in the query: "last week", "since Monday"


_Span = tuple[date, date]
_F = re.IGNORECASE | re.ASCII
_DAY = timedelta(days=1)
RECENT_DAYS = 14  # "recently", "lately"

_WORD_NUMBERS = {w: i for i, w in enumerate(("one", "two", "three", "four", "five", "six", "seven",
                                              "eight", "nine", "ten", "eleven", "twelve"), start=1)}
_QTY = (r"(?P<qty>(?:a\s+)?few|(?:a\s+)?couple(?:\s+of)?|\d{1,4}|"
        + "|".join(_WORD_NUMBERS) + r"|an?)")
_UNIT = r"(?P<unit>day|week|month|year)s?\b"
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
_MONTH_NUMBER = {name[:3]: i for i, name in enumerate(MONTHS, start=1)}
_MONTH = (r"(?:(?P<mon>" + "|".join(MONTHS) + r")\b"
          r"|(?P<abbr>(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?))")
_DATE_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?P<ord>st|nd|rd|th)?\b"
_YEAR = r"(?P<year>(?:19|20)\d\d)\b"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# A month that is also a word, or a bare year, is a date after one of these words.
_SIGNAL = re.compile(r"\b(?:in|during|since|until|till|of|from|between|before|after|through)\s+$",
                     _F)
# "in 2025" is a year; "in 2048 bytes" is not: a year is followed by an end, or by a word
# that starts the rest of a sentence.
_AFTER_YEAR = re.compile(r"\s*(?:$|[^\w\s%]|(?:and|or|to|until|through|we|i|you|they|it|did|"
                         r"was|were|when|what|which|who|how)\b)", _F)
# Words that turn a time into a window around it: "since March", "between March and May".
_LEAD = re.compile(r"\b(?P<kw>since|between|from|before|after|until|till)\s+$", _F)
_AND = re.compile(r"\s+and\s+", _F)
_TO = re.compile(r"\s+(?:to|until|till|through|thru)\s+", _F)
_LOOK_BACK = 24  # characters before a phrase searched for a leading word
# Taken out with the phrase: "in March", "yesterday's".
_PREPOSITION = re.compile(r"\b(?:in|on|during|since|from|over|within)\s+$", _F)
_POSSESSIVE = re.compile(r"['\u2019]s\b")
_MARKS = "?.!,;:"
_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class _Reader:
    pattern: re.Pattern[str]
    read: Callable[[re.Match[str], date], _Span | None]  # the raw span, before clipping to today
    said: Callable[[str, re.Match[str]], bool] | None = None  # does this match really say a time?
    floating: bool = False  # a name without a year: in a range, read again against the range's end


@dataclass(frozen=True)
class _Hit:
    match: re.Match[str]
    reader: _Reader
    said: bool

    @property
    def start(self) -> int:
        return self.match.start()

    @property
    def end(self) -> int:
        return self.match.end()

    def span(self, today: date) -> _Span | None:
        try:
            return self.reader.read(self.match, today)
        except (ValueError, OverflowError):
            # 30 February, or a count reaching before year 1: the words name no date.
            return None


def date_window(query: str, now: datetime | date) -> Window | None:
    """The dates the first time expression in ``query`` covers, seen from ``now``.

    None when the query says no time. ``now`` is the asker's local time (or date).
    """
    today = now.date() if isinstance(now, datetime) else now
    for hit in _hits(query):
        if hit.said:
            window = _window(query, hit, today)
            if window is not None:
                return window
    return None


def without_window(query: str, window: Window) -> str:
    """``query`` without ``window.phrase``, a preposition before it and an "'s" after it.

    The query itself when the phrase is not in it or nothing else would be left.
    """
    at = _locate(query, window.phrase)
    if at is None:
        return query
    start, end = at
    preposition = _PREPOSITION.search(query, max(0, start - _LOOK_BACK), start)
    if preposition:
        start = preposition.start()
    possessive = _POSSESSIVE.match(query, end)
    if possessive:
        end = possessive.end()
    left, right = query[:start].rstrip(), query[end:].lstrip()
    if not left:  # "On Monday, what did we deploy?"
        right = right.lstrip(_MARKS + " ")
    if left[-1:] in (",", ";", ":") and (not right or right[0] in _MARKS):  # "what broke, today?"
        left = left[:-1]
    rest = left + ("" if not left or not right or right[0] in _MARKS else " ") + right
    return rest if _WORD.search(rest) else query



def _window(query: str, hit: _Hit, today: date) -> Window | None:
    span = hit.span(today)
    if span is None:
        return None
    start, end = hit.start, hit.end
    lead = _LEAD.search(query, max(0, start - _LOOK_BACK), start)
    keyword = lead["kw"].lower() if lead else ""
    if keyword in ("between", "from"):
        joint = (_AND if keyword == "between" else _TO).match(query, end)
        other = _read_at(query, joint.end(), today) if joint else None
        if lead and other:
            other_hit, other_span = other
            if hit.reader.floating and span[0] > other_span[0]:
                # "between November and February": the November before that February.
                span = hit.span(other_span[1]) or span
            span = min(span[0], other_span[0]), max(span[1], other_span[1])
            return _clipped(span, query[lead.start():other_hit.end], today)
        return _clipped(span, query[start:end], today)  # "from last week": a preposition
    try:
        if keyword == "since":
            span = span[0], max(today, span[1])
        elif keyword == "before":
            span = date.min, span[0] - _DAY
        elif keyword in ("until", "till"):
            span = date.min, span[1]
        elif keyword == "after":
            if span[1] >= today:
                return None
            span = span[1] + _DAY, today
    except OverflowError:  # "before" the first day there is
        return None
    if lead:
        start = lead.start()
    return _clipped(span, query[start:end], today)


def _clipped(span: _Span, phrase: str, today: date) -> Window:
    start, end = span
    if start <= today:  # relative time never reaches past today; a future date stays whole
        end = min(end, today)
    return Window(start, end, phrase)


def _read_at(query: str, at: int, today: date) -> tuple[_Hit, _Span] | None:
    """The longest time expression starting exactly at ``at``: the second half of a range."""
    for hit in _hits(query):
        if hit.start == at:
            span = hit.span(today)
            if span is not None:
                return hit, span
    return None


def _hits(query: str) -> list[_Hit]:
    hits = [_Hit(m, r, r.said is None or r.said(query, m))
            for r in _READERS for m in r.pattern.finditer(query)]
    return sorted(hits, key=lambda h: (h.start, -h.end))


def _locate(query: str, phrase: str) -> tuple[int, int] | None:
    """Where ``phrase`` says a time in ``query``: "May I ... in May" is the second May."""
    if not phrase:
        return None
    starts = [h.start for h in _hits(query) if h.said]
    first = query.find(phrase)
    at = first
    while at >= 0:
        if any(at <= s < at + len(phrase) for s in starts):
            return at, at + len(phrase)
        at = query.find(phrase, at + 1)
    return None if first < 0 else (first, first + len(phrase))


# -- calendar arithmetic ------------------------------------------------------------------------

def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _month(year: int, month: int) -> _Span:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _months_back(d: date, n: int) -> tuple[int, int]:
    index = d.year * 12 + d.month - 1 - n
    return index // 12, index % 12 + 1


def _period(unit: str, today: date, back: int) -> _Span:
    """The calendar day, week, month or year ``back`` of them before today's."""
    if unit == "day":
        d = today - timedelta(days=back)
        return d, d
    if unit == "week":
        monday = _monday(today) - timedelta(weeks=back)
        return monday, monday + timedelta(days=6)
    if unit == "month":
        return _month(*_months_back(today, back))
    return date(today.year - back, 1, 1), date(today.year - back, 12, 31)


def _count(qty: str | None) -> tuple[int, int]:
    """The fewest and most a count can mean: "a few" is 2 to 5."""
    q = (qty or "one").lower()
    if q.endswith("few"):
        return 2, 5
    if "couple" in q:
        return 2, 3
    n = 1 if q in ("a", "an") else _WORD_NUMBERS.get(q) or int(q)
    return n, n


# -- readers -----------------------------------------------------------------------------------

def _read_day(m: re.Match[str], today: date) -> _Span:
    words = m.group().lower()
    if "before" in words:
        return _period("day", today, 2)
    if "yesterday" in words:
        return _period("day", today, 1)
    if words.startswith("last"):  # last night runs into today
        return today - _DAY, today
    return today, today


def _read_calendar(m: re.Match[str], today: date) -> _Span:
    back = {"this": 0, "before": 2}.get(m["which"].lower().split()[-1], 1)
    return _period(m["unit"].lower(), today, back)


def _read_ago(m: re.Match[str], today: date) -> _Span:
    fewest, most = _count(m["qty"])
    unit = m["unit"].lower()
    return _period(unit, today, most)[0], _period(unit, today, fewest)[1]


def _read_rolling(m: re.Match[str], today: date) -> _Span:
    most = _count(m["qty"])[1]
    unit = m["unit"].lower()
    if unit in ("day", "week"):
        return today - timedelta(days=most * (7 if unit == "week" else 1)), today
    year, month = _months_back(today, most * (12 if unit == "year" else 1))
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1])), today


def _read_recent(m: re.Match[str], today: date) -> _Span:
    return today - timedelta(days=RECENT_DAYS), today


def _read_weekday(m: re.Match[str], today: date) -> _Span | None:
    weekday = WEEKDAYS.index(m["wd"].lower())
    which = (m["which"] or "").lower()
    if which == "this":
        d = _monday(today) + timedelta(days=weekday)
        if d > today:  # "this Friday" said on a Wednesday looks ahead
            return None
    else:
        back = (today.weekday() - weekday) % 7
        d = today - timedelta(days=back or (7 if which else 0))
    return d, d


def _read_weekend(m: re.Match[str], today: date) -> _Span:
    if m.group().lower().startswith("last"):
        saturday = _monday(today) - timedelta(days=2)
    else:
        saturday = today - timedelta(days=(today.weekday() - 5) % 7)
    return saturday, saturday + _DAY


def _read_month(m: re.Match[str], today: date) -> _Span | None:
    g = m.groupdict()
    month = _MONTH_NUMBER[(g["mon"] or g["abbr"]).lower()[:3]]
    which, relative = (g.get("which") or "").lower(), (g.get("rel") or "").lower()
    if g["year"]:
        years = [int(g["year"])]
    elif relative:
        years = [today.year - (relative == "last")]
    elif which == "last":  # the latest such month before this one
        years = [today.year if month < today.month else today.year - 1]
    elif which == "this":
        years = [today.year]
    else:  # the latest that has begun; 29 February may be eight years back
        years = list(range(today.year, today.year - 9, -1))
    for year in years:
        try:
            span = _month_part(year, month, g["day"], g.get("part"))
        except ValueError:
            continue
        if span[0] <= today or g["year"]:
            return span
    return None


def _month_part(year: int, month: int, day: str | None, part: str | None) -> _Span:
    if day:
        d = date(year, month, int(day))
        return d, d
    first, last = _month(year, month)
    if not part:
        return first, last
    part = part.lower()
    if part == "early":
        return first, first.replace(day=10)
    if part == "mid":
        return first.replace(day=11), first.replace(day=20)
    return first.replace(day=21), last


def _read_year(m: re.Match[str], today: date) -> _Span:
    year = int(m["year"])
    part = (m["part"] or "").lower()
    months = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}.get(part, (1, 12))
    return _month(year, months[0])[0], _month(year, months[1])[1]


def _read_iso(m: re.Match[str], today: date) -> _Span:
    year, month = int(m["y"]), int(m["m"])
    if m["d"]:
        d = date(year, month, int(m["d"]))
        return d, d
    return _month(year, month)


# -- when a word is a date ---------------------------------------------------------------------

def _month_said(query: str, m: re.Match[str]) -> bool:
    g = m.groupdict()
    if g["abbr"]:
        return bool(g["day"] or g["year"])
    if g["day"] and "of" in g:  # day first: "4th of July", "3 May", but not "3 may fail"
        return bool(g["ord"] or g["of"]) or _capitalised(g["mon"])
    if g["day"] or g["year"] or g.get("part") or g.get("which") or g.get("rel"):
        return True
    if _SIGNAL.search(query, max(0, m.start() - _LOOK_BACK), m.start()):
        return True
    return _capitalised(g["mon"]) and not _opens_sentence(query, m.start())


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and word[1:].islower()


def _opens_sentence(query: str, at: int) -> bool:
    before = query[max(0, at - _LOOK_BACK):at]
    words = before.rstrip()
    return not words or "\n" in before[len(words):] or words[-1] in ".!?;:\"'("


def _year_said(query: str, m: re.Match[str]) -> bool:
    if not _AFTER_YEAR.match(query, m.end()):
        return False
    return bool(m["part"]) or bool(_SIGNAL.search(query, max(0, m.start() - _LOOK_BACK), m.start()))


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _F)


# "next Friday" looks ahead and "every Friday" recurs: neither is a day in the past.
_WEEKDAY = (r"(?<!next\s)(?<!coming\s)(?<!every\s)\b(?:(?P<which>last|this\s+past|past|this)\s+)?"
            r"(?P<wd>" + "|".join(WEEKDAYS) + r")\b")
_MONTH_FIRST = (r"\b(?:(?P<part>early|mid|late)[\s-]+)?(?:(?P<which>last|this)\s+)?" + _MONTH
                + r"(?:\s+" + _DATE_DAY + r"(?!\s*:))?(?:,?\s+" + _YEAR + r")?"
                r"(?:\s+(?P<rel>last|this)\s+year\b)?")
_DAY_FIRST = (r"\b(?:the\s+)?" + _DATE_DAY + r"\s+(?P<of>of\s+)?" + _MONTH
              + r"(?:,?\s+" + _YEAR + r")?")

_READERS: tuple[_Reader, ...] = (
    _Reader(_compile(r"\b(?:(?:the\s+)?day\s+before\s+yesterday|yesterday|last\s+night|"
                     r"(?:earlier\s+)?today|tonight|this\s+(?:morning|afternoon|evening))\b"),
            _read_day),
    _Reader(_compile(r"\b(?:earlier\s+)?(?P<which>this|last|(?:the\s+)?previous)\s+"
                     r"(?P<unit>week|month|year)\b(?!\s+of\b)"), _read_calendar),
    _Reader(_compile(r"\b(?:the\s+)?(?P<unit>week|month|year)\s+(?P<which>before)\s+last\b"),
            _read_calendar),
    _Reader(_compile(r"\b" + _QTY + r"\s+" + _UNIT + r"\s+ago\b"), _read_ago),
    _Reader(_compile(r"\b(?:(?:the\s+)?(?:last|past|previous)\s+" + _QTY + r"\s+"
                     r"|(?:the\s+)?past\s+|the\s+last\s+)" + _UNIT + r"(?!\s+of\b)"),
            _read_rolling),
    _Reader(_compile(r"\b(?:recently|lately)\b"), _read_recent),
    _Reader(_compile(_WEEKDAY), _read_weekday, floating=True),
    _Reader(_compile(r"\b(?:last\s+weekend|(?:this\s+)?past\s+weekend|over\s+the\s+weekend)\b"),
            _read_weekend),
    _Reader(_compile(_MONTH_FIRST), _read_month, _month_said, floating=True),
    _Reader(_compile(_DAY_FIRST), _read_month, _month_said, floating=True),
    _Reader(_compile(r"\b(?:(?P<part>early|mid|late)[\s-]+)?" + _YEAR + r"(?![-/.]\d)"),
            _read_year, _year_said),
    _Reader(_compile(r"(?<!\d)(?<!\d-)(?P<y>\d{4})-(?P<m>\d\d)(?:-(?P<d>\d\d))?(?!\d|-\d)"),
            _read_iso),
)
