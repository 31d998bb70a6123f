"""The words every renderer shares: how a source, a date, a speaker and a quote are written.

Kept in one place so the terminal and Slack never disagree about who said what, when and where.
Functions here return plain, unescaped text; each renderer escapes for its own medium.
"""

from __future__ import annotations

from datetime import date

from store.queries import COUNT_CAP, PositionRow, QuoteRow, SourceRow, StatusRow

MACHINE_READ = "machine-read, unverified"


def day(value: date | None) -> str:
    return value.isoformat() if value else "date unknown"


def source_label(source: SourceRow | None) -> str:
    """'The Globe and Mail, 2018-03-21' — outlet and publication date, the way a citation starts."""
    if source is None:
        return "source not recorded"
    return f"{source.outlet or 'Unknown outlet'}, {day(source.published)}"


def safe_url(url: str | None) -> str | None:
    """Only plain http(s) links, and none that could break out of Slack's <url|label> syntax."""
    if not url or not url.startswith(("http://", "https://")) or any(c in url for c in "<>| \n\t"):
        return None
    return url


def quote_text(text: str) -> str:
    """The exact words in curly quotes; a trailing comma left by a split attribution becomes a full stop."""
    words = text.strip()
    if words.endswith(","):
        words = words[:-1] + "."
    return f"“{words}”"


def speaker_line(quote: QuoteRow) -> str:
    """'Robert Lighthizer, U.S. Trade Representative, to the House Ways and Means Committee, 2018-03-21'."""
    return speaker_name(quote) + speaker_details(quote)


def speaker_name(quote: QuoteRow) -> str:
    return quote.speaker or "Unattributed"


def speaker_details(quote: QuoteRow) -> str:
    """Everything after the name: role, where it was said, and when."""
    parts = [""]
    if quote.speaker_role:
        parts.append(quote.speaker_role)
    if quote.context:
        parts.append(quote.context)
    parts.append(day(quote.said_on or quote.reported_on))
    return ", ".join(parts)


def quote_source(quote: QuoteRow) -> str:
    """The outlet, plus its date only when it differs from the day the words were said."""
    outlet = quote.source.outlet or "Unknown outlet"
    said = quote.said_on or quote.reported_on
    if quote.source.published and quote.source.published != said:
        return f"{outlet}, {day(quote.source.published)}"
    return outlet


def trust_note(*, verified: bool, confidence: float, origin: str = "") -> str:
    if verified or origin in {"bundled", "editor"}:
        return ""
    return f"{MACHINE_READ}, confidence {confidence:.0%}" if confidence < 1 else MACHINE_READ


def status_phrase(status: StatusRow | None) -> str:
    if status is None:
        return "no status recorded"
    return f"{status.status}, as of {day(status.as_of)}"


def position_source(position: PositionRow) -> str:
    note = trust_note(verified=position.verified, confidence=position.confidence, origin=position.origin)
    label = source_label(position.source)
    return f"{label} ({note})" if note else label


def count_label(total: int) -> str:
    return f"{COUNT_CAP}+" if total > COUNT_CAP else str(total)


def range_label(offset: int, shown: int, total: int, noun: str = "quotes") -> str:
    if shown == 0:
        return f"No {noun} recorded yet."
    return f"{noun.capitalize()} {offset + 1}–{offset + shown} of {count_label(total)}"
