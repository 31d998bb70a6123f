"""Claim a due slot, in one transaction: exactly one process wins it, and it wins it once.

The subscription row is locked and re-read (``store.digests.subscriptions.lock_due``): if another
process claimed the slot first, ``next_run_at`` has moved past now and there is nothing to do.
The winner renders the digest, stores it on a new delivery row (unique on subscription and slot,
the backstop), and moves the watermark and ``next_run_at`` on, all before anything is posted. A
post that then fails is retried from that row, never rebuilt, so a digest is neither lost nor
doubled. After downtime the slot is the latest one missed and the digest covers everything since
the watermark: one catch-up, not one per missed slot.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from handlers.digest.build import build_digest
from handlers.digest.render import render_digest, render_no_change
from handlers.digest.schedule import Schedule, zone
from handlers.render.blockkit import Message
from store.db import write_session
from store.digests.changes import Filter, Watermark, arrivals_since_mark
from store.digests.deliveries import Work, create_delivery, open_delivery, work_for
from store.digests.subscriptions import advance, lock_due

Rendered = dict[tuple[Any, ...], list[Message]]

log = logging.getLogger(__name__)


def claim_slot(
    engine: Engine,
    *,
    subscription_id: int,
    now: datetime,
    owner: str,
    lease: timedelta,
    rendered: Rendered | None = None,
) -> Work | None:
    """Claim the subscription's latest due slot; the work to post, or None (not due, taken, or empty).

    ``rendered`` caches digests by what they show, for one tick: a thousand channels due at 08:30
    with the same news and filters cost one build, not a thousand. Rows are append-only, so the
    same ids with the same filters always render the same messages.
    """
    try:
        with write_session(engine) as session:
            return _claim(session, subscription_id, now, owner, lease, rendered=rendered)
    except IntegrityError:
        log.info("digest slot for subscription %s already claimed elsewhere", subscription_id)
        return None


def _claim(
    session: Session,
    subscription_id: int,
    now: datetime,
    owner: str,
    lease: timedelta,
    *,
    rendered: Rendered | None,
) -> Work | None:
    sub = lock_due(session, subscription_id=subscription_id, now=now)
    if sub is None or sub.next_run_at is None or open_delivery(session, subscription_id=subscription_id):
        return None
    schedule = Schedule(sub.schedule_kind, sub.schedule_spec, sub.tz)
    slot = schedule.latest_between(sub.next_run_at, now) or sub.next_run_at
    arrivals, mark = arrivals_since_mark(session, mark=Watermark.from_json(sub.watermark), now=now)
    since = since_label(sub.last_slot or sub.created_at, sub.tz, first=sub.last_slot is None)
    only = Filter(tuple(sub.topics), tuple(sub.parties))
    key = (str(arrivals), only, since, sub.post_when_empty)
    messages = rendered.get(key) if rendered is not None else None
    if messages is None:
        digest = build_digest(session, arrivals=arrivals, only=only, since=since)
        messages = render_digest(digest) if digest else render_no_change(since) if sub.post_when_empty else []
        if rendered is not None:
            rendered[key] = messages
    advance(
        session,
        subscription=sub,
        watermark=mark.to_json(),
        last_slot=slot,
        next_run_at=schedule.next_after(slot),
    )
    if not messages:
        return None
    delivery = create_delivery(
        session,
        subscription_id=subscription_id,
        slot=slot,
        messages=[dict(m) for m in messages],  # stored as JSON
        owner=owner,
        now=now,
        lease=lease,
    )
    log.info("claimed digest slot %s for subscription %s (%d messages)", slot, subscription_id, len(messages))
    return work_for(session, delivery=delivery)


def since_label(instant: datetime, tz: str, *, first: bool = False) -> str:
    """'since Mon 3 Sep 08:30 EDT' in the subscriber's zone; 'since subscribing (...)' the first time."""
    local = instant.astimezone(zone(tz))
    when = f"{local:%a} {local.day} {local:%b %H:%M %Z}"
    return f"since subscribing ({when})" if first else f"since {when}"
