"""The Slack surfaces, one package each; ``register(app)`` wires them all onto a Bolt app.

Bolt is imported only here, inside ``register``: ``handlers.query`` and ``handlers.render`` are also
used by the CLI, which should not pay for loading Slack's libraries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from slack_bolt import App


def register(app: App) -> None:
    from handlers import actions, assistant, commands, curation, events, views
    from handlers.actions import fallback

    for surface in (assistant, commands, actions, events, views, curation):
        surface.register(app)
    fallback.register(app)  # last: answers only what no surface above took
