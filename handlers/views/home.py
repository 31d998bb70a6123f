"""App Home: the tracked topics with their status and last change, the workspace's digests, a how-to.

Published with views.publish each time someone opens the tab, so it is never stale and needs no
cache. The topic list is the same ``topics`` answer `/nafta topics` gives, rendered the same way;
the whole view is fitted to App Home's 100-block limit.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from handlers.curation.command import change_list
from handlers.curation.editors import may_edit
from handlers.curation.records import OPEN_POSITION, OPEN_STATUS
from handlers.digest.subscriptions import home_blocks
from handlers.query.intent import Intent
from handlers.query.parse import Query
from handlers.render import blockkit as bk
from handlers.render.help import HELP_EXAMPLES
from handlers.render.slack import render_message
from handlers.runtime import Runtime

log = logging.getLogger(__name__)

EDITOR_CHANGES = 10

HOW_TO = (
    "Ask where the United States, Canada and Mexico stand on a chapter of the NAFTA talks, with who said "
    "what: type `/nafta TOPIC` in any channel, mention me (`@nafta-bot autos`) for an answer in a thread, "
    "or send me a direct message. Add `private` to see an answer only yourself."
)


def home_view(runtime: Runtime, *, team_id: str, user_id: str, editor: bool = False) -> dict[str, Any]:
    """The App Home view for ``user_id``: at most 100 blocks, user-supplied text escaped.

    Editors also get the buttons that open the record forms and the last ten changes to the record.
    """
    examples = ", ".join(f"`/nafta {example}`" for example in HELP_EXAMPLES)
    topics = render_message(runtime.librarian.run(Query(Intent.TOPICS)))["blocks"]
    blocks: list[bk.Block | None] = [
        bk.header("nafta-bot: who stands where in the NAFTA talks"),
        bk.section(HOW_TO),
        bk.context(f"Try {examples}, or `/nafta help` for everything."),
        bk.divider(),
        *topics,
    ]
    if editor:
        blocks += [bk.divider(), *editor_blocks(runtime)]
    blocks += [bk.divider(), *home_blocks(runtime.engine, team_id=team_id)]
    return {"type": "home", "blocks": bk.fit_message(blocks, max_blocks=bk.MAX_MODAL_BLOCKS)}


def editor_blocks(runtime: Runtime) -> list[bk.Block]:
    changes = change_list(runtime, since=None, limit=EDITOR_CHANGES)
    buttons = bk.actions(
        bk.button("Record a position", OPEN_POSITION, "position"),
        bk.button("Set a chapter status", OPEN_STATUS, "status"),
    )
    assert buttons is not None
    return [
        bk.header("For editors: the last changes to the record"),
        buttons,
        *(changes or [bk.context("_No changes yet._")]),
    ]


def publish_home(runtime: Runtime, client: WebClient, *, team_id: str, user_id: str) -> None:
    editor = may_edit(runtime.settings.editors, client, user_id)
    client.views_publish(
        user_id=user_id, view=home_view(runtime, team_id=team_id, user_id=user_id, editor=editor)
    )


def on_home_opened(ack: Ack, event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    ack()
    if event.get("tab", "home") == "home" and event.get("user"):
        context["runtime"].background(
            publish_home, context["runtime"], client, team_id=context.team_id or "", user_id=event["user"]
        )


def register(app: App) -> None:
    app.event("app_home_opened")(on_home_opened)
