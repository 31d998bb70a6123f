"""Socket Mode: `nafta-bot serve --socket` opens a connection via apps.connections.open and answers
a slash-command envelope with an ack envelope carrying the answer.

A small websocket server on loopback plays Slack's Socket Mode endpoint; the fake Web API hands
out its ws:// URL. No signing secret is configured: Socket Mode does not need one.
"""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from websockets.sync.server import ServerConnection, serve

from testkit.fakeslack import TEAM_ID
from testkit.serving import ServeProcess
from testkit.slack import APP_TOKEN, BOT_TOKEN


class FakeSocketMode:
    """Says hello, sends the queued envelopes to whoever connects, and collects their acks."""

    def __init__(self, envelopes: list[dict[str, Any]]) -> None:
        self.envelopes = envelopes
        self.acks: queue.Queue[dict[str, Any]] = queue.Queue()
        self.server = serve(self._session, "127.0.0.1", 0)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        host, port = self.server.socket.getsockname()[:2]
        return f"ws://{host}:{port}/link"

    def _session(self, connection: ServerConnection) -> None:
        connection.send(json.dumps({"type": "hello", "num_connections": 1}))
        for envelope in self.envelopes:
            connection.send(json.dumps(envelope))
        for raw in connection:
            self.acks.put(json.loads(raw))

    def close(self) -> None:
        self.server.shutdown()


def slash_command_envelope(text: str, response_url: str) -> dict[str, Any]:
    return {
        "envelope_id": "env-nafta-1",
        "type": "slash_commands",
        "accepts_response_payload": True,
        "payload": {
            "token": "deprecated-verification-token",
            "team_id": TEAM_ID,
            "team_domain": "newsroom",
            "channel_id": "C0NEWS",
            "channel_name": "trade-desk",
            "user_id": "U0REPORTER",
            "user_name": "reporter",
            "command": "/nafta",
            "text": text,
            "api_app_id": "A0NAFTA",
            "response_url": response_url,
            "trigger_id": "1.2.abc",
        },
    }


@pytest.fixture
def socket_server(fake_slack) -> Iterator[FakeSocketMode]:
    server = FakeSocketMode([slash_command_envelope("autos", fake_slack.response_url("socket"))])
    fake_slack.replies["apps.connections.open"] = {"url": server.url}
    yield server
    server.close()


def test_socket_mode_starts_and_answers_a_slash_command_envelope(
    socket_server, fake_slack, module_database, module_folder
):
    bot = ServeProcess(
        (),  # Socket Mode chosen because SLACK_APP_TOKEN is set
        module_database,
        fake_slack,
        module_folder,
        env={"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": APP_TOKEN},
    ).start()
    try:
        ack = socket_server.acks.get(timeout=60)
        while ack.get("envelope_id") != "env-nafta-1":
            ack = socket_server.acks.get(timeout=60)

        message = ack["payload"]
        assert message["response_type"] == "in_channel"
        assert message["blocks"][0]["text"]["text"].startswith("Autos — converging")
        assert "finally starting to converge" in json.dumps(message["blocks"], ensure_ascii=False)
        [opened] = fake_slack.calls_to("apps.connections.open")
        assert opened.headers["authorization"] == f"Bearer {APP_TOKEN}"
        bot.wait_for_log("slack command nafta autos -> 200 answered")
    finally:
        assert bot.stop() == 0, bot.log()
    log = bot.log()
    assert "connected to Slack over Socket Mode" in log
    assert APP_TOKEN not in log
    assert BOT_TOKEN not in log
