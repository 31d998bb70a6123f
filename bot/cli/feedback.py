"""`nafta-bot feedback`: the 👍/👎 votes on answers, so the desk sees which questions the bot misreads."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import click
from sqlmodel import Session

from bot.cli.common import open_engine
from bot.cli.digest import parse_since
from store.threads import feedback_since


@click.command(epilog="Examples: nafta-bot feedback; nafta-bot feedback --since 30d --json")
@click.option("--since", "since_text", default="7d", show_default=True, help="Span (12h, 7d, 2w) or date.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per vote instead of a table.")
def command(since_text: str, as_json: bool) -> None:
    """List the votes on answers since --since, newest first, with each question and how it was read."""
    since, label = parse_since(since_text, datetime.now(UTC))
    _settings, engine = open_engine()
    try:
        with Session(engine) as session:
            votes = feedback_since(session, since=since)
    finally:
        engine.dispose()
    if as_json:
        for v in votes:
            row = {"at": v.at.isoformat(), "user": v.user_id, "channel": v.channel, "vote": v.vote}
            click.echo(json.dumps(row | {"question": v.question, "reading": v.reading, "items": v.item_ids}))
        return
    up = sum(1 for v in votes if v.vote > 0)
    click.echo(f"{len(votes)} votes {label}: {up} 👍, {len(votes) - up} 👎")
    for v in votes:
        mark = "👍" if v.vote > 0 else "👎"
        read = ", ".join(f"{k}={val}" for k, val in v.reading.items() if val) or "-"
        click.echo(f"{v.at:%Y-%m-%d %H:%M} {mark} {v.question!r}  read as {read}  items {v.item_ids or '-'}")
