"""Open the store: engine, schema, then the reference data every answer relies on.

``open_store`` is what every command calls at start-up. The taxonomy is mirrored into the tables
(upserted, never deleted: quotes point at these rows) and the bundled knowledge is loaded once.
A fingerprint of both files is kept in ``storemeta`` so an unchanged start costs one read.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import asdict

from sqlalchemy import Engine, text
from sqlmodel import Session, select

from store.db import is_sqlite, make_engine, migrate, write_session
from store.knowledge import ArticleFacts, load_knowledge
from store.models import Article, Party, Person, Position, Quote, QuoteTopic, StoreMeta, Topic, TopicStatus
from store.revision import bump_data_revision
from store.taxonomy import Taxonomy, load_taxonomy

log = logging.getLogger(__name__)

FINGERPRINT_KEY = "reference_fingerprint"
_PG_SYNC_LOCK = 0x4E414655


def open_store(database_url: str, *, taxonomy_path: str | None = None) -> Engine:
    """Create the engine for ``database_url``, upgrade it and fill in the reference data.

    ``taxonomy_path`` is a taxonomy file to mirror instead of the bundled one.
    """
    engine = make_engine(database_url)
    migrate(engine)
    sync_reference_data(engine, load_taxonomy(taxonomy_path), load_knowledge())
    return engine


def sync_reference_data(engine: Engine, taxonomy: Taxonomy, knowledge: list[ArticleFacts]) -> bool:
    """Bring parties, people, topics and bundled articles up to date; True when anything was written."""
    fingerprint = _fingerprint(taxonomy, knowledge)
    with Session(engine) as session:
        stored = session.get(StoreMeta, FINGERPRINT_KEY)
        if stored and stored.value == fingerprint:
            return False
    with write_session(engine) as session:
        if not is_sqlite(engine):
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_SYNC_LOCK})
        stored = session.get(StoreMeta, FINGERPRINT_KEY)
        if stored and stored.value == fingerprint:
            return False
        _sync_taxonomy(session, taxonomy)
        session.flush()
        added = sum(_load_article(session, facts) for facts in knowledge)
        session.merge(StoreMeta(key=FINGERPRINT_KEY, value=fingerprint))
        bump_data_revision(session)
    log.info("reference data synced (%d bundled articles added)", added)
    return True


def _fingerprint(taxonomy: Taxonomy, knowledge: list[ArticleFacts]) -> str:
    payload = json.dumps(
        [asdict(taxonomy) | {"_party_by_slug": None}, [asdict(a) for a in knowledge]], default=str
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def _sync_taxonomy(session: Session, taxonomy: Taxonomy) -> None:
    parties = {p.slug: p for p in session.exec(select(Party))}
    for party_def in taxonomy.parties:
        party = parties.get(party_def.slug) or Party(slug=party_def.slug, name=party_def.name)
        party.name, party.kind, party.aliases = party_def.name, party_def.kind, list(party_def.aliases)
        session.add(party)
        parties[party_def.slug] = party
    session.flush()
    people = {p.name: p for p in session.exec(select(Person))}
    for person_def in taxonomy.people:
        person = people.get(person_def.name) or Person(name=person_def.name)
        of_party = parties.get(person_def.party) if person_def.party else None
        person.role, person.gender, person.aliases = (
            person_def.role,
            person_def.gender,
            list(person_def.aliases),
        )
        person.party_id = of_party.id if of_party else None
        person.source = "taxonomy"
        session.add(person)
    topics = {t.slug: t for t in session.exec(select(Topic))}
    for order, topic_def in enumerate(taxonomy.topics):
        topic = topics.get(topic_def.slug) or Topic(
            slug=topic_def.slug, name=topic_def.name, chapter=topic_def.chapter
        )
        topic.name, topic.chapter, topic.synonyms = (
            topic_def.name,
            topic_def.chapter,
            list(topic_def.synonyms),
        )
        topic.sort_order = order
        session.add(topic)


def _load_article(session: Session, facts: ArticleFacts) -> bool:
    existing = session.exec(select(Article.id).where(Article.content_hash == facts.content_hash)).first()
    if existing is not None:
        _reword_article(session, existing, facts)
        return False
    article = Article(
        title=facts.title,
        title_is_editorial=facts.title_is_editorial,
        outlet=facts.outlet,
        url=facts.url,
        published=facts.published,
        content_hash=facts.content_hash,
        source="bundled",
    )
    session.add(article)
    session.flush()
    assert article.id is not None
    topics = {t.slug: t.id for t in session.exec(select(Topic))}
    parties = {p.slug: p.id for p in session.exec(select(Party))}
    quote_ids: dict[str, int] = {}
    for ordinal, q in enumerate(facts.quotes):
        speaker = session.exec(select(Person).where(Person.name == q.speaker)).first()
        if speaker is None:
            raise ValueError(f"bundled quote {q.key!r}: speaker {q.speaker!r} is not in the taxonomy")
        quote = Quote(
            article_id=article.id,
            ordinal=ordinal,
            text=q.text,
            speaker_id=speaker.id,
            party_id=speaker.party_id,
            context=q.context,
            said_on=q.said_on or facts.published,
            reported_on=facts.published,
            direct=q.direct,
            confidence=1.0,
            verified=True,
        )
        session.add(quote)
        session.flush()
        assert quote.id is not None
        quote_ids[q.key] = quote.id
        for slug in q.topics:
            session.add(
                QuoteTopic(
                    quote_id=quote.id,
                    topic_id=_required(topics, slug, "topic"),
                    reported_on=facts.published,
                    party_id=speaker.party_id,
                )
            )
    for p in facts.positions:
        session.add(
            Position(
                party_id=_required(parties, p.party, "party"),
                topic_id=_required(topics, p.topic, "topic"),
                summary=p.summary,
                stance=p.stance,
                as_of=facts.published,
                article_id=article.id,
                quote_id=quote_ids.get(p.quote or ""),
                confidence=1.0,
                verified=True,
                source="bundled",
            )
        )
    for s in facts.statuses:
        session.add(
            TopicStatus(
                topic_id=_required(topics, s.topic, "topic"),
                status=s.status,
                note=s.note,
                as_of=facts.published,
                article_id=article.id,
                quote_id=quote_ids.get(s.quote or ""),
                confidence=1.0,
                source="bundled",
            )
        )
    return True


def _reword_article(session: Session, article_id: int, facts: ArticleFacts) -> None:
    """Carry corrected wording of our own summaries and notes into a store that already has the article.

    The stance itself is unchanged (a new stance would be a new row); only the editorial text we wrote
    about it is replaced, matched by party and topic. Quotes are verbatim and never rewritten.
    """
    topics = {t.id: t.slug for t in session.exec(select(Topic))}
    parties = {p.id: p.slug for p in session.exec(select(Party))}
    summaries = {(p.party, p.topic): p for p in facts.positions}
    for position in session.exec(
        select(Position).where(Position.article_id == article_id, Position.source == "bundled")
    ):
        fact = summaries.get((parties.get(position.party_id, ""), topics.get(position.topic_id, "")))
        if fact and (position.summary, position.stance) != (fact.summary, fact.stance):
            position.summary, position.stance = fact.summary, fact.stance
            session.add(position)
    notes = {s.topic: s for s in facts.statuses}
    for status in session.exec(
        select(TopicStatus).where(TopicStatus.article_id == article_id, TopicStatus.source == "bundled")
    ):
        note = notes.get(topics.get(status.topic_id, ""))
        if note and status.note != note.note:
            status.note = note.note
            session.add(status)


def _required(ids: dict[str, int | None], slug: str, kind: str) -> int:
    value = ids.get(slug)
    if value is None:
        raise ValueError(f"bundled knowledge names unknown {kind} {slug!r}")
    return value
