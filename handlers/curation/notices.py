"""Telling an editor what became of a click: beside the message clicked in, or in a small modal.

App Home has no ``response_url``, so a click there is answered with a modal instead.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.curation import blocks as b
from handlers.curation.editors import REFUSAL, may_edit
from handlers.replies import sender, tell
from handlers.runtime import Runtime

log = logging.getLogger(__name__)


def notify(respond: Respond, body: dict[str, Any], client: WebClient, text: str) -> None:
    if body.get("response_url"):
        tell(respond, text, what="an editor notice")
        return
    try:
        client.views_open(trigger_id=str(body.get("trigger_id") or ""), view=b.notice("nafta-bot", text))
    except SlackApiError as error:
        log.warning("views.open for a notice failed: %s", error.response.get("error"))


def refuse_non_editor(runtime: Runtime, client: WebClient, body: dict[str, Any], respond: Respond) -> bool:
    """True when the sender may not edit the record; the refusal is then already shown to them."""
    if may_edit(runtime.settings.editors, client, sender(body)):
        return False
    notify(respond, body, client, REFUSAL)
    return True
