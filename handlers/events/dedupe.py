"""Slack redelivers an event it thinks we missed (``X-Slack-Retry-Num``, same ``event_id``).

The first delivery records the event_id in the ``slackevent`` table inside its own transaction;
a retry (or a second replica racing the first) hits the primary key and is dropped. Recording
before answering means a crash mid-answer loses that one reply rather than risking two. Rows older
than a day are pruned on the way: Slack stops retrying after about an hour.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine, delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import col

from store.db import write_session
from store.models import SlackEvent, utcnow

KEEP = timedelta(days=1)


def first_delivery(engine: Engine, event_id: str | None) -> bool:
    """True the first time ``event_id`` is seen; an event without an id is always new."""
    if not event_id:
        return True
    try:
        with write_session(engine) as session:
            session.execute(delete(SlackEvent).where(col(SlackEvent.received_at) < utcnow() - KEEP))
            session.add(SlackEvent(event_id=event_id[:100]))
    except IntegrityError:
        return False
    return True
