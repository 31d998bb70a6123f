"""Read queries behind every answer: keyword-only functions returning plain rows, never Slack text.

Each query is shaped to be answered from an index and a LIMIT, so its cost stays flat as the
archive grows: newest-first scans over (topic, date) and (speaker, date), one join for the speaker,
party and article of each quote (no per-row lookups), and counts that stop at a cap.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, true
from sqlalchemy import select as sa_select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from store.models import Article, Party, Person, Position, Quote, QuoteTopic, Topic, TopicStatus

COUNT_CAP = 1000


@dataclass(frozen=True)
class SourceRow:
    article_id: int
    outlet: str | None
    title: str | None
    title_is_editorial: bool
    url: str | None
    published: date | None


@dataclass(frozen=True)
class QuoteRow:
    id: int
    text: str
    speaker: str | None  # the person's full name, else the article's label ("a senior official")
    speaker_role: str | None
    party_slug: str | None
    party_name: str | None
    context: str | None
    said_on: date | None
    reported_on: date | None
    direct: bool
    confidence: float
    verified: bool
    ordinal: int
    source: SourceRow


@dataclass(frozen=True)
class PositionRow:
    id: int
    party_slug: str
    party_name: str
    topic_slug: str
    topic_name: str
    summary: str
    stance: str | None
    as_of: date | None
    confidence: float
    verified: bool
    origin: str  # "bundled", "extracted", "editor"
    source: SourceRow | None


@dataclass(frozen=True)
class StatusRow:
    topic_slug: str
    status: str
    note: str | None
    as_of: date | None
    confidence: float
    source: SourceRow | None


@dataclass(frozen=True)
class TopicOverview:
    slug: str
    name: str
    chapter: str
    status: StatusRow | None
    last_change: date | None


def _source(article: Article | None) -> SourceRow | None:
    if article is None or article.id is None:
        return None
    return SourceRow(
        article_id=article.id,
        outlet=article.outlet,
        title=article.title,
        title_is_editorial=article.title_is_editorial,
        url=article.url,
        published=article.published,
    )


def _quote_select():
    return (
        select(Quote, Person, Party, Article)
        .join(Article, col(Article.id) == Quote.article_id)
        .outerjoin(Person, col(Person.id) == Quote.speaker_id)
        .outerjoin(Party, col(Party.id) == Quote.party_id)
    )


def _quote_rows(session: Session, statement) -> list[QuoteRow]:
    rows = []
    for quote, person, party, article in session.exec(statement):
        source = _source(article)
        assert source is not None and quote.id is not None
        rows.append(
            QuoteRow(
                id=quote.id,
                text=quote.text,
                speaker=person.name if person else quote.speaker_label,
                speaker_role=person.role if person else None,
                party_slug=party.slug if party else None,
                party_name=party.name if party else None,
                context=quote.context,
                said_on=quote.said_on,
                reported_on=quote.reported_on,
                direct=quote.direct,
                confidence=quote.confidence,
                verified=quote.verified,
                ordinal=quote.ordinal,
                source=source,
            )
        )
    return rows


def _newest_quote_ids(session: Session, *, topic_id: int, party_id: int | None, offset: int, limit: int):
    statement = select(QuoteTopic.quote_id).where(QuoteTopic.topic_id == topic_id)
    if party_id is not None:
        statement = statement.where(QuoteTopic.party_id == party_id)
    statement = statement.order_by(
        col(QuoteTopic.reported_on).desc().nulls_last(), col(QuoteTopic.quote_id).desc()
    )
    return list(session.exec(statement.offset(offset).limit(limit)))


def _in_reading_order(rows: list[QuoteRow]) -> list[QuoteRow]:
    """Newest article first, and within one article the order its reader met the quotes."""
    return sorted(
        rows, key=lambda r: (-(r.reported_on or date.min).toordinal(), -r.source.article_id, r.ordinal)
    )


def quotes_on_topic(
    session: Session, *, topic_id: int, party_id: int | None = None, offset: int = 0, limit: int = 5
) -> list[QuoteRow]:
    ids = _newest_quote_ids(session, topic_id=topic_id, party_id=party_id, offset=offset, limit=limit)
    if not ids:
        return []
    return _in_reading_order(_quote_rows(session, _quote_select().where(col(Quote.id).in_(ids))))


def count_quotes_on_topic(
    session: Session, *, topic_id: int, party_id: int | None = None, cap: int = COUNT_CAP
) -> int:
    """How many quotes a topic has, counting no further than ``cap`` (the UI says "1000+")."""
    inner = select(QuoteTopic.quote_id).where(QuoteTopic.topic_id == topic_id)
    if party_id is not None:
        inner = inner.where(QuoteTopic.party_id == party_id)
    return session.exec(select(func.count()).select_from(inner.limit(cap + 1).subquery())).one()


def quotes_by_person(session: Session, *, person_id: int, offset: int = 0, limit: int = 5) -> list[QuoteRow]:
    statement = (
        _quote_select()
        .where(Quote.speaker_id == person_id)
        .order_by(col(Quote.reported_on).desc().nulls_last(), col(Quote.id).desc())
        .offset(offset)
        .limit(limit)
    )
    return _in_reading_order(_quote_rows(session, statement))


def count_quotes_by_person(session: Session, *, person_id: int, cap: int = COUNT_CAP) -> int:
    # Ordered like the (speaker, date, id) index so Postgres counts off the index; unordered, it bets
    # on a table scan stopping early, which reads every quote when the person's are old or few.
    inner = (
        select(Quote.id)
        .where(Quote.speaker_id == person_id)
        .order_by(col(Quote.speaker_id), col(Quote.reported_on), col(Quote.id))
        .limit(cap + 1)
    )
    return session.exec(select(func.count()).select_from(inner.subquery())).one()


def newest_quotes(session: Session, *, limit: int = 5) -> list[QuoteRow]:
    statement = (
        _quote_select()
        .order_by(col(Quote.reported_on).desc().nulls_last(), col(Quote.id).desc())
        .limit(limit)
    )
    return _in_reading_order(_quote_rows(session, statement))


def quotes_by_ids(session: Session, *, ids: list[int]) -> list[QuoteRow]:
    if not ids:
        return []
    rows = {r.id: r for r in _quote_rows(session, _quote_select().where(col(Quote.id).in_(ids)))}
    return [rows[i] for i in ids if i in rows]


def _position_row(position: Position, party: Party, topic: Topic, article: Article | None) -> PositionRow:
    assert position.id is not None
    return PositionRow(
        id=position.id,
        party_slug=party.slug,
        party_name=party.name,
        topic_slug=topic.slug,
        topic_name=topic.name,
        summary=position.summary,
        stance=position.stance,
        as_of=position.as_of,
        confidence=position.confidence,
        verified=position.verified,
        origin=position.source,
        source=_source(article),
    )


def _position_select():
    return (
        select(Position, Party, Topic, Article)
        .join(Party, col(Party.id) == Position.party_id)
        .join(Topic, col(Topic.id) == Position.topic_id)
        .outerjoin(Article, col(Article.id) == Position.article_id)
    )


def latest_positions(session: Session, *, topic_id: int, party_ids: list[int]) -> list[PositionRow]:
    """Each party's newest position on the topic, in ``party_ids`` order; parties without one are left out."""
    found = newest_position_per_pair(session, topic_ids=[topic_id], party_ids=party_ids)
    by_party = {party_id: row for (_, party_id), row in found.items()}
    return [by_party[p] for p in party_ids if p in by_party]


