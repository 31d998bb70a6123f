"""Full-text search over quotes and position summaries, on whichever database is behind the engine.

SQLite answers from the FTS5 tables the migrations keep in step with ``quote`` and ``position``;
Postgres from GIN indexes on stored ``to_tsvector('english', ...)`` columns (migration 0004).
User words are reduced to plain alphanumeric terms before they reach either engine, so no query
syntax (or SQL) can be injected.
Matches come newest first (by row id), which needs no scoring of every hit at a million quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from store.queries import COUNT_CAP, PositionRow, QuoteRow, positions_by_ids, quotes_by_ids

_TERM = re.compile(r"[^\W_]+", re.UNICODE)
MAX_TERMS = 8
# Postgres: how many of the newest rows are tested before the GIN index is asked for every match.
RECENT_ROWS = 5000


@dataclass(frozen=True)
class SearchResult:
    terms: tuple[str, ...]
    quotes: list[QuoteRow]
    positions: list[PositionRow]
    quote_total: int  # capped at COUNT_CAP + 1
    position_total: int


def search_terms(words: str) -> tuple[str, ...]:
    return tuple(t.casefold() for t in _TERM.findall(words))[:MAX_TERMS]


def search(session: Session, *, words: str, limit: int = 5, offset: int = 0) -> SearchResult:
    terms = search_terms(words)
    if not terms:
        return SearchResult(terms, [], [], 0, 0)
    find = _sqlite_ids if session.get_bind().dialect.name == "sqlite" else _postgres_ids
    quote_ids, quote_total = find(session, "quote", "text", terms, limit, offset)
    position_ids, position_total = find(session, "position", "summary", terms, limit, offset)
    return SearchResult(
        terms=terms,
        quotes=quotes_by_ids(session, ids=quote_ids),
        positions=positions_by_ids(session, ids=position_ids),
        quote_total=quote_total,
        position_total=position_total,
    )


def _sqlite_ids(session: Session, table: str, column: str, terms: tuple[str, ...], limit: int, offset: int):
    # Every term must match; the last one also as a prefix, since people stop typing early.
    match = " ".join(f'"{t}"' for t in terms[:-1]) + f' "{terms[-1]}"*'
    ids = session.execute(
        text(
            f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH :m ORDER BY rowid DESC LIMIT :n OFFSET :o"
        ),
        {"m": match.strip(), "n": limit, "o": offset},
    ).scalars()
    total = session.execute(
        text(f"SELECT count(*) FROM (SELECT 1 FROM {table}_fts WHERE {table}_fts MATCH :m LIMIT :cap)"),
        {"m": match.strip(), "cap": COUNT_CAP + 1},
    ).scalar_one()
    return list(ids), total


def _postgres_ids(
    session: Session, table: str, column: str, terms: tuple[str, ...], limit: int, offset: int
) -> tuple[list[int], int]:
    """Newest matches first, with a cost bounded for common and absent words alike.

    Left to itself the planner walks the primary key backwards testing each row, which is instant
    for a common word and reads the whole table for a word nobody said (35 s at a million quotes).
    So the page is looked for among the newest rows first (a cheap test against the stored vector),
    and only when they hold too few matches is the GIN index asked for all of them: then there are
    few. The capped count always comes from the GIN index, which stops after ``COUNT_CAP`` rows.
    """
    query = " & ".join((*terms[:-1], terms[-1] + ":*"))
    match = f"{column}_fts @@ to_tsquery('english', :q)"
    params = {"q": query, "n": limit, "o": offset, "cap": COUNT_CAP + 1}

    def scalars(sql: str) -> list[Any]:
        return list(session.execute(text(sql), params).scalars())

    recent = f"(SELECT id, {column}_fts FROM {table} ORDER BY id DESC LIMIT {RECENT_ROWS}) AS recent"
    ids = scalars(f"SELECT id FROM {recent} WHERE {match} ORDER BY id DESC LIMIT :n OFFSET :o")
    if len(ids) < limit:
        # "id + 0": sort the index's matches rather than walk the primary key through non-matches.
        ids = scalars(f"SELECT id FROM {table} WHERE {match} ORDER BY id + 0 DESC LIMIT :n OFFSET :o")
    # With a LIMIT the planner may bet on a scan stopping early, which reads every row when the
    # word is rare; with only bitmap scans allowed, the count reads the index and COUNT_CAP rows.
    session.execute(text("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off"))
    try:
        total = scalars(f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {match} LIMIT :cap) AS hits")[0]
    finally:
        session.execute(text("SET LOCAL enable_seqscan = on; SET LOCAL enable_indexscan = on"))
    return ids, total
