"""Row builders for tests: realistic rows through the models, with the denormalised copies filled in."""

from __future__ import annotations

import hashlib
import itertools
from datetime import date

from sqlmodel import Session, select

from store.models import Article, Party, Person, Position, Quote, QuoteTopic, Topic, TopicStatus
from store.revision import bump_data_revision

_serial = itertools.count(1)


def _id(value: int | None) -> int:
    """The primary key of a row already flushed (``None`` would be a bug in the builder)."""
    assert value is not None
    return value


def topic_id(session: Session, slug: str) -> int:
    found = session.exec(select(Topic.id).where(Topic.slug == slug)).first()
    assert found is not None, slug
    return found


def party_id(session: Session, slug: str) -> int:
    found = session.exec(select(Party.id).where(Party.slug == slug)).first()
    assert found is not None, slug
    return found


def person(session: Session, name: str, *, role: str | None = None, party: str | None = None) -> Person:
    found = session.exec(select(Person).where(Person.name == name)).first()
    if found:
        return found
    row = Person(
        name=name, role=role, party_id=party_id(session, party) if party else None, source="extracted"
    )
    session.add(row)
    session.flush()
    return row


def article(
    session: Session,
    *,
    outlet: str = "Test Wire",
    published: date | None = date(2018, 9, 1),
    url: str | None = None,
) -> Article:
    n = next(_serial)
    row = Article(
        title=f"Test article {n}",
        outlet=outlet,
        url=url,
        published=published,
        body=f"body {n}",
        content_hash=hashlib.sha256(f"test-article-{n}".encode()).hexdigest(),
    )
    session.add(row)
    session.flush()
    return row


def quote(
    session: Session,
    text: str,
    *,
    speaker: str | None = None,
    label: str | None = None,
    topics: tuple[str, ...] = ("autos",),
    strength: float | dict[str, float] = 1.0,
    party: str | None = None,
    role: str | None = None,
    published: date | None = date(2018, 9, 1),
    said_on: date | None = None,
    outlet: str = "Test Wire",
    url: str | None = None,
    source: Article | None = None,
    direct: bool = True,
    in_scope: bool = True,
    fragment: bool = False,
    hidden: bool = False,
) -> Quote:
    """A quote by ``speaker`` (a taxonomy name, or a new extracted person) or by an unnamed ``label``.

    ``strength`` is the quote's strength on each of its topics (one number for all, or per slug).
    """
    who = person(session, speaker, role=role, party=party) if speaker else None
    where = source or article(session, outlet=outlet, published=published, url=url)
    row = Quote(
        article_id=_id(where.id),
        text=text,
        speaker_id=who.id if who else None,
        speaker_label=label,
        party_id=who.party_id if who else (party_id(session, party) if party else None),
        said_on=said_on or where.published,
        reported_on=where.published,
        direct=direct,
        confidence=0.9,
        in_scope=in_scope,
        fragment=fragment,
        hidden=hidden,
    )
    session.add(row)
    session.flush()
    for slug in topics:
        session.add(
            QuoteTopic(
                quote_id=_id(row.id),
                topic_id=topic_id(session, slug),
                reported_on=row.reported_on,
                party_id=row.party_id,
                strength=strength.get(slug, 1.0) if isinstance(strength, dict) else strength,
                in_scope=in_scope,
            )
        )
    bump_data_revision(session)
    session.commit()
    return row


def position(
    session: Session,
    *,
    party: str,
    topic: str,
    summary: str,
    as_of: date,
    source: Article | None = None,
    stance: str | None = None,
    origin: str = "extracted",
    confidence: float = 0.7,
    evidence: Quote | None = None,
) -> Position:
    """A position; ``origin`` is its Position.source ("extracted", "bundled", "curated")."""
    where = source or article(session, published=as_of)
    row = Position(
        party_id=party_id(session, party),
        topic_id=topic_id(session, topic),
        summary=summary,
        stance=stance,
        as_of=as_of,
        article_id=_id(where.id),
        quote_id=evidence.id if evidence else None,
        confidence=confidence,
        verified=origin == "curated",
        source=origin,
    )
    session.add(row)
    bump_data_revision(session)
    session.commit()
    return row


def status(
    session: Session,
    *,
    topic: str,
    status: str,
    as_of: date | None,
    origin: str = "editor",
    confidence: float = 1.0,
    note: str | None = None,
    source: Article | None = None,
) -> TopicStatus:
    row = TopicStatus(
        topic_id=topic_id(session, topic),
        status=status,
        note=note,
        as_of=as_of,
        source=origin,
        confidence=confidence,
        article_id=source.id if source else None,
    )
    session.add(row)
    bump_data_revision(session)
    session.commit()
    return row
