"""Talking to nafta-bot the way Slack does: signed HTTP requests to a running `nafta-bot serve`.

``ServeProcess`` runs the real command in a subprocess against a test database, with
SLACK_API_URL pointing at a ``FakeSlack``; its log goes to a file the tests can read. ``SlackSender``
builds the form or JSON bodies Slack sends, signs them (HMAC-SHA256 over ``v0:{ts}:{body}``) and
posts them. ``message_for`` reads what the user ends up seeing: the ack's body, or, when the ack
only said "looking that up", what arrived at the response_url.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

from tests.conftest import cli_env
from tests.fakeslack import TEAM_ID, FakeSlack

SIGNING_SECRET = "test-signing-secret-5f1c9a7e"
BOT_TOKEN = "xoxb-1111-2222-testbottoken"
APP_TOKEN = "xapp-1-A111-3333-testapptoken"
DEFERRED = "Looking that up"

_ids = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix}{next(_ids)}{uuid.uuid4().hex[:6].upper()}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def sign(body: str, *, secret: str = SIGNING_SECRET, timestamp: int | None = None) -> dict[str, str]:
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest}"}


@dataclass
class ServeProcess:
    """`nafta-bot serve ARGS` in a subprocess; ``stop()`` sends SIGTERM and returns the exit code."""

    args: tuple[str, ...]
    database_url: str
    fake: FakeSlack
    folder: Path
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None
    url: str = ""  # http://127.0.0.1:PORT once an HTTP server is healthy

    @property
    def log_path(self) -> Path:
        return self.folder / "serve.log"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def start(self) -> ServeProcess:
        env = cli_env(self.database_url, SLACK_API_URL=self.fake.api_url, LOG_LEVEL="INFO", **self.env)
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot.cli", "serve", *self.args],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=self.folder,
            )
        return self

    def wait_for_log(self, needle: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if needle in self.log():
                return self.log()
            assert self.process is not None
            if self.process.poll() is not None:
                raise AssertionError(f"serve exited ({self.process.returncode}):\n{self.log()}")
            time.sleep(0.05)
        raise AssertionError(f"{needle!r} never appeared in the log:\n{self.log()}")

    def stop(self, timeout: float = 20.0) -> int:
        assert self.process is not None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def start_http_server(database_url: str, fake: FakeSlack, folder: Path, **env: str) -> ServeProcess:
    """Start `nafta-bot serve --port P` (extra environment in ``env``) and wait until /healthz answers 200."""
    port = free_port()
    server = ServeProcess(
        ("--port", str(port)),
        database_url,
        fake,
        folder,
        env={"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET, **env},
    ).start()
    url = server.url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.process is not None
        if server.process.poll() is not None:
            raise AssertionError(f"serve exited ({server.process.returncode}):\n{server.log()}")
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    server.stop()
    raise AssertionError(f"serve never became healthy:\n{server.log()}")


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


def message_for(response: httpx.Response, fake: FakeSlack, name: str) -> dict[str, Any]:
    """What the asker sees: the ack's message, or the one delivered later to response_url ``name``."""
    assert response.status_code == 200, response.text
    acked = response.json()
    if DEFERRED not in str(acked.get("text", "")):
        return acked
    return fake.wait_for(f"response:{name}", timeout=60)[0].params


def all_text(message: Any) -> str:
    """Every string in a message (text, blocks, values), for "does the user see X" assertions."""
    if isinstance(message, dict):
        return "\n".join(all_text(v) for v in message.values())
    if isinstance(message, list):
        return "\n".join(all_text(v) for v in message)
    return message if isinstance(message, str) else ""


def buttons(message: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The interactive elements of a message by action_id, each with its block_id."""
    found: dict[str, dict[str, Any]] = {}
    for block in message.get("blocks") or []:
        for element in block.get("elements", []) if block.get("type") == "actions" else []:
            found[element["action_id"]] = {**element, "block_id": block.get("block_id", "")}
    return found


def posts_in(fake: FakeSlack, channel: str, count: int = 1, timeout: float = 30.0) -> list[Any]:
    """Wait until ``count`` successful chat.postMessage calls reached ``channel``; return them all."""
    deadline = time.monotonic() + timeout
    while True:
        found = [
            c for c in fake.calls_to("chat.postMessage", ok_only=True) if c.params.get("channel") == channel
        ]
        if len(found) >= count or time.monotonic() > deadline:
            assert len(found) >= count, f"expected {count} post(s) in {channel}, got {found}"
            return found
        time.sleep(0.02)
