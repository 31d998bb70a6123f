"""Replies through a request's ``response_url``, and who sent the request.

Slack refuses a ``response_url`` after 30 minutes or 5 uses: a listener thread cannot raise that to
anyone, so a refused reply is a log line instead of an exception.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Respond

from handlers.render.blockkit import Message

log = logging.getLogger(__name__)


def sender(body: dict[str, Any]) -> str:
    """The user ID of whoever clicked, submitted or ran the shortcut; "" when the payload has none."""
    return str((body.get("user") or {}).get("id") or "")


def send(respond: Respond, message: Message, *, what: str) -> bool:
    """``respond(message)``; False (and ``what`` logged) when Slack refused it."""
    sent = respond(dict(message))
    if sent.status_code != 200:
        log.warning("response_url refused %s: HTTP %s", what, sent.status_code)
    return sent.status_code == 200


def tell(respond: Respond, text: str, *, what: str = "a notice") -> bool:
    """A line only the asker sees, below the message they acted on (which stays as it is)."""
    return send(respond, {"response_type": "ephemeral", "replace_original": False, "text": text}, what=what)
