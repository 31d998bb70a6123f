"""A store that dies under a running `nafta-bot serve`: deleted and restored, made read-only and
writable again, Postgres connections terminated. Every question gets exactly one reply (the answer
once the store is back, or "I couldn't reach my store"), and the health check says what is wrong.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from handlers.events.mentions import STORE_DOWN
from testkit.fakeslack import BOT_USER_ID
from testkit.slack import unique
from testkit.waiting import wait_until
from tests.conftest import TEST_DATABASE_URL
from tests.hostile.conftest import start_ingest, wire_story, write_jsonl
from tests.slack.harness import posts_in

SQLITE_ONLY = pytest.mark.skipif(bool(TEST_DATABASE_URL), reason="file faults apply to SQLite")
POSTGRES_ONLY = pytest.mark.skipif(not TEST_DATABASE_URL, reason="needs TEST_DATABASE_URL")
APP_NAME = f"nafta_hostile_{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="module")
def module_database(module_database: str) -> str:
    """On Postgres, the serve's connections carry an application name this module can find them by."""
    if module_database.startswith("postgresql"):
        return f"{module_database}{'&' if '?' in module_database else '?'}application_name={APP_NAME}"
    return module_database


def mention(slack, channel: str, text: str = "autos") -> None:  # type: ignore[no-untyped-def]
    event = {
        "type": "app_mention",
        "user": "U0REPORTER",
        "text": f"<@{BOT_USER_ID}> {text}",
        "ts": "19.1",
        "channel": channel,
    }
    assert slack.event(event, event_id=unique("Ev")).status_code == 200


def health(server) -> int:  # type: ignore[no-untyped-def]
    return httpx.get(f"{server.url}/healthz", timeout=10).status_code


@pytest.fixture
def store_file(module_database: str) -> Iterator[Path]:
    """The SQLite file, checkpointed and backed up; restored after the test whatever happened."""
    path = Path(make_url(module_database).database or "")
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    backup = path.with_name("backup.sqlite3")
    shutil.copy2(path, backup)
    yield path
    if not path.exists():
        shutil.copy2(backup, path)
    path.chmod(0o644)


def delete(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


@SQLITE_ONLY
def test_a_deleted_store_restored_from_backup_is_used_again(
    server, slack, fake_slack, store_file: Path
) -> None:
    channel = unique("CGONE")
    delete(store_file)
    wait_until(lambda: health(server) == 503)
    assert "is missing" in server.log()

    mention(slack, channel)
    server.wait_for_log("the store did not answer a mention")
    shutil.copy2(store_file.with_name("backup.sqlite3"), store_file)  # a new file, a new inode

    [reply] = posts_in(fake_slack, channel)
    assert reply.params["blocks"][0]["text"]["text"].startswith("Autos")
    wait_until(lambda: health(server) == 200)
    with sqlite3.connect(store_file) as conn:  # the event was recorded in the restored file
        assert conn.execute("SELECT count(*) FROM slackevent").fetchone()[0] >= 1
    follow_up = unique("CBACK")
    mention(slack, follow_up, "dairy")
    assert len(posts_in(fake_slack, follow_up)) == 1
    assert len(posts_in(fake_slack, channel)) == 1


@SQLITE_ONLY
def test_a_store_that_stays_away_gets_one_apology(server, slack, fake_slack, store_file: Path) -> None:
    channel = unique("CAWAY")
    delete(store_file)

    mention(slack, channel)
    dm_channel = unique("DAWAY")
    direct = {"type": "message", "channel_type": "im", "user": "U0REPORTER", "text": "autos", "ts": "20.1"}
    assert slack.event({**direct, "channel": dm_channel}, event_id=unique("Ev")).status_code == 200
    name = unique("click-away")
    click = slack.action(
        {
            "type": "button",
            "action_id": "more_quotes",
            "block_id": "b1",
            "value": '{"k":"topic","t":"dairy"}',
        },
        response=name,
    )
    command = slack.command("autos", response=unique("cmd-away"))

    [reply] = posts_in(fake_slack, channel, timeout=60)
    assert reply.params["text"] == STORE_DOWN
    [dm_reply] = posts_in(fake_slack, dm_channel, timeout=60)
    assert dm_reply.params["text"] == STORE_DOWN
    assert click.status_code == 200
    [clicked] = fake_slack.wait_for(f"response:{name}", timeout=30)
    assert "couldn't reach my store" in clicked.params["text"]
    assert command.status_code == 200
    assert "couldn't reach my store" in command.json()["text"]
    server.wait_for_log("the store stayed unreachable")
    assert len(posts_in(fake_slack, channel)) == 1


@SQLITE_ONLY
def test_a_read_only_store_is_unhealthy_until_writable_again(
    server, slack, fake_slack, store_file: Path
) -> None:
    store_file.chmod(0o444)
    wait_until(lambda: health(server) == 503)
    assert "is read-only" in server.log()

    store_file.chmod(0o644)
    wait_until(lambda: health(server) == 200)
    channels = [unique("CRW") for _ in range(6)]
    for channel in channels:
        mention(slack, channel)
    assert all(len(posts_in(fake_slack, channel)) == 1 for channel in channels)


@POSTGRES_ONLY
def test_terminated_postgres_connections_cost_no_reply(server, slack, fake_slack) -> None:
    channels = [unique("CPG") for _ in range(6)]
    mention(slack, channels[0])
    posts_in(fake_slack, channels[0])
    admin = create_engine(TEST_DATABASE_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            killed = conn.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    " WHERE application_name = :n"
                ),
                {"n": APP_NAME},
            ).scalar_one()
    finally:
        admin.dispose()
    assert killed >= 1

    for channel in channels[1:]:
        mention(slack, channel)
    response = slack.command("autos", response=unique("cmd-pg"))

    assert response.status_code == 200
    assert all(len(posts_in(fake_slack, channel)) == 1 for channel in channels)
    assert health(server) == 200


