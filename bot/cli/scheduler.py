"""`nafta-bot scheduler`: post scheduled digests, in a process of its own.

For deployments that keep the Slack listener and the scheduler apart; ``nafta-bot serve`` runs
the same scheduler in-process. Several schedulers (and serves) may share one database.
"""

from __future__ import annotations

import signal
import threading

import click

from bot.cli.common import open_engine
from bot.config import ConfigError
from handlers.digest.clock import SystemClock
from handlers.digest.poster import ChannelPacer, Poster, make_client
from handlers.digest.scheduler import DigestScheduler


@click.command()
@click.option("--once", is_flag=True, help="Post what is due now, wait for it, and exit (for cron).")
def command(once: bool) -> None:
    """Post each subscribed channel's digest when it is due (runs until interrupted)."""
    settings, engine = open_engine()
    try:
        settings.require("SLACK_BOT_TOKEN")
    except ConfigError as error:
        raise click.ClickException(str(error)) from error
    stop = threading.Event()
    clock = SystemClock(stop)
    poster = Poster(make_client(settings.slack_bot_token, settings.slack_api_url), clock, ChannelPacer(clock))
    scheduler = DigestScheduler(
        engine,
        poster,
        clock,
        workers=settings.digest_workers,
        tick_seconds=settings.digest_tick_seconds,
        stop=stop,
    )
    try:
        if once:
            outcomes = scheduler.run_once()
            click.echo(f"{len(outcomes)} digest(s) handled: {', '.join(outcomes) or 'none due'}")
            return
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        scheduler.run_forever()
    finally:
        scheduler.stop()
        engine.dispose()
