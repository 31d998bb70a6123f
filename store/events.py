"""Slack events already taken on, so a redelivery (or a second replica racing the first) is dropped.

The event id is the primary key of ``slackevent``: the first insert wins, a second hits the key.
Rows older than ``KEEP`` are pruned on the way, since Slack stops retrying after about an hour.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine, delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import col

from store.db import write_session
from store.models import SlackEvent, utcnow

KEEP = timedelta(days=1)


def record_event(engine: Engine, *, event_id: str) -> bool:
    """Record ``event_id`` in its own transaction: True the first time, False when it was already there."""
    try:
        with write_session(engine) as session:
            session.execute(delete(SlackEvent).where(col(SlackEvent.received_at) < utcnow() - KEEP))
            session.add(SlackEvent(event_id=event_id[:100]))
    except IntegrityError:
        return False
    return True
