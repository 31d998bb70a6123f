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
from bot.webclient import make_web_client
from handlers.digest.scheduler import build_scheduler


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
    scheduler = build_scheduler(settings.digests(), engine, make_web_client(settings, retries=False), stop)
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
