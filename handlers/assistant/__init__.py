"""Slack's assistant panel (Agents & AI Apps): the same answers, asked in a side panel.

Bolt's ``Assistant`` middleware routes the panel's events: a new thread gets a greeting and
suggested prompts built from what moved most recently; each question sets a status and a title
(how it was read) and is answered in the thread, follow-ups included. Needs a paid workspace or a
developer sandbox; everything else in the bot works without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from slack_bolt import App


def register(app: App) -> None:
    from handlers.assistant.panel import build_assistant

    app.use(build_assistant())
