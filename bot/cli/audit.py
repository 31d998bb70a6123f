"""`nafta-bot audit`: every change editors made to the record, newest first."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import click
from sqlmodel import Session

from bot.cli.common import open_engine
from handlers.curation.changes import plain_line
from handlers.curation.spans import parse_since
from store.curation.audit import recent_changes


@click.command(
    epilog="Examples: nafta-bot audit; nafta-bot audit --since 7d; nafta-bot audit --json --limit 500"
)
@click.option("--since", "since_text", help="Only changes since: a span (12h, 7d, 2w) or a date.")
@click.option("--limit", type=click.IntRange(1, 100_000), default=200, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per change, with before and after.")
def command(since_text: str | None, limit: int, as_json: bool) -> None:
    """Print the audit log: who changed what and when (quotes corrected, verified or hidden,
    positions and statuses recorded, edited or retracted, articles added from Slack)."""
    try:
        since = parse_since(since_text, datetime.now(UTC)) if since_text else None
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--since") from None
    _settings, engine = open_engine()
    try:
        with Session(engine) as session:
            changes = recent_changes(session, since=since, limit=limit)
    finally:
        engine.dispose()
    for change in changes:
        if as_json:
            data = {
                "id": change.id,
                "at": change.at.isoformat(),
                "actor": change.actor,
                "action": change.action,
                "target": change.target,
                "before": change.before,
                "after": change.after,
                "note": change.note,
            }
            click.echo(json.dumps(data, ensure_ascii=False))
        else:
            click.echo(plain_line(change))
    if not changes and not as_json:
        click.echo("no changes" + (f" since {since:%Y-%m-%d %H:%M} UTC" if since else ""), err=True)
