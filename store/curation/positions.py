"""Curated positions and chapter statuses: recorded by an editor with a source, edited, retracted.

History is append-only. Recording adds a row (``source="curated"``, positions ``verified=True``).
Editing adds a new row and marks the one it replaces ``retracted``; retracting only sets that flag.
Nothing is deleted, every step is in the audit log with the row before and after, and a retracted
row is never a current position or status. The source URL becomes an article row (a stub with no
text, ``source="curated"``) so answers cite it like any other; ingesting that URL later fills it in
and leaves the curated rows alone (re-extraction only replaces ``source="extracted"`` rows).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from sqlmodel import Session, select

from store.curation import audit
from store.curation.audit import AuditAction
from store.curation.quotes import CurationError
from store.extract.text import one_line
from store.extract.types import ChapterStatus, Stance
from store.models import Article, Party, Position, Topic, TopicStatus
from store.revision import bump_data_revision

CURATED = "curated"
# The stances and chapter statuses an editor may record (the extractor uses the same words).
STANCES: tuple[Stance, ...] = tuple(Stance)
STATUSES: tuple[ChapterStatus, ...] = tuple(ChapterStatus)
SUMMARY_CHARS = 1000
NOTE_CHARS = 1000
URL_CHARS = 2000
OUTLET_CHARS = 200


@dataclass(frozen=True)
class Source:
    url: str
    on: date
    outlet: str | None = None


@dataclass(frozen=True)
class PositionForm:
    party: str
    topic: str
    stance: str | None
    summary: str
    source: Source | None


@dataclass(frozen=True)
class StatusForm:
    topic: str
    status: str
    note: str | None
    source: Source | None


def record_position(
    session: Session, *, form: PositionForm, actor: str, replaces: int | None = None
) -> Position:
    """Add a curated position (replacing ``replaces`` when editing); audited; no commit."""
    if form.stance is not None and form.stance not in STANCES:
        raise CurationError(f"Stance must be one of: {', '.join(STANCES)}.")
    summary = one_line(form.summary)[:SUMMARY_CHARS]
    if not summary:
        raise CurationError("Write the position in a sentence.")
    source = _required_source(form.source)
    old = _live(session, Position, replaces) if replaces is not None else None
    row = Position(
        party_id=_id(session, Party, form.party, "party"),
        topic_id=_id(session, Topic, form.topic, "topic"),
        summary=summary,
        stance=form.stance,
        as_of=source.on,
        article_id=source_article(session, source),
        confidence=1.0,
        verified=True,
        source=CURATED,
    )
    _supersede(
        session,
        row,
        old,
        actor=actor,
        action=AuditAction.POSITION_EDIT if old else AuditAction.POSITION_RECORD,
    )
    return row


def record_status(
    session: Session, *, form: StatusForm, actor: str, replaces: int | None = None
) -> TopicStatus:
    if form.status not in STATUSES:
        raise CurationError(f"Status must be one of: {', '.join(STATUSES)}.")
    source = _required_source(form.source)
    old = _live(session, TopicStatus, replaces) if replaces is not None else None
    note = one_line(form.note or "")[:NOTE_CHARS] or None
    row = TopicStatus(
        topic_id=_id(session, Topic, form.topic, "topic"),
        status=form.status,
        note=note,
        as_of=source.on,
        article_id=source_article(session, source),
        confidence=1.0,
        source=CURATED,
    )
    _supersede(
        session, row, old, actor=actor, action=AuditAction.STATUS_EDIT if old else AuditAction.STATUS_SET
    )
    return row


def _supersede(session: Session, row: Any, old: Any, *, actor: str, action: AuditAction) -> None:
    """Store ``row`` in place of ``old`` (retracted, never deleted: the history stays), audited."""
    session.add(row)
    if old is not None:
        old.retracted = True
        session.add(old)
    session.flush()
    kind, snapshot = (
        ("position", position_snapshot) if isinstance(row, Position) else ("status", status_snapshot)
    )
    audit.record(
        session,
        actor=actor,
        action=action,
        target=f"{kind}:{row.id}",
        before=snapshot(session, old),
        after=snapshot(session, row),
    )
    bump_data_revision(session)


def retract(session: Session, *, kind: str, row_id: int, actor: str, reason: str | None = None) -> None:
    """Withdraw a curated position (``kind="position"``) or status (``"status"``); audited."""
    model: Any = Position if kind == "position" else TopicStatus
    row = _live(session, model, row_id)
    snap = position_snapshot if kind == "position" else status_snapshot
    before = snap(session, row)
    row.retracted = True
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action=AuditAction(f"{kind}.retract"),
        target=f"{kind}:{row_id}",
        before=before,
        after=snap(session, row),
        note=reason,
    )
    bump_data_revision(session)


def position_form(session: Session, *, position_id: int) -> PositionForm | None:
    row = session.get(Position, position_id)
    if row is None or row.source != CURATED or row.retracted:
        return None
    party, topic = session.get(Party, row.party_id), session.get(Topic, row.topic_id)
    assert party is not None
    assert topic is not None

    return PositionForm(party.slug, topic.slug, row.stance, row.summary, _source_of(session, row))


def status_form(session: Session, *, status_id: int) -> StatusForm | None:
    row = session.get(TopicStatus, status_id)
    if row is None or row.source != CURATED or row.retracted:
        return None
    topic = session.get(Topic, row.topic_id)
    assert topic is not None
    return StatusForm(topic.slug, row.status, row.note, _source_of(session, row))


def is_live_curated(session: Session, *, kind: str, row_id: int) -> bool:
    model: Any = Position if kind == "position" else TopicStatus
    row = session.get(model, row_id)
    return row is not None and row.source == CURATED and not row.retracted


def source_article(session: Session, source: Source) -> int:
    """The article row for a source URL: the stored one, or a text-less stub made for it."""
    found = session.exec(select(Article).where(Article.url == source.url)).first()
    if found is None:
        found = Article(
            url=source.url,
            published=source.on,
            outlet=(source.outlet or urlsplit(source.url).hostname or None),
            content_hash=hashlib.sha256(f"curated-source:{source.url}".encode()).hexdigest(),
            source=CURATED,
        )
        session.add(found)
        session.flush()
    assert found.id is not None
    return found.id


def position_snapshot(session: Session, row: Position | None) -> dict[str, Any] | None:
    if row is None:
        return None
    party, topic = session.get(Party, row.party_id), session.get(Topic, row.topic_id)
    return {
        "party": party.slug if party else None,
        "topic": topic.slug if topic else None,
        "stance": row.stance,
        "summary": row.summary[:300],
        "as_of": row.as_of.isoformat() if row.as_of else None,
        "url": _url(session, row.article_id),
        "source": row.source,
        "retracted": row.retracted,
    }


def status_snapshot(session: Session, row: TopicStatus | None) -> dict[str, Any] | None:
    if row is None:
        return None
    topic = session.get(Topic, row.topic_id)
    return {
        "topic": topic.slug if topic else None,
        "status": row.status,
        "note": (row.note or "")[:300] or None,
        "as_of": row.as_of.isoformat() if row.as_of else None,
        "url": _url(session, row.article_id),
        "source": row.source,
        "retracted": row.retracted,
    }


def _required_source(source: Source | None) -> Source:
    if source is None or not source.url:
        raise CurationError("A source URL and date are required.")
    return Source(source.url[:URL_CHARS], source.on, (source.outlet or "")[:OUTLET_CHARS] or None)


def _live(session: Session, model: Any, row_id: int | None) -> Any:
    row = session.get(model, row_id) if row_id is not None else None
    if row is None or row.source != CURATED:
        raise CurationError("That entry is not a curated one (or no longer exists); nothing was changed.")
    if row.retracted:
        raise CurationError("That entry was already retracted or replaced; nothing was changed.")
    return row


def _id(session: Session, model: Any, slug: str, what: str) -> int:
    found = session.exec(select(model.id).where(model.slug == slug)).first()
    if found is None:
        raise CurationError(f"There is no {what} called {slug!r}.")
    return int(found)


def _url(session: Session, article_id: int | None) -> str | None:
    article = session.get(Article, article_id) if article_id else None
    return article.url if article else None


def _source_of(session: Session, row: Position | TopicStatus) -> Source | None:
    article = session.get(Article, row.article_id) if row.article_id else None
    if article is None or not article.url or row.as_of is None:
        return None
    return Source(article.url, row.as_of, article.outlet)
