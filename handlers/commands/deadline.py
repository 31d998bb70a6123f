"""Answer inside Slack's 3-second ack when we can, through ``response_url`` when we cannot.

Putting the answer in the ack is the fast path: Slack shows it at once and no second request is
made. But the ack must reach Slack within 3 seconds whatever the database is doing, so the answer
is computed on the worker pool while the request thread waits at most ``timeout`` seconds. If the
answer is late the request thread acks a short "looking that up" and the worker, once done, hands
the answer to ``late`` (which calls ``respond()``). A lock decides which of the two delivers it, so
an answer is never delivered twice nor dropped.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Executor
from typing import Any

log = logging.getLogger(__name__)

Message = dict[str, Any]

LOOKING_IT_UP: Message = {
    "response_type": "ephemeral",
    "text": "Looking that up… the answer will follow here in a moment.",
}
SORRY: Message = {
    "response_type": "ephemeral",
    "text": "Sorry, something went wrong while looking that up. Please try again in a minute.",
}


def answer_within(
    pool: Executor, compute: Callable[[], Message], *, timeout: float, late: Callable[[Message], None]
) -> Message | None:
    """``compute()``'s message if it is ready within ``timeout`` seconds; else None, and ``late`` gets it.

    ``compute`` failing is not the caller's problem: the asker gets ``SORRY`` and the error is logged.
    """
    lock = threading.Lock()
    ready = threading.Event()
    outcome: dict[str, Any] = {"message": None, "gave_up": False}

    def work() -> None:
        try:
            message = compute()
        except Exception:
            log.exception("answering a slash command failed")
            message = SORRY
        with lock:
            if not outcome["gave_up"]:
                outcome["message"] = message
                ready.set()
                return
        try:
            late(message)
        except Exception:
            log.exception("delivering a late answer failed")

    try:
        pool.submit(work)
    except RuntimeError:  # the pool is shutting down
        return SORRY
    ready.wait(timeout)
    with lock:
        if outcome["message"] is not None:
            return outcome["message"]
        outcome["gave_up"] = True
    return None
