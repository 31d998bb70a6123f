"""Fixtures for the digest tests: a clock the test moves, a fake Slack, and ways to subscribe."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from bot.config import Settings
from bot.webclient import make_web_client
from handlers.digest.poster import ChannelPacer, Poster
from handlers.digest.scheduler import DigestScheduler
from handlers.digest.subscriptions import answer_subscription
from testkit import factories
from testkit.fakeslack import TEAM_ID, FakeSlack

CHANNEL = "C0DIGEST"
USER = "U0REPORTER"


class ManualClock:
    """A clock that moves only when told to; ``sleep`` moves it (so Retry-After costs no real time)."""

    def __init__(self, start: datetime) -> None:
        self._now = start
        self._lock = threading.Lock()
        self.slept: list[float] = []

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.slept.append(seconds)
            self._now += timedelta(seconds=max(0.0, seconds))

    def advance(self, **delta: float) -> datetime:
        with self._lock:
            self._now += timedelta(**delta)
            return self._now

    def set(self, instant: datetime) -> None:
        with self._lock:
            self._now = instant


@pytest.fixture
def clock() -> ManualClock:
    # A Wednesday morning in Toronto (EDT): 2018-09-05 12:00 UTC is 08:00 local.
    return ManualClock(datetime(2018, 9, 5, 12, 0, tzinfo=UTC))


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def slack_settings(settings: Settings, fake: FakeSlack) -> Settings:
    return settings.with_overrides(slack_bot_token="xoxb-test-token", slack_api_url=fake.api_url)


def make_scheduler(
    engine: Engine, settings: Settings, clock: ManualClock, *, timeout: int = 5, workers: int = 4
) -> DigestScheduler:
    client = make_web_client(settings, retries=False, timeout=timeout)
    return DigestScheduler(engine, Poster(client, clock, ChannelPacer(clock)), clock, workers=workers)


@pytest.fixture
def scheduler(engine: Engine, slack_settings: Settings, clock: ManualClock) -> Iterator[DigestScheduler]:
    scheduler = make_scheduler(engine, slack_settings, clock)
    yield scheduler
    scheduler.stop()


def command(
    text: str,
    *,
    engine: Engine,
    settings: Settings,
    clock: ManualClock,
    channel: str = CHANNEL,
    user: str = USER,
) -> dict[str, Any]:
    """Run `/nafta TEXT` through the subscription module as the Slack listener would."""
    client = make_web_client(settings, retries=False)
    return answer_subscription(
        text,
        engine=engine,
        client=client,
        settings=settings.digests(),
        team_id=TEAM_ID,
        channel_id=channel,
        user_id=user,
        now=clock.now(),
    )


def add_quote(engine: Engine, text: str, **kwargs: Any) -> int:
    """A new quote, written and committed the way ingestion writes one."""
    with Session(engine) as session:
        row = factories.quote(session, text, speaker=kwargs.pop("speaker", "Chrystia Freeland"), **kwargs)
        assert row.id is not None
        return row.id


def posts(fake: FakeSlack, channel: str = CHANNEL) -> list[dict[str, Any]]:
    """What reached the channel: every accepted chat.postMessage, in order."""
    accepted = [c for c in fake.calls_to("chat.postMessage", ok_only=True) if c.response.get("ok")]
    return [c.params for c in accepted if c.params.get("channel") == channel]


def shown_text(params: dict[str, Any]) -> str:
    """All the text a reader sees in one message."""

    def walk(node: Any) -> list[str]:
        if isinstance(node, dict):
            return [v for k, v in node.items() if k == "text" and isinstance(v, str)] + [
                t for k, v in node.items() if k != "text" or not isinstance(v, str) for t in walk(v)
            ]
        if isinstance(node, list):
            return [t for item in node for t in walk(item)]
        return []

    return "\n".join(walk(params.get("blocks") or []))
