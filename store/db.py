"""The engine and the schema: built once at start-up, upgraded in place, never dropped.

SQLite is the embedded default and Postgres the scale-out store; the same code and the same Alembic
migrations serve both. SQLite runs in WAL mode so a reader never waits for the ingester, and its
transactions begin explicitly so a writer can ask for the write lock up front (``writer(engine)``)
instead of failing halfway when two processes upgrade a read to a write at once.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

log = logging.getLogger(__name__)

# Any constant works; it only has to be the same in every process that migrates this database.
_PG_MIGRATION_LOCK = 0x4E414654


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """Create the engine for ``url``; for SQLite, create the file's folder and set the pragmas."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False, "timeout": 30})
        _configure_sqlite(engine)
        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True, pool_size=10, max_overflow=20)


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
