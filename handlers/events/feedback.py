"""👍/👎 on a thread answer: the vote is stored with the question, its reading and the quotes shown.

`nafta-bot feedback` lists the votes, so the desk sees which questions the bot misreads.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond

from handlers.events.threads import VOTE_DOWN, VOTE_UP
from store.threads import record_feedback

log = logging.getLogger(__name__)
THANKS = {1: "Thanks, noted as helpful.", -1: "Thanks, noted: this one was misread or unhelpful."}


def vote_from(body: dict[str, Any]) -> dict[str, Any] | None:
    """What a click says: user, channel, thread, vote and the button's payload; None if unreadable."""
    try:
        action = body["actions"][0]
        payload = json.loads(action["value"])
        message = body.get("message") or {}
        return {
            "user_id": str(body["user"]["id"]),
            "channel": str(
                (body.get("channel") or body.get("container") or {}).get("id")
                or body["container"]["channel_id"]
            ),
            "thread_ts": message.get("thread_ts") or message.get("ts"),
            "vote": 1 if action["action_id"] == VOTE_UP else -1,
            "question": str(payload.get("q", "")),
            "reading": dict(payload.get("r") or {}),
            "item_ids": [int(i) for i in payload.get("i", [])],
        }
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def on_vote(ack: Ack, body: dict[str, Any], context: BoltContext, respond: Respond) -> None:
    ack()
    vote = vote_from(body)
    if vote is None:
        log.warning("unreadable feedback click ignored")
        return
    record_feedback(context["runtime"].engine, **vote)
    if body.get("response_url"):
        respond(text=THANKS[vote["vote"]], response_type="ephemeral", replace_original=False)


def register(app: App) -> None:
    app.action(VOTE_UP)(on_vote)
    app.action(VOTE_DOWN)(on_vote)
