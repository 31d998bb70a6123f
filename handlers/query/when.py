"""Time windows in a question: "this week" -> "7d", "since March 2018" -> "2018-03-01".

A window is a span back from now ("Nd") or a start date (ISO). ``find_window`` returns it and the
words it used, so the reader does not mistake "march" or "2018" for something else. The patterns
are a named, ordered table: the first that matches wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ),
        1,
    )
    for name in names
}  # fmt: skip
NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twelve": 12, "couple": 2, "couple of": 2, "few": 3, "several": 3,
}  # fmt: skip
UNIT_DAYS: dict[str, int] = {"hour": 0, "day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365}

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_COUNT = r"\d{1,3}|" + "|".join(sorted(NUMBERS, key=len, reverse=True))
_UNIT = "hour|day|week|fortnight|month|year"
_FROM = r"(?:since|from|after|starting|beginning|as of)"
_BACK = r"(?:(?:in|over|during|for|within) )?(?:the )?(?:last|past|previous)"

Rule = Callable[[re.Match[str], date], str | None]


def _days(n: int) -> str:
    return f"{max(1, n)}d"


def _span(m: re.Match[str], _today: date) -> str:
    count = m["n"]
    n = int(count) if count.isdigit() else NUMBERS[count]
    unit = UNIT_DAYS[m["unit"]]
    return _days(n * unit if unit else -(-n // 24))


def _month_year(m: re.Match[str], _today: date) -> str | None:
    year, month, day = int(m["year"]), MONTHS[m["month"]], int(m["day"] or 1)
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_only(m: re.Match[str], today: date) -> str:
    month = MONTHS[m["month"]]
    year = today.year if month <= today.month else today.year - 1
    return date(year, month, 1).isoformat()


def _year(m: re.Match[str], _today: date) -> str:
    return f"{m['year']}-01-01"


def _iso(m: re.Match[str], _today: date) -> str | None:
    try:
        return date(int(m["year"]), int(m["mm"]), int(m["dd"])).isoformat()
    except ValueError:
        return None


def _this_year(_m: re.Match[str], today: date) -> str:
    return date(today.year, 1, 1).isoformat()


def _fixed(days: int) -> Rule:
    return lambda _m, _today: _days(days)


# (name, pattern over the normalised question, what it means). First match wins, so longer forms lead.
WINDOWS: tuple[tuple[str, str, Rule], ...] = (
    ("iso date", rf"\b{_FROM} (?P<year>(?:19|20)\d\d) (?P<mm>\d\d) (?P<dd>\d\d)\b", _iso),
    (
        "month day year",
        rf"\b{_FROM} (?:the )?(?:start |beginning |end )?(?:of )?(?P<month>{_MONTH}) (?:(?P<day>\d{{1,2}}) )?"
        rf"(?:of )?(?P<year>(?:19|20)\d\d)\b",
        _month_year,
    ),
    (
        "day month year",
        rf"\b{_FROM} (?P<day>\d{{1,2}}) (?P<month>{_MONTH}) (?P<year>(?:19|20)\d\d)\b",
        _month_year,
    ),
    ("start of year", rf"\b{_FROM} (?:the )?(?:start |beginning )?(?:of )?(?P<year>(?:19|20)\d\d)\b", _year),
    ("month", rf"\b{_FROM} (?P<month>{_MONTH})\b(?! \d)", _month_only),
    ("last n units", rf"\b{_BACK} (?P<n>{_COUNT}) (?P<unit>{_UNIT})s?\b", _span),
    ("n units ago", rf"\b(?:since )?(?P<n>{_COUNT}) (?P<unit>{_UNIT})s? ago\b", _span),
    (
        "this year",
        r"\b(?:so far )?this year\b|\bsince (?:the )?(?:start|beginning) of the year\b",
        _this_year,
    ),
    ("last year", rf"\b{_BACK} year\b|\blast year\b", _fixed(365)),
    ("last month", rf"\b{_BACK} month\b|\b(?:this|last) month\b", _fixed(30)),
    ("fortnight", rf"\b{_BACK} fortnight\b", _fixed(14)),
    ("this week", rf"\b(?:this|last|{_BACK}|this past) week\b|\bthis weekend\b", _fixed(7)),
    ("yesterday", r"\b(?:since )?yesterday\b|\blast night\b", _fixed(2)),
    ("today", r"\b(?:today|tonight|this morning|this afternoon|this evening)\b|\b24 hours\b", _fixed(1)),
)
_COMPILED = tuple((name, re.compile(pattern), rule) for name, pattern, rule in WINDOWS)


def find_window(text: str, today: date | None = None) -> tuple[str | None, str]:
    """The window named in normalised ``text`` and the text without it.

    >>> find_window("news on dairy in the last 2 weeks", date(2026, 1, 1))
    ('14d', 'news on dairy ')
    """
    today = today or date.today()
    for _name, pattern, rule in _COMPILED:
        if (m := pattern.search(text)) and (since := rule(m, today)):
            return since, text[: m.start()] + text[m.end() :]
    return None, text


def since_date(since: str | None, today: date | None = None) -> date | None:
    """The first day a window covers: "7d" -> a week before today, "2018-03-01" -> that date."""
    if not since:
        return None
    today = today or date.today()
    if since.endswith("d") and since[:-1].isdigit():
        return today - timedelta(days=int(since[:-1]))
    try:
        return date.fromisoformat(since)
    except ValueError:
        return None


def describe(since: str | None) -> str:
    """Words for a window, for the line that says how a question was read ("last 7 days")."""
    if not since:
        return ""
    if since.endswith("d") and since[:-1].isdigit():
        n = int(since[:-1])
        return "last 24 hours" if n == 1 else f"last {n} days"
    return f"since {since}"
