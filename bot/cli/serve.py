"""`nafta-bot serve`: run the Slack app, over HTTP or Socket Mode, until SIGTERM or Ctrl-C."""

from __future__ import annotations

from urllib.error import URLError

import click

from bot.cli.common import load_settings, open_engine
from bot.config import ConfigError, Settings

HTTP_SECRETS = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")
SOCKET_SECRETS = ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN")


def check_secrets(settings: Settings, *, socket_mode: bool) -> None:
    """Refuse to start without what the chosen mode needs, naming the variable."""
    try:
        settings.require(*(SOCKET_SECRETS if socket_mode else HTTP_SECRETS))
    except ConfigError as error:
        raise click.ClickException(str(error)) from error
    if socket_mode and not (settings.slack_app_token or "").startswith("xapp-"):
        raise click.ClickException("SLACK_APP_TOKEN must be an app-level token (it starts with xapp-)")


@click.command(
    epilog="\b\nExamples:\n  nafta-bot serve --port 3000     Slack sends requests to "
    "https://YOUR-HOST/slack/events\n  nafta-bot serve --socket         no public URL needed "
    "(needs SLACK_APP_TOKEN)"
)
@click.option("--port", default=3000, show_default=True, type=click.IntRange(0, 65535), help="HTTP port.")
@click.option("--host", default="127.0.0.1", show_default=True, help="HTTP interface to listen on.")
@click.option(
    "--socket/--http",
    "socket_mode",
    default=None,
    help="Socket Mode or HTTP. Default: Socket Mode when SLACK_APP_TOKEN is set, else HTTP.",
)
def command(port: int, host: str, socket_mode: bool | None) -> None:
    """Answer /nafta, @mentions, DMs and App Home in Slack."""
    settings = load_settings()
    if socket_mode is None:
        socket_mode = bool(settings.slack_app_token)
    check_secrets(settings, socket_mode=socket_mode)
    # Imported here so other commands do not load Bolt, uvicorn and Starlette at start.
    from slack_bolt.error import BoltError
    from slack_sdk.errors import SlackApiError

    from bot.server import serve
    from bot.webclient import SlackUnavailableError, TokenRefusedError, check_slack, make_web_client

    try:
        check_slack(make_web_client(settings), patience=settings.slack_startup_seconds)
    except TokenRefusedError as error:
        raise click.ClickException(f"Slack did not accept SLACK_BOT_TOKEN: {error}") from None
    except SlackUnavailableError as error:
        raise click.ClickException(
            f"{error} at SLACK_API_URL={settings.slack_api_url}; the token was not checked, try again later"
        ) from None
    _settings, engine = open_engine(settings)
    try:
        serve(settings, engine, socket_mode=socket_mode, host=host, port=port)
    except BoltError as error:
        raise click.ClickException(f"Slack did not accept SLACK_BOT_TOKEN: {error}") from error
    except (SlackApiError, URLError, OSError) as error:
        raise click.ClickException(
            f"cannot reach Slack at SLACK_API_URL={settings.slack_api_url}: {error}"
        ) from error
    finally:
        engine.dispose()
