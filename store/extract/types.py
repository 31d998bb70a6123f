"""What the extractor returns: plain frozen values, so callers can cache, compare and serialise them.

Nothing here knows about the database; ``store.ingest`` turns these into rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Stance(StrEnum):
    """A party's stance on a topic, as the extractor reads it and an editor records it."""

    DEMANDS = "demands"
    PROPOSES = "proposes"
    SUPPORTS = "supports"
    DEFENDS = "defends"
    OPPOSES = "opposes"
    CONCEDES = "concedes"
    THREATENS = "threatens"
    AGREED = "agreed"
    DROPPED = "dropped"


class ChapterStatus(StrEnum):
    """Where a chapter's negotiation stands, in the bundled taxonomy's words."""

    NOT_STARTED = "not started"
    PROPOSALS_TABLED = "proposals tabled"
    DEADLOCKED = "deadlocked"
    CONVERGING = "converging"
    AGREED = "agreed"


@dataclass(frozen=True)
class ExtractedQuote:
    """Words inside one pair of quotation marks, and who the article says spoke them.

    ``speaker`` is a person's full name; ``speaker_label`` names an organisation or an unnamed
    source ("Mexico's economy ministry", "a senior official") when there is no person.
    """

    text: str
    offset: int
    speaker: str | None = None
    speaker_label: str | None = None
    speaker_role: str | None = None
    speaker_gender: str | None = None
    speaker_known: bool = False  # True when the speaker is a registry person
    party: str | None = None
    topics: tuple[str, ...] = ()
    topic_strengths: tuple[float, ...] = ()  # per topic: 1.0 the quote's own words, less from context
    nafta: bool = True  # False when the words are not about the negotiation (China, Iran, a summit)
    context: str | None = None
    said_on: date | None = None
    direct: bool = True
    confidence: float = 0.5
    rule: str | None = None  # the attribution rule that chose the speaker (store.extract.rules)
    fragment: bool = False  # 1-3 words with no verb, a slogan: never shown on its own


@dataclass(frozen=True)
class PositionStatement:
    """A sentence in the reporter's own words that gives a party's stance on a topic."""

    party: str
    topic: str
    text: str
    stance: str | None
    offset: int
    confidence: float


@dataclass(frozen=True)
class StatusSignal:
    """Wording that hints at where a chapter stands ("a sticking point", "reached agreement on")."""

    topic: str
    status: str
    text: str
    offset: int
    confidence: float


@dataclass(frozen=True)
class ArticleExtraction:
    text: str  # the normalised body the offsets refer to
    title: str | None = None
    published: date | None = None
    nafta: bool = True  # False when the article is not about the negotiation at all
    topics: tuple[str, ...] = ()
    quotes: tuple[ExtractedQuote, ...] = ()
    statements: tuple[PositionStatement, ...] = ()
    statuses: tuple[StatusSignal, ...] = ()
    people: tuple[tuple[str, str | None, str | None], ...] = field(default=())  # (name, role, party)