def newest_position_per_pair(
    session: Session, *, topic_ids: list[int], party_ids: list[int]
) -> dict[tuple[int, int], PositionRow]:
    """The newest position of every (topic, party) pair that has one, keyed by the pair, in one statement.

    A correlated subquery picks each pair's newest row with one probe of the (topic, party, as_of, id)
    index, so the cost follows the number of pairs asked about, not the positions stored, and a topic's
    answer costs one round trip instead of one per party.
    """
    if not topic_ids or not party_ids:
        return {}
    newest = aliased(Position)
    pick = (
        select(newest.id)
        .where(newest.topic_id == Topic.id, newest.party_id == Party.id)
        .order_by(col(newest.as_of).desc().nulls_last(), col(newest.id).desc())
        .limit(1)
        .correlate(Topic, Party)
        .scalar_subquery()
    )
    statement = (
        select(Position, Party, Topic, Article)
        .select_from(Topic)
        .join(Party, true())
        .join(Position, col(Position.id) == pick)
        .outerjoin(Article, col(Article.id) == Position.article_id)
        .where(col(Topic.id).in_(topic_ids), col(Party.id).in_(party_ids))
    )
    rows: dict[tuple[int, int], PositionRow] = {}
    for position, party, topic, article in session.exec(statement):
        assert topic.id is not None and party.id is not None
        rows[(topic.id, party.id)] = _position_row(position, party, topic, article)
    return rows


