"""The assistant panel's listeners: thin shells around the same reader, engine and renderer.

``process_before_response`` is on, so each listener only does what is quick (status, greeting)
before returning; the answer is looked up on the listener pool and posted into the thread.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Assistant, BoltContext, Say, SetStatus, SetSuggestedPrompts, SetTitle
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlmodel import Session

from handlers.assistant.prompts import suggested_prompts
from handlers.events.dedupe import first_delivery
from handlers.events.mentions import SORRY
from handlers.events.threads import answer_in_thread, thread_message
from handlers.runtime import Runtime

log = logging.getLogger(__name__)

GREETING = (
    "Hi! Ask me about the NAFTA talks in plain words: where a party stands on a topic, what someone "
    "said, what's new this week. Follow-ups such as “and Mexico?” or “more” work in the thread."
)
LOOKING = "Looking that up…"
TITLE_CHARS = 80


def on_thread_started(say: Say, set_suggested_prompts: SetSuggestedPrompts, context: BoltContext) -> None:
    say(GREETING)
    try:
        with Session(context["runtime"].engine) as session:
            prompts = suggested_prompts(session)
        set_suggested_prompts(prompts=prompts, title="Try asking:")
    except Exception:
        log.exception("could not set the assistant's suggested prompts")


def on_context_changed(payload: dict[str, Any]) -> None:
    """The user moved to another channel with the panel open: answers do not depend on it, so note it."""
    where = ((payload.get("assistant_thread") or {}).get("context") or {}).get("channel_id")
    log.info("assistant thread context changed (now beside %s)", where or "no channel")


def on_user_message(
    body: dict[str, Any],
    payload: dict[str, Any],
    set_status: SetStatus,
    set_title: SetTitle,
    context: BoltContext,
    client: WebClient,
) -> None:
    if not first_delivery(context["runtime"].engine, body.get("event_id")):
        return
    _quietly(set_status, LOOKING)
    context["runtime"].background(_answer, context["runtime"], client, set_title, payload)


def _answer(runtime: Runtime, client: WebClient, set_title: SetTitle, event: dict[str, Any]) -> None:
    channel, thread = event["channel"], event["thread_ts"]
    question = str(event.get("text") or "").strip()
    try:
        answer = answer_in_thread(runtime, channel=channel, thread=thread, text=question)
        message = thread_message(answer, question=question, vocab=runtime.librarian.vocabulary())
    except Exception:
        log.exception("answering in the assistant panel failed")
        client.chat_postMessage(channel=channel, thread_ts=thread, text=SORRY)
        return
    _quietly(set_title, (answer.query.reading or question).removeprefix("Read as: ")[:TITLE_CHARS])
    client.chat_postMessage(
        channel=channel,
        thread_ts=thread,
        text=message["text"],
        blocks=message["blocks"],
        unfurl_links=False,
        unfurl_media=False,
    )


def _quietly(call: Any, text: str) -> None:
    """Status and title are niceties: outside an assistant thread Slack refuses them, and that is fine."""
    try:
        call(text)
    except SlackApiError as error:
        log.info("assistant %s refused: %s", getattr(call, "__name__", "call"), error.response.get("error"))


def build_assistant() -> Assistant:
    assistant = Assistant()
    assistant.thread_started(on_thread_started)
    assistant.thread_context_changed(on_context_changed)
    assistant.user_message(on_user_message)
    return assistant
