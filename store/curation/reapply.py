"""Re-applying editors' fixes after an article is read again and its quote rows are rewritten.

Called by the ingest writer inside the article's own transaction (savepoint), on its Core connection.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from store.curation.quotes import NTH, ROW_FIELDS
from store.extract.text import one_line
from store.models import Quote, QuoteCorrection, QuoteTopic, Topic

QUOTE_T = Quote.__table__  # type: ignore[attr-defined]
QUOTE_TOPIC_T = QuoteTopic.__table__  # type: ignore[attr-defined]
TOPIC_T = Topic.__table__  # type: ignore[attr-defined]
CORRECTION_T = QuoteCorrection.__table__  # type: ignore[attr-defined]
# A re-extracted quote whose words merely contain (or are contained in) the corrected words counts as
# the same span only when the overlap is this long: shorter, and "we agree" would match anything.
MIN_OVERLAP_CHARS = 20


def reapply_corrections(conn: Connection, article_id: int) -> int:
    """Apply this article's corrections to its (new) quote rows, in the caller's transaction.

    Each correction finds its span: the quote with the same words (nearest offset when the words occur
    twice), else one whose words contain or are contained in them. Applied oldest first, so when two
    editors fixed the same span the later fix wins. Returns how many quotes were touched.
    """
    c = CORRECTION_T.c
    corrections = list(
        conn.execute(
            select(c.char_offset, c.text, c.fields)
            .where(c.article_id == article_id)
            .order_by(c.updated_at, c.id)
        )
    )
    if not corrections:
        return 0
    q = QUOTE_T.c
    quotes = list(
        conn.execute(
            select(q.id, q.text, q.char_offset, q.reported_on, q.party_id, q.in_scope).where(
                q.article_id == article_id
            )
        )
    )
    topics = conn.execute(select(TOPIC_T.c.slug, TOPIC_T.c.id))
    topic_ids: dict[str, int] = {slug: tid for slug, tid in topics}
    touched = set()
    for offset, text, fields in corrections:
        found = _find_span(quotes, text, offset, fields.get(NTH))
        if found is None:
            continue
        row = {k: fields[k] for k in ROW_FIELDS if k in fields}
        if row:
            conn.execute(update(QUOTE_T).where(q.id == found.id).values(**row))
        party_id = row.get("party_id", found.party_id)
        in_scope = row.get("in_scope", found.in_scope)
        if "topics" in fields:
            conn.execute(delete(QUOTE_TOPIC_T).where(QUOTE_TOPIC_T.c.quote_id == found.id))
            links = [
                _link(found.id, topic_ids[s], found.reported_on, party_id, in_scope)
                for s in fields["topics"]
                if s in topic_ids
            ]
            if links:
                conn.execute(insert(QUOTE_TOPIC_T), links)
        else:
            conn.execute(
                update(QUOTE_TOPIC_T)
                .where(QUOTE_TOPIC_T.c.quote_id == found.id)
                .values(party_id=party_id, in_scope=in_scope)
            )
        touched.add(found.id)
    return len(touched)


def _find_span(quotes: list[Any], text: str, offset: int | None, nth: Any = None) -> Any:
    """The new row for a correction's span: the same words (exactly, else ignoring case), the same
    occurrence of them when they are quoted more than once; else words containing or contained in them."""
    same: list[Any] = []
    for key in (one_line, _caseless):
        wanted = key(text)
        same = sorted((r for r in quotes if key(r.text) == wanted), key=lambda r: (r.char_offset or 0, r.id))
        if same:
            break
    if isinstance(nth, int) and 0 <= nth < len(same) and len(same) > 1:
        return same[nth]  # the same words said twice: the occurrence keeps its rank when the text shifts
    wanted = _caseless(text)
    if not same and len(wanted) >= MIN_OVERLAP_CHARS:
        same = [
            r
            for r in quotes
            if min(len(_caseless(r.text)), len(wanted)) >= MIN_OVERLAP_CHARS
            and (wanted in _caseless(r.text) or _caseless(r.text) in wanted)
        ]
    if not same:
        return None
    return min(same, key=lambda r: abs((r.char_offset or 0) - (offset or 0)))


def _caseless(text: str) -> str:
    """The words whatever their case and spacing: a loose match."""
    return one_line(text).casefold()


def _link(quote_id: int, topic_id: int, reported_on: Any, party_id: Any, in_scope: Any) -> dict[str, Any]:
    return {
        "quote_id": quote_id,
        "topic_id": topic_id,
        "reported_on": reported_on,
        "party_id": party_id,
        "strength": 1.0,
        "in_scope": in_scope,
    }
