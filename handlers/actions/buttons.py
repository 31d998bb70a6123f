"""The buttons on an answer: "More quotes", "Timeline", the party selector, "Post to channel".

Each click carries the query it re-runs (``Query.to_value`` in the button's value, the topic in the
selector's block_id), so a click works after a restart or on another replica. The listener acks at
once (Slack ignores an ack's body for block_actions) and the new message goes through response_url.

A click's value comes back from the client, so it is checked before use (``checked_value``): not
JSON, numbers out of range (offsets past ``MAX_OFFSET``, ``1e300``, ``Infinity``), or a selector
whose ``selected_option`` is not an object each get a polite ephemeral "run the command again", as
does a store that cannot be reached. Clicks on buttons this version does not know are answered
the same way by ``handlers.actions.fallback``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from handlers.clicks import Click, on_click
from handlers.curation.editors import may_edit
from handlers.curation.menus import wants_menus, with_quote_menus
from handlers.query import answers as a
from handlers.query.intent import Intent
from handlers.query.parse import Query
from handlers.render.slack import (
    ALL_PARTIES,
    MORE_QUOTES,
    PICK_PARTY,
    POST_TO_CHANNEL,
    SHOW_TIMELINE,
    render_message,
)
from handlers.replies import send, sender, tell
from handlers.runtime import Runtime
from store.db import STORE_ERRORS

log = logging.getLogger(__name__)

TOPIC_BLOCK_PREFIX = "topic:"
MAX_OFFSET = 10_000  # no answer pages further than this
MAX_VALUE_CHARS = 2_000  # Slack's own limit on a button value
DAMAGED = "That button's data is unreadable or out of range; run the command again."
STORE_DOWN = "I couldn't reach my store just now; please try again in a minute."
REPLY = "a button's reply"  # in the log line when Slack refuses one


def _no_constants(name: str) -> float:
    raise ValueError(f"{name} is not a number a button carries")


def checked_value(value: object) -> Query:
    """The query a button value asks for, or an ``invalid`` query saying it is damaged.

    >>> checked_value('{"k":"topic","t":"autos","o":1e300}').kind
    'invalid'
    """
    if not isinstance(value, str) or len(value) > MAX_VALUE_CHARS:
        return Query(Intent.INVALID, problem=DAMAGED)
    try:
        data = json.loads(value, parse_constant=_no_constants)
    except (ValueError, RecursionError):
        return Query(Intent.INVALID, problem=DAMAGED)
    if not isinstance(data, dict):
        return Query(Intent.INVALID, problem=DAMAGED)
    offset, person = data.get("o", 0), data.get("id")
    if not isinstance(offset, int) or isinstance(offset, bool) or not 0 <= offset <= MAX_OFFSET:
        return Query(Intent.INVALID, problem=DAMAGED)
    if person is not None and (not isinstance(person, int) or not 0 < person < 2**62):
        return Query(Intent.INVALID, problem=DAMAGED)
    return Query.from_value(value)


def party_query(block_id: str, choice: str) -> Query:
    """The topic answer a party-selector choice asks for, e.g. ("topic:autos", "canada")."""
    if not block_id.startswith(TOPIC_BLOCK_PREFIX):
        return Query(Intent.INVALID, problem="That selector is from an older version; run the command again.")
    topic = block_id.removeprefix(TOPIC_BLOCK_PREFIX)[:64]
    return Query(Intent.TOPIC, topic=topic, party=None if choice == ALL_PARTIES else choice[:64])


def in_same_place(query: Query, body: dict[str, Any]) -> Query:
    """Keep a private answer private: a click on an ephemeral message re-renders as ephemeral."""
    return replace(query, private=bool((body.get("container") or {}).get("is_ephemeral")))


def _run(runtime: Runtime, respond: Respond, query: Query) -> a.Answer | None:
    """The answer to ``query``, or None after telling the clicker the store could not be reached."""
    try:
        return runtime.librarian.run(query)
    except STORE_ERRORS as error:
        log.warning("a button's answer failed: the store did not answer (%s)", type(error).__name__)
        tell(respond, STORE_DOWN, what=REPLY)
        return None


def replace_answer(runtime: Runtime, respond: Respond, query: Query, editor: bool = False) -> None:
    """Re-run ``query`` and put the result in place of the clicked message (problems go beside it).

    ``editor``: the clicker may edit, so the new page keeps the quote menus.
    """
    answer = _run(runtime, respond, query)
    if answer is None:
        return
    message = render_message(answer)
    if editor and wants_menus(message):
        message = with_quote_menus(message, answer.query)
    if isinstance(answer, a.ProblemAnswer | a.NotFoundAnswer):
        send(respond, {**message, "response_type": "ephemeral", "replace_original": False}, what=REPLY)
    else:
        send(
            respond,
            {"text": message["text"], "blocks": message["blocks"], "replace_original": True},
            what=REPLY,
        )


def post_to_channel(runtime: Runtime, respond: Respond, query: Query) -> None:
    """Share a private answer with the channel, then remove the private copy (problems stay private)."""
    answer = _run(runtime, respond, replace(query, private=False))
    if answer is None:
        return
    message = render_message(answer)
    if answer.visibility == a.EPHEMERAL:
        send(respond, {**message, "replace_original": False}, what=REPLY)
    elif send(respond, {**message, "replace_original": False}, what=REPLY):
        send(respond, {"delete_original": True}, what=REPLY)


def replace_for(
    runtime: Runtime, client: WebClient, respond: Respond, query: Query, body: dict[str, Any]
) -> None:
    """``replace_answer`` with the quote menus when the clicker is an editor (checked here, after the ack)."""
    editor = query.private and may_edit(runtime.settings.editors, client, sender(body))
    replace_answer(runtime, respond, query, editor)


def _replacing(read: Callable[[dict[str, Any]], Query]) -> Callable[..., None]:
    """A listener that reads the query a click asks for with ``read`` and replaces the answer with it."""

    def replace_with(click: Click) -> None:
        query = in_same_place(read(click.action), click.body)
        click.runtime.background(replace_for, click.runtime, click.client, click.respond, query, click.body)

    replace_with.__name__ = f"on_{read.__name__}"
    return on_click(replace_with)


def more_quotes(action: dict[str, Any]) -> Query:
    """The next page, as the button's value says."""
    return checked_value(action.get("value") or "")


def pick_party(action: dict[str, Any]) -> Query:
    """The topic of the menu's block with the party chosen (or all of them)."""
    option = action.get("selected_option") or {}
    if not isinstance(option, dict) or not isinstance(option.get("value", ""), str):
        return Query(Intent.INVALID, problem=DAMAGED)
    choice = str(option.get("value") or ALL_PARTIES)
    return party_query(str(action.get("block_id") or ""), choice)


on_more_quotes = _replacing(more_quotes)
on_pick_party = _replacing(pick_party)


def on_post_to_channel(ack: Ack, action: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    query = checked_value(action.get("value") or "")
    context["runtime"].background(post_to_channel, context["runtime"], respond, query)


def on_show_timeline(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext
) -> None:
    ack()
    query = in_same_place(checked_value(action.get("value") or ""), body)
    context["runtime"].background(replace_answer, context["runtime"], respond, query)


def register(app: App) -> None:
    app.action(MORE_QUOTES)(on_more_quotes)
    app.action(SHOW_TIMELINE)(on_show_timeline)
    app.action(PICK_PARTY)(on_pick_party)
    app.action(POST_TO_CHANNEL)(on_post_to_channel)