def parties_with_positions(session: Session, *, topic_id: int) -> list[int]:
    """Parties holding any position on the topic: one index probe per party, however many positions exist."""
    held = select(Position.id).where(Position.topic_id == topic_id, Position.party_id == Party.id).exists()
    return [party_id for party_id in session.exec(select(col(Party.id)).where(held)) if party_id is not None]


def newest_positions(session: Session, *, limit: int = 5) -> list[PositionRow]:
    statement = (
        _position_select()
        .order_by(col(Position.as_of).desc().nulls_last(), col(Position.id).desc())
        .limit(limit)
    )
    return [_position_row(*found) for found in session.exec(statement)]


def positions_by_ids(session: Session, *, ids: list[int]) -> list[PositionRow]:
    if not ids:
        return []
    rows = {
        r.id: r
        for r in (
            _position_row(*f) for f in session.exec(_position_select().where(col(Position.id).in_(ids)))
        )
    }
    return [rows[i] for i in ids if i in rows]


def latest_status(session: Session, *, topic_id: int) -> StatusRow | None:
    statement = (
        select(TopicStatus, Topic, Article)
        .join(Topic, col(Topic.id) == TopicStatus.topic_id)
        .outerjoin(Article, col(Article.id) == TopicStatus.article_id)
        .where(TopicStatus.topic_id == topic_id)
        .order_by(col(TopicStatus.as_of).desc().nulls_last(), col(TopicStatus.id).desc())
        .limit(1)
    )
    found = session.exec(statement).first()
    if not found:
        return None
    return status_row(*found)


def status_row(status: TopicStatus, topic: Topic, article: Article | None) -> StatusRow:
    return StatusRow(
        topic_slug=topic.slug,
        status=status.status,
        note=status.note,
        as_of=status.as_of,
        confidence=status.confidence,
        source=_source(article),
    )


def topics_overview(session: Session) -> list[TopicOverview]:
    """Every tracked topic with its current status and the date anything about it last changed.

    One statement: per topic, correlated subqueries pick the newest status, the newest quote date
    and, per party, the newest position date, each one index probe, so the cost follows the number
    of topics and parties rather than the archive. Topics are few, so they are ordered here.
    """
    status = aliased(TopicStatus)
    newest_status = (
        select(status.id)
        .where(status.topic_id == Topic.id)
        .order_by(col(status.as_of).desc().nulls_last(), col(status.id).desc())
        .limit(1)
        .correlate(Topic)
        .scalar_subquery()
    )
    last_quote = (
        select(col(QuoteTopic.reported_on))
        .where(QuoteTopic.topic_id == Topic.id)
        .order_by(col(QuoteTopic.reported_on).desc().nulls_last(), col(QuoteTopic.quote_id).desc())
        .limit(1)
        .correlate(Topic)
        .scalar_subquery()
    )
    party_last = (
        select(col(Position.as_of))
        .where(Position.topic_id == Topic.id, Position.party_id == Party.id)
        .order_by(col(Position.as_of).desc().nulls_last(), col(Position.id).desc())
        .limit(1)
        .correlate(Topic, Party)
        .scalar_subquery()
    )
    last_position = select(func.max(party_last)).select_from(Party).correlate(Topic).scalar_subquery()
    statement = (
        sa_select(Topic, TopicStatus, Article, last_quote, last_position)
        .select_from(Topic)
        .outerjoin(TopicStatus, col(TopicStatus.id) == newest_status)
        .outerjoin(Article, col(Article.id) == TopicStatus.article_id)
    )
    overview = []
    for topic, found, article, quoted, positioned in sorted(
        session.execute(statement).tuples(), key=lambda r: r[0].sort_order
    ):
        row = status_row(found, topic, article) if found is not None else None
        dates = [d for d in (quoted, positioned, found.as_of if found else None) if d]
        overview.append(
            TopicOverview(
                slug=topic.slug,
                name=topic.name,
                chapter=topic.chapter,
                status=row,
                last_change=max(dates) if dates else None,
            )
        )
    return overview


