"""The digest scheduler as a background service of `nafta-bot serve` (see ``bot.services``).

It gets a Web API client of its own, without slack_sdk's automatic retries (the poster decides
when a retry is safe), and a pool of its own, so posting digests never takes a listener thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from slack_sdk import WebClient
from sqlalchemy import Engine

from bot.config import Settings
from handlers.digest.clock import SystemClock
from handlers.digest.poster import ChannelPacer, Poster, make_client
from handlers.digest.scheduler import DigestScheduler


def build_scheduler(settings: Settings, engine: Engine, token: str, stop: threading.Event) -> DigestScheduler:
    """The scheduler as both `serve` and `nafta-bot scheduler` run it; ``stop`` ends its waits."""
    clock = SystemClock(stop)
    poster = Poster(make_client(token, settings.slack_api_url), clock, ChannelPacer(clock))
    return DigestScheduler(
        engine,
        poster,
        clock,
        workers=settings.digest_workers,
        tick_seconds=settings.digest_tick_seconds,
        stop=stop,
    )


def start_with_server(settings: Settings, engine: Engine, client: WebClient) -> Callable[[], None]:
    """Start ticking in a background thread; returns the function that stops it cleanly."""
    token = settings.slack_bot_token or client.token
    assert token, "serve starts only with a bot token"
    return build_scheduler(settings, engine, token, threading.Event()).start().stop
