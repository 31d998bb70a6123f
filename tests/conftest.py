"""Fixtures shared by the whole suite: a real database per test, a clean environment, the CLI.

The store is migrated and filled with the bundled knowledge once per run (``migrated_template``)
and each test gets a copy of it (``database_url``, ``engine``): a SQLite file in the test's own
folder or, when ``TEST_DATABASE_URL`` names a Postgres server, a database cloned from the template
(dropped afterwards), so the same tests prove both stores. Tests of migrations and of a first start
ask for ``empty_database_url`` instead.
"""

from __future__ import annotations

import collections
import logging
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, create_engine, make_url, text
from sqlalchemy.pool import NullPool
from sqlmodel import Session

from bot.cli import main
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


def _with_database(url: str, name: str) -> str:
    return make_url(url).set(database=name).render_as_string(hide_password=False)


@contextmanager
def fresh_database(folder: Path) -> Iterator[str]:
    """An empty database URL of its own: SQLite in ``folder``, or a fresh schema on TEST_DATABASE_URL."""
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


@dataclass
class MigratedTemplate:
    """A store migrated and filled with the bundled knowledge once per run; each test gets a copy.

    SQLite: a file copied with ``shutil.copy``. Postgres: a database of its own, cloned with
    ``CREATE DATABASE ... TEMPLATE`` (the template takes no connections once it is built). A clone
    keeps the server waiting on its disk for a few hundred milliseconds, so ``Clones`` makes them
    ahead of need on threads of its own while tests run.
    """

    url: str
    clones: Clones | None = None

    @classmethod
    @contextmanager
    def build(cls, folder: Path) -> Iterator[MigratedTemplate]:
        if not TEST_DATABASE_URL:
            url = f"sqlite:///{folder / 'template.sqlite3'}"
            open_store(url).dispose()
            yield cls(url)
            return
        name = f"nafta_tpl_{uuid.uuid4().hex[:12]}"
        _admin(f"CREATE DATABASE {name}")
        try:
            url = _with_database(TEST_DATABASE_URL, name)
            open_store(url).dispose()
            with Clones.of(name) as clones:
                yield cls(url, clones)
        finally:
            _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    @contextmanager
    def copy(self, folder: Path) -> Iterator[str]:
        """A migrated database of its own for one test (or one module's server)."""
        if self.clones is None:
            target = folder / "nafta.sqlite3"
            shutil.copy(make_url(self.url).database or "", target)
            yield f"sqlite:///{target}"
            return
        name = self.clones.take()
        try:
            yield _with_database(TEST_DATABASE_URL, name)
        finally:
            self.clones.drop_later(name)


class Clones:
    """Postgres clones of a template, made ahead of need, and used ones dropped, on worker threads."""

    def __init__(self, template: str, workers: int) -> None:
        self.template = template
        self.pool = ThreadPoolExecutor(workers, thread_name_prefix="pg-clone")
        self.ready: collections.deque[Future[str]] = collections.deque()
        self.ahead = workers * 2

    @classmethod
    @contextmanager
    def of(cls, template: str, workers: int = 3) -> Iterator[Clones]:
        clones = cls(template, workers)
        try:
            clones.top_up()
            yield clones
        finally:
            clones.pool.shutdown(wait=True)
            for future in clones.ready:
                _admin(f"DROP DATABASE IF EXISTS {future.result()} WITH (FORCE)")

    def take(self) -> str:
        future = self.ready.popleft()
        self.top_up()
        return future.result(timeout=120)

    def drop_later(self, name: str) -> None:
        self.pool.submit(_admin, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def top_up(self) -> None:
        while len(self.ready) < self.ahead:
            self.ready.append(self.pool.submit(self._clone))

    def _clone(self) -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        _admin(f"CREATE DATABASE {name} TEMPLATE {self.template}")
        return name


def _admin(statement: str) -> None:
    """One statement outside a transaction (CREATE/DROP DATABASE), on a connection of its own."""
    admin = create_engine(TEST_DATABASE_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with admin.connect() as conn:
            conn.execute(text(statement))
    finally:
        admin.dispose()


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MigratedTemplate]:
    with MigratedTemplate.build(tmp_path_factory.mktemp("template")) as template:
        yield template


@pytest.fixture
def database_url(migrated_template: MigratedTemplate, tmp_path: Path) -> Iterator[str]:
    """A migrated store holding the bundled taxonomy and knowledge, this test's own copy."""
    with migrated_template.copy(tmp_path) as url:
        yield url


@pytest.fixture
def empty_database_url(tmp_path: Path) -> Iterator[str]:
    """A database nothing has touched yet, for tests of migrations and of a first start."""
    with fresh_database(tmp_path) as url:
        yield url


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url)


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    """A migrated store holding the bundled taxonomy and knowledge, as every command sees it."""
    engine = open_store(settings.database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine) as session:
        yield session


@dataclass(frozen=True)
class CliResult:
    """What a user of ``nafta-bot ARGS`` sees: the exit code and the two streams, as text."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str


@contextmanager
def scoped_environment(env: dict[str, str]) -> Iterator[None]:
    """``os.environ`` is exactly ``env`` inside, and exactly what it was again afterwards."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextmanager
def restored_logging() -> Iterator[None]:
    """Every command calls ``setup_logging``, which replaces the root handlers and sets levels;
    put them back so one in-process run does not change what the next test logs (or captures)."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    levels = {name: logging.getLogger(name).level for name in logging.root.manager.loggerDict}
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
        for name, logger in logging.root.manager.loggerDict.items():
            if isinstance(logger, logging.Logger):
                logger.setLevel(levels.get(name, logging.NOTSET))


def run_cli(*args: str, database_url: str, input: str | None = None, **env: str) -> CliResult:
    """Run ``nafta-bot ARGS`` in this process: the real ``main`` with this environment and stdin."""
    runner = CliRunner()
    with scoped_environment(cli_env(database_url, **env)), restored_logging():
        result = runner.invoke(main, list(args), input=input, prog_name="nafta-bot", catch_exceptions=False)
    return CliResult(args, result.exit_code, result.stdout, result.stderr)


def run_cli_subprocess(
    *args: str, database_url: str, input: str | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run ``nafta-bot ARGS`` as a user would, in a separate process (the smoke tests)."""
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

    def run(*args: str, input: str | None = None, **env: str) -> CliResult:
        return run_cli(*args, database_url=database_url, input=input, **env)

    return run
