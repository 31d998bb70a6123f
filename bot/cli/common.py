"""What every sub-command does first: read settings, set up logs, open (and upgrade) the store.

Whatever goes wrong on the way is one line naming the setting at fault (``DATABASE_URL``,
``NAFTA_DATA_DIR``, ``NAFTA_TAXONOMY``...), never a traceback: ``store_errors`` translates the
failures a new user meets, and ``bot.cli.main`` turns anything else into one line too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click
from sqlalchemy import Engine
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from bot.config import ConfigError, Settings
from bot.logs import setup_logging
from store.bootstrap import open_store
from store.db import make_engine
from store.taxonomy import TaxonomyError


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


@contextmanager
def store_errors(settings: Settings) -> Iterator[None]:
    """Turn a store that cannot be opened into one line naming the setting and the database."""
    where = safe_url(settings.database_url)
    try:
        yield
    except TaxonomyError as error:
        raise click.ClickException(f"NAFTA_TAXONOMY: {error}") from None
    except DBAPIError as error:
        reason = str(error.orig or error).strip().splitlines()[0] if str(error.orig or error).strip() else ""
        raise click.ClickException(
            f"cannot open the database ({where}, from DATABASE_URL): {reason or type(error.orig).__name__}"
        ) from None
    except (ArgumentError, NoSuchModuleError, ModuleNotFoundError) as error:
        raise click.ClickException(f"DATABASE_URL ({where}) cannot be used: {error}") from None
    except OSError as error:
        if settings.database_url.startswith("sqlite"):
            raise click.ClickException(
                f"cannot create the store's folder for {where} (NAFTA_DATA_DIR or DATABASE_URL): "
                f"{error.strerror or error}"
            ) from None
        raise


@contextmanager
def bare_engine(settings: Settings) -> Iterator[Engine]:
    """An engine that neither upgrades nor fills the store (``nafta-bot db``), disposed on leaving."""
    with store_errors(settings):
        engine = make_engine(settings.database_url)
    try:
        yield engine
    finally:
        engine.dispose()


def open_engine(settings: Settings | None = None) -> tuple[Settings, Engine]:
    """Settings plus a ready engine; a database that cannot be reached is a clear error, not a traceback."""
    settings = settings or load_settings()
    with store_errors(settings):
        return settings, open_store(settings.database_url, taxonomy_path=settings.taxonomy_path)


def safe_url(url: str) -> str:
    """The database URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "DATABASE_URL"
