"""An editor's click: refusing anyone else, and telling them what became of it.

The answer goes beside the message clicked in, or, from App Home (which has no ``response_url``),
in a small modal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.curation import blocks as b
from handlers.curation.editors import REFUSAL, may_edit
from handlers.replies import sender, tell
from handlers.runtime import Runtime

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Click:
    """What a block_actions listener gets from Bolt, once the clicker is known to be an editor."""

    runtime: Runtime
    body: dict[str, Any]
    action: dict[str, Any]
    respond: Respond
    client: WebClient

    @property
    def user(self) -> str:
        return sender(self.body)

    def notify(self, text: str) -> None:
        notify(self.respond, self.body, self.client, text)


def editor_click(work: Callable[[Click], None]) -> Callable[..., None]:
    """A Bolt action listener that acks, refuses anyone but an editor, then runs ``work``.

    Bolt passes arguments by parameter name, so the listener keeps Bolt's names (and no
    ``functools.wraps``: Bolt would read ``work``'s parameters through ``__wrapped__``).
    """

    def listener(
        ack: Ack,
        body: dict[str, Any],
        action: dict[str, Any],
        respond: Respond,
        client: WebClient,
        context: BoltContext,
    ) -> None:
        runtime: Runtime = context["runtime"]
        ack()
        if not refuse_non_editor(runtime, client, body, respond):
            work(Click(runtime, body, action, respond, client))

    listener.__name__ = listener.__qualname__ = work.__name__
    return listener


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
