"""The answer cache never serves a stale answer: any write, from any process, retires it.

"Another process" is a second engine on the same database, which shares nothing in memory with the
Librarian's; it writes through the test factories, which bump the data revision as every writer must.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.pool import NullPool
from sqlmodel import Session

import store.db
from bot.config import Settings
from handlers.query.cache import RevisionCache
from handlers.query.engine import Librarian
from handlers.render.text import render_text
from store.bootstrap import open_store
from testkit import factories
from testkit.sql import statements_sent
from tests.conftest import TEST_DATABASE_URL


def _statements(engine: Engine, call: Callable[[], object]) -> list[str]:
    """The statements ``call`` sends, leaving out transaction control and pool pings."""
    sent = statements_sent(
        engine, call, keep=lambda s: not s.startswith(("BEGIN", "ROLLBACK", "COMMIT", "SELECT 1"))
    )
    return [statement for statement, _ in sent]


def test_a_repeated_question_costs_one_revision_read(engine: Engine) -> None:
    librarian = Librarian(engine)
    first = librarian.ask("autos")
    statements = _statements(engine, lambda: librarian.ask("autos"))
    # SQLite reads the revision on the DBAPI connection, below SQLAlchemy's events: nothing shows.
    assert len(statements) <= 1
    assert all("storemeta" in s for s in statements)
    assert librarian.ask("autos") is first


def test_a_write_from_another_process_retires_the_cached_answer(engine: Engine, settings: Settings) -> None:
    librarian = Librarian(engine)
    assert "brand-new remark" not in render_text(librarian.ask("autos"))
    other = open_store(settings.database_url)
    try:
        with Session(other) as session:
            factories.quote(session, "A brand-new remark about cars.", speaker="Jerry Dias", party="labour")
    finally:
        other.dispose()
    assert "brand-new remark" in render_text(librarian.ask("autos"))


def test_buttons_share_the_cache_and_see_writes_too(engine: Engine, session: Session) -> None:
    librarian = Librarian(engine)
    query = librarian.ask("autos").query
    before = librarian.run(query)
    assert librarian.run(query) is before
    factories.quote(session, "Another line on autos.", speaker="Flavio Volpe", party="auto-industry")
    assert "Another line on autos." in render_text(librarian.run(query))


def test_cache_off_recomputes_every_time(engine: Engine) -> None:
    librarian = Librarian(engine, cache_size=0)
    assert librarian.ask("autos") is not librarian.ask("autos")


def test_the_cache_is_bounded_and_forgets_older_revisions() -> None:
    cache: RevisionCache[str] = RevisionCache(size=2)
    for key in ("a", "b", "c"):
        cache.put(key, 1, key.upper())
    assert len(cache) == 2
    assert cache.get("a", 1) is None
    assert cache.get("c", 1) == "C"
    cache.put("d", 2, "D")
    assert cache.get("c", 1) is None
    assert cache.get("c", 2) is None
    assert len(cache) == 1
    cache.put("late", 1, "computed before the write")  # a reader that began before revision 2
    assert cache.get("late", 1) is None
    assert cache.get("late", 2) is None


def test_rendered_answers_are_remembered_until_a_write(engine: Engine, session: Session) -> None:
    librarian = Librarian(engine)
    renders: list[str] = []

    def render(answer):  # type: ignore[no-untyped-def]
        renders.append(answer.query.text)
        return render_text(answer)

    first = librarian.ask_rendered("autos", render)
    assert librarian.ask_rendered("autos", render) is first
    assert renders == ["autos"]
    factories.quote(session, "A third line on autos.", speaker="Jerry Dias", party="labour")
    _, text = librarian.ask_rendered("autos", render)
    assert "A third line on autos." in text
    assert renders == ["autos", "autos"]


def _drop_pooled_connections(engine: Engine) -> None:
    """What a Postgres restart does to the pool: every checked-in connection's backend is gone."""
    held = [engine.raw_connection() for _ in range(engine.pool.checkedin())]  # type: ignore[attr-defined]
    pids = [conn.driver_connection.info.backend_pid for conn in held]  # type: ignore[union-attr]
    for conn in held:
        conn.close()
    admin = create_engine(engine.url, poolclass=NullPool)
    with admin.connect() as conn:
        conn.execute(text("SELECT pg_terminate_backend(pid) FROM unnest(:pids) AS pid"), {"pids": pids})
        conn.commit()
    admin.dispose()


@pytest.mark.skipif(not TEST_DATABASE_URL, reason="server disconnects are a Postgres matter")
def test_a_dropped_connection_costs_a_retry_not_an_error(engine: Engine) -> None:
    librarian = Librarian(engine)
    answer = librarian.ask("autos")
    _drop_pooled_connections(engine)  # used a moment ago, so not pinged before use: the read retries
    assert librarian.ask("autos") is answer


@pytest.mark.skipif(not TEST_DATABASE_URL, reason="server disconnects are a Postgres matter")
def test_a_connection_idle_long_enough_is_pinged_before_use(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store.db, "PING_AFTER_IDLE_SECONDS", 0.0)
    engine = open_store(settings.database_url)
    try:
        librarian = Librarian(engine)
        librarian.ask("autos")
        _drop_pooled_connections(engine)
        with Session(engine) as session:  # a plain session: no retry but the pool's own
            assert session.exec(text("SELECT count(*) FROM storemeta")).one()[0] >= 1  # type: ignore[call-overload]
    finally:
        engine.dispose()
