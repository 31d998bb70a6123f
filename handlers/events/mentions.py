"""`@nafta-bot QUESTION` in a channel and direct messages: the same answers, in a thread.

A follow-up in the same thread ("and mexico?") refines the thread's last question; a direct
message outside a thread refines the conversation's last question (``handlers.events.threads``).

Slack expects a fast 200 for events, so the listener acks and hands the work to the pool; the
reply goes out with chat.postMessage. The bot's own messages and edits, joins and other message
subtypes are ignored, and a retried event is answered only once.

Every question gets exactly one reply. When the store cannot be reached (the event cannot be
recorded, or the answer cannot be read), the reply is retried with back-off, off the listener
pool, for up to ``settings.store_retry_seconds``; then the asker is told the store is unreachable.
A 429 from Slack is not slept on a listener thread either: the post is retried after
``Retry-After`` (capped) from the same timer.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.events.dedupe import first_delivery, seen_here
from handlers.events.threads import answer_in_thread, thread_message
from handlers.ratelimit import rate_limits_raise, retry_after_seconds
from handlers.render import blockkit as bk
from handlers.runtime import Runtime
from store.db import STORE_ERRORS

log = logging.getLogger(__name__)

_LEADING_MENTIONS = re.compile(r"^(\s*<@[A-Z0-9]+(?:\|[^>]*)?>[\s,:]*)+")
SORRY = "Sorry, something went wrong while looking that up. Please try again in a minute."
DM_THREAD = "dm"  # the memory key of a direct-message conversation's top level
STORE_DOWN = "I couldn't reach my store just now, so I can't answer that. Please try again in a minute."
STORE_RETRY_DELAYS = (0.25, 0.5, 1.0, 2.0, 4.0)  # then 4 s apart, within settings.store_retry_seconds
POST_ATTEMPTS = 4
STORE_FAILURES = STORE_ERRORS


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


@dataclass(frozen=True)
class Attempt:
    """Where one question's reply stands: how many tries, since when, and whether it is recorded."""

    number: int = 0
    since: float = 0.0
    recorded: bool = False


def reply_in_thread(
    runtime: Runtime,
    client: WebClient,
    event_id: str | None,
    event: dict[str, Any],
    attempt: Attempt | None = None,
) -> None:
    if attempt is None:
        if seen_here(event_id):
            log.info("event %s already handled (in this process); ignoring Slack's retry", event_id)
            return
        attempt = Attempt(since=time.monotonic())
    channel, thread = event["channel"], event.get("thread_ts") or event["ts"]
    memory = event.get("thread_ts") or (DM_THREAD if event.get("channel_type") == "im" else event["ts"])
    question = question_text(str(event.get("text") or ""))
    try:
        if not attempt.recorded:
            if not first_delivery(runtime.engine, event_id):
                log.info("event %s already handled; ignoring Slack's retry", event_id)
                return
            attempt = Attempt(attempt.number, attempt.since, recorded=True)
        answer = answer_in_thread(runtime, channel=channel, thread=memory, text=question)
        message = thread_message(answer, question=question, vocab=runtime.librarian.vocabulary())
    except STORE_FAILURES as error:
        _store_failed(runtime, client, event_id, event, attempt, error)
        return
    except Exception:
        log.exception("answering a mention failed")
        post(runtime, client, {"channel": channel, "thread_ts": thread, "text": SORRY})
        return
    fields: bk.Message = {
        "channel": channel,
        "text": message["text"],
        "blocks": message["blocks"],
        "thread_ts": thread,
    }
    if answer.query.private:
        post(runtime, client, {**fields, "user": event["user"]}, method="chat_postEphemeral")
    else:
        post(runtime, client, {**fields, "unfurl_links": False, "unfurl_media": False})


def _store_failed(
    runtime: Runtime,
    client: WebClient,
    event_id: str | None,
    event: dict[str, Any],
    attempt: Attempt,
    error: Exception,
) -> None:
    delay = STORE_RETRY_DELAYS[min(attempt.number, len(STORE_RETRY_DELAYS) - 1)]
    waited = time.monotonic() - attempt.since
    if waited + delay <= runtime.settings.store_retry_seconds:
        log.warning(
            "the store did not answer a mention (%s); trying again in %.2f s", type(error).__name__, delay
        )
        following = Attempt(attempt.number + 1, attempt.since, attempt.recorded)
        runtime.after(delay, reply_in_thread, runtime, client, event_id, event, following)
        return
    log.error("the store stayed unreachable for %.1f s; telling the asker", waited)
    channel, thread = event["channel"], event.get("thread_ts") or event["ts"]
    post(runtime, client, {"channel": channel, "thread_ts": thread, "text": STORE_DOWN})


def post(
    runtime: Runtime,
    client: WebClient,
    fields: bk.Message,
    *,
    method: str = "chat_postMessage",
    attempt: int = 1,
) -> None:
    """Post ``fields``; a 429 is retried after Retry-After (capped) without holding this thread."""
    try:
        with rate_limits_raise():
            getattr(client, method)(**fields)
    except SlackApiError as error:
        status = error.response.status_code
        if status != 429 or attempt >= POST_ATTEMPTS:
            reason = f"HTTP {status}" if status != 200 else str(error.response.get("error"))
            log.warning(
                "Slack API %s failed after %d retries (%s); giving up",
                method.replace("_", "."),
                attempt - 1,
                reason,
            )
            return
        raw = error.response.headers.get("Retry-After") or error.response.headers.get("retry-after")
        wait = retry_after_seconds(
            raw[0] if isinstance(raw, list) else raw, cap=runtime.settings.max_retry_after_seconds
        )
        runtime.after(wait, post, runtime, client, fields, method=method, attempt=attempt + 1)


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
