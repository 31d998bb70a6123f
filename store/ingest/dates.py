"""An article's date when its source gave none: read from its URL or from a dateline opening the text.

Feeds and scrapes often drop the date, but news URLs carry it (``/2018/09/30/``, ``2018-09-30``,
``20180930``, a month folder ``/2019/12/``, or a publishing timestamp ending the slug) and wire copy
opens with it ("WASHINGTON, Sept. 30, 2018 —"). Both ``extract`` and ``ingest`` settle dates here.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime

from store.ingest.sources import RawArticle

_FIRST_YEAR, _LAST_YEAR = 1990, 2099
# URL forms, most precise first: (name, pattern); groups are year, month, day (day optional).
URL_DATES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("path-ymd", re.compile(r"/((?:19|20)\d\d)/(\d\d?)/(\d\d?)(?=/|$|[?#])")),
    ("iso", re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d\d)-(\d\d)(?!\d)")),
    ("compact", re.compile(r"(?<![\d.])((?:19|20)\d\d)(\d\d)(\d\d)(?!\d)")),
    ("path-ym", re.compile(r"/((?:19|20)\d\d)/(\d\d?)/(?=[^/\d])")),
)
# A ten-digit Unix timestamp ending the slug, as some outlets publish: "...-intensify-1528070538".
_EPOCH = re.compile(r"-(1[0-9]{9})(?=$|[/?#.])")
_EPOCH_RANGE = (631152000, 4102444800)  # 1990 .. 2100
_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            "jan january",
            "feb feb. february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        ),
        1,
    )
    for m in names.split()
}
_DATELINE = re.compile(
    r"\b(Jan|January|Feb|February|Mar|March|Apr|April|May|June?|July?|Aug|August|Sept?|September|Oct|October"
    r"|Nov|November|Dec|December)\.?\s+(\d{1,2}),?\s+((?:19|20)\d\d)\b"
)
_DATELINE_REACH = 160  # a dateline opens the text; a date further in is what the story is about


def _make(year: int, month: int, day: int) -> date | None:
    if not _FIRST_YEAR <= year <= _LAST_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def date_from_url(url: str | None) -> date | None:
    """>>> date_from_url("https://news.example/2018/09/30/talks-resume")
    datetime.date(2018, 9, 30)
    """
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url)
    for _name, pattern in URL_DATES:
        for m in pattern.finditer(path):
            day = int(m.group(3)) if m.lastindex and m.lastindex >= 3 else 1
            found = _make(int(m.group(1)), int(m.group(2)), day)
            if found:
                return found
    epoch = _EPOCH.search(path.split("?")[0])
    if epoch and _EPOCH_RANGE[0] <= int(epoch.group(1)) < _EPOCH_RANGE[1]:
        return datetime.fromtimestamp(int(epoch.group(1)), tz=UTC).date()
    return None


def date_from_dateline(text: str) -> date | None:
    """>>> date_from_dateline("OTTAWA, Sept. 30, 2018 — Canada and the U.S. ...")
    datetime.date(2018, 9, 30)
    """
    m = _DATELINE.search(text[:_DATELINE_REACH])
    if not m:
        return None
    month = _MONTHS.get(m.group(1).lower().rstrip("."))
    return _make(int(m.group(3)), month, int(m.group(2))) if month else None


def settle_date(article: RawArticle) -> RawArticle:
    """The article, dated from its URL or dateline when its source gave no date."""
    if article.published is not None:
        return article
    found = date_from_url(article.url) or date_from_dateline(article.text)
    return replace(article, published=found) if found else article