def test_an_ingest_beside_serve_stores_everything_once_and_every_mention_is_answered(
    server, slack, fake_slack, module_database: str, tmp_path: Path
) -> None:
    source = write_jsonl(tmp_path / "beside.jsonl", [wire_story(n) for n in range(1000, 1150)])
    channels = [unique("CBESIDE") for _ in range(8)]

    run = start_ingest(module_database.replace(f"&application_name={APP_NAME}", ""), str(source))
    for channel in channels:
        mention(slack, channel)
    out, err = run.communicate(timeout=300)

    assert run.returncode == 0, err
    assert "150 added" in out
    assert all(len(posts_in(fake_slack, channel)) == 1 for channel in channels)
    engine = create_engine(module_database)
    try:
        with engine.connect() as conn:
            urls = conn.execute(
                text("SELECT url FROM article WHERE url LIKE 'https://wire.example/story/1%'")
            )
            stored = sorted(row[0] for row in urls)
    finally:
        engine.dispose()
    assert stored == sorted(f"https://wire.example/story/{n}" for n in range(1000, 1150))


def _immutable(path: Path, on: bool) -> bool:
    """``chattr ±i``: read-only even for root (chmod is not, and these tests may run as root)."""
    if shutil.which("chattr") is None:
        return False
    return subprocess.run(["chattr", "+i" if on else "-i", str(path)], capture_output=True).returncode == 0


@SQLITE_ONLY
def test_connections_opened_while_read_only_are_let_go_once_writable(
    server, slack, fake_slack, store_file: Path
) -> None:
    """A backup restored read-only (a new file: every pooled connection is reopened on it), then made
    writable: the connections opened while it was read-only must not keep failing writes."""
    start = len(server.log())
    delete(store_file)
    shutil.copy2(store_file.with_name("backup.sqlite3"), store_file)
    if not _immutable(store_file, True):
        pytest.skip("needs chattr on a file system that supports it")
    try:
        wait_until(lambda: health(server) == 503)
        during = [unique("CRO") for _ in range(6)]
        for channel in during:  # several at once: the pool opens connections while the file is read-only
            mention(slack, channel)
        wait_until(lambda: "the store did not answer a mention" in server.log()[start:])
    finally:
        _immutable(store_file, False)
    wait_until(lambda: health(server) == 200)
    after = [unique("CRW2") for _ in range(12)]
    for channel in after:
        mention(slack, channel)

    assert all(len(posts_in(fake_slack, channel, timeout=60)) == 1 for channel in during + after)
    assert all(posts_in(fake_slack, channel)[0].params["text"] != STORE_DOWN for channel in after), (
        "a connection opened while read-only kept failing after write access returned"
    )
