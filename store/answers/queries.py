"""Read queries behind every answer: keyword-only functions returning plain rows, never Slack text.

Each query is shaped to be answered from an index and a LIMIT, so its cost stays flat as the
archive grows: newest-first scans over (topic, date) and (speaker, date), one join for the speaker,
party and article of each quote (no per-row lookups), and counts that stop at a cap.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import ColumnElement, bindparam, case, func, literal_column, true
from sqlalchemy import Select as SaSelect
from sqlalchemy import select as sa_select
from sqlalchemy.orm import Mapped, aliased
from sqlmodel import Session, SQLModel, col, select
from sqlmodel.sql.expression import Select, SelectOfScalar

from store.models import Article, Party, Person, Position, Quote, QuoteTopic, Topic, TopicStatus

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

COUNT_CAP = 1000
Row = TypeVar("Row", bound="DataclassInstance")


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
    also: tuple[SourceRow, ...] = ()  # the same words reported elsewhere, folded into this line


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
    origin: str  # "bundled", "extracted", "curated" (an editor's)
    source: SourceRow | None
    quote_id: int | None = None
    party_id: int | None = None
    actor_party_id: int | None = None  # the party of the quote it was read from, when known
    earlier: PositionRow | None = None  # a reliable position it departs from ("Earlier: ...")


@dataclass(frozen=True)
class StatusRow:
    topic_slug: str
    status: str
    note: str | None
    as_of: date | None
    confidence: float
    source: SourceRow | None
    origin: str = "extracted"


@dataclass(frozen=True)
class TopicOverview:
    slug: str
    name: str
    chapter: str
    status: StatusRow | None
    last_change: date | None


def visible() -> list[ColumnElement[bool] | Mapped[bool]]:
    """What every answer and digest asks of a quote it shows: about the talks, not hidden, not a fragment."""
    return [col(Quote.in_scope), ~col(Quote.hidden), ~col(Quote.fragment)]


def copied(row_type: type[Row], record: SQLModel, /, **values: Any) -> Row:
    """A ``row_type`` from ``values`` and, for its other fields, ``record``'s columns of the same name.

    The one ORM-to-row copier: ``copied(SourceRow, article, article_id=article.id)`` takes outlet,
    title, url... from the article. A field whose name means something else on the model (a
    position's ``source`` is its origin, a row's is its article) must be given in ``values``.
    """
    for name in _shared_fields(row_type, type(record)):
        values.setdefault(name, getattr(record, name))
    return row_type(**values)


@cache
def _shared_fields(row_type: type[DataclassInstance], model: type[SQLModel]) -> tuple[str, ...]:
    return tuple(f.name for f in fields(row_type) if f.name in model.model_fields)


def _source(article: Article | None) -> SourceRow | None:
    if article is None or article.id is None:
        return None
    return copied(SourceRow, article, article_id=article.id)


def _quote_select() -> Select[Quote, Person, Party, Article]:
    return (
        select(Quote, Person, Party, Article)
        .join(Article, col(Article.id) == Quote.article_id)
        .outerjoin(Person, col(Person.id) == Quote.speaker_id)
        .outerjoin(Party, col(Party.id) == Quote.party_id)
        .where(col(Quote.hidden).is_(False))  # an editor hid it: never shown
    )


def _quote_rows(session: Session, statement: Select[Quote, Person, Party, Article]) -> list[QuoteRow]:
    rows = []
    for quote, person, party, article in session.exec(statement):
        source = _source(article)
        assert source is not None
        assert quote.id is not None
        rows.append(
            copied(
                QuoteRow,
                quote,
                speaker=person.name if person else quote.speaker_label,
                speaker_role=person.role if person else None,
                party_slug=party.slug if party else None,
                party_name=party.name if party else None,
                source=source,
            )
        )
    return rows


def _ids_on_topic(*, topic_id: int, party_id: int | None) -> SelectOfScalar[int]:
    """The ids of the quotes a topic shows (a party's, when given): the pages and the count read these."""
    statement = (
        select(QuoteTopic.quote_id)
        .join(Quote, col(Quote.id) == QuoteTopic.quote_id)
        .where(QuoteTopic.topic_id == topic_id, col(QuoteTopic.in_scope), *visible())
    )
    if party_id is not None:
        statement = statement.where(QuoteTopic.party_id == party_id)
    return statement


def _newest_quote_ids(
    session: Session, *, topic_id: int, party_id: int | None, offset: int, limit: int
) -> list[int]:
    statement = _ids_on_topic(topic_id=topic_id, party_id=party_id).order_by(
        col(QuoteTopic.reported_on).desc().nulls_last(), col(QuoteTopic.quote_id).desc()
    )
    return list(session.exec(statement.offset(offset).limit(limit)))


# Newest article first, and within one article the order its reader met the quotes. The one reading
# order: in SQL for a query that pages in it (``store.curation.export``), in Python (``_in_reading_order``)
# for a page chosen newest-first.
READING_ORDER = (col(Quote.reported_on).desc().nulls_last(), col(Quote.article_id).desc(), col(Quote.ordinal))


# How a page of quotes is chosen: the newest reported first (the (speaker|party, date, id) indexes).
_NEWEST_FIRST = (col(Quote.reported_on).desc().nulls_last(), col(Quote.id).desc())


def _in_reading_order(rows: list[QuoteRow]) -> list[QuoteRow]:
    """``READING_ORDER`` applied to rows already fetched."""
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
    """How many quotes a topic shows, counting no further than ``cap`` (the UI says "1000+")."""
    inner = _ids_on_topic(topic_id=topic_id, party_id=party_id)
    return session.exec(select(func.count()).select_from(inner.limit(cap + 1).subquery())).one()


def _speaker(*, person_id: int | None, party_id: int | None) -> tuple[Mapped[int | None], int]:
    """The quote column and value a by-person or by-party list filters on: exactly one must be given."""
    if person_id is not None and party_id is None:
        return col(Quote.speaker_id), person_id
    if party_id is not None and person_id is None:
        return col(Quote.party_id), party_id
    raise ValueError("name a person or a party, not both")


def quotes_by(
    session: Session,
    *,
    person_id: int | None = None,
    party_id: int | None = None,
    offset: int = 0,
    limit: int = 5,
) -> list[QuoteRow]:
    """A person's quotes, or a party's, newest first: ``quotes_by(s, party_id=3, offset=5)``."""
    column, value = _speaker(person_id=person_id, party_id=party_id)
    statement = (
        _quote_select()
        .where(column == value, *visible())
        .order_by(*_NEWEST_FIRST)
        .offset(offset)
        .limit(limit)
    )
    return _in_reading_order(_quote_rows(session, statement))


def count_quotes_by(
    session: Session, *, person_id: int | None = None, party_id: int | None = None, cap: int = COUNT_CAP
) -> int:
    """How many quotes ``quotes_by`` pages through, counting no further than ``cap``."""
    column, value = _speaker(person_id=person_id, party_id=party_id)
    # Ordered like the (speaker, date, id) and (party, date, id) indexes so Postgres counts off the
    # index; unordered, it bets on a table scan stopping early, which reads every quote when the
    # person's or party's are old or few.
    inner = (
        select(Quote.id)
        .where(column == value, *visible())
        .order_by(column, col(Quote.reported_on), col(Quote.id))
        .limit(cap + 1)
    )
    return session.exec(select(func.count()).select_from(inner.subquery())).one()


def newest_quotes(session: Session, *, limit: int = 5) -> list[QuoteRow]:
    statement = _quote_select().where(*visible()).order_by(*_NEWEST_FIRST).limit(limit)
    return _in_reading_order(_quote_rows(session, statement))


def quotes_by_ids(session: Session, *, ids: list[int]) -> list[QuoteRow]:
    if not ids:
        return []
    rows = {r.id: r for r in _quote_rows(session, _quote_select().where(col(Quote.id).in_(ids)))}
    return [rows[i] for i in ids if i in rows]


def position_row(
    position: Position, party: Party, topic: Topic, article: Article | None, actor: int | None = None
) -> PositionRow:
    assert position.id is not None
    return copied(
        PositionRow,
        position,
        party_slug=party.slug,
        party_name=party.name,
        topic_slug=topic.slug,
        topic_name=topic.name,
        origin=position.source,
        source=_source(article),
        actor_party_id=actor,
    )


_Evidence = aliased(Quote)
# Positions a reader can rely on without a second look: shipped with the bot, or recorded by an editor
# (the same list as store.models.RELIABLE_POSITIONS, which the partial index is built on).
RELIABLE_SOURCES = ("bundled", "curated", "editor")


def _position_select() -> SaSelect[Position, Party, Topic, Article, int | None]:
    return (
        sa_select(Position, Party, Topic, Article, col(_Evidence.party_id))
        .join(Party, col(Party.id) == Position.party_id)
        .join(Topic, col(Topic.id) == Position.topic_id)
        .outerjoin(Article, col(Article.id) == Position.article_id)
        .outerjoin(_Evidence, col(_Evidence.id) == Position.quote_id)
        .where(col(Position.retracted).is_(False))  # withdrawn or replaced by an editor
    )


def latest_positions(session: Session, *, topic_id: int, party_ids: list[int]) -> list[PositionRow]:
    """Each party's newest position on the topic, in ``party_ids`` order; parties without one are left out."""
    found = newest_position_per_pair(session, topic_ids=[topic_id], party_ids=party_ids)
    by_party = {party_id: row for (_, party_id), row in found.items()}
    return [by_party[p] for p in party_ids if p in by_party]


# A machine-read position the extractor was less sure of than this is never shown (search aside).
SHOWN_CONFIDENCE = 0.5


def shown_position(position: Any = Position) -> Any:
    """The condition on a position an answer may show: reliable, or machine-read with some confidence."""
    return col(position.retracted).is_(False) & (
        col(position.source).in_(RELIABLE_SOURCES)
        | col(position.verified)
        | (col(position.confidence) >= SHOWN_CONFIDENCE)
    )


def _pick(reliable_only: bool) -> Any:
    """A correlated pick of the (Topic, Party) pair's newest position: one probe of its index."""
    newest = aliased(Position)
    chosen = select(newest.id).where(
        newest.topic_id == Topic.id, newest.party_id == Party.id, col(newest.retracted).is_(False)
    )
    if not reliable_only:
        chosen = chosen.where(shown_position(newest))
    if reliable_only:
        # Literals, as in the partial index ix_position_reliable, so the planner can prove it applies.
        sources: list[Any] = [literal_column(f"'{s}'") for s in RELIABLE_SOURCES]
        chosen = chosen.where(col(newest.source).in_(sources) | col(newest.verified))
    return (
        chosen.order_by(col(newest.as_of).desc().nulls_last(), col(newest.id).desc())
        .limit(1)
        .correlate(Topic, Party)
        .scalar_subquery()
    )


@cache
def _pair_statement(picks: tuple[bool, ...]) -> Any:
    """Positions picked per (topic, party) pair (newest, and/or newest reliable), built once."""
    chosen = [_pick(reliable) for reliable in picks]
    return (
        sa_select(Position, Party, Topic, Article, col(_Evidence.party_id))
        .select_from(Topic)
        .join(Party, true())
        .join(Position, col(Position.id).in_(chosen) if len(chosen) > 1 else col(Position.id) == chosen[0])
        .outerjoin(Article, col(Article.id) == Position.article_id)
        .outerjoin(_Evidence, col(_Evidence.id) == Position.quote_id)
        .where(
            col(Topic.id).in_(bindparam("topics", expanding=True)),
            col(Party.id).in_(bindparam("parties", expanding=True)),
        )
    )


def _pair_positions(
    session: Session, topic_ids: list[int], party_ids: list[int], picks: tuple[bool, ...]
) -> Iterator[tuple[tuple[int, int], Position, PositionRow]]:
    found = session.execute(_pair_statement(picks), {"topics": topic_ids, "parties": party_ids})
    for position, party, topic, article, actor in found:
        assert topic.id is not None
        assert party.id is not None
        yield (topic.id, party.id), position, position_row(position, party, topic, article, actor)


def newest_position_per_pair(
    session: Session, *, topic_ids: list[int], party_ids: list[int], reliable_only: bool = False
) -> dict[tuple[int, int], PositionRow]:
    """The newest position of every (topic, party) pair that has one, keyed by the pair, in one statement.

    A correlated subquery picks each pair's newest row with one probe of the (topic, party, as_of, id)
    index, so the cost follows the number of pairs asked about, not the positions stored, and a topic's
    answer costs one round trip instead of one per party.
    """
    if not topic_ids or not party_ids:
        return {}
    return {pair: row for pair, _, row in _pair_positions(session, topic_ids, party_ids, (reliable_only,))}


def newest_and_reliable_per_pair(
    session: Session, *, topic_ids: list[int], party_ids: list[int]
) -> dict[tuple[int, int], tuple[PositionRow, PositionRow | None]]:
    """Per pair, its newest position and its newest reliable one (maybe the same row), in one statement."""
    if not topic_ids or not party_ids:
        return {}
    found: dict[tuple[int, int], list[tuple[Position, PositionRow]]] = {}
    for pair, position, row in _pair_positions(session, topic_ids, party_ids, (False, True)):
        found.setdefault(pair, []).append((position, row))
    paired = {}
    for pair, rows in found.items():
        newest = max(rows, key=lambda r: (r[0].as_of is not None, r[0].as_of or date.min, r[0].id or 0))[1]
        reliable = next((row for p, row in rows if p.source in RELIABLE_SOURCES or p.verified), None)
        paired[pair] = (newest, reliable)
    return paired


def parties_with_positions(session: Session, *, topic_id: int) -> list[int]:
    """Parties holding any position on the topic: one index probe per party, however many positions exist."""
    held = select(Position.id).where(Position.topic_id == topic_id, Position.party_id == Party.id).exists()
    return [party_id for party_id in session.exec(select(col(Party.id)).where(held)) if party_id is not None]


def newest_positions(session: Session, *, limit: int = 5) -> list[PositionRow]:
    statement = (
        _position_select()
        .where(shown_position())
        .order_by(col(Position.as_of).desc().nulls_last(), col(Position.id).desc())
        .limit(limit)
    )
    return [position_row(*found) for found in session.execute(statement)]


def positions_by_ids(session: Session, *, ids: list[int]) -> list[PositionRow]:
    if not ids:
        return []
    rows = {
        r.id: r
        for r in (
            position_row(*f) for f in session.execute(_position_select().where(col(Position.id).in_(ids)))
        )
    }
    return [rows[i] for i in ids if i in rows]


# A status read from the news counts once the extractor is at least this sure of it.
STATUS_CONFIDENT = 0.6


def _status_order(status: Any) -> tuple[Any, ...]:
    """Reliable statuses first (shipped, an editor's, or confidently read), then the newest of them."""
    shaky = case(
        (col(status.source).in_(RELIABLE_SOURCES) | (status.confidence >= STATUS_CONFIDENT), 0), else_=1
    )
    return (shaky, col(status.as_of).desc().nulls_last(), col(status.id).desc())


def latest_status(session: Session, *, topic_id: int) -> StatusRow | None:
    """The status that holds for a topic: the newest reliable one, else the newest of any."""
    statement = (
        select(TopicStatus, Topic, Article)
        .join(Topic, col(Topic.id) == TopicStatus.topic_id)
        .outerjoin(Article, col(Article.id) == TopicStatus.article_id)
        .where(TopicStatus.topic_id == topic_id, col(TopicStatus.retracted).is_(False))
        .order_by(*_status_order(TopicStatus))
        .limit(1)
    )
    found = session.exec(statement).first()
    if not found:
        return None
    return status_row(*found)


def status_row(status: TopicStatus, topic: Topic, article: Article | None) -> StatusRow:
    return copied(StatusRow, status, topic_slug=topic.slug, source=_source(article), origin=status.source)


def topics_overview(session: Session) -> list[TopicOverview]:
    """Every tracked topic with its current status and the date anything about it last changed.

    One statement: per topic, correlated subqueries pick the status that holds, the newest in-scope quote date
    and, per party, the newest position date, each one index probe, so the cost follows the number
    of topics and parties rather than the archive. Topics are few, so they are ordered here.
    """
    status = aliased(TopicStatus)
    newest_status = (
        select(status.id)
        .where(status.topic_id == Topic.id, col(status.retracted).is_(False))
        .order_by(*_status_order(status))
        .limit(1)
        .correlate(Topic)
        .scalar_subquery()
    )
    last_quote = (
        select(col(QuoteTopic.reported_on))
        .where(
            QuoteTopic.topic_id == Topic.id,
            col(QuoteTopic.in_scope),
            col(QuoteTopic.reported_on).is_not(None),
        )
        .order_by(col(QuoteTopic.reported_on).desc().nulls_last(), col(QuoteTopic.quote_id).desc())
        .limit(1)
        .correlate(Topic)
        .scalar_subquery()
    )
    party_last = (
        select(col(Position.as_of))
        .where(Position.topic_id == Topic.id, Position.party_id == Party.id, shown_position())
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
        session.execute(statement).all(), key=lambda r: r[0].sort_order
    ):
        row = status_row(found, topic, article) if found is not None else None
        dates = [d for d in (quoted, positioned, found.as_of if found else None) if d]
        overview.append(copied(TopicOverview, topic, status=row, last_change=max(dates) if dates else None))
    return overview


# ---- narrowed quotes: what a plain question asks for (issue 11) ----------------------------------
# A person on a topic, a party on a topic, any of them within a window ("since" a date). Kept apart
# from the paths above so ranking work there and this narrowing do not step on each other.


S = TypeVar("S", bound=SaSelect[*tuple[Any, ...]])


def _narrowed(
    statement: S, *, topic_id: int | None, party_id: int | None, person_id: int | None, since: date | None
) -> S:
    statement = statement.where(col(Quote.in_scope), ~col(Quote.hidden))
    if topic_id is not None:
        statement = statement.where(
            col(Quote.id).in_(select(QuoteTopic.quote_id).where(QuoteTopic.topic_id == topic_id))
        )
    if party_id is not None:
        statement = statement.where(col(Quote.party_id) == party_id)
    if person_id is not None:
        statement = statement.where(col(Quote.speaker_id) == person_id)
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
    ).order_by(*_NEWEST_FIRST)
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
    return [position_row(*found) for found in session.execute(statement)]
