"""Where each party stands and how it got there: the position that holds, and a topic's timeline.

The position that holds for a party on a topic is its newest *reliable* one (shipped with the bot,
recorded by an editor, or verified). A machine-read position replaces it only when it is newer and
the extractor was at least ``CONFIDENT`` of it; then the answer keeps the reliable one beside it as
"Earlier: ..." whenever the two differ in stance, so a machine-read line never silently replaces a
curated one. A party with only machine-read positions shows its newest.

>>> holds(newest=None, reliable=None) is None
True
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select as sa_select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from store.answers.queries import (
    PositionRow,
    SourceRow,
    StatusRow,
    newest_and_reliable_per_pair,
    position_row,
    shown_position,
    status_row,
)
from store.answers.ranking import words_key
from store.models import Article, Party, Position, Quote, Topic, TopicStatus

CONFIDENT = 0.8
# How far back a timeline reads (newest rows of each kind): enough for any negotiation's chapter.
TIMELINE_ROWS = 200


def holds(*, newest: PositionRow | None, reliable: PositionRow | None) -> PositionRow | None:
    """The position to show, given a pair's newest position and its newest reliable one."""
    if reliable is None or newest is None or newest.id == reliable.id:
        return newest or reliable
    if newest.confidence >= CONFIDENT and _day(newest) > _day(reliable):
        if _stance_key(newest) != _stance_key(reliable):
            return replace(newest, earlier=reliable)
        return newest
    return reliable


def _day(row: PositionRow) -> date:
    return row.as_of or (row.source.published if row.source else None) or date.min


def _stance_key(row: PositionRow) -> str:
    return (row.stance or "").casefold() or words_key(row.summary)


def positions_that_hold(
    session: Session, *, topic_ids: list[int], party_ids: list[int]
) -> dict[tuple[int, int], PositionRow]:
    """For each (topic, party) pair with a position, the one that holds: one indexed statement."""
    found = {}
    for pair, (newest, reliable) in newest_and_reliable_per_pair(
        session, topic_ids=topic_ids, party_ids=party_ids
    ).items():
        held = holds(newest=newest, reliable=reliable)
        if held is not None:
            found[pair] = held
    return found


def one_line_per_sentence(rows: list[PositionRow]) -> list[PositionRow]:
    """Drop a party's position worded as the same sentence as another's, unless that party said it.

    One sentence ("Canada and Mexico reject the U.S. demand") may be stored as two parties' positions;
    both are shown only when each is the sentence's actor, i.e. the speaker's party. Otherwise the
    sentence stays with its actor, or with the first party listed.
    """
    by_sentence: dict[str, list[PositionRow]] = {}
    for row in rows:
        key = f"{row.topic_slug}:{words_key(row.summary)}"
        by_sentence.setdefault(key, []).append(row)
    dropped: set[int] = set()
    for group in by_sentence.values():
        if len(group) < 2:
            continue
        actors = [r for r in group if r.actor_party_id is not None and r.party_id == r.actor_party_id]
        keep = actors or group[:1]
        dropped.update(r.id for r in group if r not in keep)
    return [r for r in rows if r.id not in dropped]


# ---------------------------------------------------------------- timeline


@dataclass(frozen=True)
class Event:
    """One dated move: a status change of the topic, or a party's change of position."""

    day: date
    kind: str  # "status" or "position"
    party_name: str | None
    stance: str | None
    text: str
    origin: str
    confidence: float
    verified: bool
    source: SourceRow | None


def timeline(session: Session, *, topic_id: int, party_id: int | None = None) -> list[Event]:
    """Status moves and position changes on a topic, oldest first, each with its source.

    Reads the newest ``TIMELINE_ROWS`` statuses and positions from their (topic, date) indexes; a row
    repeating the previous one (same status; same party and stance) is not a move and is left out.
    Rows with no date of their own take their article's; rows with neither are not placed.
    """
    events = [] if party_id is not None else _status_events(session, topic_id)
    events += _position_events(session, topic_id, party_id)
    return sorted(events, key=lambda e: (e.day, e.kind != "status"))


def _status_events(session: Session, topic_id: int) -> list[Event]:
    statement = (
        select(TopicStatus, Topic, Article)
        .join(Topic, col(Topic.id) == TopicStatus.topic_id)
        .outerjoin(Article, col(Article.id) == TopicStatus.article_id)
        .where(TopicStatus.topic_id == topic_id)
        .order_by(col(TopicStatus.as_of).desc().nulls_last(), col(TopicStatus.id).desc())
        .limit(TIMELINE_ROWS)
    )
    rows: list[StatusRow] = [status_row(*found) for found in session.exec(statement)]
    events = []
    previous = None
    for row in sorted(rows, key=lambda r: _status_day(r) or date.min):
        day = _status_day(row)
        if day is None or row.status == previous:
            continue
        previous = row.status
        events.append(
            Event(
                day, "status", None, row.status, row.note or "", row.origin, row.confidence, False, row.source
            )
        )
    return events


def _status_day(row: StatusRow) -> date | None:
    return row.as_of or (row.source.published if row.source else None)


def _position_events(session: Session, topic_id: int, party_id: int | None) -> list[Event]:
    evidence = aliased(Quote)
    statement = (
        sa_select(Position, Party, Topic, Article, col(evidence.party_id))
        .join(Party, col(Party.id) == Position.party_id)
        .join(Topic, col(Topic.id) == Position.topic_id)
        .outerjoin(Article, col(Article.id) == Position.article_id)
        .outerjoin(evidence, col(evidence.id) == Position.quote_id)
        .where(col(Position.topic_id) == topic_id, shown_position())
    )
    if party_id is not None:
        statement = statement.where(col(Position.party_id) == party_id)
    statement = statement.order_by(col(Position.as_of).desc().nulls_last(), col(Position.id).desc())
    rows = [position_row(*found) for found in session.execute(statement.limit(TIMELINE_ROWS))]
    events = []
    last: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: (_day(r), r.id)):
        if _day(row) == date.min or last.get(row.party_slug) == _stance_key(row):
            continue
        last[row.party_slug] = _stance_key(row)
        events.append(
            Event(
                _day(row),
                "position",
                row.party_name,
                row.stance,
                row.summary,
                row.origin,
                row.confidence,
                row.verified,
                row.source,
            )
        )
    return events
