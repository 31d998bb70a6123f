"""Answer inside Slack's 3-second ack when we can, through ``response_url`` when we cannot.

Putting the answer in the ack is the fast path: Slack shows it at once and no second request is
made. But the ack must reach Slack within 3 seconds whatever the database is doing. So two parties
race: the thread computing the answer, and a waiter that gives up at the deadline and acks a short
"looking that up". An ``AckRace`` decides under a lock which of them won: the answer goes in the
ack, or the answering thread hands it to ``late`` (which calls ``respond()``). Never both, never
neither.

The waiter is the transport (``bot.server.ThreadDispatcher``, over HTTP and Socket Mode alike): it
puts the race in the request's context as ``context[RACE_KEY]``, dispatches the request on a thread
of its own and, at the deadline, gives up and acks "looking that up". The listener computes the
answer on that dispatch thread. The race also tells the request log whether the ack was deferred.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from enum import StrEnum

from slack_bolt import Ack, BoltResponse

from handlers.render.blockkit import Message
from store.db import STORE_ERRORS

log = logging.getLogger(__name__)

RACE_KEY = "ack_race"  # where the server puts a request's AckRace in Bolt's context

LOOKING_IT_UP: Message = {
    "response_type": "ephemeral",
    "text": "Looking that up… the answer will follow here in a moment.",
}
SORRY: Message = {
    "response_type": "ephemeral",
    "text": "Sorry, something went wrong while looking that up. Please try again in a minute.",
}
STORE_DOWN: Message = {
    "response_type": "ephemeral",
    "text": "I couldn't reach my store just now, so I can't answer that. Please try again in a minute.",
}


def ack_with(ack: Ack, message: Message) -> BoltResponse:
    """Ack a slash command with ``message``: an ack carries no ``replace_original`` or ``thread_ts``.

    ``{}`` acks with an empty body, as a bare ``ack()`` does.
    """
    return ack(
        text=message.get("text", ""),
        blocks=message.get("blocks"),
        response_type=message.get("response_type"),
        unfurl_links=message.get("unfurl_links"),
        unfurl_media=message.get("unfurl_media"),
    )


class Winner(StrEnum):
    ANSWER = "answer"  # the answer was ready first: the ack carries it
    WAITER = "waiter"  # the deadline came first: the ack says "looking that up", respond() brings the answer


class AckRace:
    """Who delivers one slash command's answer: the ack, or ``respond()`` after a "looking that up" ack."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._winner: Winner | None = None
        self.gave_up_at: float | None = None  # time.perf_counter() when the waiter acked without it

    def answer_ready(self) -> bool:
        """The answering thread has its message: True if it goes in the ack, False if the ack has left."""
        with self._lock:
            self._winner = self._winner or Winner.ANSWER
            return self._winner == Winner.ANSWER

    def give_up(self) -> bool:
        """The deadline passed: True if the waiter acks "looking that up" now (the answer follows
        through ``late``), False if the answer won by a hair and the ack will carry it."""
        with self._lock:
            if self._winner is None:
                self._winner, self.gave_up_at = Winner.WAITER, time.perf_counter()
            return self._winner == Winner.WAITER

    @property
    def deferred(self) -> bool:
        return self._winner == Winner.WAITER


def answer_or_hand_over(
    race: AckRace, compute: Callable[[], Message], late: Callable[[Message], None]
) -> Message | None:
    """``compute()``'s message for the ack, or None when the waiter gave up first and ``late`` got it.

    ``compute`` failing is not the caller's problem: the asker gets ``SORRY`` and the error is logged.
    """
    try:
        message = compute()
    except STORE_ERRORS as error:
        log.warning("answering a slash command failed: the store did not answer (%s)", type(error).__name__)
        message = STORE_DOWN
    except Exception:
        log.exception("answering a slash command failed")
        message = SORRY
    if race.answer_ready():
        return message
    try:
        late(message)
    except Exception:
        log.exception("delivering a late answer failed")
    return None