def quotes_by_party(session: Session, *, party_id: int, offset: int = 0, limit: int = 5) -> list[QuoteRow]:
    statement = (
        _quote_select()
        .where(Quote.party_id == party_id)
        .order_by(col(Quote.reported_on).desc().nulls_last(), col(Quote.id).desc())
        .offset(offset)
        .limit(limit)
    )
    return _in_reading_order(_quote_rows(session, statement))


def count_quotes_by_party(session: Session, *, party_id: int, cap: int = COUNT_CAP) -> int:
    # Ordered like the (party, date, id) index, for the reason given in count_quotes_by_person.
    inner = (
        select(Quote.id)
        .where(Quote.party_id == party_id)
        .order_by(col(Quote.party_id), col(Quote.reported_on), col(Quote.id))
        .limit(cap + 1)
    )
    return session.exec(select(func.count()).select_from(inner.subquery())).one()


# ---- narrowed quotes: what a plain question asks for (issue 11) ----------------------------------
# A person on a topic, a party on a topic, any of them within a window ("since" a date). Kept apart
# from the paths above so ranking work there and this narrowing do not step on each other.


def _narrowed(
    statement, *, topic_id: int | None, party_id: int | None, person_id: int | None, since: date | None
):
    statement = statement.where(col(Quote.in_scope), ~col(Quote.hidden))
    if topic_id is not None:
        statement = statement.where(
            col(Quote.id).in_(select(QuoteTopic.quote_id).where(QuoteTopic.topic_id == topic_id))
        )
    if party_id is not None:
        statement = statement.where(Quote.party_id == party_id)
    if person_id is not None:
        statement = statement.where(Quote.speaker_id == person_id)
    if since is not None:
        statement = statement.where(col(Quote.reported_on) >= since)
    return statement


def quotes_narrowed(
    session: Session,
    *,
    topic_id: int | None = None,
    party_id: int | None = None,
    person_id: int | None = None,
    since: date | None = None,
    offset: int = 0,
    limit: int = 5,
) -> list[QuoteRow]:
    """Newest quotes matching every filter given, e.g. ``quotes_narrowed(s, person_id=7, topic_id=2)``."""
    statement = _narrowed(
        _quote_select(), topic_id=topic_id, party_id=party_id, person_id=person_id, since=since
    ).order_by(col(Quote.reported_on).desc().nulls_last(), col(Quote.id).desc())
    return _in_reading_order(_quote_rows(session, statement.offset(offset).limit(limit)))


def count_quotes_narrowed(
    session: Session,
    *,
    topic_id: int | None = None,
    party_id: int | None = None,
    person_id: int | None = None,
    since: date | None = None,
    cap: int = COUNT_CAP,
) -> int:
    inner = _narrowed(
        select(Quote.id), topic_id=topic_id, party_id=party_id, person_id=person_id, since=since
    )
    return session.exec(select(func.count()).select_from(inner.limit(cap + 1).subquery())).one()


def positions_since(session: Session, *, since: date, limit: int = 5) -> list[PositionRow]:
    """The newest positions taken on or after ``since``."""
    statement = (
        _position_select()
        .where(col(Position.as_of) >= since)
        .order_by(col(Position.as_of).desc().nulls_last(), col(Position.id).desc())
        .limit(limit)
    )
    return [_position_row(*found) for found in session.exec(statement)]
