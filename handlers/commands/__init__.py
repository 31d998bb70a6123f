"""Slash commands: `/nafta`, answered by the query engine (digest sub-commands by the digest code)."""

from __future__ import annotations

from slack_bolt import App

from handlers.commands import nafta


def register(app: App) -> None:
    nafta.register(app)
