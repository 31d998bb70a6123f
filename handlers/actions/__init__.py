"""Interactive components on answers: paging, choosing a party, sharing a private answer."""

from __future__ import annotations

from slack_bolt import App

from handlers.actions import buttons


def register(app: App) -> None:
    buttons.register(app)
