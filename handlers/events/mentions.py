"""`@nafta-bot QUESTION` in a channel and direct messages: the same answers, in a thread.

A follow-up in the same thread ("and mexico?") refines the thread's last question; a direct
message outside a thread refines the conversation's last question (``handlers.events.threads``).

Slack expects a fast 200 for events, so the listener acks and hands the work to the pool; the
reply goes out with chat.postMessage (retried on 429 by the client). The bot's own messages and
edits, joins and other message subtypes are ignored, and a retried event is answered only once.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from handlers.events.dedupe import first_delivery
from handlers.events.threads import answer_in_thread, thread_message
from handlers.runtime import Runtime

log = logging.getLogger(__name__)

_LEADING_MENTIONS = re.compile(r"^(\s*<@[A-Z0-9]+(?:\|[^>]*)?>[\s,:]*)+")
SORRY = "Sorry, something went wrong while looking that up. Please try again in a minute."
DM_THREAD = "dm"  # the memory key of a direct-message conversation's top level


def is_question(event: dict[str, Any], *, bot_user_id: str | None) -> bool:
    """A person wrote to the bot: not a bot, not an edit or a join, not the bot itself."""
    return not (
        event.get("subtype")
        or event.get("bot_id")
        or not event.get("user")
        or event.get("user") == bot_user_id
    )


def question_text(text: str) -> str:
    """What was asked, without the leading ``<@U…>`` that addressed the bot."""
    return _LEADING_MENTIONS.sub("", text or "").strip()


def reply_in_thread(runtime: Runtime, client: WebClient, event_id: str | None, event: dict[str, Any]) -> None:
    if not first_delivery(runtime.engine, event_id):
        log.info("event %s already handled; ignoring Slack's retry", event_id)
        return
    channel, thread = event["channel"], event.get("thread_ts") or event["ts"]
    memory = event.get("thread_ts") or (DM_THREAD if event.get("channel_type") == "im" else event["ts"])
    question = question_text(str(event.get("text") or ""))
    try:
        answer = answer_in_thread(runtime, channel=channel, thread=memory, text=question)
        message = thread_message(answer, question=question, vocab=runtime.librarian.vocabulary())
    except Exception:
        log.exception("answering a mention failed")
        client.chat_postMessage(channel=channel, thread_ts=thread, text=SORRY)
        return
    fields = {"text": message["text"], "blocks": message["blocks"], "thread_ts": thread}
    if answer.query.private:
        client.chat_postEphemeral(channel=channel, user=event["user"], **fields)
    else:
        client.chat_postMessage(channel=channel, unfurl_links=False, unfurl_media=False, **fields)


def on_mention(
    ack: Ack, body: dict[str, Any], event: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    ack()
    if is_question(event, bot_user_id=context.bot_user_id):
        context["runtime"].background(
            reply_in_thread, context["runtime"], client, body.get("event_id"), event
        )


def on_message(
    ack: Ack, body: dict[str, Any], event: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    ack()
    if event.get("channel_type") == "im" and is_question(event, bot_user_id=context.bot_user_id):
        context["runtime"].background(
            reply_in_thread, context["runtime"], client, body.get("event_id"), event
        )


def register(app: App) -> None:
    app.event("app_mention")(on_mention)
    app.event("message")(on_message)
