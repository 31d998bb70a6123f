"""Full-text search over quotes and position summaries, on whichever database is behind the engine.

SQLite answers from the FTS5 tables the migrations keep in step with ``quote`` and ``position``
(porter stemming: "quotas" finds "quota"); Postgres from GIN indexes on stored
``to_tsvector('english', ...)`` columns (migration 0004), which stem the same way.

What comes first: quotes holding every word (a "quoted phrase" as a phrase), ranked by the
database's own relevance (FTS5 ``bm25``, Postgres ``ts_rank``); then quotes holding any of the
words, ranked the same way. The last bare word also matches as a prefix, since people stop typing
early. Ranking is done over at most ``WINDOW`` of the newest matches of each kind, so a common word
costs no more at a million quotes than at a thousand.

User words are reduced to plain alphanumeric terms before they reach either engine, so no query
syntax (or SQL) can be injected. Search is the one place out-of-scope quotes and fragments may be
found; quotes an editor hid never are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from store.answers.queries import COUNT_CAP, PositionRow, QuoteRow, positions_by_ids, quotes_by_ids

_TERM = re.compile(r"[^\W_]+", re.UNICODE)
_PHRASE = re.compile(r"\"([^\"]*)\"|“([^”]*)”")
MAX_TERMS = 8
WINDOW = 1000
# Postgres: how many of the newest rows are tested before the GIN index is asked for every match.
RECENT_ROWS = 5000
# Rows each searched table never shows (an editor hid them).
HIDDEN: dict[str, str] = {"quote": "NOT t.hidden", "position": "1 = 1"}


@dataclass(frozen=True)
class SearchResult:
    terms: tuple[str, ...]
    quotes: list[QuoteRow]
    positions: list[PositionRow]
    quote_total: int  # capped at COUNT_CAP + 1
    position_total: int


@dataclass(frozen=True)
class Terms:
    """What was asked: single words, and phrases (each a tuple of words) typed in quotes."""

    words: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]

    def __bool__(self) -> bool:
        return bool(self.words or self.phrases)

    @property
    def all(self) -> tuple[str, ...]:
        return (*self.words, *(w for p in self.phrases for w in p))


def search_terms(words: str) -> Terms:
    """'"rules of origin" canada' -> words ('canada',), phrases (('rules', 'of', 'origin'),)."""
    phrases = []
    for match in _PHRASE.finditer(words):
        found = tuple(t.casefold() for t in _TERM.findall(match.group(1) or match.group(2) or ""))
        if found:
            phrases.append(found[:MAX_TERMS])
    rest = _PHRASE.sub(" ", words)
    single = tuple(t.casefold() for t in _TERM.findall(rest))
    return Terms(single[:MAX_TERMS], tuple(phrases[:MAX_TERMS]))


def search(session: Session, *, words: str, limit: int = 5, offset: int = 0) -> SearchResult:
    terms = search_terms(words)
    if not terms:
        return SearchResult((), [], [], 0, 0)
    find = _sqlite_ids if session.get_bind().dialect.name == "sqlite" else _postgres_ids
    quote_ids, quote_total = find(session, "quote", "text", terms, limit, offset)
    position_ids, position_total = find(session, "position", "summary", terms, limit, offset)
    return SearchResult(
        terms=terms.all,
        quotes=quotes_by_ids(session, ids=quote_ids),
        positions=positions_by_ids(session, ids=position_ids),
        quote_total=quote_total,
        position_total=position_total,
    )


def _best_first(every: list[int], some: list[int], limit: int, offset: int) -> list[int]:
    seen = set(every)
    ordered = every + [i for i in some if i not in seen]
    return ordered[offset : offset + limit]


def _sqlite_query(terms: Terms, joiner: str) -> str:
    # Terms are plain alphanumerics (``search_terms``), so quoting them cannot break out of a string.
    items = ['"' + " ".join(p) + '"' for p in terms.phrases]
    words = [f'"{w}"' for w in terms.words]
    if words:
        words[-1] += "*"
    return f" {joiner} ".join([*words, *items])


def _sqlite_ids(
    session: Session, table: str, column: str, terms: Terms, limit: int, offset: int
) -> tuple[list[int], int]:

    fts = f"{table}_fts"
    hits = f"{fts} JOIN {table} t ON t.id = {fts}.rowid WHERE {fts} MATCH :m AND {HIDDEN[table]}"
    ranked = (
        f"SELECT id FROM (SELECT t.id AS id, bm25({fts}) AS score FROM {hits} "
        f"ORDER BY {fts}.rowid DESC LIMIT :w) ORDER BY score, id DESC"
    )
    every_query = _sqlite_query(terms, "AND")
    some_query = _sqlite_query(terms, "OR")
    every = list(session.execute(text(ranked), {"m": every_query, "w": WINDOW}).scalars())
    some = (
        []
        if len(every) >= offset + limit
        else list(session.execute(text(ranked), {"m": some_query, "w": WINDOW}).scalars())
    )
    total = session.execute(
        text(f"SELECT count(*) FROM (SELECT 1 FROM {hits} LIMIT :cap)"),
        {"m": some_query, "cap": COUNT_CAP + 1},
    ).scalar_one()
    return _best_first(every, some, limit, offset), total


def _postgres_query(terms: Terms, joiner: str) -> str:
    words = list(terms.words)
    if words:
        words[-1] += ":*"
    items = [*words, *("(" + " <-> ".join(p) + ")" for p in terms.phrases)]
    return f" {joiner} ".join(items)


def _postgres_ids(
    session: Session, table: str, column: str, terms: Terms, limit: int, offset: int
) -> tuple[list[int], int]:
    """All-words then any-word matches, each ranked by ``ts_rank`` among a bounded set of the newest.

    Left to itself the planner walks the primary key backwards testing each row, which is instant
    for a common word and reads the whole table for a word nobody said (35 s at a million quotes).
    So matches are looked for among the newest rows first (a cheap test against the stored vector),
    and only when they hold too few is the GIN index asked for all of them: then there are few.
    The capped count always comes from the GIN index, which stops after ``COUNT_CAP`` rows.
    """
    hidden = HIDDEN[table]
    match = f"t.{column}_fts @@ to_tsquery('english', :q)"
    rank = f"ts_rank(t.{column}_fts, to_tsquery('english', :q))"

    def scalars(sql: str, query: str) -> list[Any]:
        params = {"q": query, "w": WINDOW, "cap": COUNT_CAP + 1}
        return list(session.execute(text(sql), params).scalars())

    def ranked(query: str) -> list[int]:
        recent = f"(SELECT * FROM {table} ORDER BY id DESC LIMIT {RECENT_ROWS}) AS t"
        found = scalars(
            f"SELECT id FROM {recent} WHERE {match} AND {hidden} ORDER BY {rank} DESC, id DESC LIMIT :w",
            query,
        )
        if len(found) < offset + limit:
            # "id + 0": sort the index's matches rather than walk the primary key through non-matches.
            inner = (
                f"SELECT t.id, {rank} AS r FROM {table} t WHERE {match} AND {hidden} "
                "ORDER BY t.id + 0 DESC LIMIT :w"
            )
            found = scalars(f"SELECT id FROM ({inner}) AS hits ORDER BY r DESC, id DESC", query)
        return found

    every = ranked(_postgres_query(terms, "&"))
    any_query = _postgres_query(terms, "|")
    some = [] if len(every) >= offset + limit else ranked(any_query)
    # With a LIMIT the planner may bet on a scan stopping early, which reads every row when the
    # word is rare; with only bitmap scans allowed, the count reads the index and COUNT_CAP rows.
    session.execute(text("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off"))
    try:
        total = scalars(
            f"SELECT count(*) FROM (SELECT 1 FROM {table} t WHERE {match} AND {hidden} LIMIT :cap) AS hits",
            any_query,
        )[0]
    finally:
        session.execute(text("SET LOCAL enable_seqscan = on; SET LOCAL enable_indexscan = on"))
    return _best_first(every, some, limit, offset), total
