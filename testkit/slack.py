"""Sending what Slack sends: signed form or JSON bodies posted to a running app's /slack/events.

``sign`` is Slack's request signature (HMAC-SHA256 over ``v0:{ts}:{body}``); ``SlackSender``
builds slash commands, button clicks and event callbacks and posts them, signed unless told
otherwise. The tokens and secret here are the ones every test server is started with.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import httpx

from testkit.fakeslack import TEAM_ID, FakeSlack

SIGNING_SECRET = "test-signing-secret-5f1c9a7e"
BOT_TOKEN = "xoxb-1111-2222-testbottoken"
APP_TOKEN = "xapp-1-A111-3333-testapptoken"

_ids = itertools.count(1)


def unique(prefix: str) -> str:
    """A name no other test in this run uses (a response_url name, a channel, an event id)."""
    return f"{prefix}{next(_ids)}{uuid.uuid4().hex[:6].upper()}"


def sign(body: str, *, secret: str = SIGNING_SECRET, timestamp: int | None = None) -> dict[str, str]:
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest}"}


@dataclass
class SlackSender:
    """Sends what Slack would send to ``base_url``/slack/events, signed unless told otherwise."""

    base_url: str
    fake: FakeSlack
    http: httpx.Client = field(default_factory=lambda: httpx.Client(timeout=30))

    def post(self, body: str, content_type: str, headers: dict[str, str] | None = None) -> httpx.Response:
        signed = sign(body) if headers is None else headers
        return self.http.post(
            f"{self.base_url}/slack/events",
            content=body.encode(),
            headers={"Content-Type": content_type, **signed},
        )

    def command_body(
        self, text: str, *, response: str, channel: str = "C0NEWS", user: str = "U0REPORTER"
    ) -> str:
        return urlencode(
            {
                "token": "deprecated-verification-token",
                "team_id": TEAM_ID,
                "team_domain": "newsroom",
                "channel_id": channel,
                "channel_name": "trade-desk",
                "user_id": user,
                "user_name": "reporter",
                "command": "/nafta",
                "text": text,
                "api_app_id": "A0NAFTA",
                "response_url": self.fake.response_url(response),
                "trigger_id": "1.2.abc",
            }
        )

    def command(self, text: str, *, response: str | None = None, **kwargs: str) -> httpx.Response:
        body = self.command_body(text, response=response or unique("cmd"), **kwargs)
        return self.post(body, "application/x-www-form-urlencoded")

    def action(self, action: dict[str, Any], *, response: str, ephemeral: bool = False) -> httpx.Response:
        payload = {
            "type": "block_actions",
            "team": {"id": TEAM_ID, "domain": "newsroom"},
            "user": {"id": "U0REPORTER", "team_id": TEAM_ID},
            "api_app_id": "A0NAFTA",
            "container": {
                "type": "message",
                "message_ts": "1.2",
                "channel_id": "C0NEWS",
                "is_ephemeral": ephemeral,
            },
            "channel": {"id": "C0NEWS", "name": "trade-desk"},
            "response_url": self.fake.response_url(response),
            "trigger_id": "1.2.abc",
            "actions": [{"action_ts": "1.3", **action}],
        }
        return self.post(urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded")

    def event(self, event: dict[str, Any], *, event_id: str, retry: int | None = None) -> httpx.Response:
        body = json.dumps(
            {
                "token": "deprecated-verification-token",
                "team_id": TEAM_ID,
                "api_app_id": "A0NAFTA",
                "type": "event_callback",
                "event_id": event_id,
                "event_time": int(time.time()),
                "event": event,
                "authorizations": [{"team_id": TEAM_ID, "user_id": "UNAFTABOT", "is_bot": True}],
            }
        )
        headers = sign(body)
        if retry is not None:
            headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        return self.post(body, "application/json", headers)
