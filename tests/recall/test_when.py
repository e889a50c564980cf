"""Time in a recall question: the dates it names, seen from a fixed now, and the rest of it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kairos.recall.when import Window, date_window, without_window

NOW = datetime(2026, 11, 18, 14, 0, tzinfo=UTC)  # a Wednesday


def d(text: str) -> date:
    return date.fromisoformat(text)


# query, start, end, phrase -- all seen from NOW
READ = [
    ("what broke today?", "2026-11-18", "2026-11-18", "today"),
    ("what did we fix yesterday", "2026-11-17", "2026-11-17", "yesterday"),
    ("the day before yesterday we paired", "2026-11-16", "2026-11-16", "the day before yesterday"),
    ("what did I change this morning", "2026-11-18", "2026-11-18", "this morning"),
    ("errors this Afternoon", "2026-11-18", "2026-11-18", "this Afternoon"),
    ("what merged this week", "2026-11-16", "2026-11-18", "this week"),
    ("what did we decide last week about the cache?", "2026-11-09", "2026-11-15", "last week"),
    ("the week before last", "2026-11-02", "2026-11-08", "the week before last"),
    ("deploys this month", "2026-11-01", "2026-11-18", "this month"),
    ("what shipped last month", "2026-10-01", "2026-10-31", "last month"),
    ("this year", "2026-01-01", "2026-11-18", "this year"),
    ("LAST YEAR", "2025-01-01", "2025-12-31", "LAST YEAR"),
    ("the test that failed 3 days ago", "2026-11-15", "2026-11-15", "3 days ago"),
    ("three weeks ago", "2026-10-26", "2026-11-01", "three weeks ago"),
    ("two months ago", "2026-09-01", "2026-09-30", "two months ago"),
    ("a week ago", "2026-11-09", "2026-11-15", "a week ago"),
    ("a few days ago", "2026-11-13", "2026-11-16", "a few days ago"),
    ("a couple of days ago", "2026-11-15", "2026-11-16", "a couple of days ago"),
    ("what failed in the last 10 days", "2026-11-08", "2026-11-18", "the last 10 days"),
    ("over the past two weeks", "2026-11-04", "2026-11-18", "the past two weeks"),
    ("in the past month", "2026-10-18", "2026-11-18", "the past month"),
    ("what did we change recently", "2026-11-04", "2026-11-18", "recently"),
    ("Lately the build is slow", "2026-11-04", "2026-11-18", "Lately"),
    ("what did we deploy on Monday", "2026-11-16", "2026-11-16", "Monday"),
    ("on Wednesday", "2026-11-18", "2026-11-18", "Wednesday"),  # today is a Wednesday
    ("what broke last Friday", "2026-11-13", "2026-11-13", "last Friday"),
    ("last wednesday", "2026-11-11", "2026-11-11", "last wednesday"),
    ("this Monday", "2026-11-16", "2026-11-16", "this Monday"),
    ("what changed since Monday", "2026-11-16", "2026-11-18", "since Monday"),
    ("since last week", "2026-11-09", "2026-11-18", "since last week"),
    ("last weekend", "2026-11-14", "2026-11-15", "last weekend"),
    ("what did we decide in March", "2026-03-01", "2026-03-31", "March"),
    ("in december", "2025-12-01", "2025-12-31", "december"),  # December 2026 has not begun
    ("in November", "2026-11-01", "2026-11-18", "November"),  # this month, up to today
    ("the March 2025 outage", "2025-03-01", "2025-03-31", "March 2025"),
    ("in early March", "2026-03-01", "2026-03-10", "early March"),
    ("mid-March", "2026-03-11", "2026-03-20", "mid-March"),
    ("late February", "2026-02-21", "2026-02-28", "late February"),
    ("in late November", "2025-11-21", "2025-11-30", "late November"),  # not yet begun this year
    ("last March", "2026-03-01", "2026-03-31", "last March"),
    ("March last year", "2025-03-01", "2025-03-31", "March last year"),
    ("what did we ship in May?", "2026-05-01", "2026-05-31", "May"),
    ("what changed IN MAY", "2026-05-01", "2026-05-31", "MAY"),
    ("May 3", "2026-05-03", "2026-05-03", "May 3"),
    ("on May 3rd, 2025", "2025-05-03", "2025-05-03", "May 3rd, 2025"),
    ("the 4th of July", "2026-07-04", "2026-07-04", "the 4th of July"),
    ("Dec. 4", "2025-12-04", "2025-12-04", "Dec. 4"),
    ("what was the stack in 2025?", "2025-01-01", "2025-12-31", "2025"),
    ("on 2026-03-04", "2026-03-04", "2026-03-04", "2026-03-04"),
    ("in 2026-03", "2026-03-01", "2026-03-31", "2026-03"),
    ("since 2026-03-01", "2026-03-01", "2026-11-18", "since 2026-03-01"),
    ("the release on 2027-01-15", "2027-01-15", "2027-01-15", "2027-01-15"),  # a future date stays
    ("between March and May", "2026-03-01", "2026-05-31", "between March and May"),
    ("between November and February", "2025-11-01", "2026-02-28", "between November and February"),
    ("from Monday to Wednesday", "2026-11-16", "2026-11-18", "from Monday to Wednesday"),
    ("what did we use before March", "0001-01-01", "2026-02-28", "before March"),
    ("after March", "2026-04-01", "2026-11-18", "after March"),
    # several: the first one
    ("yesterday or last week?", "2026-11-17", "2026-11-17", "yesterday"),
    ("May I ask what we shipped in May, or was it June?", "2026-05-01", "2026-05-31", "May"),
]


@pytest.mark.parametrize(("query", "start", "end", "phrase"), READ)
def test_reads_the_window(query: str, start: str, end: str, phrase: str) -> None:
    assert date_window(query, NOW) == Window(d(start), d(end), phrase)


# now, query, start, end: the edges of weeks, months, years and leap years
BOUNDARIES = [
    ("2026-01-10", "last month", "2025-12-01", "2025-12-31"),
    ("2026-01-01", "last year", "2025-01-01", "2025-12-31"),
    ("2026-01-05", "last week", "2025-12-29", "2026-01-04"),
    ("2026-01-05", "this week", "2026-01-05", "2026-01-05"),  # a Monday
    ("2026-11-20", "last Friday", "2026-11-13", "2026-11-13"),  # said on a Friday
    ("2026-11-20", "on Friday", "2026-11-20", "2026-11-20"),
    ("2024-03-10", "last February", "2024-02-01", "2024-02-29"),
    ("2025-01-05", "in late February", "2024-02-21", "2024-02-29"),
    ("2026-11-18", "February 29", "2024-02-29", "2024-02-29"),
    ("2024-03-31", "in the past month", "2024-02-29", "2024-03-31"),
    ("2026-03-10", "last March", "2025-03-01", "2025-03-31"),
    ("2026-04-15", "between March and May", "2025-03-01", "2025-05-31"),
    ("2026-11-17", "from Monday to Wednesday", "2026-11-09", "2026-11-11"),
    ("2026-11-14", "over the weekend", "2026-11-14", "2026-11-14"),  # a Saturday
]


@pytest.mark.parametrize(("now", "query", "start", "end"), BOUNDARIES)
def test_edges(now: str, query: str, start: str, end: str) -> None:
    window = date_window(query, d(now))
    assert window is not None
    assert (window.start, window.end) == (d(start), d(end))


@pytest.mark.parametrize("query", [
    "may I see the deploy script?",
    "May I ask how the deploy works?",
    "it may fail on CI",
    "3 may fail",
    "the second attempt failed",
    "what's the current queue",
    "how do we march the migrations forward",
    "the last commit on main",
    "which week number does the report use",
    "on Mondays we deploy",
    "run it every Friday",
    "what is planned for next Friday",
    "what happens next week",
    "this Friday",  # a Wednesday: it looks ahead
    "allocate in 2048 bytes",
    "February 30",
    "",
])
def test_says_no_time(query: str) -> None:
    assert date_window(query, NOW) is None


@pytest.mark.parametrize(("query", "rest"), [
    ("what did we decide last week about the cache?", "what did we decide about the cache?"),
    ("what broke in March?", "what broke?"),
    ("On Monday, what did we deploy?", "what did we deploy?"),
    ("since last week, which tests flaked?", "which tests flaked?"),
    ("what broke, yesterday?", "what broke?"),
    ("yesterday's build failures", "build failures"),
    ("during the last 3 days what failed", "what failed"),
    ("what changed between March and May in the API", "what changed in the API"),
    ("May I ask what we shipped in May?", "May I ask what we shipped?"),
    ("what did we use before March, and why", "what did we use, and why"),
    ("yesterday?", "yesterday?"),  # nothing would be left
])
def test_without_window_keeps_the_rest(query: str, rest: str) -> None:
    window = date_window(query, NOW)
    assert window is not None
    assert without_window(query, window) == rest


def test_without_window_leaves_a_query_without_the_phrase_alone() -> None:
    window = Window(d("2026-11-17"), d("2026-11-17"), "yesterday")
    assert without_window("what is the queue", window) == "what is the queue"


def test_accepts_a_date_or_a_datetime() -> None:
    assert date_window("yesterday", d("2026-11-18")) == date_window("yesterday", NOW)


def test_far_edges_of_the_calendar_answer_none_not_an_error() -> None:
    assert date_window("the week before last", date.min) is None
    assert date_window("before yesterday", date.min) is None
    assert date_window("9999 years ago", NOW) is None
    assert date_window("today", date.max) == Window(date.max, date.max, "today")


# Every phrase the module reads relative to now.
_COUNTS = ["1", "3", "twelve", "a", "a few", "a couple of"]
_UNITS = ["days", "weeks", "months", "years"]
_MONTH_NAMES = ["January", "February", "March", "May", "August", "November", "December"]
RELATIVE = [
    "today", "tonight", "this morning", "this evening", "earlier today", "yesterday", "last night",
    "the day before yesterday", "this week", "last week", "the previous week",
    "the week before last", "this month", "last month", "the month before last", "this year",
    "last year", "the year before last",
    "recently", "lately", "the past week", "the past month", "the last year", "last weekend",
    "over the weekend", "since last week", "since Monday", "since March", "before March",
    "until last Friday", "between March and May", "between November and February",
    "from Monday to Wednesday", "February 29",
    *(f"{n} {u} ago" for n in _COUNTS for u in _UNITS),
    *(f"in the last {n} {u}" for n in ("2", "ten", "few", "couple of") for u in _UNITS),
    *(f"{w}{day}" for w in ("", "on ", "last ") for day in ("Monday", "Wednesday", "Sunday")),
    *(f"{w}{m}" for w in ("in ", "in early ", "in mid ", "late ", "last ") for m in _MONTH_NAMES),
    *(f"{m} 1" for m in _MONTH_NAMES), *(f"{m} last year" for m in _MONTH_NAMES),
]
_AROUND = ["{}", "what did we decide {}?", "{}, which tests flaked", "the cache bug {} in prod"]
_CASES = [str, str.upper, str.lower, str.title]
_NOWS = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 12, 31))


@given(now=_NOWS, phrase=st.sampled_from(RELATIVE), around=st.sampled_from(_AROUND),
       case=st.sampled_from(_CASES), as_date=st.booleans())
def test_relative_windows_are_never_empty_and_never_past_today(
        now: datetime, phrase: str, around: str, case: Callable[[str], str], as_date: bool) -> None:
    query = around.format(case(phrase))
    window = date_window(query, now.date() if as_date else now)
    assert window is not None, query
    assert window.start <= window.end <= now.date(), query
    assert window.phrase in case(phrase)
    rest = without_window(query, window)
    assert rest == query if around == "{}" else window.phrase not in rest, rest  # never empty


@given(now=_NOWS, day=st.dates())
def test_iso_dates_are_read_as_written_even_in_the_future(now: datetime, day: date) -> None:
    window = date_window(f"what happened on {day.isoformat()}?", now)
    assert window == Window(day, day, day.isoformat())


@given(now=_NOWS, query=st.text(max_size=80))
def test_any_text_gives_none_or_a_window_it_names(now: datetime, query: str) -> None:
    window = date_window(query, now)
    if window is not None:
        assert window.start <= window.end
        assert window.phrase and window.phrase in query
        assert without_window(query, window)
