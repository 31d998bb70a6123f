"""Tampered clicks, unknown forms, response_url failures and rate limits against a real `serve`.

Every click gets an answer the user can read (an ephemeral message), never a 500 or silence; a
failing response_url is retried, then logged; a storm of rate-limited replies does not hold up
anybody else's answer.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest

from testkit.fakeslack import BOT_USER_ID, TEAM_ID
from testkit.slack import unique
from testkit.waiting import wait_until
from tests.slack.harness import all_text, message_for, posts_in


def answer(slack, fake, text: str) -> dict:
    name = unique("cmd")
    return message_for(slack.command(text, response=name), fake, name)


def post_payload(slack, payload: dict):  # type: ignore[no-untyped-def]
    return slack.post(urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded")


def click_payload(slack, response: str, actions: list) -> dict:  # type: ignore[no-untyped-def]
    return {
        "type": "block_actions",
        "team": {"id": TEAM_ID},
        "enterprise": None,  # as Slack sends it outside Enterprise Grid
        "is_enterprise_install": False,
        "user": {"id": "U0REPORTER", "team_id": TEAM_ID},
        "api_app_id": "A0NAFTA",
        "container": {"type": "message", "message_ts": "1.2", "channel_id": "C0NEWS", "is_ephemeral": False},
        "channel": {"id": "C0NEWS"},
        "response_url": slack.fake.response_url(response),
        "trigger_id": "1.2.abc",
        "actions": actions,
    }


TAMPERED_VALUES = [
    '{"k":"topic","t":"autos","o":9223372036854775808}',
    '{"k":"topic","t":"autos","o":1e300}',
    '{"k":"topic","t":"autos","o":Infinity}',
    '{"k":"topic","t":"autos","o":NaN}',
    '{"k":"person","id":99999999999999999999999}',
    '{"k":"topic","t":"autos","o":-5}',
    "[" * 3000 + "]" * 3000,
]


@pytest.mark.parametrize("value", TAMPERED_VALUES, ids=range(len(TAMPERED_VALUES)))
def test_a_tampered_button_value_gets_a_polite_private_reply(slack, fake_slack, value: str) -> None:
    name = unique("tamper")
    action = {"type": "button", "action_id": "more_quotes", "block_id": "b1", "value": value}

    response = post_payload(slack, click_payload(slack, name, [action]))

    assert response.status_code == 200
    [reply] = [c.params for c in fake_slack.wait_for(f"response:{name}", timeout=30)]
    assert reply["response_type"] == "ephemeral"
    assert reply["replace_original"] is False
    assert "run the command again" in reply["text"]


@pytest.mark.parametrize(
    "actions",
    [
        [
            {
                "type": "static_select",
                "action_id": "pick_party",
                "block_id": "topic:autos",
                "selected_option": "canada",
            }
        ],
        [
            {
                "type": "static_select",
                "action_id": "pick_party",
                "block_id": "topic:autos",
                "selected_option": {"value": 5},
            }
        ],
        [{"type": "button", "action_id": "no_such_button", "block_id": "b1", "value": "x"}],
        [],
    ],
    ids=["option-as-string", "option-value-number", "unknown-action", "no-actions"],
)
def test_a_damaged_click_gets_a_polite_private_reply(slack, fake_slack, actions: list) -> None:
    name = unique("damaged")

    response = post_payload(slack, click_payload(slack, name, actions))

    assert response.status_code == 200
    [reply] = [c.params for c in fake_slack.wait_for(f"response:{name}", timeout=30)]
    assert reply["response_type"] == "ephemeral"
    assert "run the command again" in reply["text"].lower()


def test_an_unexpected_form_submission_is_answered_in_the_modal(slack) -> None:
    payload = {
        "type": "view_submission",
        "team": {"id": TEAM_ID},
        "user": {"id": "U0REPORTER", "team_id": TEAM_ID},
        "api_app_id": "A0NAFTA",
        "view": {
            "id": "V1",
            "type": "modal",
            "callback_id": "form_from_an_older_version",
            "state": {"values": {}},
        },
    }

    response = post_payload(slack, payload)

    assert response.status_code == 200
    body = response.json()
    assert body["response_action"] == "update"
    assert "could not be saved" in all_text(body["view"])


def test_a_failing_response_url_is_retried_then_delivered(slack, fake_slack) -> None:
    name = unique("flaky")
    fake_slack.fail(f"response:{name}", status=503, times=1)
    fake_slack.fail(f"response:{name}", status=429, retry_after=0, times=1)
    action = {
        "type": "button",
        "action_id": "more_quotes",
        "block_id": "b1",
        "value": '{"k":"topic","t":"dairy"}',
    }

    assert post_payload(slack, click_payload(slack, name, [action])).status_code == 200

    [delivered] = fake_slack.wait_for(f"response:{name}", timeout=30)
    statuses = [c.status for c in fake_slack.calls_to(f"response:{name}")]
    assert statuses == [503, 429, 200]
    assert delivered.params["text"]


def test_a_response_url_that_keeps_failing_is_logged(slack, fake_slack, server) -> None:
    name = unique("dead")
    fake_slack.fail(f"response:{name}", status=500, times=10)
    action = {
        "type": "button",
        "action_id": "more_quotes",
        "block_id": "b1",
        "value": '{"k":"topic","t":"dairy"}',
    }

    assert post_payload(slack, click_payload(slack, name, [action])).status_code == 200

    server.wait_for_log("response_url failed 3 times (HTTP 500); this reply was not delivered")
    assert [c.status for c in fake_slack.calls_to(f"response:{name}")] == [500, 500, 500]


def test_rate_limited_mentions_do_not_hold_up_a_button(slack, fake_slack) -> None:
    """Sixteen mentions whose replies Slack rate-limits for two seconds, then a click: the click's
    answer arrives before any of the rate-limited replies is retried (the listener pool is free)."""
    channels = [unique("CSTORM") for _ in range(16)]
    fake_slack.fail("chat.postMessage", status=429, retry_after="2", times=16)  # type: ignore[arg-type]
    for n, channel in enumerate(channels):
        event = {
            "type": "app_mention",
            "user": "U0REPORTER",
            "text": f"<@{BOT_USER_ID}> autos",
            "ts": f"17.{n}",
            "channel": channel,
        }
        assert slack.event(event, event_id=unique("Ev")).status_code == 200
    first_429 = _wait_for_429s(fake_slack, channels, 16)
    name = unique("meanwhile")
    action = {
        "type": "button",
        "action_id": "more_quotes",
        "block_id": "b1",
        "value": '{"k":"topic","t":"dairy"}',
    }

    assert post_payload(slack, click_payload(slack, name, [action])).status_code == 200

    [clicked] = fake_slack.wait_for(f"response:{name}", timeout=30)
    replies = [posts_in(fake_slack, channel)[0] for channel in channels]
    assert all(len(posts_in(fake_slack, channel)) == 1 for channel in channels)
    assert clicked.at < min(reply.at for reply in replies), "the click waited behind the rate-limited replies"
    assert min(reply.at for reply in replies) - first_429 >= 1.5  # Retry-After was honoured


def test_a_fractional_retry_after_is_honoured(slack, fake_slack, server) -> None:
    channel = unique("CFRAC")
    fake_slack.fail("chat.postMessage", status=429, retry_after="0.5", times=1)  # type: ignore[arg-type]

    event = {
        "type": "app_mention",
        "user": "U0REPORTER",
        "text": f"<@{BOT_USER_ID}> autos",
        "ts": "18.1",
        "channel": channel,
    }
    slack.event(event, event_id=unique("Ev"))

    [post] = posts_in(fake_slack, channel)
    attempts = [c for c in fake_slack.calls_to("chat.postMessage") if c.params.get("channel") == channel]
    assert [c.status for c in attempts] == [429, 200]
    assert attempts[1].at - attempts[0].at >= 0.5
    assert post.params["thread_ts"] == "18.1"
    assert "Traceback" not in server.log()


def _wait_for_429s(fake, channels: list[str], count: int) -> float:  # type: ignore[no-untyped-def]

    def limited() -> list:
        found = [
            c
            for c in fake.calls_to("chat.postMessage")
            if c.params.get("channel") in channels and c.status == 429
        ]
        return found if len(found) >= count else []

    return min(c.at for c in wait_until(limited))
