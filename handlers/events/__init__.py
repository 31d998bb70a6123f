"""Events API: mentions and direct messages (App Home's event lives with its view in ``handlers.views``)."""

from __future__ import annotations

from slack_bolt import App

from handlers.events import feedback, mentions


def register(app: App) -> None:
    mentions.register(app)
    feedback.register(app)
