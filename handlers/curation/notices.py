"""An editor's click: refusing anyone else, and telling them what became of it.

The answer goes beside the message clicked in, or, from App Home (which has no ``response_url``),
in a small modal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_sdk.errors import SlackApiError

from handlers.clicks import Click, on_click
from handlers.curation import blocks as b
from handlers.curation.editors import REFUSAL, may_edit
from handlers.replies import tell

log = logging.getLogger(__name__)


def editor_click(work: Callable[[Click], None]) -> Callable[..., None]:
    """A Bolt action listener that acks, refuses anyone but an editor, then runs ``work``."""

    def checked(click: Click) -> None:
        if not refuse_non_editor(click):
            work(click)

    checked.__name__ = work.__name__
    return on_click(checked)


def notify(click: Click, text: str) -> None:
    if click.body.get("response_url"):
        tell(click.respond, text, what="an editor notice")
        return
    try:
        click.client.views_open(
            trigger_id=str(click.body.get("trigger_id") or ""), view=b.notice("nafta-bot", text)
        )
    except SlackApiError as error:
        log.warning("views.open for a notice failed: %s", error.response.get("error"))


def refuse_non_editor(click: Click) -> bool:
    """True when the sender may not edit the record; the refusal is then already shown to them."""
    if may_edit(click.runtime.settings.editors, click.client, click.user):
        return False
    notify(click, REFUSAL)
    return True
