"""Slack's 3-second rule with a database that cannot answer: ack in time, deliver through response_url.

The server runs in this process (the same ASGI app `serve` runs, under uvicorn on a real socket) so
the test can empty the engine's pool before locking the database: SQLite's exclusive lock can
only be taken while no other connection is open, and Postgres's table lock blocks every reader.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import httpx
import pytest
import uvicorn
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from bot.app import create_app
from bot.config import Settings
from bot.server import ThreadDispatcher, build_asgi
from store.bootstrap import open_store
from testkit.serving import free_port
from testkit.slack import BOT_TOKEN, SIGNING_SECRET, SlackSender, unique
from testkit.waiting import wait_until
from tests.slack.harness import DEFERRED

ACK_DEADLINE = 3.0  # Slack's, not ours: a slower ack is an error the user sees


@pytest.fixture(scope="module")
def store_engine(module_database: str) -> Iterator[Engine]:
    engine = open_store(module_database)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def slack(module_database: str, store_engine: Engine, slack_listener) -> Iterator[SlackSender]:
    settings = Settings(
        database_url=module_database,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=slack_listener.api_url,
    )
    pool = ThreadPoolExecutor(max_workers=settings.listener_threads)
    app = create_app(settings, store_engine, pool=pool)
    dispatcher = ThreadDispatcher(app, command_threads=settings.listener_threads)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(build_asgi(app, store_engine, dispatcher), port=port, log_config=None, lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    wait_until(lambda: server.started, timeout=30, what="uvicorn to start")
    sender = SlackSender(f"http://127.0.0.1:{port}", slack_listener)
    yield sender
    sender.http.close()
    server.should_exit = True
    thread.join(15)
    dispatcher.shutdown()
    pool.shutdown(wait=True)


@contextmanager
def database_locked(url: str, engine: Engine) -> Iterator[None]:
    """Hold a lock that stops every read of the store until the block ends."""
    engine.dispose()
    if engine.dialect.name == "sqlite":
        conn = sqlite3.connect(make_url(url).database, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("SELECT count(*) FROM storemeta").fetchall()
        try:
            yield
        finally:
            conn.execute("COMMIT")
            conn.close()
        return
    locker = create_engine(url)
    with locker.connect() as conn:
        conn.execute(text("LOCK TABLE storemeta IN ACCESS EXCLUSIVE MODE"))
        try:
            yield
        finally:
            conn.rollback()
    locker.dispose()


def test_acks_within_three_seconds_and_answers_through_response_url_when_the_database_is_stuck(
    slack, fake_slack, module_database, store_engine
):
    assert httpx.get(f"{slack.base_url}/healthz", timeout=10).status_code == 200
    names = [unique("slow") for _ in range(3)]

    with database_locked(module_database, store_engine):

        def send(name: str) -> tuple[httpx.Response, float]:
            started = time.monotonic()
            response = slack.command("autos", response=name)
            return response, time.monotonic() - started

        with ThreadPoolExecutor(len(names)) as senders:
            acks = list(senders.map(send, names))

        for response, took in acks:
            assert response.status_code == 200
            assert took < ACK_DEADLINE
            assert response.json()["response_type"] == "ephemeral"
            assert DEFERRED in response.json()["text"]
        assert httpx.get(f"{slack.base_url}/healthz", timeout=10).status_code == 503
        assert not [c for c in fake_slack.calls if c.method.startswith("response:slow")]

    for name in names:
        [late] = fake_slack.wait_for(f"response:{name}", timeout=60)
        assert late.params["response_type"] == "in_channel"
        assert late.params["blocks"][0]["text"]["text"].startswith("Autos — converging")
        assert "finally starting to converge" in str(late.params["blocks"])
    assert httpx.get(f"{slack.base_url}/healthz", timeout=10).status_code == 200
