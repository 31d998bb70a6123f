"""Background services that run alongside `nafta-bot serve` and stop with it.

Each entry of ``SERVICES`` names a start function, ``"package.module:function"``, imported when the
server starts (so the server does not depend on them at import time). The function receives the
settings, the engine and the bot's Web API client, starts its work (threads, a scheduler) without
blocking, and returns a function that stops it; ``serve`` calls those in reverse order on shutdown
(SIGTERM, SIGINT), after the server has stopped taking requests.

    def start_with_server(settings: Settings, engine: Engine, client: WebClient) -> Callable[[], None]
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable

from slack_sdk import WebClient
from sqlalchemy import Engine

from bot.config import Settings

log = logging.getLogger(__name__)

# The digest scheduler: posts each subscribed channel's digest when due (``handlers.digest``).
SERVICES: tuple[str, ...] = ("handlers.digest.service:start_with_server",)

Stop = Callable[[], None]


def start_services(
    settings: Settings, engine: Engine, client: WebClient, names: tuple[str, ...] = SERVICES
) -> list[Stop]:
    stops: list[Stop] = []
    try:
        for name in names:
            module, _, function = name.partition(":")
            start = getattr(importlib.import_module(module), function)
            stops.append(start(settings, engine, client))
            log.info("started %s", name)
    except BaseException:
        stop_services(stops)
        raise
    return stops


def stop_services(stops: list[Stop]) -> None:
    for stop in reversed(stops):
        try:
            stop()
        except Exception:
            log.exception("a background service failed to stop cleanly")
