"""The last listeners: a click or a form this version has no listener for still gets an answer.

Registered after every other surface (``handlers.register``), so they only see what nothing else
took: a button from an older message, a tampered action id, a modal submitted after an upgrade.
Without them Bolt answers 404 and the user sees Slack's generic error, or nothing.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond

log = logging.getLogger(__name__)

ANYTHING = re.compile(r".*", re.S)
UNKNOWN_BUTTON = {
    "response_type": "ephemeral",
    "replace_original": False,
    "text": "That button is from an older or damaged message, so I can't act on it. Run the command again.",
}
UNKNOWN_FORM_VIEW = {
    "type": "modal",
    "title": {"type": "plain_text", "text": "nafta-bot"},
    "blocks": [
        {
            "type": "section",
            "text": {
                "type": "plain_text",
                "text": "This form is from an older version of nafta-bot and could not be saved. "
                "Close it and start again.",
            },
        }
    ],
}


def on_unknown_action(ack: Ack, action: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    log.info("a click on an unknown action %r", str(action.get("action_id"))[:60])
    if respond.response_url:
        context["runtime"].background(respond, UNKNOWN_BUTTON)


def on_unknown_view(ack: Ack, view: dict[str, Any]) -> None:
    log.info("an unknown form %r was submitted", str(view.get("callback_id"))[:60])
    ack(response_action="update", view=UNKNOWN_FORM_VIEW)


def register(app: App) -> None:
    app.action(ANYTHING)(on_unknown_action)
    app.view(ANYTHING)(on_unknown_view)
