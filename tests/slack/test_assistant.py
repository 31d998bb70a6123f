"""The assistant panel and thread follow-ups over real HTTP: signed events in, fake Slack's calls out."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import create_engine
from sqlmodel import Session

from store.threads import feedback_since
from testkit import factories
from testkit.fakeslack import BOT_USER_ID
from testkit.slack import unique
from testkit.waiting import wait_until
from tests.slack.harness import all_text, buttons, posts_in


def assistant_message(channel: str, thread: str, text: str, ts: str) -> dict:
    return {
        "type": "message",
        "channel_type": "im",
        "user": "U0REPORTER",
        "text": text,
        "ts": ts,
        "thread_ts": thread,
        "channel": channel,
    }


def first_line(post) -> str:  # type: ignore[no-untyped-def]
    """The message's first block as the reader sees it: the line saying how the question was read."""
    block = post.params["blocks"][0]
    return block["elements"][0]["text"] if block["type"] == "context" else ""


def test_a_new_assistant_thread_is_greeted_with_prompts_from_live_data(slack, fake_slack, module_database):
    channel, thread = unique("DASSIST"), "1700000100.000100"
    engine = create_engine(module_database)
    with Session(engine) as session:  # lumber moves today, after everything the bundled knowledge holds
        factories.quote(
            session,
            "Duties on our lumber must go.",
            speaker="Pat Sawyer",
            topics=("lumber",),
            published=date.today(),
        )
    engine.dispose()
    event = {
        "type": "assistant_thread_started",
        "assistant_thread": {
            "user_id": "U0REPORTER",
            "context": {"channel_id": "C0NEWS", "team_id": "T0TEST", "enterprise_id": None},
            "channel_id": channel,
            "thread_ts": thread,
        },
        "event_ts": "1700000100.000200",
    }

    assert slack.event(event, event_id=unique("Ev")).status_code == 200

    [greeting] = posts_in(fake_slack, channel)
    assert greeting.params["thread_ts"] == thread
    assert "plain words" in greeting.params["text"]
    [prompts] = wait_until(lambda: fake_slack.assistant_calls(channel, thread))
    assert prompts.method == "assistant.threads.setSuggestedPrompts"
    offered = [p["title"] for p in prompts.params["prompts"]]
    assert offered[0] == "Where do things stand on softwood lumber?"
    assert all(title.startswith("Where do things stand on ") for title in offered[1:-1])
    assert "What's new this week?" in offered
    assert len(offered) <= 4


def test_a_question_in_the_panel_sets_status_and_title_and_a_follow_up_refines_it(slack, fake_slack):
    channel, thread = unique("DASSIST"), "1700000200.000100"

    slack.event(
        assistant_message(
            channel, thread, "what did Lighthizer say about the car rules?", "1700000200.000300"
        ),
        event_id=unique("Ev"),
    )

    [answer] = posts_in(fake_slack, channel)
    assert answer.params["thread_ts"] == thread
    assert first_line(answer) == "Read as: Lighthizer on autos"
    assert "finally starting to converge" in all_text(answer.params["blocks"])
    calls = wait_until(
        lambda: (
            len(fake_slack.assistant_calls(channel, thread)) >= 2
            and fake_slack.assistant_calls(channel, thread)
        )
    )
    assert [c.method for c in calls] == ["assistant.threads.setStatus", "assistant.threads.setTitle"]
    assert calls[0].params["status"] == "Looking that up…"
    assert calls[1].params["title"] == "Lighthizer on autos"
    assert set(buttons(answer.params)) >= {"feedback_up", "feedback_down"}

    slack.event(assistant_message(channel, thread, "and mexico?", "1700000200.000500"), event_id=unique("Ev"))

    follow = posts_in(fake_slack, channel, count=2)[1]
    assert first_line(follow) == "Read as: Mexico on autos"


def test_a_changed_context_is_acknowledged_and_nothing_is_posted(slack, fake_slack, server):
    channel = unique("DASSIST")
    event = {
        "type": "assistant_thread_context_changed",
        "assistant_thread": {
            "user_id": "U0REPORTER",
            "context": {"channel_id": "C0OTHER", "team_id": "T0TEST"},
            "channel_id": channel,
            "thread_ts": "1700000300.000100",
        },
        "event_ts": "1700000300.000200",
    }

    assert slack.event(event, event_id=unique("Ev")).status_code == 200
    server.wait_for_log("assistant thread context changed (now beside C0OTHER)")
    assert not [c for c in fake_slack.calls_to("chat.postMessage") if c.params.get("channel") == channel]


def test_a_mention_thread_remembers_its_question_and_votes_are_stored(slack, fake_slack, module_database):
    channel = unique("CFOLLOW")
    first = {"type": "app_mention", "user": "U0REPORTER", "channel": channel, "ts": "1700000400.000100"}
    slack.event(
        {**first, "text": f"<@{BOT_USER_ID}> where does Canada stand on autos?"}, event_id=unique("Ev")
    )
    [answer] = posts_in(fake_slack, channel)
    assert first_line(answer) == "Read as: Canada on autos"

    again = {**first, "ts": "1700000400.000300", "thread_ts": "1700000400.000100"}
    slack.event({**again, "text": f"<@{BOT_USER_ID}> what about dairy"}, event_id=unique("Ev"))
    follow = posts_in(fake_slack, channel, count=2)[1]
    assert first_line(follow) == "Read as: Canada on dairy"

    vote = buttons(follow.params)["feedback_down"]
    clicked = slack.action(
        {
            "action_id": vote["action_id"],
            "block_id": vote["block_id"],
            "value": vote["value"],
            "type": "button",
        },
        response="vote1",
    )
    assert clicked.status_code == 200
    [thanks] = fake_slack.wait_for("response:vote1")
    assert "misread" in thanks.params["text"]
    engine = create_engine(module_database)
    with Session(engine) as session:
        stored = feedback_since(session, since=datetime.now(UTC) - timedelta(hours=1))
    engine.dispose()
    assert [(v.question, v.vote, v.channel) for v in stored if v.question == "what about dairy"] == [
        ("what about dairy", -1, "C0NEWS")
    ]
    assert json.loads(vote["value"])["r"] == {
        "intent": "topic", "topic": "dairy", "party": "canada", "person": None, "terms": None, "since": None
    }  # fmt: skip
