"""What a reader hands on: one article's raw text and metadata, or why an input could not be read."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime

MAX_TEXT_BYTES = 2_000_000  # one article; a bigger "article" is a dump or a mistake, not news copy


@dataclass(frozen=True)
class RawArticle:
    name: str  # where it came from, for messages: "notes/talks.md", "feed.jsonl:12", a URL
    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    outlet: str | None = None
    title_is_editorial: bool = False


@dataclass(frozen=True)
class ReadFailure:
    name: str
    reason: str


@dataclass(frozen=True)
class Overrides:
    """Metadata given on the command line for a single input (``--url``, ``--published``...)."""

    title: str | None = None
    url: str | None = None
    published: date | None = None
    outlet: str | None = None

    def apply(self, article: RawArticle) -> RawArticle:
        changes = {k: v for k, v in vars(self).items() if v is not None}
        return replace(article, **changes) if changes else article

    def __bool__(self) -> bool:
        return any(v is not None for v in vars(self).values())


_MONTH_DATE = re.compile(r"^([A-Z][a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")


def parse_date(value: object) -> date | None:
    """Dates as feeds and front matter write them: ISO dates or timestamps, or 'March 5, 2018'."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    m = _MONTH_DATE.match(text)
    if m:
        for fmt in ("%B %d %Y", "%b %d %Y"):
            try:
                return datetime.strptime(
                    f"{m.group(1)[:3] if fmt == '%b %d %Y' else m.group(1)} {m.group(2)} {m.group(3)}", fmt
                ).date()
            except ValueError:
                continue
    raise ValueError(f"unreadable date {text!r} (use YYYY-MM-DD)")
