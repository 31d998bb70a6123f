"""The rows one article produces, and the bulk statements that write them.

Kept apart from the writer's transaction logic: this is the part that knows the schema.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, insert, or_, select, update

from store.extract import ArticleExtraction, ExtractedQuote
from store.extract.text import one_line
from store.models import (
    Article,
    Party,
    Person,
    Position,
    Quote,
    QuoteTopic,
    Topic,
    TopicStatus,
    utcnow,
)

# Core tables: writing through them skips the ORM's per-row bookkeeping, which dominates otherwise.
ARTICLE: Table = Article.__table__  # type: ignore[attr-defined]
PARTY: Table = Party.__table__  # type: ignore[attr-defined]
PERSON: Table = Person.__table__  # type: ignore[attr-defined]
TOPIC: Table = Topic.__table__  # type: ignore[attr-defined]
QUOTE: Table = Quote.__table__  # type: ignore[attr-defined]
QUOTE_TOPIC: Table = QuoteTopic.__table__  # type: ignore[attr-defined]
POSITION: Table = Position.__table__  # type: ignore[attr-defined]
STATUS: Table = TopicStatus.__table__  # type: ignore[attr-defined]

LOOKUP = select(ARTICLE.c.id, ARTICLE.c.content_hash, ARTICLE.c.url).where(
    or_(ARTICLE.c.content_hash == bindparam("h"), ARTICLE.c.url == bindparam("u"))
)
SAME_HASH = select(ARTICLE.c.id).where(ARTICLE.c.content_hash == bindparam("h"))
INSERT_ARTICLE = insert(ARTICLE).returning(ARTICLE.c.id)

# One row for a Core insert or update: column name -> value.
Row = dict[str, Any]


def person_row(q: ExtractedQuote, party_id: int | None) -> Row:
    assert q.speaker is not None  # only quotes with a named speaker get a person row
    return {
        "name": q.speaker[:200],
        "role": q.speaker_role[:300] if q.speaker_role else None,
        "party_id": party_id,
        "gender": q.speaker_gender,
        "aliases": [],
        "source": "extracted",
    }


def quote_row(
    q: ExtractedQuote,
    ordinal: int,
    article_id: int,
    speaker_id: int | None,
    party_id: int | None,
    published: date | None,
    now: datetime,
) -> Row:
    return {
        "article_id": article_id,
        "ordinal": ordinal,
        "text": q.text,
        "speaker_id": speaker_id,
        "speaker_label": q.speaker_label[:300] if q.speaker_label else None,
        "party_id": party_id,
        "context": q.context[:300] if q.context else None,
        "said_on": q.said_on or published,
        "reported_on": published,
        "direct": q.direct,
        "confidence": q.confidence,
        "rule": q.rule,
        "fragment": q.fragment,
        "verified": False,
        "in_scope": q.nafta,
        "char_offset": q.offset,
        "created_at": now,
    }


def topic_rows(
    q: ExtractedQuote, quote_id: int, topics: dict[str, int], reported_on: date | None, party_id: int | None
) -> list[Row]:
    """The quote's own topics, each with how strongly the quote is about it."""
    strengths = q.topic_strengths or (1.0,) * len(q.topics)
    return [
        {
            "quote_id": quote_id,
            "topic_id": topics[slug],
            "reported_on": reported_on,
            "party_id": party_id,
            "strength": strength,
            "in_scope": q.nafta,
        }
        for slug, strength in dict(zip(q.topics, strengths, strict=False)).items()
        if slug in topics
    ]


