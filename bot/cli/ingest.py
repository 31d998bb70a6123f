"""`nafta-bot ingest`: store articles and what they say, from files, folders, URLs and feeds."""

from __future__ import annotations

import sys
import time
from datetime import date

import click

from bot.cli.common import open_engine
from store.ingest.inputs import is_url, read_inputs
from store.ingest.pipeline import GROUP, Summary, ingest
from store.ingest.sources import Overrides, parse_date
from store.ingest.stored import stored_articles
from store.taxonomy import load_taxonomy


class _Ticker:
    """A one-line progress report on stderr, redrawn at most five times a second."""

    def __init__(self) -> None:
        self.start = self.last = time.monotonic()

    def __call__(self, s: Summary) -> None:
        now = time.monotonic()
        if now - self.last < 0.2:
            return
        self.last = now
        rate = s.seen / max(now - self.start, 1e-6)
        sys.stderr.write(
            f"\r  {s.seen} articles: {s.added} added, {s.unchanged} unchanged, {s.updated} updated, "
            f"{s.failed} failed ({rate:.0f}/s)"
        )
        sys.stderr.flush()

    def done(self) -> None:
        sys.stderr.write("\r\033[K")
        sys.stderr.flush()


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    try:
        return parse_date(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from error


@click.command()
@click.argument("inputs", nargs=-1, metavar="PATH_OR_URL...")
@click.option("--title", help="Headline for a single input (overrides what it says).")
@click.option("--url", help="Canonical URL for a single input; the same URL again replaces its rows.")
@click.option("--published", callback=_date, help="Publication date for a single input, YYYY-MM-DD.")
@click.option("--outlet", help="Outlet for a single input, e.g. Reuters.")
@click.option(
    "--workers", type=click.IntRange(1, 64), help="Extraction processes (default: 2 on big inputs)."
)
@click.option(
    "--reextract",
    is_flag=True,
    help="Read articles again with the current rules even when their text is stored already; "
    "with no PATH_OR_URL, every stored article. Quotes that are the same keep their ids.",
)
@click.option(
    "--allow-private",
    is_flag=True,
    help="Let the URLs given here be on a private network or this machine (links and redirects "
    "elsewhere are still refused).",
)
@click.option("--with-statuses", is_flag=True, hidden=True, help="No effect: statuses are always stored.")
def command(
    inputs: tuple[str, ...],
    title: str | None,
    url: str | None,
    published: date | None,
    outlet: str | None,
    workers: int | None,
    reextract: bool,
    allow_private: bool,
    with_statuses: bool,
) -> None:
    """Store articles and the quotes, speakers, topics and stances in them.

    Takes .txt/.md files (optional --- front matter with title, url, published, outlet), .html
    files, .jsonl files (one {"title", "url", "published", "outlet", "text"} per line), folders
    (recursively), article URLs, RSS/Atom feed URLs and feed files (.rss, .atom, .xml). Pages on
    private or local addresses are refused unless the URL is given here with --allow-private.
    Running it again on the same articles adds nothing; an article whose URL is known but whose
    text changed is replaced. Chapter statuses read from the news are always stored (the old
    --with-statuses flag is accepted and does nothing). Exits with status 1 when any input failed;
    each failure is listed with its reason.
    """
    if not inputs and not reextract:
        raise click.UsageError("give at least one PATH_OR_URL (or --reextract to re-read the store)")
    overrides = Overrides(title=title, url=url, published=published, outlet=outlet)
    if overrides and len(inputs) > 1:
        raise click.UsageError("--title, --url, --published and --outlet apply to a single input")
    settings, engine = open_engine()
    ticker = _Ticker() if sys.stderr.isatty() else None
    items = (
        read_inputs(
            inputs, overrides or None, allow_private=allow_private, deadline=settings.fetch_deadline_seconds
        )
        if inputs
        else stored_articles(engine)
    )
    try:
        summary = ingest(
            engine,
            load_taxonomy(settings.taxonomy_path),
            items,
            workers=workers,
            group=1 if any(is_url(i) for i in inputs) else GROUP,
            progress=ticker,
            reextract=reextract,
        )
    finally:
        if ticker:
            ticker.done()
        engine.dispose()
    for failure in summary.failures:
        click.echo(f"failed: {failure.name}: {failure.reason}", err=True)
    click.echo(
        f"{summary.added} added, {summary.unchanged} unchanged, {summary.updated} updated, "
        f"{summary.failed} failed; {summary.quotes} quotes, {summary.speakers} new speakers, "
        f"{summary.statements} statements"
    )
    if summary.failed:
        sys.exit(1)
