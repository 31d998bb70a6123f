"""The tables: what a trade desk tracks, one class per table.

Positions and topic statuses are append-only snapshots: a change of stance is a new row, never an
edit, so "where did Canada stand in March" and "what changed since Monday" are plain queries.
Quotes keep the date they were said apart from the date they were reported, and carry how sure the
extractor was and whether a human checked them, so the bot can say how much to trust each line.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

# Positions a reader can rely on without a second look, spelled as each dialect's query renders it
# (literals, ``verified = 1`` on SQLite) so the planner can prove the partial index applies.
RELIABLE_POSITIONS = {
    "sqlite": "source IN ('bundled', 'curated', 'editor') OR verified = 1",
    "postgresql": "source IN ('bundled', 'curated', 'editor') OR verified",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


# A negotiating government or a stakeholder (auto industry, unions), with the names the news uses.
class Party(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=64, unique=True)
    name: str = Field(max_length=200)
    kind: str = Field(default="stakeholder", max_length=20)
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


# Someone quoted: from the taxonomy, or met in an article (source="extracted").
class Person(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    role: str | None = Field(default=None, max_length=300)
    party_id: int | None = Field(default=None, foreign_key="party.id", index=True)
    gender: str | None = Field(default=None, max_length=1)
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    source: str = Field(default="taxonomy", max_length=20)


# A subject of the talks, with the words people type for it and the chapter it belongs to.
class Topic(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=64, unique=True)
    name: str = Field(max_length=200)
    chapter: str = Field(max_length=300)
    synonyms: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    sort_order: int = 0


# A news article; content_hash makes the same text stored once whatever URL it came from.
class Article(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    title: str | None = Field(default=None, max_length=500)
    title_is_editorial: bool = False  # True when the headline was written by us, not the outlet
    in_scope: bool = True  # False when the article is not about the negotiation at all
    outlet: str | None = Field(default=None, max_length=200)
    url: str | None = Field(default=None, max_length=2000, unique=True)
    published: date | None = Field(default=None, index=True)
    body: str | None = Field(default=None, sa_column=Column(Text))
    content_hash: str = Field(max_length=64, unique=True)
    source: str = Field(default="ingested", max_length=20)
    ingested_at: datetime = Field(default_factory=utcnow, index=True)


# Words someone said, as an article reports them.
class Quote(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True)
    ordinal: int = 0  # position in the article, so an article's quotes read in order
    text: str = Field(sa_column=Column(Text, nullable=False))
    speaker_id: int | None = Field(default=None, foreign_key="person.id")
    speaker_label: str | None = Field(default=None, max_length=300)  # "a senior official" when unnamed
    party_id: int | None = Field(default=None, foreign_key="party.id")
    context: str | None = Field(default=None, max_length=300)  # "to the House Ways and Means Committee"
    said_on: date | None = None
    reported_on: date | None = None
    direct: bool = True
    confidence: float = 1.0
    verified: bool = False
    in_scope: bool = True  # False when the words are not about the negotiation (China, Iran, a campaign)
    fragment: bool = False  # a few words with no verb: never shown on their own
    hidden: bool = False  # an editor hid it: kept, but never shown in answers, digests or exports
    rule: str | None = Field(default=None, max_length=60)  # the attribution rule that chose the speaker
    char_offset: int | None = None  # where the words start in the article body: with the text, its span
    created_at: datetime = Field(default_factory=utcnow, index=True)

    __table_args__ = (
        Index("ix_quote_speaker_reported", "speaker_id", "reported_on", "id"),
        Index("ix_quote_reported", "reported_on", "id"),
        Index("ix_quote_party_reported", "party_id", "reported_on", "id"),
    )


# Which topics a quote touches; date, party and scope copied here so "latest on autos" is one index scan.
class QuoteTopic(SQLModel, table=True):
    quote_id: int = Field(foreign_key="quote.id", primary_key=True)
    topic_id: int = Field(foreign_key="topic.id", primary_key=True)
    reported_on: date | None = None
    party_id: int | None = None
    strength: float = 1.0  # 1.0 when the quote's own words name the topic, less when only its sentence does
    in_scope: bool = True

    __table_args__ = (
        Index("ix_quotetopic_topic_reported", "topic_id", "reported_on", "quote_id"),
        Index("ix_quotetopic_topic_party_reported", "topic_id", "party_id", "reported_on", "quote_id"),
    )


# A party's stance on a topic at a date: append-only, newest row is the current position.
class Position(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    party_id: int = Field(foreign_key="party.id")
    topic_id: int = Field(foreign_key="topic.id")
    summary: str = Field(sa_column=Column(Text, nullable=False))
    stance: str | None = Field(default=None, max_length=40)
    as_of: date | None = None
    article_id: int | None = Field(default=None, foreign_key="article.id", index=True)
    quote_id: int | None = Field(default=None, foreign_key="quote.id")
    confidence: float = 1.0
    verified: bool = False
    source: str = Field(default="extracted", max_length=20)
    retracted: bool = False  # an editor withdrew or replaced it: kept for history, never current
    recorded_at: datetime = Field(default_factory=utcnow, index=True)

    __table_args__ = (
        Index("ix_position_topic_party_asof", "topic_id", "party_id", "as_of", "id"),
        Index("ix_position_asof", "as_of", "id"),
        # The positions answers rely on (shipped, an editor's, verified): migration 0007_answers.
        Index(
            "ix_position_reliable",
            "topic_id",
            "party_id",
            "as_of",
            "id",
            sqlite_where=text(RELIABLE_POSITIONS["sqlite"]),
            postgresql_where=text(RELIABLE_POSITIONS["postgresql"]),
        ),
    )


# A chapter's state (proposals tabled, deadlocked, converging, agreed) at a date: append-only too.
class TopicStatus(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    topic_id: int = Field(foreign_key="topic.id")
    status: str = Field(max_length=40)
    note: str | None = Field(default=None, sa_column=Column(Text))
    as_of: date | None = None
    article_id: int | None = Field(default=None, foreign_key="article.id")
    quote_id: int | None = Field(default=None, foreign_key="quote.id")
    confidence: float = 1.0
    source: str = Field(default="extracted", max_length=20)
    retracted: bool = False  # an editor withdrew or replaced it: kept for history, never current
    recorded_at: datetime = Field(default_factory=utcnow, index=True)

    __table_args__ = (Index("ix_topicstatus_topic_asof", "topic_id", "as_of", "id"),)


# A Slack event already handled: Slack's retries of the same event_id are acknowledged and dropped.
class SlackEvent(SQLModel, table=True):
    event_id: str = Field(primary_key=True, max_length=100)
    received_at: datetime = Field(default_factory=utcnow, index=True)


# A channel's digest subscription: when to post, what to include, and how far it has read.
class DigestSubscription(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    channel_id: str = Field(max_length=32, index=True)
    created_by: str = Field(max_length=32)
    schedule_kind: str = Field(max_length=10)  # daily, weekly, cron
    schedule_spec: str = Field(max_length=100)  # "08:30", "mon 08:30", "*/5 * * * *"
    tz: str = Field(max_length=64)
    topics: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    parties: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    post_when_empty: bool = False
    paused: bool = False
    paused_reason: str | None = Field(default=None, max_length=300)
    created_at: datetime = Field(default_factory=utcnow)
    next_run_at: datetime | None = None  # first slot not yet digested; None when it never fires again
    last_slot: datetime | None = None
    # What was last digested: the highest quote/position/status ids read, plus ids still uncommitted then.
    watermark: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))

    __table_args__ = (Index("ix_digestsubscription_due", "paused", "next_run_at"),)


# One digest for one slot of one subscription: the claim that makes it post exactly once.
class DigestDelivery(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    subscription_id: int = Field(foreign_key="digestsubscription.id")
    slot: datetime
    state: str = Field(default="pending", max_length=12)  # pending, posted, abandoned, unconfirmed
    messages: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    parts_posted: int = 0  # messages already in Slack: the headline, then thread replies in order
    thread_ts: str | None = Field(default=None, max_length=32)
    attempts: int = 0
    in_doubt: bool = False  # a post may have reached Slack unrecorded: look before posting again
    owner: str | None = Field(default=None, max_length=100)  # the process posting it, while its lease lasts
    lease_until: datetime | None = None
    retry_at: datetime = Field(default_factory=utcnow)
    last_error: str | None = Field(default=None, max_length=300)
    created_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None

    __table_args__ = (
        UniqueConstraint("subscription_id", "slot", name="uq_digestdelivery_slot"),
        Index("ix_digestdelivery_work", "state", "retry_at"),
    )


# An editor's fix to a quote, keyed to its article and span (offset + text), not to the quote's row:
# re-extracting the article makes new rows, and the fix is applied to them again.
class QuoteCorrection(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True)
    char_offset: int | None = None
    text: str = Field(sa_column=Column(Text, nullable=False))
    # What the editor set: speaker_id, speaker_label, party_id, topic slugs, direct, in_scope,
    # verified, hidden, hidden_reason; only the keys present are applied.
    fields: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    updated_by: str = Field(max_length=32)
    updated_at: datetime = Field(default_factory=utcnow)


# Every change an editor made: who, when, what, and the row before and after (append-only).
class AuditEntry(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor: str = Field(max_length=32)
    action: str = Field(max_length=40)  # quote.correct, quote.verify, quote.hide, position.record ...
    target: str = Field(max_length=80)  # "quote:12", "position:7", "status:3", "article:9"
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    note: str | None = Field(default=None, max_length=300)


# Small facts about the store itself, e.g. which taxonomy version was last loaded.
class StoreMeta(SQLModel, table=True):
    key: str = Field(primary_key=True, max_length=100)
    value: str = Field(sa_column=Column(Text, nullable=False))


# The last reading in a Slack thread (mention thread, DM, assistant thread), so a follow-up such as
# "and mexico?" refines it. Kept a day; the query is stored as its button value (``Query.to_value``).
class ThreadReading(SQLModel, table=True):
    channel: str = Field(primary_key=True, max_length=32)
    thread_ts: str = Field(primary_key=True, max_length=32)
    query: str = Field(sa_column=Column(Text, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, index=True)


# A 👍 or 👎 on an answer: the question, how it was read and what was shown, so misreadings surface.
class Feedback(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    user_id: str = Field(max_length=32)
    channel: str = Field(max_length=32)
    thread_ts: str | None = Field(default=None, max_length=32)
    vote: int  # +1 or -1
    question: str = Field(sa_column=Column(Text, nullable=False))
    reading: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    item_ids: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, index=True)


__all__ = [
    "Article",
    "AuditEntry",
    "DigestDelivery",
    "DigestSubscription",
    "Feedback",
    "Party",
    "Person",
    "Position",
    "Quote",
    "QuoteCorrection",
    "QuoteTopic",
    "SlackEvent",
    "StoreMeta",
    "ThreadReading",
    "Topic",
    "TopicStatus",
    "utcnow",
]
