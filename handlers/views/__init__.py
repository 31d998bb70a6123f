"""Views: the App Home tab."""

from __future__ import annotations

from slack_bolt import App

from handlers.views import home


def register(app: App) -> None:
    home.register(app)
