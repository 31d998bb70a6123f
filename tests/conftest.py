"""Fixtures shared by the whole suite: a real database per test, a clean environment, the CLI.

The database is SQLite in the test's temporary folder, or, when ``TEST_DATABASE_URL`` names a
Postgres server, a schema of its own on that server (dropped afterwards), so the same tests prove
both stores and can run side by side.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlmodel import Session

from bot.config import Settings
from store.bootstrap import open_store
from testkit.serving import LEAKY_PREFIXES, cli_env

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A developer's own .env or Slack tokens must never leak into a test."""
    for name in list(os.environ):
        if name.startswith(LEAKY_PREFIXES):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


@contextmanager
def fresh_database(folder: Path) -> Iterator[str]:
    """A database URL of its own: SQLite in ``folder``, or a fresh schema on TEST_DATABASE_URL."""
    if not TEST_DATABASE_URL:
        yield f"sqlite:///{folder / 'nafta.sqlite3'}"
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(TEST_DATABASE_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in TEST_DATABASE_URL else "?"
    try:
        yield f"{TEST_DATABASE_URL}{separator}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    with fresh_database(tmp_path) as url:
        yield url


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url)


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    """A migrated store holding the bundled taxonomy and knowledge, as every command sees it."""
    engine = open_store(settings)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine) as session:
        yield session


def run_cli(
    *args: str, database_url: str, input: str | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run ``nafta-bot ARGS`` as a user would, in a separate process."""
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        capture_output=True,
        text=True,
        input=input,
        env=cli_env(database_url, **env),
        timeout=120,
    )


@pytest.fixture
def cli(database_url: str):  # type: ignore[no-untyped-def]
    """``cli("ask", "autos")`` runs the real command against this test's database."""

    def run(*args: str, input: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, database_url=database_url, input=input, **env)

    return run
