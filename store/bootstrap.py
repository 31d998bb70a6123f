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

from bot.config import Settings
from store.db import is_sqlite, make_engine, migrate, write_session
from store.knowledge import ArticleFacts, load_knowledge
from store.models import Article, Party, Person, Position, Quote, QuoteTopic, StoreMeta, Topic, TopicStatus
from store.revision import bump_revision
from store.taxonomy import Taxonomy, load_taxonomy

log = logging.getLogger(__name__)

FINGERPRINT_KEY = "reference_fingerprint"
_PG_SYNC_LOCK = 0x4E414655


def open_store(settings: Settings) -> Engine:
    """Create the engine for ``settings.database_url``, upgrade it and fill in the reference data."""
    engine = make_engine(settings.database_url)
    migrate(engine)
    sync_reference_data(engine, load_taxonomy(settings.taxonomy_path), load_knowledge())
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
        bump_revision(session)
    log.info("reference data synced (%d bundled articles added)", added)
    return True


def _fingerprint(taxonomy: Taxonomy, knowledge: list[ArticleFacts]) -> str:
    payload = json.dumps(
        [asdict(taxonomy) | {"_party_by_slug": None}, [asdict(a) for a in knowledge]], default=str
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def _sync_taxonomy(session: Session, taxonomy: Taxonomy) -> None:
    parties = {p.slug: p for p in session.exec(select(Party))}
    for p in taxonomy.parties:
        row = parties.get(p.slug) or Party(slug=p.slug, name=p.name)
        row.name, row.kind, row.aliases = p.name, p.kind, list(p.aliases)
        session.add(row)
        parties[p.slug] = row
    session.flush()
    people = {p.name: p for p in session.exec(select(Person))}
    for p in taxonomy.people:
        row = people.get(p.name) or Person(name=p.name)
        party = parties.get(p.party) if p.party else None
        row.role, row.gender, row.aliases = p.role, p.gender, list(p.aliases)
        row.party_id = party.id if party else None
        row.source = "taxonomy"
        session.add(row)
    topics = {t.slug: t for t in session.exec(select(Topic))}
    for order, t in enumerate(taxonomy.topics):
        row = topics.get(t.slug) or Topic(slug=t.slug, name=t.name, chapter=t.chapter)
        row.name, row.chapter, row.synonyms, row.sort_order = t.name, t.chapter, list(t.synonyms), order
        session.add(row)


def _load_article(session: Session, facts: ArticleFacts) -> bool:
    if session.exec(select(Article.id).where(Article.content_hash == facts.content_hash)).first():
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


def _required(ids: dict[str, int | None], slug: str, kind: str) -> int:
    value = ids.get(slug)
    if value is None:
        raise ValueError(f"bundled knowledge names unknown {kind} {slug!r}")
    return value
