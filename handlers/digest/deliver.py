"""Post a claimed delivery: its headline, then its thread replies, recording each one as it lands.

What happens on failure is decided here, per outcome of ``Poster.post``: retry later with backoff
(any process may pick it up), pause the subscription when its channel is gone, give up after
``MAX_ATTEMPTS``. The subscription's watermark was already moved when the slot was claimed, so a
delivery that is finally abandoned loses only that digest's messages, never the next one's.

Where progress is written down is a ``Ledger``: the delivery's row for the scheduler
(``StoreLedger``), nowhere for `nafta-bot digest`, which posts at once (``Unrecorded``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import Engine

from handlers.digest import poster as p
from handlers.digest.clock import Clock
from store.db import write_session
from store.digests.deliveries import (
    DeliveryState,
    Work,
    finish,
    record_progress,
    release,
)
from store.digests.subscriptions import set_paused

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
RETRY_BASE = timedelta(seconds=30)
RETRY_CAP = timedelta(minutes=30)


@dataclass(frozen=True)
class Later:
    """The rest of a delivery, to continue at ``at``: its channel is not free before then."""

    work: Work
    at: datetime


class Ledger(Protocol):
    """Where a delivery's progress is written; each method returns False once it is no longer ours."""

    def progress(self, work: Work, *, parts_posted: int, thread_ts: str | None) -> bool: ...

    def posted(self, work: Work, *, thread_ts: str | None) -> bool: ...

    def give_up(self, work: Work, *, state: DeliveryState, error: str) -> bool: ...

    def channel_gone(self, work: Work, *, error: str) -> None: ...

    def retry(self, work: Work, *, at: datetime, error: str, in_doubt: bool) -> None: ...


@dataclass(frozen=True)
class StoreLedger:
    """The delivery's row, updated only while ``owner`` holds it (see ``store.digests.deliveries``)."""

    engine: Engine
    owner: str
    clock: Clock
    lease: timedelta

    def progress(self, work: Work, *, parts_posted: int, thread_ts: str | None) -> bool:
        with write_session(self.engine) as session:
            return record_progress(
                session,
                delivery_id=work.delivery_id,
                owner=self.owner,
                parts_posted=parts_posted,
                thread_ts=thread_ts,
                now=self.clock.now(),
                lease=self.lease,
            )

    def posted(self, work: Work, *, thread_ts: str | None) -> bool:
        with write_session(self.engine) as session:
            return finish(
                session,
                delivery_id=work.delivery_id,
                owner=self.owner,
                state=DeliveryState.POSTED,
                now=self.clock.now(),
                parts_posted=len(work.messages),
                thread_ts=thread_ts,
            )

    def give_up(self, work: Work, *, state: DeliveryState, error: str) -> bool:
        with write_session(self.engine) as session:
            return finish(
                session,
                delivery_id=work.delivery_id,
                owner=self.owner,
                state=state,
                now=self.clock.now(),
                error=error,
            )

    def channel_gone(self, work: Work, *, error: str) -> None:
        with write_session(self.engine) as session:
            finish(
                session,
                delivery_id=work.delivery_id,
                owner=self.owner,
                state=DeliveryState.ABANDONED,
                now=self.clock.now(),
                error=error,
            )
            set_paused(
                session, subscription_id=work.subscription_id, paused=True, reason=f"Slack said {error}"
            )

    def retry(self, work: Work, *, at: datetime, error: str, in_doubt: bool) -> None:
        with write_session(self.engine) as session:
            release(
                session,
                delivery_id=work.delivery_id,
                owner=self.owner,
                retry_at=at,
                error=error,
                in_doubt=in_doubt,
            )


@dataclass
class Unrecorded:
    """A ledger that keeps only the last error: for a digest posted once, from the command line."""

    error: str | None = field(default=None)

    def progress(self, work: Work, *, parts_posted: int, thread_ts: str | None) -> bool:
        return True

    def posted(self, work: Work, *, thread_ts: str | None) -> bool:
        self.error = None
        return True

    def give_up(self, work: Work, *, state: DeliveryState, error: str) -> bool:
        self.error = error
        return True

    def channel_gone(self, work: Work, *, error: str) -> None:
        self.error = error

    def retry(self, work: Work, *, at: datetime, error: str, in_doubt: bool) -> None:
        self.error = error


def deliver(ledger: Ledger, poster: p.Poster, work: Work, *, clock: Clock) -> str | Later:
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
        if result.outcome != p.Outcome.POSTED:
            return _failed(ledger, work, result, clock=clock)
        thread_ts = thread_ts or result.ts
        if part == len(work.messages) - 1:
            break  # the last one: recorded together with the delivery's end, below
        if not ledger.progress(work, parts_posted=part + 1, thread_ts=thread_ts):
            log.warning("lost delivery %s (unsubscribed, or lease expired); stopping", work.delivery_id)
            return "lost"
    if not ledger.posted(work, thread_ts=thread_ts):
        log.warning("digest %s was posted, but its delivery changed hands meanwhile", work.delivery_id)
    log.info("digest %s posted to %s (%d messages)", work.delivery_id, work.channel_id, len(work.messages))
    return DeliveryState.POSTED


def deliver_now(ledger: Ledger, poster: p.Poster, work: Work, *, clock: Clock) -> str:
    """``deliver`` all of ``work`` on this thread, sleeping (on ``clock``) for each channel turn."""
    outcome = deliver(ledger, poster, work, clock=clock)
    while isinstance(outcome, Later):
        clock.sleep((outcome.at - clock.now()).total_seconds())
        outcome = deliver(ledger, poster, outcome.work, clock=clock)
    return outcome


def _failed(ledger: Ledger, work: Work, result: p.PostResult, *, clock: Clock) -> str:
    error = result.error or result.outcome
    if result.outcome == p.Outcome.GONE:
        log.warning(
            "pausing digest subscription %s: Slack says %s for channel %s",
            work.subscription_id,
            error,
            work.channel_id,
        )
        ledger.channel_gone(work, error=error)
        return DeliveryState.ABANDONED
    if result.outcome == p.Outcome.UNCONFIRMED:
        log.warning(
            "digest %s to %s may or may not have been posted (%s); not posting it again",
            work.delivery_id,
            work.channel_id,
            error,
        )
        ledger.give_up(work, state=DeliveryState.UNCONFIRMED, error=error)
        return DeliveryState.UNCONFIRMED
    if result.outcome == p.Outcome.FAILED or work.attempts >= MAX_ATTEMPTS:
        log.error("giving up on digest %s to %s: %s", work.delivery_id, work.channel_id, error)
        ledger.give_up(work, state=DeliveryState.FAILED, error=error)
        return DeliveryState.FAILED
    wait = min(RETRY_CAP, RETRY_BASE * 2 ** (work.attempts - 1))
    if result.retry_after:
        wait = max(wait, timedelta(seconds=result.retry_after))
    ledger.retry(work, at=clock.now() + wait, error=error, in_doubt=result.in_doubt)
    log.warning("digest %s to %s will be retried in %s (%s)", work.delivery_id, work.channel_id, wait, error)
    return DeliveryState.PENDING
