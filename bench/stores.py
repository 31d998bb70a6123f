"""Where the benchmark databases live, and getting one of N quotes ready (from cache when possible).

SQLite files go to ``bench/results/db/`` (git-ignored); Postgres gets a database of its own,
``nafta_bench``, with one schema per scale, so the project's test database is never touched.
A store whose fill marker does not match (an older generator, an interrupted fill) is rebuilt.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from bench.fill import fill, loaded, marker
from store.bootstrap import open_store

log = logging.getLogger(__name__)

RESULTS = Path(__file__).resolve().parent / "results"
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
BENCH_DATABASE = "nafta_bench"


@dataclass(frozen=True)
class BenchStore:
    dialect: str  # "sqlite" or "postgres"
    quotes: int
    url: str
    fill_seconds: float | None  # None when the cached store was reused


def label(quotes: int) -> str:
    return f"{quotes // 1_000_000}M" if quotes >= 1_000_000 else f"{quotes // 1000}k"


def sqlite_url(quotes: int) -> str:
    return f"sqlite:///{RESULTS / 'db' / f'quotes-{label(quotes)}.sqlite3'}"


def postgres_reachable(server: str = DEFAULT_POSTGRES) -> str | None:
    """None when ``server`` answers; otherwise why not, in a few words (no driver, refused, …)."""
    try:
        engine = create_engine(make_url(server), connect_args={"connect_timeout": 3})
    except ImportError:
        return "the Postgres driver is not installed (pip install '.[postgres]')"
    try:
        with engine.connect():
            return None
    except Exception as error:  # any failure means: measure SQLite alone
        return str(error).strip().splitlines()[0][:120]
    finally:
        engine.dispose()


def postgres_url(quotes: int, server: str = DEFAULT_POSTGRES) -> str:
    """A URL on ``server``'s ``nafta_bench`` database, searching a schema named after the scale."""
    base = make_url(server)
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    schema = f"quotes_{label(quotes).lower()}"
    try:
        with admin.connect() as conn:
            if not conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :d"), {"d": BENCH_DATABASE}
            ).first():
                conn.execute(text(f"CREATE DATABASE {BENCH_DATABASE}"))
    finally:
        admin.dispose()
    bench = base.set(database=BENCH_DATABASE)
    setup = create_engine(bench, isolation_level="AUTOCOMMIT")
    try:
        with setup.connect() as conn:
            conn.execute(text(f"CREATE SCHEMA IF NOT EXISTS {schema}"))
    finally:
        setup.dispose()
    rendered = bench.render_as_string(hide_password=False)
    return f"{rendered}?options={quote(f'-csearch_path={schema}')}"


def _reset(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{parsed.database}{suffix}").unlink(missing_ok=True)
        return
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            schema = conn.execute(text("SELECT current_schema()")).scalar_one()
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    finally:
        engine.dispose()


def prepare(dialect: str, quotes: int, *, server: str = DEFAULT_POSTGRES) -> tuple[BenchStore, Engine]:
    """A migrated store holding ``quotes`` synthetic quotes, and an engine on it (the caller disposes)."""
    url = sqlite_url(quotes) if dialect == "sqlite" else postgres_url(quotes, server)
    engine = open_store(url)
    if loaded(engine) == marker(quotes):
        return BenchStore(dialect, quotes, url, None), engine
    engine.dispose()
    _reset(url)
    engine = open_store(url)
    log.info("filling %s with %s quotes", dialect, label(quotes))
    seconds = fill(engine, quotes=quotes)
    return BenchStore(dialect, quotes, url, seconds), engine
