"""What every sub-command does first: read settings, set up logs, open (and upgrade) the store."""

from __future__ import annotations

import click
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from bot.config import ConfigError, Settings
from bot.logs import setup_logging
from store.bootstrap import open_store


def load_settings() -> Settings:
    try:
        settings = Settings.from_env()
    except ConfigError as error:
        raise click.ClickException(str(error)) from error
    setup_logging(
        settings.log_level,
        secrets=(settings.slack_bot_token, settings.slack_signing_secret, settings.slack_app_token),
    )
    return settings


def open_engine(settings: Settings | None = None) -> tuple[Settings, Engine]:
    """Settings plus a ready engine; a database that cannot be reached is a clear error, not a traceback."""
    settings = settings or load_settings()
    try:
        return settings, open_store(settings)
    except OperationalError as error:
        reason = str(error.orig or error).strip().splitlines()[0]
        raise click.ClickException(
            f"cannot open the database ({_safe_url(settings.database_url)}): {reason}"
        ) from error


def _safe_url(url: str) -> str:
    """The database URL without its password, for error messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "DATABASE_URL"
