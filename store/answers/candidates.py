"""The quotes an answer may show, fetched as a bounded slice and ranked by ``store.answers.ranking``.

Each answer reads at most ``CANDIDATES`` of the newest visible quotes from the index that serves
it ((topic, date), (speaker, date), (party, date) or (date)), plus up to ``UNDATED`` quotes with no
date, then ranks them in Python: the cost stays flat as the archive grows. Pages past the ranked
slice go on by date from where the slice ended.

Visible means about the negotiation (``in_scope``), not hidden by an editor and not a bare fragment:
those never appear outside ``search``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import Integer, bindparam, func, literal
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from store.answers.queries import QuoteRow, SourceRow, quotes_by_ids, visible
from store.answers.ranking import Candidate, Group, dedupe, rank, speaker_tier
from store.models import Article, Person, Quote, QuoteTopic

CANDIDATES = 200
UNDATED = 50
LATEST_CANDIDATES = 60


@dataclass(frozen=True)
class Slice:
    """Ranked, deduplicated lines, and whether the fetch stopped at its bound (more lie beyond)."""

    groups: list[Group]
    bounded: bool


def _best_strength() -> Any:
    # The quote's strongest topic link: one probe of quotetopic's primary key per candidate.
    found = (
        sa_select(func.max(col(QuoteTopic.strength)))
        .where(col(QuoteTopic.quote_id) == col(Quote.id))
        .correlate(Quote)
        .scalar_subquery()
    )
    return func.coalesce(found, 0.0)


def _select(strength: Any) -> Any:
    return (
        sa_select(
            *(
                col(c)
                for c in (
                    Quote.id,
                    Quote.text,
                    Quote.speaker_id,
                    Quote.speaker_label,
                    Person.role,
                    Person.source,
                    Quote.direct,
                    Quote.said_on,
                    Quote.reported_on,
                    Article.published,
                    Quote.article_id,
                )
            ),
            strength.label("strength"),
        )
        .select_from(Quote)
        .join(Article, col(Article.id) == Quote.article_id)
        .outerjoin(Person, col(Person.id) == Quote.speaker_id)
        .where(*visible())
    )


def _candidates(session: Session, statement: Any, values: dict[str, int] | None = None) -> list[Candidate]:
    found = []
    for row in session.execute(statement, values or {}):
        (qid, text, speaker_id, label, role, source, direct, said, reported, published, article, strength) = (
            row
        )
        found.append(
            Candidate(
                id=qid,
                text=text,
                speaker_key=f"p:{speaker_id}" if speaker_id else f"l:{(label or '').casefold()}",
                tier=speaker_tier(person_source=source, role=role, label=label),
                direct=bool(direct),
                strength=float(strength or 0.0),
                day=said or reported or published,
                article_id=article,
            )
        )
    return found


@cache
def _statements(kind: str) -> tuple[Any, Any]:
    """(dated, undated) statements of one kind of slice, built once; the values come as parameters.

    Building a statement costs more than running it against the index, so each is built on first use.
    """
    day: Any
    ident: Any
    if kind in {"topic", "topic+party"}:
        base = (
            _select(col(QuoteTopic.strength))
            .join(QuoteTopic, col(QuoteTopic.quote_id) == Quote.id)
            .where(col(QuoteTopic.topic_id) == bindparam("key"), col(QuoteTopic.in_scope))
        )
        if kind == "topic+party":
            base = base.where(col(QuoteTopic.party_id) == bindparam("party"))
        day, ident = col(QuoteTopic.reported_on), col(QuoteTopic.quote_id)
    else:
        base = _select(_best_strength())
        if kind == "person":
            base = base.where(col(Quote.speaker_id) == bindparam("key"))
        elif kind == "party":
            base = base.where(col(Quote.party_id) == bindparam("key"))
        day, ident = col(Quote.reported_on), col(Quote.id)
    limit = bindparam("n", type_=Integer)
    dated = base.where(day.is_not(None)).order_by(day.desc(), ident.desc()).limit(limit)
    undated = base.where(day.is_(None)).order_by(ident.desc()).limit(bindparam("u", type_=Integer))
    return dated, undated


def _slice(session: Session, kind: str, limit: int, **values: int) -> Slice:
    dated, undated = _statements(kind)
    newest = _candidates(session, dated, {**values, "n": limit})
    found = newest + _candidates(session, undated, {**values, "u": UNDATED})
    return Slice(dedupe(rank(found)), len(newest) >= limit)


def topic_slice(session: Session, *, topic_id: int, party_id: int | None = None) -> Slice:
    if party_id is None:
        return _slice(session, "topic", CANDIDATES, key=topic_id)
    return _slice(session, "topic+party", CANDIDATES, key=topic_id, party=party_id)


def person_slice(session: Session, *, person_id: int) -> Slice:
    return _slice(session, "person", CANDIDATES, key=person_id)


def party_slice(session: Session, *, party_id: int) -> Slice:
    return _slice(session, "party", CANDIDATES, key=party_id)


def latest_slice(session: Session) -> Slice:
    """The newest visible quotes, ranked among themselves: ``latest`` stays about what is new."""
    return _slice(session, "latest", LATEST_CANDIDATES)


def ids_slice(session: Session, *, ids: list[int], topic_id: int | None = None) -> Slice:
    """Given quotes (a digest's arrivals), the visible ones ranked; strength for ``topic_id`` if given."""
    if not ids:
        return Slice([], False)
    if topic_id is None:
        strength: Any = _best_strength()
    else:
        strength = func.coalesce(
            sa_select(col(QuoteTopic.strength))
            .where(col(QuoteTopic.quote_id) == col(Quote.id), col(QuoteTopic.topic_id) == topic_id)
            .correlate(Quote)
            .scalar_subquery(),
            literal(0.0),
        )
    found: list[Candidate] = []
    for start in range(0, len(ids), 500):
        found += _candidates(session, _select(strength).where(col(Quote.id).in_(ids[start : start + 500])))
    return Slice(dedupe(rank(found)), False)


def page(session: Session, slice_: Slice, *, offset: int, limit: int) -> list[QuoteRow]:
    """Rows for ``limit`` lines from ``offset``, each carrying the sources of the copies folded into it."""
    groups = slice_.groups[offset : offset + limit]
    wanted = [g.best.id for g in groups] + [i for g in groups for i in g.others]
    rows = {r.id: r for r in quotes_by_ids(session, ids=wanted)}
    shown = []
    for group in groups:
        row = rows.get(group.best.id)
        if row is None:
            continue
        also = _other_sources(row.source, [rows[i].source for i in group.others if i in rows])
        shown.append(replace(row, also=also) if also else row)
    return shown


def _other_sources(first: SourceRow, sources: list[SourceRow]) -> tuple[SourceRow, ...]:
    seen = {first.article_id}
    kept = []
    for source in sources:
        if source.article_id not in seen:
            seen.add(source.article_id)
            kept.append(source)
    return tuple(kept)


def line_total(slice_: Slice, counted: int) -> int:
    """How many lines the answer has: the ranked slice's when it holds everything, else the count."""
    return counted if slice_.bounded else len(slice_.groups)


def undated(row: QuoteRow) -> bool:
    return (row.said_on or row.reported_on or row.source.published) is None


def shown_day(row: QuoteRow) -> date | None:
    """The date an answer prints for a quote: when it was said, else reported, else published."""
    return row.said_on or row.reported_on or row.source.published
