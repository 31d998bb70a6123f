"""The words every renderer shares: how a source, a date, a speaker and a quote are written.

Kept in one place so the terminal and Slack never disagree about who said what, when and where.
Functions here return plain, unescaped text; each renderer escapes for its own medium.
"""

from __future__ import annotations

import html
import re
from datetime import date

from store.answers.queries import COUNT_CAP, PositionRow, QuoteRow, SourceRow, StatusRow
from store.answers.standing import Event

MACHINE_READ = "machine-read, unverified"
# Glyphs a page uses for redacted or missing text: never worth showing a reader.
PLACEHOLDER_GLYPHS = "░▒▓█▇■□▪▫�\ufffc"
_PLACEHOLDERS = re.compile(f"[{PLACEHOLDER_GLYPHS}]+")
# A stance as a reader says it; a stance not listed is shown as stored.
STANCE_WORDS: dict[str, str] = {
    "demands": "demands",
    "opposes": "rejects",
    "opposed": "rejects",
    "rejects": "rejects",
    "proposes": "proposes",
    "supports": "supports",
    "defends": "defends",
    "concedes": "concedes",
    "softened": "softened",
    "threatens": "threatens",
    "agreed": "agreed",
    "dropped": "dropped",
}


def readable(text: str | None) -> str:
    """Plain text as a reader should see it: entities decoded, placeholder glyphs gone, spaces single."""
    decoded = html.unescape(text or "")
    if _PLACEHOLDERS.search(decoded):
        # Where the glyphs stood before punctuation, the punctuation closes up on the word before.
        decoded = re.sub(r"\s+([,.;:!?])", r"\1", _PLACEHOLDERS.sub(" ", decoded))
    return " ".join(decoded.split())


def day(value: date | None) -> str:
    return value.isoformat() if value else "date unknown"


def source_label(source: SourceRow | None) -> str:
    """'The Globe and Mail, 2018-03-21' — outlet and publication date, the way a citation starts."""
    if source is None:
        return "source not recorded"
    return f"{readable(source.outlet) or 'Unknown outlet'}, {day(source.published)}"


def safe_url(url: str | None) -> str | None:
    """Only plain http(s) links, and none that could break out of Slack's <url|label> syntax."""
    if not url or not url.startswith(("http://", "https://")) or any(c in url for c in "<>| \n\t"):
        return None
    return url


def quote_text(text: str) -> str:
    """The exact words in curly quotes; a trailing comma left by a split attribution becomes a full stop."""
    words = readable(text)
    if words.endswith(","):
        words = words[:-1] + "."
    return f"“{words}”"


def speaker_line(quote: QuoteRow) -> str:
    """'Robert Lighthizer, U.S. Trade Representative, to the House Ways and Means Committee, 2018-03-21'."""
    return speaker_name(quote) + speaker_details(quote)


def speaker_name(quote: QuoteRow) -> str:
    return readable(quote.speaker) or "Unattributed"


def said_day(quote: QuoteRow) -> date | None:
    """When the words were said if known, else when reported, else the article's date."""
    return quote.said_on or quote.reported_on or quote.source.published


def speaker_details(quote: QuoteRow) -> str:
    """Everything after the name: role, where it was said, and when."""
    parts = [""]
    if quote.speaker_role:
        parts.append(readable(quote.speaker_role))
    if quote.context:
        parts.append(readable(quote.context))
    parts.append(day(said_day(quote)))
    return ", ".join(parts)


def quote_source(quote: QuoteRow) -> str:
    """The outlet, plus its date only when it differs from the day the words were said."""
    outlet = readable(quote.source.outlet) or "Unknown outlet"
    if quote.source.published and quote.source.published != said_day(quote):
        outlet = f"{outlet}, {day(quote.source.published)}"
    if quote.also:
        outlet += "; also " + "; ".join(source_label(s) for s in quote.also)
    return outlet


def trust_note(*, verified: bool, confidence: float, origin: str = "") -> str:
    if verified or origin in {"bundled", "editor", "curated"}:
        return ""
    return f"{MACHINE_READ}, confidence {confidence:.0%}" if confidence < 1 else MACHINE_READ


def status_phrase(status: StatusRow | None) -> str:
    if status is None:
        return "no status recorded"
    return f"{readable(status.status)}, as of {day(status.as_of)}"


def stance_word(stance: str | None) -> str:
    """'rejects', 'demands', ...: the stance in words; "position" when none was recorded."""
    if not stance:
        return "position"
    return STANCE_WORDS.get(stance.casefold(), readable(stance))


def position_source(position: PositionRow) -> str:
    """'rejects · as of 2018-03-21 · The Globe and Mail, 2018-03-21': stance, date, then source."""
    note = trust_note(verified=position.verified, confidence=position.confidence, origin=position.origin)
    label = source_label(position.source)
    cited = f"{label} ({note})" if note else label
    return f"{stance_word(position.stance)} · as of {day(position.as_of)} · {cited}"


def earlier_line(position: PositionRow) -> str | None:
    """'Earlier: rejects, as of 2018-03-21 (The Globe and Mail): ...' when a newer line departs from it."""
    earlier = position.earlier
    if earlier is None:
        return None
    where = (
        readable(earlier.source.outlet) if earlier.source and earlier.source.outlet else "source not recorded"
    )
    said = f"{stance_word(earlier.stance)}, as of {day(earlier.as_of)} ({where})"
    return f"Earlier: {said}: {readable(earlier.summary)}"


def count_label(total: int) -> str:
    return f"{COUNT_CAP}+" if total > COUNT_CAP else str(total)


def range_label(offset: int, shown: int, total: int, noun: str = "quotes") -> str:
    if shown == 0:
        return f"No {noun} recorded yet."
    return f"{noun.capitalize()} {offset + 1}–{offset + shown} of {count_label(total)}"


def status_source(status: StatusRow) -> str:
    """Where a status comes from, with a note when it was machine-read."""
    note = trust_note(verified=False, confidence=status.confidence, origin=status.origin)
    label = source_label(status.source)
    return f"{label}, {note}" if note else label


def event_line(event: Event) -> str:
    """'status: agreed — note' or 'Canada rejects: summary'."""
    if event.kind == "status":
        note = f" — {readable(event.text)}" if event.text else ""
        return f"status: {readable(event.stance)}{note}"
    return f"{readable(event.party_name)} {stance_word(event.stance)}: {readable(event.text)}"


def event_source(event: Event) -> str:
    note = trust_note(verified=event.verified, confidence=event.confidence, origin=event.origin)
    label = source_label(event.source)
    url = safe_url(event.source.url) if event.source else None
    cited = f"{label} ({note})" if note else label
    return f"{cited} · {url}" if url else cited
