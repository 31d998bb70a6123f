"""Delivery rows: the claim on one (subscription, slot), and how far its posting has got.

A delivery is created ``pending`` with its messages already rendered, owned by the process that
claimed it for a lease. Progress is written after every message Slack accepts, so a retry (or a
process taking over after a crash, once the lease has run out) posts only what is missing. Every
update names the owner, so a process that lost its lease cannot overwrite the new owner's work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import Update, and_, or_, update
from sqlmodel import Session, col, delete, select

from store.models import DigestDelivery, DigestSubscription


class DeliveryState(StrEnum):
    """Where one digest delivery stands (``DigestDelivery.state``)."""

    PENDING = "pending"
    POSTED = "posted"
    ABANDONED = "abandoned"
    FAILED = "failed"
    UNCONFIRMED = "unconfirmed"


FINISHED = (DeliveryState.POSTED, DeliveryState.ABANDONED, DeliveryState.FAILED, DeliveryState.UNCONFIRMED)


@dataclass(frozen=True)
class Work:
    """One delivery to post, as its owner sees it when it starts."""

    delivery_id: int
    subscription_id: int
    channel_id: str
    slot: datetime
    messages: list[dict[str, Any]]
    parts_posted: int
    thread_ts: str | None
    attempts: int
    in_doubt: bool
    created_at: datetime


def _work(delivery: DigestDelivery, channel_id: str, *, in_doubt: bool) -> Work:
    assert delivery.id is not None
    return Work(
        delivery_id=delivery.id,
        subscription_id=delivery.subscription_id,
        channel_id=channel_id,
        slot=delivery.slot,
        messages=list(delivery.messages),
        parts_posted=delivery.parts_posted,
        thread_ts=delivery.thread_ts,
        attempts=delivery.attempts,
        in_doubt=in_doubt,
        created_at=delivery.created_at,
    )


def open_delivery(session: Session, *, subscription_id: int) -> int | None:
    """The subscription's delivery still being posted, if any: the next slot waits for it."""
    statement = select(DigestDelivery.id).where(
        DigestDelivery.subscription_id == subscription_id, DigestDelivery.state == DeliveryState.PENDING
    )
    return session.exec(statement).first()


def create_delivery(
    session: Session,
    *,
    subscription_id: int,
    slot: datetime,
    messages: list[dict[str, Any]],
    owner: str,
    now: datetime,
    lease: timedelta,
) -> DigestDelivery:
    delivery = DigestDelivery(
        subscription_id=subscription_id,
        slot=slot,
        messages=messages,
        attempts=1,
        owner=owner,
        lease_until=now + lease,
        retry_at=now,
        created_at=now,
    )
    session.add(delivery)
    session.flush()
    return delivery


def claimable_ids(session: Session, *, now: datetime, limit: int = 500) -> list[int]:
    """Pending deliveries whose retry time has come and that nobody holds a live lease on."""
    statement = (
        select(DigestDelivery.id)
        .where(
            DigestDelivery.state == DeliveryState.PENDING,
            col(DigestDelivery.retry_at) <= now,
            or_(col(DigestDelivery.owner).is_(None), col(DigestDelivery.lease_until) < now),
        )
        .order_by(col(DigestDelivery.retry_at))
        .limit(limit)
    )
    return [i for i in session.exec(statement) if i is not None]


def take(session: Session, *, delivery_id: int, owner: str, now: datetime, lease: timedelta) -> Work | None:
    """Become the owner of a pending delivery, atomically; None if someone else got it first."""
    delivery = session.get(DigestDelivery, delivery_id)
    if delivery is None:
        return None
    took_over = delivery.owner is not None  # the last owner's lease ran out mid-post: it may have posted
    result = session.execute(
        update(DigestDelivery)
        .where(
            col(DigestDelivery.id) == delivery_id,
            col(DigestDelivery.state) == DeliveryState.PENDING,
            col(DigestDelivery.retry_at) <= now,
            or_(
                col(DigestDelivery.owner).is_(None),
                and_(col(DigestDelivery.owner) == delivery.owner, col(DigestDelivery.lease_until) < now),
            ),
        )
        .values(owner=owner, lease_until=now + lease, attempts=DigestDelivery.attempts + 1)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return None
    session.refresh(delivery)
    sub = session.get(DigestSubscription, delivery.subscription_id)
    if sub is None:
        return None
    return _work(delivery, sub.channel_id, in_doubt=delivery.in_doubt or took_over)


def work_for(session: Session, *, delivery: DigestDelivery) -> Work:
    sub = session.get(DigestSubscription, delivery.subscription_id)
    assert sub is not None
    return _work(delivery, sub.channel_id, in_doubt=False)


def _owned(delivery_id: int, owner: str) -> Update:
    return update(DigestDelivery).where(
        col(DigestDelivery.id) == delivery_id,
        col(DigestDelivery.owner) == owner,
        col(DigestDelivery.state) == DeliveryState.PENDING,
    )


def record_progress(
    session: Session,
    *,
    delivery_id: int,
    owner: str,
    parts_posted: int,
    thread_ts: str | None,
    now: datetime,
    lease: timedelta,
) -> bool:
    """Note that Slack holds ``parts_posted`` messages; False if this process no longer owns the delivery."""
    result = session.execute(
        _owned(delivery_id, owner).values(
            parts_posted=parts_posted, thread_ts=thread_ts, in_doubt=False, lease_until=now + lease
        )
    )
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


def release(
    session: Session, *, delivery_id: int, owner: str, retry_at: datetime, error: str, in_doubt: bool
) -> bool:
    """Give the delivery back for a later attempt (by any process)."""
    result = session.execute(
        _owned(delivery_id, owner).values(
            owner=None, lease_until=None, retry_at=retry_at, last_error=error[:300], in_doubt=in_doubt
        )
    )
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


def finish(
    session: Session,
    *,
    delivery_id: int,
    owner: str,
    state: DeliveryState,
    now: datetime,
    error: str | None = None,
    parts_posted: int | None = None,
    thread_ts: str | None = None,
) -> bool:
    assert state in FINISHED
    values: dict[str, Any] = {"state": state, "finished_at": now, "owner": None, "lease_until": None}
    if error:
        values["last_error"] = error[:300]
    if parts_posted is not None:
        values |= {"parts_posted": parts_posted, "thread_ts": thread_ts, "in_doubt": False}
    result = session.execute(_owned(delivery_id, owner).values(**values))
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


def prune(session: Session, *, before: datetime) -> int:
    """Forget finished deliveries older than ``before``; the slot they claimed is long past."""
    statement = delete(DigestDelivery).where(
        col(DigestDelivery.state).in_(FINISHED), col(DigestDelivery.created_at) < before
    )
    return int(session.exec(statement).rowcount or 0)
