"""`nafta-bot digest`: build a digest of what arrived lately and post it now (or print it)."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime, timedelta

import click
from sqlmodel import Session

from bot.cli.common import open_engine
from bot.config import ConfigError, Settings
from bot.webclient import make_web_client
from handlers.digest.build import build_digest
from handlers.digest.deliver import Unrecorded, deliver_now
from handlers.digest.poster import ChannelPacer, Poster
from handlers.digest.render import render_digest
from handlers.digest.subscriptions import FilterError, resolve_filters
from handlers.query.vocabulary import build_vocabulary
from handlers.render import blockkit as bk
from store.digests.changes import arrivals_since_time
from store.digests.deliveries import DeliveryState, Work
from store.revision import data_revision

_SPAN = re.compile(r"^(\d+)([mhdw])$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_since(text: str, now: datetime) -> tuple[datetime, str]:
    """'7d' (m/h/d/w) or an ISO date -> (the instant, how the digest names the period)."""
    match = _SPAN.match(text.strip().casefold())
    if match:
        amount, unit = int(match[1]), _UNITS[match[2]]
        return now - timedelta(**{unit: amount}), f"in the last {amount} {unit if amount != 1 else unit[:-1]}"
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise click.BadParameter("use a span like 7d, 12h, 2w or a date like 2018-09-01") from None
    return datetime(day.year, day.month, day.day, tzinfo=UTC), f"since {day.isoformat()}"


@click.command(epilog="Examples: nafta-bot digest --channel C0123 --since 3d --topics autos,dairy --dry-run")
@click.option("--channel", required=True, help="Slack channel ID to post to (the bot must be in it).")
@click.option(
    "--since", "since_text", default="7d", show_default=True, help="Span (30m, 12h, 7d, 2w) or date."
)
@click.option(
    "--topics", "topic_words", multiple=True, help="Topics or parties to limit to (repeat or comma-separate)."
)
@click.option("--dry-run", is_flag=True, help="Print the digest instead of posting it.")
def command(channel: str, since_text: str, topic_words: tuple[str, ...], dry_run: bool) -> None:
    """Build a digest of what arrived since --since and post it to --channel at once."""
    settings, engine = open_engine()
    try:
        since, label = parse_since(since_text, datetime.now(UTC))
        with Session(engine) as session:
            try:
                only = resolve_filters(
                    build_vocabulary(session, revision=data_revision(session)), list(topic_words)
                )
            except FilterError as error:
                raise click.BadParameter(str(error), param_hint="--topics") from None
            digest = build_digest(
                session, arrivals=arrivals_since_time(session, since=since), only=only, since=label
            )
        if not digest:
            click.echo(f"Nothing new {label}; nothing posted.")
            return
        messages = render_digest(digest)
        if dry_run:
            click.echo("\n\n--- thread reply ---\n".join(bk.visible_text(m) for m in messages))
            return
        _post(settings, channel, messages)
    finally:
        engine.dispose()


def _post(settings: Settings, channel: str, messages: list[bk.Message]) -> None:
    """Post through the scheduler's own ``deliver``, recording nothing: there is no subscription."""
    try:
        settings.require("SLACK_BOT_TOKEN")
    except ConfigError as error:
        raise click.ClickException(str(error)) from error
    clock = settings.digests().clock()
    poster = Poster(make_web_client(settings, retries=False), clock, ChannelPacer(clock))
    run = -(uuid.uuid4().int >> 80)  # negative: never a stored delivery's id in a post's metadata
    work = Work(
        delivery_id=run,
        subscription_id=0,
        channel_id=channel,
        slot=clock.now(),
        messages=[dict(m) for m in messages],  # stored as JSON
        parts_posted=0,
        thread_ts=None,
        attempts=1,
        in_doubt=False,
        created_at=clock.now(),
    )
    ledger = Unrecorded()
    outcome = deliver_now(ledger, poster, work, clock=clock)
    if outcome != DeliveryState.POSTED:
        raise click.ClickException(f"Slack did not take the digest ({ledger.error or outcome})")
    click.echo(f"Posted a digest of {len(messages)} message(s) to {channel}.")
