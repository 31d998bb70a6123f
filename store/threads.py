"""What a Slack thread last asked (so a follow-up refines it) and the desk's votes on answers.

A thread's reading is kept for a day (``KEEP``): a follow-up a day later starts afresh. Rows are
written through ``write_session``; stale rows are pruned on the way, like ``slackevent``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from store.db import write_session
from store.models import Feedback, ThreadReading, utcnow

KEEP = timedelta(days=1)


def remember_reading(engine: Engine, *, channel: str, thread_ts: str, query: str) -> None:
    """Store ``query`` (a ``Query.to_value()``) as the thread's last reading, replacing the one before."""
    for _attempt in range(2):
        try:
            with write_session(engine) as session:
                session.execute(delete(ThreadReading).where(col(ThreadReading.updated_at) < utcnow() - KEEP))
                row = session.get(ThreadReading, (channel[:32], thread_ts[:32]))
                if row is None:
                    session.add(ThreadReading(channel=channel[:32], thread_ts=thread_ts[:32], query=query))
                else:
                    row.query, row.updated_at = query, utcnow()
            return
        except IntegrityError:
            continue  # another reply in the same thread stored first: update that row instead


def recall_reading(engine: Engine, *, channel: str, thread_ts: str) -> str | None:
    """The thread's last reading if it is younger than a day, else None."""
    with Session(engine) as session:
        row = session.get(ThreadReading, (channel[:32], thread_ts[:32]))
        if row is None or row.updated_at < utcnow() - KEEP:
            return None
        return row.query


@dataclass(frozen=True)
class Vote:
    at: datetime
    user_id: str
    channel: str
    vote: int
    question: str
    reading: dict[str, Any]
    item_ids: list[int]


def record_feedback(
    engine: Engine,
    *,
    user_id: str,
    channel: str,
    thread_ts: str | None,
    vote: int,
    question: str,
    reading: dict[str, Any],
    item_ids: list[int],
) -> None:
    with write_session(engine) as session:
        session.add(
            Feedback(
                user_id=user_id[:32],
                channel=channel[:32],
                thread_ts=thread_ts[:32] if thread_ts else None,
                vote=1 if vote > 0 else -1,
                question=question[:2000],
                reading=reading,
                item_ids=[int(i) for i in item_ids][:50],
            )
        )


def feedback_since(session: Session, *, since: datetime, limit: int = 1000) -> list[Vote]:
    """Votes from ``since`` on, newest first."""
    statement = (
        select(Feedback)
        .where(col(Feedback.created_at) >= since)
        .order_by(col(Feedback.created_at).desc(), col(Feedback.id).desc())
        .limit(limit)
    )
    return [
        Vote(f.created_at, f.user_id, f.channel, f.vote, f.question, dict(f.reading), list(f.item_ids))
        for f in session.exec(statement)
    ]
