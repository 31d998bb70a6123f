"""The names editors pick from: parties and topics as (name, slug), in the taxonomy's order."""

from __future__ import annotations

from sqlmodel import Session, col, select

from store.models import Party, Topic


def party_choices(session: Session) -> list[tuple[str, str]]:
    return [(p.name, p.slug) for p in session.exec(select(Party).order_by(col(Party.id)))]


def topic_choices(session: Session) -> list[tuple[str, str]]:
    return [(t.name, t.slug) for t in session.exec(select(Topic).order_by(col(Topic.sort_order)))]
