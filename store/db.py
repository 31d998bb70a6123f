"""The engine and the schema: built once at start-up, upgraded in place, never dropped.

SQLite is the embedded default and Postgres the scale-out store; the same code and the same Alembic
migrations serve both. SQLite runs in WAL mode so a reader never waits for the ingester, and its
transactions begin explicitly so a writer can ask for the write lock up front (``writer(engine)``)
instead of failing halfway when two processes upgrade a read to a write at once.

A store that breaks under a running process is let go of, not clung to: a pooled SQLite connection
whose file was deleted or replaced (a restore from backup) is discarded at checkout, a connection
that reports the file read-only, missing or damaged is invalidated with every older one
(``_BROKEN_SQLITE``), and a missing file is never silently re-created empty once the store exists.
``store_problem`` tells the health check about a missing, replaced or read-only file.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, exc, text
from sqlalchemy.engine import ExceptionContext, make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection
from sqlmodel import Session

log = logging.getLogger(__name__)

# Any constant works; it only has to be the same in every process that migrates this database.
_PG_MIGRATION_LOCK = 0x4E414654
# A pooled Postgres connection idle longer than this is pinged before use; one in steady use is not.
PING_AFTER_IDLE_SECONDS = 5.0
RECYCLE_SECONDS = 1800
# SQLite errors that say the connection's file is gone, read-only or damaged: the connection (and
# every one opened before it) is dropped, so the next checkout opens the file as it is now.
_BROKEN_SQLITE = (
    "readonly database",
    "disk i/o error",
    "unable to open database file",
    "database disk image is malformed",
    "file is not a database",
)


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """Create the engine for ``url``; for SQLite, create the file's folder and set the pragmas."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:" or parsed.database.startswith("file:"):
            engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False, "timeout": 30})
            _configure_sqlite(engine)
            return engine
        path = Path(parsed.database).expanduser().absolute()
        path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, echo=echo, creator=_sqlite_creator(path))
        _configure_sqlite(engine)
        _let_go_of_broken_files(engine, path)
        return engine
    # Room for every thread that may hold a connection at once: slash-command dispatch threads and
    # listener threads (16 each by default) and the digest workers (8).
    engine = create_engine(url, echo=echo, pool_size=10, max_overflow=30, pool_recycle=RECYCLE_SECONDS)
    _ping_after_idle(engine, PING_AFTER_IDLE_SECONDS)
    return engine


def _ping_after_idle(engine: Engine, idle_seconds: float) -> None:
    """Like ``pool_pre_ping``, but only for connections that sat idle in the pool for a while.

    ``pool_pre_ping`` pays a round trip at every checkout, which on a cached answer doubles what
    Postgres costs. A connection the server dropped (restart, idle timeout, failover) has usually
    been idle; one used a moment ago almost never is dead, and if it is, the first statement fails,
    SQLAlchemy discards every connection older than that failure, and readers retry once
    (``Librarian.revision``).
    """

    @event.listens_for(engine, "checkin")
    def _idle_from(_dbapi_connection: DBAPIConnection, record: ConnectionPoolEntry) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping_if_idle(
        dbapi_connection: DBAPIConnection, record: ConnectionPoolEntry, _proxy: PoolProxiedConnection
    ) -> None:
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < idle_seconds:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:
            raise exc.DisconnectionError() from error  # the pool discards it and checks out another


def _sqlite_creator(path: Path) -> Callable[[], sqlite3.Connection]:
    """Connections to ``path``; once the store exists, a missing file is an error, not a new store."""
    made = {"once": path.exists()}

    def connect() -> sqlite3.Connection:
        mode = "rw" if made["once"] else "rwc"
        conn = sqlite3.connect(
            f"file:{quote(str(path))}?mode={mode}", uri=True, check_same_thread=False, timeout=30
        )
        made["once"] = True
        return conn

    return connect


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino


def _let_go_of_broken_files(engine: Engine, path: Path) -> None:
    @event.listens_for(engine, "connect")
    def _remember_file(_dbapi_connection: DBAPIConnection, record: ConnectionPoolEntry) -> None:
        record.info["file_id"] = _file_id(path)

    @event.listens_for(engine, "checkout")
    def _same_file(
        _dbapi_connection: DBAPIConnection, record: ConnectionPoolEntry, _proxy: PoolProxiedConnection
    ) -> None:
        if record.info.get("file_id") != _file_id(path):
            raise exc.DisconnectionError("the store file was deleted or replaced")

    @event.listens_for(engine, "handle_error")
    def _broken(context: ExceptionContext) -> None:
        message = str(context.original_exception).lower()
        if any(sign in message for sign in _BROKEN_SQLITE):
            context.is_disconnect = True


def _driver_errors() -> tuple[type[Exception], ...]:
    errors: list[type[Exception]] = [exc.DBAPIError, exc.TimeoutError, sqlite3.Error]
    try:
        import psycopg
    except ImportError:  # a SQLite-only install (no `postgres` extra)
        pass
    else:
        errors.append(psycopg.Error)
    return tuple(errors)


# What a store that cannot be reached raises, wrapped by SQLAlchemy or straight from the driver
# (raw connections): callers that must still answer the user catch exactly these.
STORE_ERRORS: tuple[type[Exception], ...] = _driver_errors()


def store_problem(engine: Engine) -> str | None:
    """Why the store cannot take writes, when the file system says so (SQLite); None otherwise."""
    if not is_sqlite(engine):
        return None
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    path = Path(database).expanduser()
    try:
        mode = path.stat().st_mode
    except OSError:
        return f"the store file {path} is missing"
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK):
        return f"the store file {path} is read-only"
    if not os.access(path.parent, os.W_OK):
        return f"the store's folder {path.parent} is read-only"
    return None


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        dbapi_connection.isolation_level = None  # let SQLAlchemy's "begin" below issue BEGIN itself
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:

        mode = conn.get_execution_options().get("sqlite_begin", "")
        conn.exec_driver_sql(f"BEGIN {mode}".strip())


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def writer(engine: Engine) -> Engine:
    """The same engine, but SQLite transactions take the write lock at BEGIN (no-op on Postgres)."""
    return engine.execution_options(sqlite_begin="IMMEDIATE") if is_sqlite(engine) else engine


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """A session for one unit of writing: committed on success, rolled back entirely on error."""
    with Session(writer(engine)) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def is_raw_sql_object(name: str | None) -> bool:
    """Schema objects the migrations create in raw SQL (full-text search, Postgres-only orderings),
    which SQLAlchemy's metadata does not describe and autogenerate must leave alone."""
    return name is not None and (name.endswith("_fts") or "_fts_" in name or name.startswith("ix_pg_"))


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("store").joinpath("migrations")))
    return config


def head_revision() -> str:
    heads = ScriptDirectory.from_config(_alembic_config()).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"migrations have {len(heads)} heads: {heads}")
    return heads[0]


def schema_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine) -> bool:
    """Upgrade the schema to the newest revision; returns True when anything was applied.

    Safe with several processes starting at once: the upgrade runs under a database-wide lock
    (a Postgres advisory lock, SQLite's write lock) and re-reads the revision once it holds it.
    """
    head = head_revision()
    if schema_revision(engine) == head:
        return False
    config = _alembic_config()
    with writer(engine).begin() as conn:
        if not is_sqlite(engine):
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
        before = MigrationContext.configure(conn).get_current_revision()
        if before == head:
            return False
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
        log.info("database upgraded from %s to %s", before or "empty", head)
    return True
