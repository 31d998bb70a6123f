"""Digest subscriptions: add, list, pause, resume and remove, returning plain rows.

Keyword-only functions on a caller's session, like ``store.queries``; the caller decides the
transaction (``write_session``). Removing a subscription removes its delivery history too, and a
delivery still being posted notices (its subscription is gone) and stops.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, delete, select

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
    return SubscriptionRow(
        id=sub.id,
        team_id=sub.team_id,
        channel_id=sub.channel_id,
        created_by=sub.created_by,
        kind=sub.schedule_kind,
        spec=sub.schedule_spec,
        tz=sub.tz,
        topics=tuple(sub.topics),
        parties=tuple(sub.parties),
        post_when_empty=sub.post_when_empty,
        paused=sub.paused,
        paused_reason=sub.paused_reason,
        next_run_at=sub.next_run_at,
        last_slot=sub.last_slot,
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
    watermark: dict,
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
