"""What an export holds: a topic's status, each party's current position and its quotes, with sources.

Hidden quotes and bare fragments are never exported; quotes outside the negotiation only when asked.
Rows are plain values; ``store.curation.formats`` turns them into CSV, Markdown or JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from store.answers import queries as q
from store.models import Article, Party, Person, Quote, QuoteTopic, Topic

MAX_ROWS = 5000


@dataclass(frozen=True)
class ExportQuote:
    said_on: date | None
    reported_on: date | None
    speaker: str | None
    role: str | None
    party: str | None
    text: str
    topics: tuple[str, ...]
    outlet: str | None
    url: str | None
    verified: bool
    direct: bool
    in_scope: bool


@dataclass(frozen=True)
class Export:
    topic_slug: str
    topic_name: str
    chapter: str
    party_name: str | None
    since: date | None
    status: q.StatusRow | None
    positions: list[q.PositionRow]
    quotes: list[ExportQuote]
    truncated: bool


class ExportError(ValueError):
    """Unknown topic or party; the message says which."""


def build_export(
    session: Session,
    *,
    topic: str,
    party: str | None = None,
    since: date | None = None,
    include_out_of_scope: bool = False,
    limit: int = MAX_ROWS,
) -> Export:
    found = session.exec(select(Topic).where(Topic.slug == topic)).first()
    if found is None or found.id is None:
        raise ExportError(f"I don't track a topic called {topic!r}.")
    who = session.exec(select(Party).where(Party.slug == party)).first() if party else None
    if party and (who is None or who.id is None):
        raise ExportError(f"I don't track a party called {party!r}.")
    party_ids = [who.id] if who and who.id else [p for p in session.exec(select(Party.id)) if p is not None]
    newest = q.newest_position_per_pair(session, topic_ids=[found.id], party_ids=party_ids)
    positions = sorted(newest.values(), key=lambda p: (p.party_name, p.id))
    quotes = _quotes(session, found.id, who.id if who else None, since, include_out_of_scope, limit + 1)
    return Export(
        topic_slug=found.slug,
        topic_name=found.name,
        chapter=found.chapter,
        party_name=who.name if who else None,
        since=since,
        status=q.latest_status(session, topic_id=found.id),
        positions=positions,
        quotes=quotes[:limit],
        truncated=len(quotes) > limit,
    )


def _quotes(
    session: Session, topic_id: int, party_id: int | None, since: date | None, out_of_scope: bool, limit: int
) -> list[ExportQuote]:
    statement = (
        select(Quote, Person, Party, Article)
        .join(QuoteTopic, col(QuoteTopic.quote_id) == Quote.id)
        .join(Article, col(Article.id) == Quote.article_id)
        .outerjoin(Person, col(Person.id) == Quote.speaker_id)
        .outerjoin(Party, col(Party.id) == Quote.party_id)
        .where(QuoteTopic.topic_id == topic_id, col(Quote.hidden).is_(False), col(Quote.fragment).is_(False))
        .order_by(*q.READING_ORDER)
        .limit(limit)
    )
    if party_id is not None:
        statement = statement.where(Quote.party_id == party_id)
    if since is not None:
        statement = statement.where(col(Quote.reported_on) >= since)
    if not out_of_scope:
        statement = statement.where(col(Quote.in_scope).is_(True))
    found = list(session.exec(statement))
    topics = _topic_names(session, [quote.id for quote, *_ in found if quote.id is not None])
    return [
        ExportQuote(
            said_on=quote.said_on,
            reported_on=quote.reported_on,
            speaker=person.name if person else quote.speaker_label,
            role=person.role if person else None,
            party=party.name if party else None,
            text=quote.text,
            topics=topics.get(quote.id or 0, ()),
            outlet=article.outlet,
            url=article.url,
            verified=quote.verified,
            direct=quote.direct,
            in_scope=quote.in_scope,
        )
        for quote, person, party, article in found
    ]


def _topic_names(session: Session, quote_ids: list[int]) -> dict[int, tuple[str, ...]]:
    names: dict[int, list[str]] = {}
    for start in range(0, len(quote_ids), 500):
        rows = session.exec(
            select(QuoteTopic.quote_id, Topic.name)
            .join(Topic, col(Topic.id) == QuoteTopic.topic_id)
            .where(col(QuoteTopic.quote_id).in_(quote_ids[start : start + 500]))
            .order_by(col(Topic.sort_order))
        )
        for quote_id, name in rows:
            names.setdefault(quote_id, []).append(name)
    return {k: tuple(v) for k, v in names.items()}
