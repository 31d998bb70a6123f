"""Answers: what the bot knows in reply to one query, before it is dressed as text or Block Kit.

Every answer says whether it belongs in the channel or only in front of the asker: the state of
play is meant to be shared, help and "not found" are not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Final, Literal

from handlers.query.parse import Query
from handlers.query.vocabulary import Match, PartyRef, PersonRef, TopicRef
from store.answers.queries import PositionRow, QuoteRow, StatusRow, TopicOverview
from store.answers.standing import Event

Visibility = Literal["ephemeral", "in_channel"]  # Slack's response_type
IN_CHANNEL: Final = "in_channel"
EPHEMERAL: Final = "ephemeral"


@dataclass(frozen=True)
class Answer:
    query: Query

    @property
    def visibility(self) -> Visibility:
        return EPHEMERAL if self.query.private else self.default_visibility

    default_visibility: ClassVar[Visibility] = IN_CHANNEL


@dataclass(frozen=True)
class QuotePage:
    quotes: list[QuoteRow]
    total: int  # capped: COUNT_CAP + 1 means "more than COUNT_CAP"
    offset: int
    page_size: int

    @property
    def remaining(self) -> int:
        return max(0, self.total - self.offset - len(self.quotes))


@dataclass(frozen=True)
class TopicAnswer(Answer):
    topic: TopicRef
    party: PartyRef | None
    status: StatusRow | None
    positions: list[PositionRow]
    page: QuotePage
    parties: list[PartyRef]  # the choices for "show one party"


@dataclass(frozen=True)
class TimelineAnswer(Answer):
    topic: TopicRef
    party: PartyRef | None
    events: list[Event]  # oldest first


@dataclass(frozen=True)
class PersonAnswer(Answer):
    person: PersonRef
    party: PartyRef | None
    page: QuotePage


@dataclass(frozen=True)
class PartyAnswer(Answer):
    party: PartyRef
    positions: list[PositionRow]
    page: QuotePage


@dataclass(frozen=True)
class SearchAnswer(Answer):
    words: str
    quotes: QuotePage
    positions: list[PositionRow]
    position_total: int


@dataclass(frozen=True)
class LatestAnswer(Answer):
    quotes: list[QuoteRow]
    positions: list[PositionRow]


@dataclass(frozen=True)
class TopicsAnswer(Answer):
    topics: list[TopicOverview]
    default_visibility = EPHEMERAL


@dataclass(frozen=True)
class HelpAnswer(Answer):
    topics: list[TopicRef]
    default_visibility = EPHEMERAL


@dataclass(frozen=True)
class NotFoundAnswer(Answer):
    suggestions: list[Match] = field(default_factory=list)
    default_visibility = EPHEMERAL


@dataclass(frozen=True)
class ProblemAnswer(Answer):
    """The query could not be answered as typed (empty search, a stale button, a Slack-only command)."""

    message: str = ""
    default_visibility = EPHEMERAL
