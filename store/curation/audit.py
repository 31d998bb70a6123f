"""The audit log: who changed what, when, with the row before and after, append-only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlmodel import Session, col, select

from store.answers.queries import copied
from store.models import AuditEntry, utcnow

NOTE_CHARS = 300


class AuditAction(StrEnum):
    """What an audit entry records, as "target kind.verb" (``AuditEntry.action``)."""

    QUOTE_CORRECT = "quote.correct"
    QUOTE_VERIFY = "quote.verify"
    QUOTE_HIDE = "quote.hide"
    QUOTE_UNHIDE = "quote.unhide"
    POSITION_RECORD = "position.record"
    POSITION_EDIT = "position.edit"
    POSITION_RETRACT = "position.retract"
    STATUS_SET = "status.set"
    STATUS_EDIT = "status.edit"
    STATUS_RETRACT = "status.retract"
    ARTICLE_INGEST = "article.ingest"


@dataclass(frozen=True)
class Change:
    id: int
    at: datetime
    actor: str
    action: str
    target: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    note: str | None


def record(
    session: Session,
    *,
    actor: str,
    action: AuditAction,
    target: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str | None = None,
    at: datetime | None = None,
) -> AuditEntry:
    """Add one entry in the caller's transaction: ``record(s, actor="U1", action=AuditAction.QUOTE_HIDE)``."""
    entry = AuditEntry(
        at=at or utcnow(),
        actor=actor[:32],
        action=action[:40],
        target=target[:80],
        before=before,
        after=after,
        note=note[:NOTE_CHARS] if note else None,
    )
    session.add(entry)
    session.flush()
    return entry


def recent_changes(session: Session, *, since: datetime | None = None, limit: int = 50) -> list[Change]:
    """Newest first; ``since`` keeps only entries at or after it."""
    statement = select(AuditEntry).order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
    if since is not None:
        statement = statement.where(col(AuditEntry.at) >= since)
    return [copied(Change, e, id=e.id or 0) for e in session.exec(statement.limit(limit))]
