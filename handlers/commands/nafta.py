"""`/nafta TEXT`: the answer engine's reply, in the ack when it is quick, through response_url when not.

The listener is a shell: ``answer_command`` (plain function, no Slack I/O except what a digest
sub-command does; those go to ``handlers.digest`` before the answer engine) builds the message,
raced against the ack deadline (``handlers.deadline``). The transport keeps the deadline, over HTTP
and Socket Mode alike, and the answer is computed right here, on the request's dispatch thread. A
request no transport times (``app.dispatch`` called directly) has no race in its context: its answer
always goes in the ack.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from handlers.curation.command import answer_curation, is_curation
from handlers.curation.editors import may_edit
from handlers.curation.menus import wants_menus, with_quote_menus
from handlers.deadline import LOOKING_IT_UP, RACE_KEY, AckRace, ack_with, answer_or_hand_over
from handlers.digest.subscriptions import answer_subscription, is_digest_command
from handlers.render import blockkit as bk
from handlers.render.slack import render_message
from handlers.replies import send
from handlers.runtime import Runtime

COMMAND = "/nafta"


def answer_command(runtime: Runtime, client: WebClient, command: dict[str, Any]) -> bk.Message:
    """The message `/nafta` replies with, e.g. an in-channel Block Kit answer for ``autos``."""
    text = str(command.get("text") or "")
    if is_curation(text):
        return answer_curation(runtime, client, command)
    if is_digest_command(text):
        return answer_subscription(
            text,
            engine=runtime.engine,
            client=client,
            settings=runtime.digests,
            team_id=str(command.get("team_id") or ""),
            channel_id=str(command.get("channel_id") or ""),
            user_id=str(command.get("user_id") or ""),
        )
    # Rendered once per data revision: a repeated `/nafta autos` neither queries nor renders again.
    answer, message = runtime.librarian.ask_rendered(text, render_message)
    if wants_menus(message) and may_edit(runtime.settings.editors, client, str(command.get("user_id") or "")):
        return with_quote_menus(message, answer.query)  # a copy: the cached message stays menu-free
    return message


def handle_nafta(
    ack: Ack, command: dict[str, Any], respond: Respond, context: BoltContext, client: WebClient
) -> None:
    runtime: Runtime = context["runtime"]

    def late(message: bk.Message) -> None:
        if not message:  # nothing to say (a form opened instead)
            return
        send(respond, message, what="the late answer")

    def compute() -> bk.Message:
        return answer_command(runtime, client, command)

    race: AckRace = context.get(RACE_KEY) or AckRace()
    message = answer_or_hand_over(race, compute, late)
    reply = LOOKING_IT_UP if message is None else message  # {}: ack with an empty body
    ack_with(ack, reply)


def register(app: App) -> None:
    app.command(COMMAND)(handle_nafta)
