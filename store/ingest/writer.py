"""Storing one article and everything extracted from it, in one transaction.

Idempotent by URL and by content hash: the same article again adds nothing; an article whose URL is
known but whose text changed has its extracted rows replaced, all or nothing. Lookups (parties,
topics, people) are read once per run and kept in memory, so a write is a handful of batched inserts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, Engine, Table, bindparam, delete, insert, or_, select, text, update
from sqlalchemy.exc import IntegrityError

from store.db import writer
from store.extract import ArticleExtraction, KnownPerson
from store.extract.text import normalise
from store.ingest.sources import RawArticle
from store.models import (
    Article,
    Party,
    Person,
    Position,
    Quote,
    QuoteTopic,
    StoreMeta,
    Topic,
    TopicStatus,
    utcnow,
)
from store.revision import REVISION_KEY

ADDED, UNCHANGED, UPDATED = "added", "unchanged", "updated"
# Core tables: inserting through them skips the ORM's per-row bookkeeping, which dominates otherwise.
ARTICLE: Table = Article.__table__  # type: ignore[attr-defined]
PARTY: Table = Party.__table__  # type: ignore[attr-defined]
PERSON: Table = Person.__table__  # type: ignore[attr-defined]
TOPIC: Table = Topic.__table__  # type: ignore[attr-defined]
QUOTE: Table = Quote.__table__  # type: ignore[attr-defined]
QUOTE_TOPIC: Table = QuoteTopic.__table__  # type: ignore[attr-defined]
POSITION: Table = Position.__table__  # type: ignore[attr-defined]
STATUS: Table = TopicStatus.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Outcome:
    status: str  # added, unchanged, updated
    article_id: int | None
    quotes: int = 0
    new_people: int = 0
    statements: int = 0


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ArticleWriter:
    def __init__(self, engine: Engine, *, store_statuses: bool = False) -> None:
        self.engine = engine
        self._writer = writer(engine)
        self.store_statuses = store_statuses
        with engine.connect() as conn:
            self.parties = {slug: pid for pid, slug in conn.execute(select(PARTY.c.id, PARTY.c.slug))}
            self.topics = {slug: tid for tid, slug in conn.execute(select(TOPIC.c.id, TOPIC.c.slug))}
            self.people: dict[str, tuple[int, int | None]] = {}
            self._extracted: list[KnownPerson] = []
            rows = conn.execute(
                select(
                    PERSON.c.id,
                    PERSON.c.name,
                    PERSON.c.party_id,
                    PERSON.c.role,
                    PERSON.c.gender,
                    PERSON.c.source,
                )
            )
            slug_of = {pid: slug for slug, pid in self.parties.items()}
            for pid, name, party_id, role, gender, source in rows:
                self.people[name] = (pid, party_id)
                if source != "taxonomy":
                    self._extracted.append(KnownPerson(name, slug_of.get(party_id), role, gender, False))

    def known_people(self) -> list[KnownPerson]:
        """People met in earlier runs, so the extractor links their full names to the same rows."""
        return list(self._extracted)

    def write(self, raw: RawArticle, result: ArticleExtraction) -> Outcome:
        """Store ``raw`` with ``result``; a unique-name race with another ingester is retried once."""
        try:
            return self._write(raw, result)
        except IntegrityError:
            self._reload_people(result)
            return self._write(raw, result)

    def is_stored(self, raw: RawArticle) -> bool:
        """Already stored with this very text (by hash): no need to extract it again."""
        digest = content_hash(normalise(raw.text))
        with self.engine.connect() as conn:
            return conn.execute(_SAME_HASH, {"h": digest}).first() is not None

    def _write(self, raw: RawArticle, result: ArticleExtraction) -> Outcome:
        digest = content_hash(result.text)
        new_people: dict[str, tuple[int, int | None]] = {}
        with self._writer.begin() as conn:
            found = conn.execute(_LOOKUP, {"h": digest, "u": raw.url or ""}).all()
            same_text = next((r for r in found if r.content_hash == digest), None)
            existing = next((r for r in found if raw.url and r.url == raw.url), None)
            if same_text:
                return Outcome(UNCHANGED, same_text.id)
            values = {
                "title": (raw.title or result.title or "")[:500] or None,
                "title_is_editorial": raw.title_is_editorial,
                "outlet": raw.outlet,
                "url": raw.url,
                "published": raw.published,
                "body": result.text,
                "content_hash": digest,
                "source": "ingested",
            }
            if existing:
                article_id = existing.id
                _clear_extracted(conn, article_id)
                conn.execute(update(ARTICLE).where(ARTICLE.c.id == article_id).values(**values))
                status = UPDATED
            else:
                article_id = conn.execute(_INSERT_ARTICLE, {**values, "ingested_at": utcnow()}).scalar_one()
                status = ADDED
            quotes = self._insert_quotes(conn, article_id, raw.published, result, new_people)
            statements = self._insert_positions(conn, article_id, raw.published, result)
            if self.store_statuses:
                self._insert_statuses(conn, article_id, raw.published, result)
            _bump_revision(conn)
        self.people.update(new_people)
        self._extracted.extend(
            KnownPerson(q.speaker, q.party, q.speaker_role, q.speaker_gender, False)
            for q in result.quotes
            if q.speaker in new_people
        )
        return Outcome(status, article_id, quotes, len(new_people), statements)

    def _insert_people(self, conn: Connection, result: ArticleExtraction, new_people: dict) -> None:
        """One insert for every speaker of this article the store has not met yet."""
        rows: dict[str, dict] = {}
        for q in result.quotes:
            if q.speaker and not q.speaker_label and q.speaker not in self.people and q.speaker not in rows:
                rows[q.speaker] = {
                    "name": q.speaker[:200],
                    "role": (q.speaker_role or None) and q.speaker_role[:300],
                    "party_id": self.parties.get(q.party or ""),
                    "gender": q.speaker_gender,
                    "aliases": [],
                    "source": "extracted",
                }
        if not rows:
            return
        ids = _insert_ids(conn, PERSON, list(rows.values()))
        for (name, row), person_id in zip(rows.items(), ids, strict=True):
            new_people[name] = (person_id, row["party_id"])

    def _insert_quotes(self, conn, article_id: int, published: date | None, result, new_people) -> int:
        if not result.quotes:
            return 0
        self._insert_people(conn, result, new_people)
        rows = []
        for ordinal, q in enumerate(result.quotes):
            speaker_id, party_id = None, self.parties.get(q.party or "")
            if q.speaker and not q.speaker_label:
                speaker_id, known_party = self.people.get(q.speaker) or new_people[q.speaker]
                party_id = party_id or known_party
            rows.append(
                {
                    "article_id": article_id,
                    "ordinal": ordinal,
                    "text": q.text,
                    "speaker_id": speaker_id,
                    "speaker_label": (q.speaker_label or None) and q.speaker_label[:300],
                    "party_id": party_id,
                    "context": (q.context or None) and q.context[:300],
                    "said_on": q.said_on or published,
                    "reported_on": published,
                    "direct": q.direct,
                    "confidence": q.confidence,
                    "verified": False,
                    "created_at": utcnow(),
                }
            )
        ids = _insert_ids(conn, QUOTE, rows)
        links = [
            {
                "quote_id": qid,
                "topic_id": self.topics[slug],
                "reported_on": published,
                "party_id": row["party_id"],
            }
            for qid, row, q in zip(ids, rows, result.quotes, strict=True)
            for slug in dict.fromkeys(q.topics)
            if slug in self.topics
        ]
        if links:
            conn.execute(insert(QUOTE_TOPIC), links)
        return len(rows)

    def _insert_positions(self, conn, article_id: int, published: date | None, result) -> int:
        rows, seen = [], set()
        for s in result.statements:
            k = (s.party, s.topic, s.text)
            if k in seen or s.party not in self.parties or s.topic not in self.topics:
                continue
            seen.add(k)
            rows.append(
                {
                    "party_id": self.parties[s.party],
                    "topic_id": self.topics[s.topic],
                    "summary": s.text,
                    "stance": s.stance,
                    "as_of": published,
                    "article_id": article_id,
                    "quote_id": None,
                    "confidence": min(s.confidence, 0.9),
                    "verified": False,
                    "source": "extracted",
                    "recorded_at": utcnow(),
                }
            )
        if rows:
            conn.execute(insert(POSITION), rows)
        return len(rows)

    def _insert_statuses(self, conn, article_id: int, published: date | None, result) -> None:
        rows = [
            {
                "topic_id": self.topics[s.topic],
                "status": s.status,
                "note": s.text,
                "as_of": published,
                "article_id": article_id,
                "confidence": min(s.confidence, 0.9),
                "source": "extracted",
                "recorded_at": utcnow(),
            }
            for s in result.statuses
            if s.topic in self.topics
        ]
        if rows:
            conn.execute(insert(STATUS), rows)

    def _reload_people(self, result: ArticleExtraction) -> None:
        names = [q.speaker for q in result.quotes if q.speaker and not q.speaker_label]
        with self.engine.connect() as conn:
            for pid, name, party_id in conn.execute(
                select(PERSON.c.id, PERSON.c.name, PERSON.c.party_id).where(PERSON.c.name.in_(names))
            ):
                self.people[name] = (pid, party_id)


_LOOKUP = select(ARTICLE.c.id, ARTICLE.c.content_hash, ARTICLE.c.url).where(
    or_(ARTICLE.c.content_hash == bindparam("h"), ARTICLE.c.url == bindparam("u"))
)
_SAME_HASH = select(ARTICLE.c.id).where(ARTICLE.c.content_hash == bindparam("h"))
_INSERT_ARTICLE = insert(ARTICLE).returning(ARTICLE.c.id)


def _insert_ids(conn: Connection, table: Table, rows: list[dict]) -> list[int]:
    """Insert ``rows`` in one multi-row statement and return their ids in row order.

    Both SQLite (rowid) and Postgres (serial) hand out ids in increasing order as one INSERT walks its
    VALUES, so sorting the returned ids restores row order. Asking SQLAlchemy to guarantee the order
    instead makes it insert one row per statement on SQLite, several times slower.
    """
    return sorted(conn.execute(insert(table).returning(table.c.id), rows).scalars().all())


def _clear_extracted(conn: Connection, article_id: int) -> None:
    """Remove what an earlier version of this article produced, children first."""
    quote_ids = select(QUOTE.c.id).where(QUOTE.c.article_id == article_id).scalar_subquery()
    conn.execute(delete(QUOTE_TOPIC).where(QUOTE_TOPIC.c.quote_id.in_(quote_ids)))
    conn.execute(
        delete(POSITION).where(POSITION.c.article_id == article_id, POSITION.c.source == "extracted")
    )
    conn.execute(update(POSITION).where(POSITION.c.quote_id.in_(quote_ids)).values(quote_id=None))
    conn.execute(delete(STATUS).where(STATUS.c.article_id == article_id, STATUS.c.source == "extracted"))
    conn.execute(update(STATUS).where(STATUS.c.quote_id.in_(quote_ids)).values(quote_id=None))
    conn.execute(delete(QUOTE).where(QUOTE.c.article_id == article_id))


def _bump_revision(conn: Connection) -> None:
    """What ``store.revision.bump_revision`` does, on a Core connection: readers' caches see the change."""
    bumped = conn.execute(
        text("UPDATE storemeta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = :k"),
        {"k": REVISION_KEY},
    )
    if bumped.rowcount == 0:
        conn.execute(insert(StoreMeta).values(key=REVISION_KEY, value="1"))
