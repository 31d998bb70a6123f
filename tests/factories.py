"""Row builders for tests: realistic rows through the models, with the denormalised copies filled in."""

from __future__ import annotations

import hashlib
import itertools
from datetime import date

from sqlmodel import Session, select

from store.models import Article, Party, Person, Position, Quote, QuoteTopic, Topic, TopicStatus
from store.revision import bump_revision

_serial = itertools.count(1)


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
    speaker: str,
    topics: tuple[str, ...] = ("autos",),
    party: str | None = None,
    role: str | None = None,
    published: date | None = date(2018, 9, 1),
    outlet: str = "Test Wire",
    url: str | None = None,
    source: Article | None = None,
) -> Quote:
    who = person(session, speaker, role=role, party=party)
    where = source or article(session, outlet=outlet, published=published, url=url)
    row = Quote(
        article_id=where.id,
        text=text,
        speaker_id=who.id,
        party_id=who.party_id,
        said_on=where.published,
        reported_on=where.published,
        confidence=0.9,
    )
    session.add(row)
    session.flush()
    for slug in topics:
        session.add(
            QuoteTopic(
                quote_id=row.id,
                topic_id=topic_id(session, slug),
                reported_on=row.reported_on,
                party_id=row.party_id,
            )
        )
    bump_revision(session)
    session.commit()
    return row


def position(
    session: Session, *, party: str, topic: str, summary: str, as_of: date, source: Article | None = None
) -> Position:
    where = source or article(session, published=as_of)
    row = Position(
        party_id=party_id(session, party),
        topic_id=topic_id(session, topic),
        summary=summary,
        as_of=as_of,
        article_id=where.id,
        confidence=0.7,
        source="extracted",
    )
    session.add(row)
    bump_revision(session)
    session.commit()
    return row


def status(session: Session, *, topic: str, status: str, as_of: date) -> TopicStatus:
    row = TopicStatus(topic_id=topic_id(session, topic), status=status, as_of=as_of, source="editor")
    session.add(row)
    bump_revision(session)
    session.commit()
    return row
