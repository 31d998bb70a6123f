"""`/nafta` over real HTTP: every sub-command, as the asker (and the channel) would see it."""

from __future__ import annotations

from handlers.render.help import HELP_LINES
from testkit.fakeslack import FakeSlack
from testkit.slack import SlackSender, unique
from tests.slack.harness import all_text, buttons, message_for


def ask(slack: SlackSender, fake: FakeSlack, text: str) -> dict:
    name = unique("cmd")
    return message_for(slack.command(text, response=name), fake, name)


def header(message: dict) -> str:
    return next(b["text"]["text"] for b in message["blocks"] if b["type"] == "header")


def test_autos_is_shared_in_channel_with_each_partys_position_and_the_converge_quote(slack, fake_slack):
    message = ask(slack, fake_slack, "autos")

    assert message["response_type"] == "in_channel"
    assert header(message).startswith("Autos — converging")
    sections = [b["text"]["text"] for b in message["blocks"] if b["type"] == "section"]
    for party in ("*United States*", "*Canada*", "*Mexico*"):
        assert any(s.startswith(party) for s in sections), party
    assert any("finally starting to converge" in s and "Lighthizer" in s for s in sections)
    assert "pick_party" in buttons(message)
    assert "post_to_channel" not in buttons(message)


def test_a_party_narrows_a_topic_to_that_partys_position(slack, fake_slack):
    message = ask(slack, fake_slack, "autos canada")

    assert message["response_type"] == "in_channel"
    assert header(message).startswith("Autos — Canada")
    text = all_text(message["blocks"])
    assert "*Canada*  Flatly rejected" in text
    assert "*Mexico*" not in text
    assert "*United States*" not in text


def test_a_person_lists_their_quotes(slack, fake_slack):
    message = ask(slack, fake_slack, "lighthizer")

    assert message["response_type"] == "in_channel"
    assert header(message).startswith("Robert Lighthizer")
    assert "finally starting to converge" in all_text(message)


def test_search_finds_quotes_by_their_words(slack, fake_slack):
    message = ask(slack, fake_slack, "search converge")

    assert message["response_type"] == "in_channel"
    assert header(message) == "Search: converge"
    assert "finally starting to converge" in all_text(message["blocks"])


def test_latest_shows_the_newest_quotes_and_positions(slack, fake_slack):
    message = ask(slack, fake_slack, "latest")

    assert message["response_type"] == "in_channel"
    assert header(message) == "Latest on the NAFTA talks"
    assert "Lighthizer" in all_text(message["blocks"])


def test_no_text_explains_usage_and_lists_the_topics_privately(slack, fake_slack):
    message = ask(slack, fake_slack, "")

    assert message["response_type"] == "ephemeral"
    text = all_text(message["blocks"])
    assert "Topics: `autos`, `dairy`" in text
    assert "`/nafta subscribe daily HH:MM [TOPIC...]`" in text


def test_help_explains_every_sub_command_including_subscribe(slack, fake_slack):
    message = ask(slack, fake_slack, "help")

    assert message["response_type"] == "ephemeral"
    text = all_text(message["blocks"])
    for usage, _what in HELP_LINES:
        assert usage.replace("<", "&lt;").replace(">", "&gt;") in text, usage
    assert "subscribe weekly" in text
    assert "unsubscribe" in text


def test_topics_lists_status_and_last_change_privately(slack, fake_slack):
    message = ask(slack, fake_slack, "topics")

    assert message["response_type"] == "ephemeral"
    assert header(message) == "Tracked topics"
    assert "• *Autos* (`autos`) — converging, last change 2018-03-21" in all_text(message["blocks"])


def test_something_unknown_is_answered_privately(slack, fake_slack):
    message = ask(slack, fake_slack, "quantum chromodynamics")

    assert message["response_type"] == "ephemeral"
    assert "I don't track anything called “quantum chromodynamics”" in all_text(message["blocks"])


def test_private_flag_keeps_an_answer_to_the_asker_with_a_post_to_channel_button(slack, fake_slack):
    for flag in ("private", "-p"):
        message = ask(slack, fake_slack, f"autos {flag}")

        assert message["response_type"] == "ephemeral"
        assert header(message).startswith("Autos — converging")
        assert "post_to_channel" in buttons(message)


def test_subscription_commands_reach_the_digest_code_and_answer_privately(slack, fake_slack):
    message = ask(slack, fake_slack, "subscriptions")

    assert message["response_type"] == "ephemeral"
    assert message.get("text")
    assert "Digest subscriptions are made in a Slack channel" not in all_text(message)


def test_each_request_is_logged_once_without_secrets(slack, fake_slack, server):
    ask(slack, fake_slack, "autos canada")

    log = server.wait_for_log("slack command nafta autos -> 200")
    assert "xoxb-1111" not in log
    assert "testbottoken" not in log
    assert "test-signing-secret" not in log
