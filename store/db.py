"""The engine and the schema: built once at start-up, upgraded in place, never dropped.

SQLite is the embedded default and Postgres the scale-out store; the same code and the same Alembic
migrations serve both. SQLite runs in WAL mode so a reader never waits for the ingester, and its
transactions begin explicitly so a writer can ask for the write lock up front (``writer(engine)``)
instead of failing halfway when two processes upgrade a read to a write at once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, exc, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

log = logging.getLogger(__name__)

# Any constant works; it only has to be the same in every process that migrates this database.
_PG_MIGRATION_LOCK = 0x4E414654
# A pooled Postgres connection idle longer than this is pinged before use; one in steady use is not.
PING_AFTER_IDLE_SECONDS = 5.0
RECYCLE_SECONDS = 1800


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """Create the engine for ``url``; for SQLite, create the file's folder and set the pragmas."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False, "timeout": 30})
        _configure_sqlite(engine)
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
    def _idle_from(_dbapi_connection, record):
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping_if_idle(dbapi_connection, record, _proxy):
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < idle_seconds:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:
            raise exc.DisconnectionError() from error  # the pool discards it and checks out another


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # let SQLAlchemy's "begin" below issue BEGIN itself
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
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


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine) -> bool:
    """Upgrade the schema to the newest revision; returns True when anything was applied.

    Safe with several processes starting at once: the upgrade runs under a database-wide lock
    (a Postgres advisory lock, SQLite's write lock) and re-reads the revision once it holds it.
    """
    head = head_revision()
    if current_revision(engine) == head:
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
