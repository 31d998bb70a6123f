"""What every listener needs besides the request: the store, the answer engine, the worker pool.

``create_app`` builds one ``Runtime`` at start-up and a middleware puts it into Bolt's ``context``
as ``context["runtime"]``. Listeners open their own short sessions from ``runtime.engine``; nothing
here holds a session, because work handed to the pool outlives the request that started it.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine

from handlers.digest import DigestSettings
from handlers.query.engine import Librarian
from handlers.ratelimit import MAX_RETRY_AFTER_SECONDS

log = logging.getLogger(__name__)


class Later:
    """Runs work after a delay without holding a thread while waiting: one timer thread keeps the
    queue, and due work is handed to ``pool``. For retries that must not sleep on the listener pool."""

    def __init__(self) -> None:
        self._queue: list[tuple[float, int, Callable[[], Any]]] = []
        self._order = itertools.count()
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None

    def call(self, delay: float, work: Callable[[], Any]) -> None:
        with self._changed:
            heapq.heappush(self._queue, (time.monotonic() + max(0.0, delay), next(self._order), work))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="later", daemon=True)
                self._thread.start()
            self._changed.notify()

    def _run(self) -> None:
        while True:
            with self._changed:
                while not self._queue or self._queue[0][0] > time.monotonic():
                    self._changed.wait(self._queue[0][0] - time.monotonic() if self._queue else None)
                _, _, work = heapq.heappop(self._queue)
            try:
                work()
            except Exception:
                log.exception("delayed work failed")


@dataclass(frozen=True)
class HandlerSettings:
    """The part of ``bot.config.Settings`` listeners read, as plain values (``bot.app`` copies them)."""

    editors: tuple[str, ...] = ()  # who may correct the record ("admins" adds workspace admins)
    allow_private_urls: bool = False  # "Add to nafta-bot" may fetch loopback and private addresses
    fetch_deadline_seconds: float = 60.0
    store_retry_seconds: float = 8.0  # how long a mention waits for an unreachable store
    max_retry_after_seconds: float = MAX_RETRY_AFTER_SECONDS
    taxonomy_path: str | None = None  # None: the bundled taxonomy


@dataclass(frozen=True)
class Runtime:
    settings: HandlerSettings
    engine: Engine
    librarian: Librarian
    pool: Executor
    digests: DigestSettings
    later: Later = field(default_factory=Later, compare=False)

    def after(self, delay: float, work: Callable[..., Any], /, *args: Any, **kwargs: Any) -> None:
        """Run ``work`` on the pool in ``delay`` seconds; no thread is held while waiting."""
        self.later.call(delay, lambda: self.background(work, *args, **kwargs))

    def background(self, work: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        """Run ``work`` on the listener pool after the ack; a failure is logged, never lost silently."""
        future = self.pool.submit(work, *args, **kwargs)
        future.add_done_callback(_log_failure(getattr(work, "__name__", "work")))
        return future


def _log_failure(name: str) -> Callable[[Future[Any]], None]:
    def check(future: Future[Any]) -> None:
        if not future.cancelled() and (error := future.exception()) is not None:
            log.error("background %s failed: %s", name, error, exc_info=error)

    return check
