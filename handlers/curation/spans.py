"""Reading "since" spans the way the desk types them: ``30m``, ``12h``, ``7d``, ``2w``, or a date."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

_SPAN = re.compile(r"^(\d{1,4})\s*([mhdw])$", re.I)
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_since(text: str, now: datetime) -> datetime:
    """``"7d"`` -> seven days before ``now``; ``"2018-03-01"`` -> that day at 00:00 UTC.

    Raises ValueError with a one-line message for anything else.
    """
    text = text.strip()
    found = _SPAN.match(text)
    if found:
        return now - timedelta(**{_UNITS[found.group(2).lower()]: int(found.group(1))})
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a span like 7d, 12h, 2w or a date like 2018-03-01") from None
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
