"""The rows a digest shows for position changes and status moves: each new row with the one it replaced.

Positions and statuses are append-only, so "old -> new" is the newest earlier row for the same
party and topic (or topic), in the same order every other answer uses: by date, then by id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from store.models import Article, Position, Topic, TopicStatus
from store.queries import PositionRow, StatusRow, positions_by_ids, status_row


@dataclass(frozen=True)
class PositionChange:
    new: PositionRow
    old: PositionRow | None


@dataclass(frozen=True)
class StatusMove:
    topic_slug: str
    topic_name: str
    new: StatusRow
    old: StatusRow | None


def _order(as_of: date | None, row_id: int | None) -> tuple[date, int]:
    return (as_of or date.min, row_id or 0)


def position_changes(session: Session, *, ids: list[int]) -> list[PositionChange]:
    changes = []
    for new in positions_by_ids(session, ids=ids):
        row = session.get(Position, new.id)
        assert row is not None
        earlier = [
            p
            for p in session.exec(
                select(Position).where(Position.party_id == row.party_id, Position.topic_id == row.topic_id)
            )
            if _order(p.as_of, p.id) < _order(row.as_of, row.id)
        ]
        previous = max(earlier, key=lambda p: _order(p.as_of, p.id), default=None)
        old = positions_by_ids(session, ids=[previous.id])[0] if previous and previous.id else None
        changes.append(PositionChange(new=new, old=old))
    return changes


def status_moves(session: Session, *, ids: list[int]) -> list[StatusMove]:
    moves = []
    for status_id in ids:
        row = session.get(TopicStatus, status_id)
        topic = session.get(Topic, row.topic_id) if row else None
        if row is None or topic is None:
            continue
        earlier = [
            s
            for s in session.exec(select(TopicStatus).where(TopicStatus.topic_id == row.topic_id))
            if _order(s.as_of, s.id) < _order(row.as_of, row.id)
        ]
        previous = max(earlier, key=lambda s: _order(s.as_of, s.id), default=None)
        moves.append(
            StatusMove(
                topic_slug=topic.slug,
                topic_name=topic.name,
                new=_status_row(session, row, topic),
                old=_status_row(session, previous, topic) if previous else None,
            )
        )
    return moves


def _status_row(session: Session, row: TopicStatus, topic: Topic) -> StatusRow:
    article = session.get(Article, row.article_id) if row.article_id else None
    return status_row(row, topic, article)


def topic_order(session: Session) -> list[tuple[str, str]]:
    """(slug, name) of every topic in taxonomy order: the order a digest's sections follow."""
    return [(t.slug, t.name) for t in session.exec(select(Topic).order_by(col(Topic.sort_order)))]


def topic_ids(session: Session) -> dict[str, int]:
    """Topic id by slug, for ranking a digest section's quotes by their strength on its topic."""
    return {t.slug: t.id for t in session.exec(select(Topic)) if t.id is not None}
