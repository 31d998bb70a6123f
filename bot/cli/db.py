"""`nafta-bot db`: look after the store's schema (every other command also upgrades it on start)."""

from __future__ import annotations

import click

from bot.cli.common import load_settings
from store.db import current_revision, head_revision, make_engine, migrate


@click.group(name="db")
def command() -> None:
    """Inspect or upgrade the database schema."""


@command.command()
def upgrade() -> None:
    """Apply pending migrations (never drops data)."""
    settings = load_settings()
    engine = make_engine(settings.database_url)
    try:
        applied = migrate(engine)
        click.echo(
            f"schema at {current_revision(engine)}" + (" (upgraded)" if applied else " (already current)")
        )
    finally:
        engine.dispose()


@command.command()
def status() -> None:
    """Show the schema revision in the database and the newest one this version knows."""
    settings = load_settings()
    engine = make_engine(settings.database_url)
    try:
        current = current_revision(engine) or "empty"
        click.echo(f"database: {current}\nnewest:   {head_revision()}")
    finally:
        engine.dispose()
