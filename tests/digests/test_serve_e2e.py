"""End to end: two `nafta-bot serve` processes on one database, a fake Slack, real minutes.

`/nafta subscribe cron * * * * *` in a channel, then an article ingested by `nafta-bot ingest`
(another process), must give exactly one digest post naming its quote, although the first
chat.postMessage is answered 429 and both servers' schedulers race for every slot. The next
minute's digest carries only the next article; after `/nafta unsubscribe` nothing more is posted;
`nafta-bot digest --since 3650d` posts at once. Takes two to four minutes of real time.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from bot.config import Settings
from store.bootstrap import open_store
from testkit.fakeslack import FakeSlack
from testkit.serving import ServeProcess, free_port
from testkit.slack import BOT_TOKEN, SIGNING_SECRET, SlackSender
from tests.conftest import fresh_database, run_cli
from tests.digests.conftest import posts, shown_text
from tests.slack.harness import message_for

CHANNEL = "C0E2EDIGEST"


def start_serve(database_url: str, fake: FakeSlack, folder: Path) -> ServeProcess:
    folder.mkdir()
    port = free_port()
    env = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "NAFTA_DIGEST_TICK_SECONDS": "1",
    }
    server = ServeProcess(("--port", str(port)), database_url, fake, folder, env=env).start()
    server.url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{server.url}/healthz", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.1)
    server.stop()
    raise AssertionError(f"serve never became healthy:\n{server.log()}")


@pytest.fixture
def two_servers(tmp_path: Path) -> Iterator[tuple[str, FakeSlack, list[ServeProcess]]]:
    with FakeSlack() as fake, fresh_database(tmp_path) as url:
        open_store(Settings(database_url=url)).dispose()
        servers = [start_serve(url, fake, tmp_path / f"serve{n}") for n in (1, 2)]
        try:
            yield url, fake, servers
        finally:
            for server in servers:
                assert server.stop() == 0, server.log()


def ingest(database_url: str, folder: Path, name: str, quote: str) -> None:
    article = folder / f"{name}.txt"
    article.write_text(
        f"---\ntitle: {name}\noutlet: Test Wire\npublished: 2018-09-05\nurl: https://example.test/{name}\n---\n"
        "Foreign Affairs Minister Chrystia Freeland spoke to reporters in Washington on Wednesday.\n\n"
        f'"{quote}," Ms. Freeland told reporters.\n'
    )
    done = run_cli("ingest", str(article), database_url=database_url)
    assert done.returncode == 0, done.stderr


def wait_for_post_naming(fake: FakeSlack, words: str, timeout: float = 150.0) -> list[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        texts = [shown_text(p) for p in posts(fake, CHANNEL)]
        if any(words in t for t in texts):
            return texts
        time.sleep(0.2)
    raise AssertionError(f"no digest named {words!r}; posts: {posts(fake, CHANNEL)}")


def past_next_minute(seconds: float = 4.0) -> None:
    """Wait until a few seconds after the next minute boundary (one more cron slot has passed)."""
    now = datetime.now(UTC)
    time.sleep(60 - now.second - now.microsecond / 1e6 + seconds)


def test_subscribe_ingest_digest_once_across_two_servers(two_servers, tmp_path: Path) -> None:
    url, fake, (first, second) = two_servers
    fake.fail("chat.postMessage", status=429, retry_after=1)

    reply = SlackSender(first.url, fake).command("subscribe cron * * * * *", response="sub", channel=CHANNEL)
    assert "Subscribed" in str(message_for(reply, fake, "sub"))

    ingest(url, tmp_path, "first", "We are closer than ever on rules of origin for cars")
    texts = wait_for_post_naming(fake, "We are closer than ever on rules of origin for cars")
    assert fake.calls_to("chat.postMessage")[0].status == 429
    past_next_minute()
    texts = [shown_text(p) for p in posts(fake, CHANNEL)]
    assert sum("closer than ever" in t for t in texts) == 1, texts

    ingest(url, tmp_path, "second", "The dairy file is the last one open")
    texts = wait_for_post_naming(fake, "The dairy file is the last one open")
    assert sum("closer than ever" in t for t in texts) == 1, texts  # the next digest does not repeat it
    assert sum("dairy file is the last one open" in t for t in texts) == 1, texts

    reply = SlackSender(second.url, fake).command("unsubscribe", response="unsub", channel=CHANNEL)
    assert "Removed 1 digest" in str(message_for(reply, fake, "unsub"))
    before = len(posts(fake, CHANNEL))
    ingest(url, tmp_path, "third", "Nobody in this channel should hear this")
    past_next_minute()
    assert len(posts(fake, CHANNEL)) == before

    done = run_cli(
        "digest", "--channel", "C0ONDEMAND", "--since", "3650d",
        database_url=url, SLACK_API_URL=fake.api_url, SLACK_BOT_TOKEN=BOT_TOKEN,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert any("Nobody in this channel should hear this" in shown_text(p) for p in posts(fake, "C0ONDEMAND"))
    for server in (first, second):
        assert "digest scheduler" in server.log()
