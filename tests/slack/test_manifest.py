"""The manifest an admin pastes into Slack declares everything the bot listens to and calls."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = (ROOT / "manifest.yml").read_text(encoding="utf-8")
SETUP = (ROOT / "docs" / "slack-setup.md").read_text(encoding="utf-8")


def listed_under(key: str) -> list[str]:
    """The ``- item`` lines right under ``key:`` in the manifest."""
    match = re.search(rf"^(\s*){re.escape(key)}:\n((?:\1\s+- .+\n)+)", MANIFEST, re.M)
    assert match, f"{key} is missing"
    return [line.strip()[2:] for line in match.group(2).splitlines()]


def test_the_command_scopes_and_events_match_what_the_handlers_use():
    assert re.search(r"- command: /nafta\n\s+url: .+\n\s+description: .+\n\s+usage_hint: .+", MANIFEST)
    assert set(listed_under("bot")) == {
        "commands",
        "chat:write",
        "files:write",  # exports upload a file to the channel
        "app_mentions:read",
        "im:history",
        "im:read",
        "im:write",
        "users:read",
        "channels:history",  # digests check for their own post after a Slack timeout
        "groups:history",
        "assistant:write",  # the assistant panel's status, title and suggested prompts
    }
    assert set(listed_under("bot_events")) == {
        "app_mention",
        "message.im",
        "app_home_opened",
        "assistant_thread_started",
        "assistant_thread_context_changed",
    }


def test_the_assistant_panel_is_declared_and_its_requirements_documented():
    assert re.search(r"assistant_view:\n\s+assistant_description: .+", MANIFEST)
    assert "paid workspace" in SETUP
    assert "developer sandbox" in SETUP


def test_interactivity_home_tab_and_socket_mode_are_switched_on():
    assert re.search(r"interactivity:\n\s+is_enabled: true", MANIFEST)
    assert "home_tab_enabled: true" in MANIFEST
    assert "messages_tab_enabled: true" in MANIFEST
    assert "socket_mode_enabled: true" in MANIFEST
    assert MANIFEST.count("https://YOUR-HOST/slack/events") == 4  # command, interactivity, options, events
    assert re.search(r"message_menu_options_url: https://YOUR-HOST/slack/events", MANIFEST)


def test_the_editor_shortcuts_match_the_listeners():
    from handlers.curation.ingest import ADD_TO_BOT
    from handlers.curation.records import SHORTCUT_POSITION, SHORTCUT_STATUS

    for callback_id, kind in (
        (SHORTCUT_POSITION, "global"),
        (SHORTCUT_STATUS, "global"),
        (ADD_TO_BOT, "message"),
    ):
        assert re.search(rf"type: {kind}\n\s+callback_id: {callback_id}\n", MANIFEST), callback_id
    for needle in ("NAFTA_EDITORS", "files:write", "Record a position", "Add to nafta-bot", "/nafta export"):
        assert needle in SETUP, needle


def test_the_setup_guide_covers_both_modes_and_every_variable():
    for needle in ("nafta-bot serve", "--port 3000", "/nafta autos", "connections:write", "/healthz"):
        assert needle in SETUP, needle
    for variable in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_API_URL"):
        assert variable in SETUP, variable
