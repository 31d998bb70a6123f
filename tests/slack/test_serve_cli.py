"""`nafta-bot serve` start-up and shutdown: secrets named, a bad token stops it, SIGTERM is clean."""

from __future__ import annotations

import httpx

from testkit.serving import ServeProcess, start_http_server
from testkit.slack import BOT_TOKEN, SIGNING_SECRET
from tests.conftest import run_cli


def test_http_mode_needs_the_signing_secret(module_database, fake_slack):
    result = run_cli(
        "serve", database_url=module_database, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_API_URL=fake_slack.api_url
    )

    assert result.returncode == 1
    assert "SLACK_SIGNING_SECRET is not set" in result.stderr
    assert fake_slack.calls_to("auth.test") == []


def test_a_placeholder_token_is_refused_by_name(module_database, fake_slack):
    result = run_cli(
        "serve",
        database_url=module_database,
        SLACK_BOT_TOKEN="xoxb-your-bot-token",
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
    )

    assert result.returncode == 1
    assert "SLACK_BOT_TOKEN still holds the placeholder" in result.stderr


def test_socket_mode_needs_an_app_token_but_no_signing_secret(module_database, fake_slack):
    result = run_cli("serve", "--socket", database_url=module_database, SLACK_BOT_TOKEN=BOT_TOKEN)

    assert result.returncode == 1
    assert "SLACK_APP_TOKEN is not set" in result.stderr
    assert "SIGNING_SECRET" not in result.stderr


def test_a_token_slack_rejects_stops_start_up_with_a_clear_message(module_database, fake_slack):
    fake_slack.fail("auth.test", error="invalid_auth")

    result = run_cli(
        "serve",
        database_url=module_database,
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.api_url,
    )

    assert result.returncode == 1
    assert "Slack did not accept SLACK_BOT_TOKEN" in result.stderr
    assert "invalid_auth" in result.stderr
    assert BOT_TOKEN not in result.stderr


def test_sigterm_stops_the_server_cleanly(module_database, fake_slack, module_folder):
    server: ServeProcess = start_http_server(module_database, fake_slack, module_folder)
    assert httpx.get(f"{server.url}/healthz", timeout=10).status_code == 200
    [auth] = fake_slack.calls_to("auth.test", ok_only=True)[-1:]
    assert auth.headers["authorization"] == f"Bearer {BOT_TOKEN}"

    assert server.stop() == 0
    assert "SIGTERM received" in server.log()
    assert server.log().rstrip().endswith("bot.server: stopped")