def clean_sentence(text: str, limit: int = 600) -> str:
    """One line, single spaces, no dateline, clipped at a word: what a position's summary shows.

    >>> clean_sentence("WASHINGTON (Reuters) - Canada  rejected the demand.")
    'Canada rejected the demand.'
    """
    text = _DATELINE.sub("", one_line(text))
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def position_rows(
    result: ArticleExtraction,
    article_id: int,
    published: date | None,
    parties: dict[str, int],
    topics: dict[str, int],
) -> list[Row]:
    rows, seen = [], set()
    for s in result.statements:
        k = (s.party, s.topic, s.text)
        if k in seen or s.party not in parties or s.topic not in topics:
            continue
        seen.add(k)
        rows.append(
            {
                "party_id": parties[s.party],
                "topic_id": topics[s.topic],
                "summary": clean_sentence(s.text),
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
    return rows


def status_rows(
    result: ArticleExtraction, article_id: int, published: date | None, topics: dict[str, int]
) -> list[Row]:
    rows, seen = [], set()
    for s in result.statuses:
        if s.topic not in topics or (s.topic, s.status) in seen:
            continue
        seen.add((s.topic, s.status))
        rows.append(
            {
                "topic_id": topics[s.topic],
                "status": s.status,
                "note": clean_sentence(s.text),
                "as_of": published,
                "article_id": article_id,
                "quote_id": None,
                "confidence": min(s.confidence, 0.9),
                "source": "extracted",
                "recorded_at": utcnow(),
            }
        )
    return rows


def clear_extracted(
    conn: Connection, article_id: int, keep: Iterable[int] = (), keep_topics: Iterable[int] = ()
) -> None:
    """Remove what an earlier version of this article produced, children first. The quotes in ``keep``
    stay (the writer updates them in place, so their ids and whatever refers to them survive); those in
    ``keep_topics`` (an editor touched them) also keep their topic rows."""
    kept, untouched = list(keep), list(keep_topics)
    quotes = QUOTE.c
    gone = select(quotes.id).where(quotes.article_id == article_id, quotes.id.not_in(kept)).scalar_subquery()
    retopic = (
        select(quotes.id)
        .where(quotes.article_id == article_id, quotes.id.not_in(untouched))
        .scalar_subquery()
    )
    conn.execute(delete(QUOTE_TOPIC).where(QUOTE_TOPIC.c.quote_id.in_(retopic)))
    conn.execute(
        delete(POSITION).where(POSITION.c.article_id == article_id, POSITION.c.source == "extracted")
    )
    conn.execute(update(POSITION).where(POSITION.c.quote_id.in_(gone)).values(quote_id=None))
    conn.execute(delete(STATUS).where(STATUS.c.article_id == article_id, STATUS.c.source == "extracted"))
    conn.execute(update(STATUS).where(STATUS.c.quote_id.in_(gone)).values(quote_id=None))
    conn.execute(delete(QUOTE).where(quotes.article_id == article_id, quotes.id.not_in(kept)))


def stored_quotes(conn: Connection, article_id: int) -> list[tuple[int, int | None, str, bool]]:
    """(id, char_offset, text, touched) of an article's stored quotes; touched: an editor verified or
    hid it."""
    q = QUOTE.c
    rows = conn.execute(
        select(q.id, q.char_offset, q.text, q.verified, q.hidden).where(q.article_id == article_id)
    )
    return [(i, off, text, bool(verified or hidden)) for i, off, text, verified, hidden in rows]


def match_quotes(
    stored: list[tuple[int, int | None, str, bool]], new_quotes: Sequence[ExtractedQuote]
) -> dict[int, tuple[int, bool]]:
    """New quote index -> (stored id, touched) for the quotes that are the same words: same offset and
    text first, then the same text anywhere in the article (an edit above it moved it)."""
    by_place = {(off, words): (i, touched) for i, off, words, touched in stored}
    by_text: dict[str, list[tuple[int, bool]]] = {}
    for i, _off, words, touched in stored:
        by_text.setdefault(words, []).append((i, touched))
    out: dict[int, tuple[int, bool]] = {}
    used: set[int] = set()
    for n, q in enumerate(new_quotes):
        hit = by_place.get((q.offset, q.text))
        if hit and hit[0] not in used:
            out[n] = hit
            used.add(hit[0])
    for n, q in enumerate(new_quotes):
        if n in out:
            continue
        hit = next((h for h in by_text.get(q.text, ()) if h[0] not in used), None)
        if hit:
            out[n] = hit
            used.add(hit[0])
    return out


# "WASHINGTON (Reuters) - ", "OTTAWA, Ont. — ": where the story was filed, not part of the sentence.
_DATELINE = re.compile(r"^[A-Z][A-Z .,/'-]{2,40}(?:,\s*[A-Z][\w.]*\.?)?(?:\s*\([^)]{1,30}\))?\s*[-–—]+\s+")


def names(rows: Iterable[Row]) -> list[str]:

    return [r["name"] for r in rows]
