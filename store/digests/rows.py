"""The rows a digest shows for position changes and status moves: each new row with the one it replaced.

Positions and statuses are append-only, so "old -> new" is the newest earlier row for the same
party and topic (or topic), in the same order every other answer uses: by date (none first), then
by id. The earlier row is found by a correlated subquery, so each list costs two round trips
however many rows it holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, func, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from store.answers.queries import PositionRow, StatusRow, positions_by_ids, status_row
from store.models import Article, Position, Topic, TopicStatus


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


def _previous_id(model: Any, row: Any, *same: str) -> Any:
    """A scalar subquery: the id of the newest ``model`` row before ``row`` with the same ``same`` columns."""
    earlier = aliased(model)
    day, row_day = func.coalesce(earlier.as_of, date.min), func.coalesce(row.as_of, date.min)
    return (
        select(earlier.id)
        .where(
            *(getattr(earlier, name) == getattr(row, name) for name in same),
            or_(day < row_day, and_(day == row_day, earlier.id < row.id)),
        )
        .order_by(day.desc(), col(earlier.id).desc())
        .limit(1)
        .correlate(row)
        .scalar_subquery()
    )


def _previous_ids(session: Session, model: Any, ids: list[int], *same: str) -> dict[int, int | None]:
    """For each of ``ids``, the id of the row it replaced (see ``_previous_id``): one round trip."""
    new = aliased(model)
    return dict(
        session.exec(select(new.id, _previous_id(model, new, *same)).where(col(new.id).in_(ids))).all()
    )


def position_changes(session: Session, *, ids: list[int]) -> list[PositionChange]:
    if not ids:
        return []
    pairs = _previous_ids(session, Position, ids, "party_id", "topic_id")
    rows = {r.id: r for r in positions_by_ids(session, ids=[*ids, *(i for i in pairs.values() if i)])}
    return [
        PositionChange(new=rows[i], old=rows.get(old) if (old := pairs.get(i)) else None)
        for i in ids
        if i in rows
    ]


def status_moves(session: Session, *, ids: list[int]) -> list[StatusMove]:
    if not ids:
        return []
    previous = _previous_ids(session, TopicStatus, ids, "topic_id")
    wanted = {*ids, *(i for i in previous.values() if i)}
    found = session.exec(
        select(TopicStatus, Topic, Article)
        .join(Topic, col(Topic.id) == TopicStatus.topic_id)
        .outerjoin(Article, col(Article.id) == TopicStatus.article_id)
        .where(col(TopicStatus.id).in_(wanted))
    ).all()
    rows = {status.id: (status_row(status, topic, article), topic) for status, topic, article in found}
    moves = []
    for status_id in ids:
        if status_id not in rows:
            continue
        row, topic = rows[status_id]
        old = rows.get(previous[status_id]) if previous.get(status_id) else None
        moves.append(
            StatusMove(topic_slug=topic.slug, topic_name=topic.name, new=row, old=old[0] if old else None)
        )
    return moves


def topic_order(session: Session) -> list[tuple[str, str]]:
    """(slug, name) of every topic in taxonomy order: the order a digest's sections follow."""
    return [(t.slug, t.name) for t in session.exec(select(Topic).order_by(col(Topic.sort_order)))]


def topic_ids(session: Session) -> dict[str, int]:
    """Topic id by slug, for ranking a digest section's quotes by their strength on its topic."""
    return {t.slug: t.id for t in session.exec(select(Topic)) if t.id is not None}
