"""End to end: two `nafta-bot serve` processes on one database, a fake Slack, minutes sped up.

`/nafta subscribe cron * * * * *` in a channel, then an article ingested by `nafta-bot ingest`
(another process), must give exactly one digest post naming its quote, although the first
chat.postMessage is answered 429 and both servers' schedulers race for every slot. The next
minute's digest carries only the next article; after `/nafta unsubscribe` nothing more is posted;
`nafta-bot digest --since 3650d` posts at once. Both servers' digests run on one clock going
``SPEED`` times faster than the wall clock (NAFTA_TEST_DIGEST_CLOCK), so a minute's slot comes
every half second and their 15-second ticks are an eighth of a second apart.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from store.bootstrap import open_store
from testkit.fakeslack import FakeSlack
from testkit.serving import ServeProcess, free_port
from testkit.slack import BOT_TOKEN, SIGNING_SECRET, SlackSender
from testkit.waiting import wait_until
from tests.conftest import fresh_database, run_cli
from tests.digests.conftest import posts, shown_text
from tests.slack.harness import message_for

CHANNEL = "C0E2EDIGEST"
SPEED = 120  # simulated seconds per real second: a cron minute every 0.5 s
SLOT_SECONDS = 60 / SPEED


def launch_serve(database_url: str, fake: FakeSlack, folder: Path, clock: str) -> ServeProcess:
    folder.mkdir()
    port = free_port()
    env = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "NAFTA_TEST_DIGEST_CLOCK": clock,
    }
    server = ServeProcess(("--port", str(port)), database_url, fake, folder, env=env).start()
    server.url = f"http://127.0.0.1:{port}"
    return server


@pytest.fixture
def two_servers(tmp_path: Path) -> Iterator[tuple[str, str, FakeSlack, list[ServeProcess]]]:
    """Two servers on one database and one sped-up digest clock, started and stopped side by side."""
    with FakeSlack() as fake, fresh_database(tmp_path) as url:
        open_store(url).dispose()
        clock = f"{SPEED}@{time.time()}"
        servers = [launch_serve(url, fake, tmp_path / f"serve{n}", clock) for n in (1, 2)]
        try:
            for server in servers:
                server.wait_healthy()
            yield url, clock, fake, servers
        finally:
            with ThreadPoolExecutor(len(servers)) as pool:
                codes = list(pool.map(ServeProcess.stop, servers))
            assert codes == [0, 0], [server.log() for server in servers]


def ingest(database_url: str, folder: Path, name: str, quote: str) -> None:
    article = folder / f"{name}.txt"
    article.write_text(
        f"---\ntitle: {name}\noutlet: Test Wire\npublished: 2018-09-05\nurl: https://example.test/{name}\n---\n"
        "Foreign Affairs Minister Chrystia Freeland spoke to reporters in Washington on Wednesday.\n\n"
        f'"{quote}," Ms. Freeland told reporters.\n'
    )
    done = run_cli("ingest", str(article), database_url=database_url)
    assert done.returncode == 0, done.stderr


def wait_for_post_naming(fake: FakeSlack, words: str, timeout: float = 30.0) -> list[str]:
    def texts_naming() -> list[str]:
        texts = [shown_text(p) for p in posts(fake, CHANNEL)]
        return texts if any(words in t for t in texts) else []

    return wait_until(
        texts_naming,
        timeout=timeout,
        what=lambda: f"a digest naming {words!r}; posts: {posts(fake, CHANNEL)}",
    )


def past_next_slot() -> None:
    """Wait until one more cron slot has come and both servers have ticked at least twice since."""
    time.sleep(1.5 * SLOT_SECONDS)


def test_subscribe_ingest_digest_once_across_two_servers(two_servers, tmp_path: Path) -> None:
    url, clock, fake, (first, second) = two_servers
    fake.fail("chat.postMessage", status=429, retry_after=1)

    reply = SlackSender(first.url, fake).command("subscribe cron * * * * *", response="sub", channel=CHANNEL)
    assert "Subscribed" in str(message_for(reply, fake, "sub"))

    ingest(url, tmp_path, "first", "We are closer than ever on rules of origin for cars")
    texts = wait_for_post_naming(fake, "We are closer than ever on rules of origin for cars")
    assert fake.calls_to("chat.postMessage")[0].status == 429
    past_next_slot()
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
    past_next_slot()
    assert len(posts(fake, CHANNEL)) == before

    done = run_cli(
        "digest", "--channel", "C0ONDEMAND", "--since", "3650d",
        database_url=url, SLACK_API_URL=fake.api_url, SLACK_BOT_TOKEN=BOT_TOKEN,
        NAFTA_TEST_DIGEST_CLOCK=clock,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert any("Nobody in this channel should hear this" in shown_text(p) for p in posts(fake, "C0ONDEMAND"))
    for server in (first, second):
        assert "digest scheduler" in server.log()
