"""`nafta-bot db`: look after the store's schema (every other command also upgrades it on start)."""

from __future__ import annotations

import click

from bot.cli.common import bare_engine, load_settings, safe_url, store_errors
from store.db import head_revision, migrate, schema_revision


@click.group(name="db")
def command() -> None:
    """Inspect or upgrade the database schema."""


@command.command()
def upgrade() -> None:
    """Apply pending migrations (never drops data)."""
    settings = load_settings()
    with bare_engine(settings) as engine:
        with store_errors(settings):
            applied = migrate(engine)
            revision = schema_revision(engine)
        click.echo(f"schema at {revision}" + (" (upgraded)" if applied else " (already current)"))


@command.command()
def status() -> None:
    """Show which database was read, its schema revision and the newest one this version knows."""
    settings = load_settings()
    with bare_engine(settings) as engine:
        with store_errors(settings):
            current = schema_revision(engine) or "empty"
        click.echo(f"read:     {safe_url(settings.database_url)}")
        click.echo(f"database: {current}\nnewest:   {head_revision()}")
