"""Fill a store with N synthetic quotes, fast, leaving it exactly as the migrations define it.

Loading a million rows through the ORM would take most of the benchmark's time budget, so rows go
in bulk (``executemany`` on SQLite, ``COPY`` on Postgres) with the secondary indexes and full-text
triggers set aside and rebuilt afterwards from their own stored definitions: whatever the
migrations create is what the queries meet, FTS included. Ids are assigned by the generator, the
Postgres sequences are moved past them, and the data revision is bumped like any other writer.

A marker in ``storemeta`` records what was loaded, so a cached database is reused as is.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, func, select
from sqlmodel import Session

from bench.synth import Cast, Ids, generate
from store.db import is_sqlite, write_session
from store.models import Article, Party, Person, Position, Quote, StoreMeta, Topic, TopicStatus
from store.revision import bump_data_revision

log = logging.getLogger(__name__)

FILL_KEY = "bench_fill"
FILL_VERSION = 1
COLUMNS = {
    "person": ("id", "name", "role", "party_id", "gender", "aliases", "source"),
    "article": ("id", "title", "title_is_editorial", "outlet", "url", "published", "body", "content_hash",
                "source", "ingested_at"),
    "quote": ("id", "article_id", "ordinal", "text", "speaker_id", "speaker_label", "party_id", "context",
              "said_on", "reported_on", "direct", "confidence", "verified", "created_at"),
    "quotetopic": ("quote_id", "topic_id", "reported_on", "party_id"),
    "position": ("id", "party_id", "topic_id", "summary", "stance", "as_of", "article_id", "quote_id",
                 "confidence", "verified", "source", "recorded_at"),
    "topicstatus": ("id", "topic_id", "status", "note", "as_of", "article_id", "quote_id", "confidence",
                    "source", "recorded_at"),
}  # fmt: skip
SEQUENCED = ("person", "article", "quote", "position", "topicstatus")


def marker(quotes: int) -> str:
    return f"v{FILL_VERSION} quotes={quotes}"


def loaded(engine: Engine) -> str | None:
    with Session(engine) as session:
        row = session.get(StoreMeta, FILL_KEY)
        return row.value if row else None


def fill(engine: Engine, *, quotes: int) -> float:
    """Add ``quotes`` synthetic quotes with their articles, topics and positions; returns seconds taken."""
    started = time.perf_counter()
    cast, ids = _cast(engine)
    loader = _sqlite_load if is_sqlite(engine) else _postgres_load
    with loader(engine) as write:
        for desk in generate(cast, quotes=quotes, start_ids=ids):
            write("person", desk.people)
            write("article", desk.articles)
            write("quote", desk.quotes)
            write("quotetopic", desk.quote_topics)
            write("position", desk.positions)
            write("topicstatus", desk.statuses)
    with write_session(engine) as session:
        session.merge(StoreMeta(key=FILL_KEY, value=marker(quotes)))
        bump_data_revision(session)
    return time.perf_counter() - started


def _cast(engine: Engine) -> tuple[Cast, Ids]:
    with Session(engine) as session:
        topics = {slug: tid for tid, slug in session.execute(select(Topic.id, Topic.slug))}
        parties = {slug: pid for pid, slug in session.execute(select(Party.id, Party.slug))}
        people = {
            name: (pid, party)
            for pid, name, party in session.execute(
                select(Person.id, Person.name, Person.party_id).where(Person.source == "taxonomy")
            )
        }

        def top(model) -> int:  # type: ignore[no-untyped-def]
            return session.execute(select(func.coalesce(func.max(model.id), 0))).scalar_one()

        ids = Ids(top(Person), top(Article), top(Quote), top(Position), top(TopicStatus))
    return Cast(topics, parties, people), ids


def _sqlite_value(value: object) -> object:
    if isinstance(value, bool):
        return int(value)
    if hasattr(value, "hour"):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")  # type: ignore[attr-defined]
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[attr-defined]
    return value


@contextmanager
def _sqlite_load(engine: Engine) -> Iterator:  # type: ignore[type-arg]
    raw = engine.raw_connection()
    conn = raw.driver_connection
    assert conn is not None
    try:
        tables = tuple(COLUMNS)
        marks = ",".join("?" * len(tables))
        aside = conn.execute(
            f"SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
            f"AND tbl_name IN ({marks}) AND sql IS NOT NULL",
            tables,
        ).fetchall()
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("BEGIN IMMEDIATE")
        for kind, name, _ in aside:
            conn.execute(f"DROP {kind.upper()} {name}")

        def write(table: str, rows: Iterable[tuple]) -> None:
            cols = COLUMNS[table]
            sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
            conn.executemany(sql, ([_sqlite_value(v) for v in row] for row in rows))

        yield write
        for _, _, sql in aside:
            conn.execute(sql)
        for fts in ("quote_fts", "position_fts"):
            conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
        conn.execute("COMMIT")
        conn.execute("PRAGMA synchronous=NORMAL")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        raw.close()


_PG_SECONDARY_INDEXES = """
SELECT i.relname, pg_get_indexdef(i.oid)
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname = current_schema() AND t.relname = ANY(%s)
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
"""


@contextmanager
def _postgres_load(engine: Engine) -> Iterator:  # type: ignore[type-arg]
    raw = engine.raw_connection()
    conn = raw.driver_connection
    assert conn is not None
    try:
        with conn.cursor() as cur:
            cur.execute(_PG_SECONDARY_INDEXES, (list(COLUMNS),))
            aside = cur.fetchall()
            for name, _ in aside:
                cur.execute(f'DROP INDEX "{name}"')

            def write(table: str, rows: Iterable[tuple]) -> None:
                with cur.copy(f"COPY {table} ({', '.join(COLUMNS[table])}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)

            yield write
            cur.execute("SET maintenance_work_mem = '512MB'")
            for _, definition in aside:
                cur.execute(definition)
            for table in SEQUENCED:
                cur.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT coalesce(max(id), 1) FROM {table}))"
                )
        conn.commit()
        # What autovacuum would do soon after a bulk load: statistics for the planner, and the
        # visibility map that lets index-only scans skip the table.
        conn.autocommit = True
        with conn.cursor() as cur:
            for table in COLUMNS:
                cur.execute(f"VACUUM ANALYZE {table}")
        conn.autocommit = False
    except BaseException:
        conn.rollback()
        raise
    finally:
        raw.close()
