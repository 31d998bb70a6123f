"""The buttons on an answer: "More quotes", "Timeline", the party selector, "Post to channel".

Each click carries the query it re-runs (``Query.to_value`` in the button's value, the topic in the
selector's block_id), so a click works after a restart or on another replica. The listener acks at
once (Slack ignores an ack's body for block_actions) and the new message goes through response_url.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from handlers.curation.editors import may_edit
from handlers.curation.menus import wants_menus, with_quote_menus
from handlers.query import answers as a
from handlers.query.parse import Query
from handlers.render.slack import (
    ALL_PARTIES,
    MORE_QUOTES,
    PICK_PARTY,
    POST_TO_CHANNEL,
    SHOW_TIMELINE,
    render_message,
)
from handlers.runtime import Runtime

log = logging.getLogger(__name__)

TOPIC_BLOCK_PREFIX = "topic:"


def party_query(block_id: str, choice: str) -> Query:
    """The topic answer a party-selector choice asks for, e.g. ("topic:autos", "canada")."""
    if not block_id.startswith(TOPIC_BLOCK_PREFIX):
        return Query("invalid", problem="That selector is from an older version; run the command again.")
    topic = block_id.removeprefix(TOPIC_BLOCK_PREFIX)[:64]
    return Query("topic", topic=topic, party=None if choice == ALL_PARTIES else choice[:64])


def in_same_place(query: Query, body: dict[str, Any]) -> Query:
    """Keep a private answer private: a click on an ephemeral message re-renders as ephemeral."""
    return replace(query, private=bool((body.get("container") or {}).get("is_ephemeral")))


def replace_answer(runtime: Runtime, respond: Respond, query: Query, editor: bool = False) -> None:
    """Re-run ``query`` and put the result in place of the clicked message (problems go beside it).

    ``editor``: the clicker may edit, so the new page keeps the quote menus.
    """
    answer = runtime.librarian.run(query)
    message = render_message(answer)
    if editor and wants_menus(message):
        message = with_quote_menus(message, answer.query)
    if isinstance(answer, a.ProblemAnswer | a.NotFoundAnswer):
        _send(respond, {**message, "response_type": "ephemeral", "replace_original": False})
    else:
        _send(respond, {"text": message["text"], "blocks": message["blocks"], "replace_original": True})


def post_to_channel(runtime: Runtime, respond: Respond, query: Query) -> None:
    """Share a private answer with the channel, then remove the private copy (problems stay private)."""
    answer = runtime.librarian.run(replace(query, private=False))
    message = render_message(answer)
    if answer.visibility == a.EPHEMERAL:
        _send(respond, {**message, "replace_original": False})
    elif _send(respond, {**message, "replace_original": False}):
        _send(respond, {"delete_original": True})


def _send(respond: Respond, message: dict[str, Any]) -> bool:
    sent = respond(message)
    if sent.status_code != 200:
        log.warning("response_url refused a button's reply: HTTP %s", sent.status_code)
    return sent.status_code == 200


def replace_for(
    runtime: Runtime, client: WebClient, respond: Respond, query: Query, body: dict[str, Any]
) -> None:
    """``replace_answer`` with the quote menus when the clicker is an editor (checked here, after the ack)."""
    user = str((body.get("user") or {}).get("id") or "")
    editor = query.private and may_edit(runtime.settings.editors, client, user)
    replace_answer(runtime, respond, query, editor)


def on_more_quotes(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    respond: Respond,
    client: WebClient,
    context: BoltContext,
) -> None:
    ack()
    query = in_same_place(Query.from_value(str(action.get("value") or "")), body)
    runtime = context["runtime"]
    runtime.background(replace_for, runtime, client, respond, query, body)


def on_pick_party(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    respond: Respond,
    client: WebClient,
    context: BoltContext,
) -> None:
    ack()
    choice = str((action.get("selected_option") or {}).get("value") or ALL_PARTIES)
    query = in_same_place(party_query(str(action.get("block_id") or ""), choice), body)
    runtime = context["runtime"]
    runtime.background(replace_for, runtime, client, respond, query, body)


def on_post_to_channel(ack: Ack, action: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    query = Query.from_value(str(action.get("value") or ""))
    context["runtime"].background(post_to_channel, context["runtime"], respond, query)


def on_show_timeline(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext
) -> None:
    ack()
    query = in_same_place(Query.from_value(str(action.get("value") or "")), body)
    context["runtime"].background(replace_answer, context["runtime"], respond, query)


def register(app: App) -> None:
    app.action(MORE_QUOTES)(on_more_quotes)
    app.action(SHOW_TIMELINE)(on_show_timeline)
    app.action(PICK_PARTY)(on_pick_party)
    app.action(POST_TO_CHANNEL)(on_post_to_channel)
