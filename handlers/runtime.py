"""What every listener needs besides the request: the store, the answer engine, the worker pool.

``create_app`` builds one ``Runtime`` at start-up and a middleware puts it into Bolt's ``context``
as ``context["runtime"]``. Listeners open their own short sessions from ``runtime.engine``; nothing
here holds a session, because work handed to the pool outlives the request that started it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from bot.config import Settings
from handlers.query.engine import Librarian

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Runtime:
    settings: Settings
    engine: Engine
    librarian: Librarian
    pool: Executor
    answer_deadline: float  # seconds a slash command waits for its answer before acking "looking that up"

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
