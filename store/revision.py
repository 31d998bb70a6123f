"""The data revision: a counter that changes whenever the knowledge changes, so readers can cache safely.

Every writer (bootstrap, ingestion, editors) calls ``bump_data_revision`` inside its transaction; a
reader compares ``data_revision`` with the one its cache was built at. One indexed row read is far
cheaper than rebuilding an answer, and it is correct across processes sharing the database. (The
schema's Alembic revision is another thing: ``store.db.schema_revision``.)
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, Integer, String, Table, cast, insert, select, update
from sqlalchemy.engine.interfaces import Dialect
from sqlmodel import Session

from store.models import StoreMeta

REVISION_KEY = "data_revision"
_META: Table = StoreMeta.__table__  # type: ignore[attr-defined]
_READ = select(_META.c.value).where(_META.c.key == REVISION_KEY)
_READ_SQL: dict[str, str] = {}  # dialect name -> the compiled read
_BUMP = (
    update(_META)
    .where(_META.c.key == REVISION_KEY)
    .values(value=cast(cast(_META.c.value, Integer) + 1, String))
)


def data_revision(bind: Session | Connection) -> int:
    """The data revision as ``bind`` sees it (0 before anything was stored)."""
    value = bind.execute(_READ).scalar()
    return int(value) if value is not None else 0


def bump_data_revision(bind: Session | Connection) -> int:
    """Increase the revision by one within the caller's transaction and return the new value."""
    conn = bind.connection() if isinstance(bind, Session) else bind
    if conn.execute(_BUMP).rowcount == 0:
        conn.execute(insert(_META).values(key=REVISION_KEY, value="1"))
        return 1
    if isinstance(bind, Session):
        bind.expire_all()  # a StoreMeta row the session holds is stale now
    return data_revision(conn)


class DisconnectedError(Exception):
    """The database server dropped the connection a read was made on."""


def read_data_revision(engine: Engine) -> int:
    """``data_revision`` on a pooled DBAPI connection, below SQLAlchemy's Connection.

    Through a Connection (events, result objects, and on SQLite BEGIN and ROLLBACK) the same
    indexed read costs several times as much, most of what a cached answer costs. Postgres reads it
    in autocommit, so one read is one round trip. A dropped connection is invalidated and raised as
    ``DisconnectedError``, so the caller can start again with fresh connections.
    """
    sqlite = engine.dialect.name == "sqlite"
    raw = engine.raw_connection()
    driver: Any = raw.driver_connection
    try:
        if not sqlite:
            driver.autocommit = True
        cursor = raw.cursor()
        cursor.execute(_read_sql(engine.dialect))
        row = cursor.fetchone()
        cursor.close()
    except engine.dialect.loaded_dbapi.Error as error:
        if engine.dialect.is_disconnect(error, driver, None):
            raw.invalidate(error)
            raise DisconnectedError from error
        raise
    finally:
        if not sqlite and raw.is_valid:
            driver.autocommit = False
        raw.close()
    return int(row[0]) if row else 0


def _read_sql(dialect: Dialect) -> str:
    """The revision read as SQL for ``dialect``, its key inlined: no driver placeholders to match."""
    sql = _READ_SQL.get(dialect.name)
    if sql is None:
        sql = _READ_SQL[dialect.name] = str(
            _READ.compile(dialect=dialect, compile_kwargs={"literal_binds": True})
        )
    return sql
