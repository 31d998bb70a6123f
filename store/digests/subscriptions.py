"""Digest subscriptions: add, list, pause, resume and remove, returning plain rows; find and lock due ones.

Keyword-only functions on a caller's session, like ``store.answers.queries``; the caller decides the
transaction (``write_session``). Removing a subscription removes its delivery history too, and a
delivery still being posted notices (its subscription is gone) and stops.

Claiming a due slot starts with ``lock_due``: the subscription row is locked (``SELECT ... FOR
UPDATE`` on Postgres; SQLite's write lock, taken at BEGIN by ``write_session``) and re-read, so if
another process claimed the slot first, ``next_run_at`` has moved past now and nothing is returned.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, delete, select

from store.answers.queries import copied
from store.models import DigestDelivery, DigestSubscription


@dataclass(frozen=True)
class SubscriptionRow:
    id: int
    team_id: str
    channel_id: str
    created_by: str
    kind: str
    spec: str
    tz: str
    topics: tuple[str, ...]
    parties: tuple[str, ...]
    post_when_empty: bool
    paused: bool
    paused_reason: str | None
    next_run_at: datetime | None
    last_slot: datetime | None


def row(sub: DigestSubscription) -> SubscriptionRow:
    assert sub.id is not None
    return copied(
        SubscriptionRow,
        sub,
        id=sub.id,
        kind=sub.schedule_kind,
        spec=sub.schedule_spec,
        topics=tuple(sub.topics),
        parties=tuple(sub.parties),
    )


def add_subscription(
    session: Session,
    *,
    team_id: str,
    channel_id: str,
    created_by: str,
    kind: str,
    spec: str,
    tz: str,
    topics: tuple[str, ...],
    parties: tuple[str, ...],
    post_when_empty: bool,
    next_run_at: datetime | None,
    watermark: dict[str, Any],
    created_at: datetime,
) -> SubscriptionRow:
    sub = DigestSubscription(
        team_id=team_id,
        channel_id=channel_id,
        created_by=created_by,
        schedule_kind=kind,
        schedule_spec=spec,
        tz=tz,
        topics=list(topics),
        parties=list(parties),
        post_when_empty=post_when_empty,
        next_run_at=next_run_at,
        watermark=watermark,
        created_at=created_at,
    )
    session.add(sub)
    session.flush()
    return row(sub)


def channel_subscriptions(session: Session, *, team_id: str, channel_id: str) -> list[SubscriptionRow]:
    statement = (
        select(DigestSubscription)
        .where(DigestSubscription.team_id == team_id, DigestSubscription.channel_id == channel_id)
        .order_by(col(DigestSubscription.id))
    )
    return [row(s) for s in session.exec(statement)]


def workspace_subscriptions(session: Session, *, team_id: str) -> list[SubscriptionRow]:
    """Every subscription in a workspace, by channel: what the App Home lists."""
    statement = (
        select(DigestSubscription)
        .where(DigestSubscription.team_id == team_id)
        .order_by(col(DigestSubscription.channel_id), col(DigestSubscription.id))
    )
    return [row(s) for s in session.exec(statement)]


def get_subscription(session: Session, *, subscription_id: int) -> SubscriptionRow | None:
    sub = session.get(DigestSubscription, subscription_id)
    return row(sub) if sub else None


def remove_subscriptions(session: Session, *, ids: list[int]) -> int:
    if not ids:
        return 0
    session.exec(delete(DigestDelivery).where(col(DigestDelivery.subscription_id).in_(ids)))
    result = session.exec(delete(DigestSubscription).where(col(DigestSubscription.id).in_(ids)))
    return int(result.rowcount or 0)


def set_paused(
    session: Session,
    *,
    subscription_id: int,
    paused: bool,
    reason: str | None = None,
    next_run_at: datetime | None = None,
) -> SubscriptionRow | None:
    """Pause (with a reason people will read) or resume; resuming sets the next run from now."""
    sub = session.get(DigestSubscription, subscription_id)
    if sub is None:
        return None
    sub.paused = paused
    sub.paused_reason = reason if paused else None
    if not paused:
        sub.next_run_at = next_run_at
    session.add(sub)
    session.flush()
    return row(sub)


def due_subscription_ids(session: Session, *, now: datetime, limit: int = 2000) -> list[int]:
    """Subscriptions not paused whose next slot is at or before ``now``, most overdue first."""
    statement = (
        select(DigestSubscription.id)
        .where(
            col(DigestSubscription.paused).is_(False),
            col(DigestSubscription.next_run_at).is_not(None),
            col(DigestSubscription.next_run_at) <= now,
        )
        .order_by(col(DigestSubscription.next_run_at))
        .limit(limit)
    )
    return [i for i in session.exec(statement) if i is not None]


def lock_due(session: Session, *, subscription_id: int, now: datetime) -> DigestSubscription | None:
    """The subscription, locked for this transaction, if it is still due at ``now``; else None."""
    statement = select(DigestSubscription).where(
        DigestSubscription.id == subscription_id,
        col(DigestSubscription.paused).is_(False),
        col(DigestSubscription.next_run_at) <= now,
    )
    if session.get_bind().dialect.name != "sqlite":
        statement = statement.with_for_update()
    return session.exec(statement).first()


def advance(
    session: Session,
    *,
    subscription: DigestSubscription,
    watermark: dict[str, Any],
    last_slot: datetime,
    next_run_at: datetime | None,
) -> None:
    """Move a locked subscription past a claimed slot: what it has read, and when it is next due."""
    subscription.watermark = watermark
    subscription.last_slot = last_slot
    subscription.next_run_at = next_run_at
    session.add(subscription)
