"""Unsigned, forged or stale requests get 401 and touch nothing; hostile text stays inert."""

from __future__ import annotations

import json
import re
import time

import httpx
import pytest

from testkit.slack import sign, unique
from tests.slack.harness import all_text, message_for, posts_in

# What would ping people or post a link the bot did not choose, if it reached Slack unescaped.
_LIVE_MARKUP = re.compile(r"<[!@#]|<https?://x\|")


def live_markup(message: object) -> list[str]:
    return _LIVE_MARKUP.findall(all_text(message))


def test_a_forged_signature_is_rejected_and_reaches_nothing(slack, fake_slack):
    before = len(fake_slack.calls)
    body = slack.command_body("autos", response=unique("forged"))

    forged = slack.post(body, "application/x-www-form-urlencoded", sign(body, secret="not-the-secret"))
    unsigned = slack.post(body, "application/x-www-form-urlencoded", {})

    assert forged.status_code == 401
    assert unsigned.status_code == 401
    assert "converge" not in forged.text
    assert len(fake_slack.calls) == before


def test_a_ten_minute_old_signature_is_rejected(slack, fake_slack):
    before = len(fake_slack.calls)
    body = slack.command_body("autos", response=unique("stale"))

    stale = slack.post(
        body, "application/x-www-form-urlencoded", sign(body, timestamp=int(time.time()) - 600)
    )

    assert stale.status_code == 401
    assert len(fake_slack.calls) == before


def test_a_forged_event_posts_nothing(slack, fake_slack, server):
    body = json.dumps({"type": "event_callback", "event_id": unique("Ev"), "event": {"type": "app_mention"}})

    response = slack.post(body, "application/json", sign(body, secret="guess"))

    assert response.status_code == 401
    server.wait_for_log("slack request -> 401 rejected: bad signature")
    assert fake_slack.calls_to("chat.postMessage") == []


def test_a_body_that_is_not_even_text_is_refused_not_crashed_on(slack):
    response = slack.http.post(
        f"{slack.base_url}/slack/events", content=b"\xff\xfe\x00garbage", headers=sign("garbage")
    )
    assert response.status_code == 401


HOSTILE = [
    "<!channel> autos",
    "<!here|here> <!everyone>",
    "<@U0BOSS> is wrong about autos",
    "<#C0GENERAL|general>",
    "<https://x|click me for the autos deal>",
    "search <!channel> <https://x|y>",
    "search <@U1>",
    "autos " + "A" * 5000,
    "search " + "<!channel>" * 500,
    "\x00\x07\x1b[31mautos\x1b[0m\u202e\u200b canada",
    "'; DROP TABLE quote; --",
    "search dairy' OR '1'='1",
    'search "unbalanced quote',
    "search * NEAR/3 OR AND NOT ( )",
    "lighthizer' UNION SELECT * FROM storemeta --",
    "%s %d {0} ${jndi:ldap://x}",
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_command_text_is_answered_without_a_5xx_or_a_live_mention(slack, fake_slack, text):
    name = unique("hostile")
    response = slack.command(text, response=name)

    assert response.status_code == 200
    message = message_for(response, fake_slack, name)
    assert message.get("text")
    assert live_markup(response.json()) == []
    assert live_markup(message) == []
    assert live_markup([c.params for c in fake_slack.calls_to(f"response:{name}")]) == []


def test_hostile_mention_text_gets_an_inert_threaded_reply(slack, fake_slack):
    channel = unique("CHOSTILE")
    event = {
        "type": "app_mention",
        "user": "U0REPORTER",
        "text": "<@UNAFTABOT> <!channel> <@U0BOSS> <https://x|y> search <!everyone>",
        "ts": "1700000000.000100",
        "channel": channel,
    }

    assert slack.event(event, event_id=unique("Ev")).status_code == 200

    posted = posts_in(fake_slack, channel)
    assert len(posted) == 1
    assert live_markup(posted[0].params) == []


def test_healthz_reports_the_database(server):
    response = httpx.get(f"{server.url}/healthz", timeout=10)
    assert response.status_code == 200
    assert response.json() == {"database": "ok"}
