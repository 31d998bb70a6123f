"""Every Slack request goes through ``dispatch``: Bolt handles it, and one log line says how it went.

The line names what was asked (the command and its first word, the button, the event type),
the status and outcome, and the time to the ack, e.g.::

    slack command nafta autos -> 200 answered in 14 ms
    slack command nafta autos -> 200 deferred to response_url in 2001 ms (answer sent after 3120 ms)
    slack event app_mention (retry 1) -> 200 ok in 2 ms
    slack command nafta ? -> 401 rejected: bad or stale signature in 0 ms

It never logs tokens, secrets or what users typed beyond a sanitised first word.
"""

from __future__ import annotations

import logging
import re
import time
from enum import StrEnum
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse

from handlers.deadline import RACE_KEY, AckRace

log = logging.getLogger("nafta.requests")

_WORD = re.compile(r"[^a-z0-9-]")


def describe(request: BoltRequest) -> str:
    """What a request asks for, in a few log-safe words."""
    body: dict[str, Any] = request.body if isinstance(request.body, dict) else {}
    if body.get("command"):
        words = str(body.get("text") or "").split()
        first = _WORD.sub("", words[0].lower())[:24] if words else ""
        return f"command {_WORD.sub('', str(body['command']).lower().lstrip('/'))[:24]} {first}".strip()
    kind = str(body.get("type") or "unknown")
    if kind == "block_actions":
        actions = body.get("actions") or [{}]
        return f"action {str(actions[0].get('action_id', '?'))[:60]}"
    if kind == "event_callback":
        event_type = str((body.get("event") or {}).get("type", "?"))[:60]
        retry = next(iter(request.headers.get("x-slack-retry-num") or []), None)
        return f"event {event_type}" + (f" (retry {retry})" if retry else "")
    return kind[:60]


class Outcome(StrEnum):
    """How a request went, as its log line says it."""

    ANSWERED = "answered"
    OK = "ok"  # acked with an empty body
    DEFERRED = "deferred to response_url"
    REJECTED = "rejected: bad or stale signature"
    NOT_HANDLED = "not handled"
    FAILED = "failed"


def outcome(response: BoltResponse) -> Outcome:
    if response.status == 401:
        return Outcome.REJECTED
    if response.status == 404:
        return Outcome.NOT_HANDLED
    if response.status >= 500:
        return Outcome.FAILED
    return Outcome.ANSWERED if response.body else Outcome.OK


def dispatch(app: App, request: BoltRequest, started: float | None = None) -> BoltResponse:
    """Bolt's response to ``request``, logged with the time since ``started`` (a ``perf_counter()``).

    When the transport already acked "looking that up" (the request's ``AckRace`` was given up), the
    line gives the time of that ack and when the answer went to response_url.
    """
    started = time.perf_counter() if started is None else started
    try:
        response = app.dispatch(request)
    except Exception:
        log.exception("Bolt failed on a request")
        response = BoltResponse(status=500, body="")
    if log.isEnabledFor(logging.INFO):
        took = (time.perf_counter() - started) * 1000
        race: AckRace | None = request.context.get(RACE_KEY)
        if race is not None and race.gave_up_at is not None:
            acked = (race.gave_up_at - started) * 1000
            line = f"200 {Outcome.DEFERRED} in {acked:.0f} ms (answer sent after {took:.0f} ms)"
        else:
            line = f"{response.status} {outcome(response)} in {took:.0f} ms"
        log.info(f"slack {describe(request)} -> {line}")
    return response
