"""Post a claimed delivery: its headline, then its thread replies, recording each one as it lands.

What happens on failure is decided here, per outcome of ``Poster.post``: retry later with backoff
(any process may pick it up), pause the subscription when its channel is gone, give up after
``MAX_ATTEMPTS``. The subscription's watermark was already moved when the slot was claimed, so a
delivery that is finally abandoned loses only that digest's messages, never the next one's.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import Engine

from handlers.digest import poster as p
from handlers.digest.clock import Clock
from store.db import write_session
from store.deliveries import ABANDONED, FAILED, POSTED, UNCONFIRMED, Work, finish, record_progress, release
from store.subscriptions import set_paused

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
RETRY_BASE = timedelta(seconds=30)
RETRY_CAP = timedelta(minutes=30)


@dataclass(frozen=True)
class Later:
    """The rest of a delivery, to continue at ``at``: its channel is not free before then."""

    work: Work
    at: datetime


def deliver(
    engine: Engine, poster: p.Poster, work: Work, *, owner: str, clock: Clock, lease: timedelta
) -> str | Later:
    """Post what is left of ``work``; returns the delivery's state afterwards (``pending`` if retrying),
    or ``Later`` when the next message must wait for its channel's turn (Slack: ~1 post/s/channel)."""
    thread_ts = work.thread_ts
    in_doubt = work.in_doubt
    for part in range(work.parts_posted, len(work.messages)):
        wait = poster.pacer.reserve(work.channel_id)
        if wait > 0:
            rest = replace(work, parts_posted=part, thread_ts=thread_ts, in_doubt=in_doubt)
            return Later(rest, clock.now() + timedelta(seconds=wait))
        result = poster.post(
            work.channel_id,
            work.messages[part],
            marker={"delivery": work.delivery_id, "part": part},
            thread_ts=thread_ts if part else None,
            in_doubt=in_doubt,
            posted_after=work.created_at,
            turn_taken=True,
        )
        in_doubt = False
        if result.outcome != p.POSTED:
            return _failed(engine, work, result, owner=owner, clock=clock)
        thread_ts = thread_ts or result.ts
        if part == len(work.messages) - 1:
            break  # the last one: recorded together with the delivery's end, below
        with write_session(engine) as session:
            still_mine = record_progress(
                session,
                delivery_id=work.delivery_id,
                owner=owner,
                parts_posted=part + 1,
                thread_ts=thread_ts,
                now=clock.now(),
                lease=lease,
            )
        if not still_mine:
            log.warning("lost delivery %s (unsubscribed, or lease expired); stopping", work.delivery_id)
            return "lost"
    with write_session(engine) as session:
        finished = finish(
            session,
            delivery_id=work.delivery_id,
            owner=owner,
            state=POSTED,
            now=clock.now(),
            parts_posted=len(work.messages),
            thread_ts=thread_ts,
        )
    if not finished:
        log.warning("digest %s was posted, but its delivery changed hands meanwhile", work.delivery_id)
    log.info("digest %s posted to %s (%d messages)", work.delivery_id, work.channel_id, len(work.messages))
    return POSTED


def _failed(engine: Engine, work: Work, result: p.PostResult, *, owner: str, clock: Clock) -> str:
    now = clock.now()
    error = result.error or result.outcome
    with write_session(engine) as session:
        if result.outcome == p.GONE:
            log.warning(
                "pausing digest subscription %s: Slack says %s for channel %s",
                work.subscription_id,
                error,
                work.channel_id,
            )
            finish(session, delivery_id=work.delivery_id, owner=owner, state=ABANDONED, now=now, error=error)
            set_paused(
                session, subscription_id=work.subscription_id, paused=True, reason=f"Slack said {error}"
            )
            return ABANDONED
        if result.outcome == p.UNCONFIRMED:
            log.warning(
                "digest %s to %s may or may not have been posted (%s); not posting it again",
                work.delivery_id,
                work.channel_id,
                error,
            )
            finish(
                session, delivery_id=work.delivery_id, owner=owner, state=UNCONFIRMED, now=now, error=error
            )
            return UNCONFIRMED
        if result.outcome == p.FAILED or work.attempts >= MAX_ATTEMPTS:
            log.error("giving up on digest %s to %s: %s", work.delivery_id, work.channel_id, error)
            finish(session, delivery_id=work.delivery_id, owner=owner, state=FAILED, now=now, error=error)
            return FAILED
        wait = min(RETRY_CAP, RETRY_BASE * 2 ** (work.attempts - 1))
        if result.retry_after:
            wait = max(wait, timedelta(seconds=result.retry_after))
        release(
            session,
            delivery_id=work.delivery_id,
            owner=owner,
            retry_at=now + wait,
            error=error,
            in_doubt=result.in_doubt,
        )
    log.warning("digest %s to %s will be retried in %s (%s)", work.delivery_id, work.channel_id, wait, error)
    return "pending"
