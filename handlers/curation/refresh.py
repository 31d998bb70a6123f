"""After an edit, the answer the editor clicked in is run again and put in place of the old one.

The click's context travels in the modal's ``private_metadata`` (Slack signs it back to us with the
submission): the answer's query, the response_url, the channel and message ts. ``respond`` with
``replace_original`` is the only way to change an ephemeral message (five times in 30 minutes); when
it is spent, the editor is told in an ephemeral note that the change is saved.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient
from sqlmodel import Session

from handlers.curation.forms import Choicebook
from handlers.curation.menus import wants_menus, with_quote_menus
from handlers.query.intent import Intent
from handlers.query.parse import Query
from handlers.render.slack import render_message
from handlers.runtime import Runtime
from store.curation.lookups import party_choices, topic_choices

log = logging.getLogger(__name__)


def click_context(body: dict[str, Any], query: Query | None) -> dict[str, Any]:
    """What a modal needs to refresh the answer it was opened from, for its private_metadata."""
    container = body.get("container") or {}
    return {
        "v": query.to_value() if query else None,
        "r": body.get("response_url"),
        "c": container.get("channel_id") or (body.get("channel") or {}).get("id"),
        "ts": container.get("message_ts"),
        "e": bool(container.get("is_ephemeral")),
    }


def choicebook(runtime: Runtime) -> Choicebook:
    with Session(runtime.engine) as session:
        return Choicebook(parties=party_choices(session), topics=topic_choices(session))


def refresh_answer(runtime: Runtime, client: WebClient, meta: dict[str, Any]) -> bool:
    """Re-run the answer described by ``meta`` and replace the message; False when it could not."""
    value = meta.get("v")
    if not isinstance(value, str) or not value:
        return False
    query = Query.from_value(value)
    if query.kind == Intent.INVALID:
        return False
    answer = runtime.librarian.run(replace(query, private=bool(meta.get("e"))))
    message = render_message(answer)
    if wants_menus(message):  # the editor's private answer keeps its menus
        message = with_quote_menus(message, answer.query)
    update = {"text": message["text"], "blocks": message["blocks"]}
    url = meta.get("r")
    if isinstance(url, str) and url.startswith(("https://", "http://")):
        sent = WebhookClient(url).send_dict({**update, "replace_original": True})
        if sent.status_code == 200:
            return True
        log.warning("response_url refused the refreshed answer: HTTP %s", sent.status_code)
    return False


def refresh_or_tell(
    runtime: Runtime, client: WebClient, meta: dict[str, Any], *, user: str, done: str
) -> None:
    """Refresh the answer; when Slack will not take it (a spent response_url: five uses in 30 minutes),
    tell the editor the change is saved, in an ephemeral message in the same channel."""
    if refresh_answer(runtime, client, meta) or not meta.get("c"):
        return
    try:
        client.chat_postEphemeral(
            channel=str(meta["c"]), user=user, text=f"{done} Run the command again to see it."
        )
    except SlackApiError as error:
        log.warning("telling an editor about a saved change failed: %s", error.response.get("error"))
