"""Events API over HTTP: mentions and DMs answered in a thread, retries answered once, App Home, 429s."""

from __future__ import annotations

from testkit.fakeslack import BOT_USER_ID
from testkit.slack import unique
from testkit.waiting import wait_until
from tests.slack.harness import all_text, posts_in


def mention(channel: str, text: str, *, ts: str = "1700000000.000100", **extra) -> dict:
    return {"type": "app_mention", "user": "U0REPORTER", "text": text, "ts": ts, "channel": channel, **extra}


def test_a_mention_is_answered_in_a_thread(slack, fake_slack):
    channel = unique("CMENTION")

    response = slack.event(mention(channel, f"<@{BOT_USER_ID}> autos"), event_id=unique("Ev"))

    assert response.status_code == 200
    [post] = posts_in(fake_slack, channel)
    assert post.params["thread_ts"] == "1700000000.000100"
    assert post.params["blocks"][0]["text"]["text"].startswith("Autos — converging")
    assert "finally starting to converge" in all_text(post.params["blocks"])


def test_a_mention_inside_a_thread_answers_in_that_thread(slack, fake_slack):
    channel = unique("CTHREAD")
    event = mention(
        channel, f"<@{BOT_USER_ID}> lighthizer", ts="1700000000.000900", thread_ts="1700000000.000500"
    )

    slack.event(event, event_id=unique("Ev"))

    [post] = posts_in(fake_slack, channel)
    assert post.params["thread_ts"] == "1700000000.000500"
    assert "Robert Lighthizer" in post.params["blocks"][0]["text"]["text"]


def test_a_retried_event_is_answered_exactly_once(slack, fake_slack, server):
    channel, event_id = unique("CRETRY"), unique("Ev")
    event = mention(channel, f"<@{BOT_USER_ID}> autos canada")

    first = slack.event(event, event_id=event_id)
    retry = slack.event(event, event_id=event_id, retry=1)
    again = slack.event(event, event_id=event_id, retry=2)

    assert (first.status_code, retry.status_code, again.status_code) == (200, 200, 200)
    posts_in(fake_slack, channel)
    wait_until(
        lambda: server.log().count(f"event {event_id} already handled") >= 2,
        what="both retries logged as already handled",
    )
    assert server.log().count(f"event {event_id} already handled") == 2
    assert len(posts_in(fake_slack, channel)) == 1


def test_a_direct_message_is_answered_in_a_thread(slack, fake_slack):
    channel = unique("DIM")
    event = {
        "type": "message",
        "channel_type": "im",
        "user": "U0REPORTER",
        "text": "autos",
        "ts": "1700000001.000100",
    }
    event["channel"] = channel

    slack.event(event, event_id=unique("Ev"))

    [post] = posts_in(fake_slack, channel)
    assert post.params["thread_ts"] == "1700000001.000100"
    assert post.params["blocks"][0]["text"]["text"].startswith("Autos — converging")


def test_the_bots_own_messages_and_message_subtypes_get_no_reply(slack, fake_slack):
    channel = unique("DIM")
    base = {
        "type": "message",
        "channel_type": "im",
        "channel": channel,
        "ts": "1700000002.000100",
        "text": "autos",
    }
    ignored = [
        {**base, "user": BOT_USER_ID, "bot_id": "BNAFTABOT"},
        {**base, "subtype": "bot_message", "bot_id": "B0OTHER"},
        {**base, "subtype": "message_changed", "message": {"text": "autos", "user": "U0REPORTER"}},
        {**base, "subtype": "channel_join", "user": "U0REPORTER"},
    ]
    for event in ignored:
        assert slack.event(event, event_id=unique("Ev")).status_code == 200

    slack.event({**base, "user": "U0REPORTER", "text": "dairy"}, event_id=unique("Ev"))

    posts = posts_in(fake_slack, channel)
    assert len(posts) == 1
    assert posts[0].params["blocks"][0]["text"]["text"].startswith("Dairy")


def test_a_private_mention_answer_goes_only_to_the_asker(slack, fake_slack):
    channel = unique("CPRIV")

    slack.event(mention(channel, f"<@{BOT_USER_ID}> autos private"), event_id=unique("Ev"))

    sent = wait_until(
        lambda: [c for c in fake_slack.calls_to("chat.postEphemeral") if c.params.get("channel") == channel],
        what="an ephemeral answer",
    )
    assert sent[0].params["user"] == "U0REPORTER"
    assert sent[0].params["thread_ts"] == "1700000000.000100"
    assert not [c for c in fake_slack.calls_to("chat.postMessage") if c.params.get("channel") == channel]


def test_opening_app_home_publishes_topics_and_a_how_to(slack, fake_slack):
    user = unique("UHOME")

    response = slack.event(
        {"type": "app_home_opened", "user": user, "channel": "D0HOME", "tab": "home"}, event_id=unique("Ev")
    )

    assert response.status_code == 200
    published = wait_until(
        lambda: [c for c in fake_slack.calls_to("views.publish") if c.params.get("user_id") == user],
        what="views.publish",
    )
    view = published[0].params["view"]
    assert view["type"] == "home"
    assert len(view["blocks"]) <= 100
    text = all_text(view["blocks"])
    assert "/nafta TOPIC" in text
    assert "• *Autos* (`autos`) — converging, last change 2018-03-21" in text


def test_a_rate_limited_reply_is_retried_after_retry_after(slack, fake_slack):
    channel = unique("C429")
    fake_slack.fail("chat.postMessage", status=429, retry_after=1)

    slack.event(mention(channel, f"<@{BOT_USER_ID}> autos"), event_id=unique("Ev"))

    [post] = posts_in(fake_slack, channel)
    attempts = [c for c in fake_slack.calls_to("chat.postMessage") if c.params.get("channel") == channel]
    assert [c.status for c in attempts] == [429, 200]
    assert attempts[1].at - attempts[0].at >= 1.0
    assert post.params["thread_ts"] == "1700000000.000100"


def test_a_reply_that_stays_rate_limited_is_given_up_and_logged(slack, fake_slack, server):
    channel = unique("C429X")
    fake_slack.fail("chat.postMessage", status=429, retry_after=0, times=4)

    slack.event(mention(channel, f"<@{BOT_USER_ID}> autos"), event_id=unique("Ev"))

    server.wait_for_log("Slack API chat.postMessage failed after 3 retries (HTTP 429); giving up")
    attempts = [c for c in fake_slack.calls_to("chat.postMessage") if c.params.get("channel") == channel]
    assert [c.status for c in attempts] == [429, 429, 429, 429]
