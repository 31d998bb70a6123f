"""`nafta-bot export`: a topic's status, positions and quotes as CSV, a Markdown briefing or JSON."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click
from sqlmodel import Session

from bot.cli.common import open_engine
from handlers.curation.spans import parse_since
from store.curation.export import ExportError, build_export
from store.curation.formats import FORMATS, render


@click.command(
    epilog="Examples: nafta-bot export --topic autos --format md -o autos.md; "
    "nafta-bot export --topic dairy --party canada --since 30d --format csv"
)
@click.option("--topic", required=True, help="Topic slug, e.g. autos (see `nafta-bot ask topics`).")
@click.option("--party", help="Only this party's quotes and position, e.g. canada.")
@click.option("--since", "since_text", help="Only quotes reported since: a span (30d, 2w) or a date.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True)
@click.option("--include-out-of-scope", is_flag=True, help="Also quotes not about the negotiation.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here, not stdout."
)
def command(
    topic: str,
    party: str | None,
    since_text: str | None,
    fmt: str,
    include_out_of_scope: bool,
    output: Path | None,
) -> None:
    """Export a topic's quotes with citations (hidden quotes never; out-of-scope ones only when asked).

    CSV columns: date said, date reported, speaker, role, party, quote, topics, outlet, URL, verified;
    cells a spreadsheet would run as formulas are prefixed with an apostrophe. Markdown is a briefing:
    the chapter's status, each party's position with its source, the quotes as block quotes.
    """
    try:
        since = parse_since(since_text, datetime.now(UTC)).date() if since_text else None
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--since") from None
    _settings, engine = open_engine()
    try:
        with Session(engine) as session:
            export = build_export(
                session, topic=topic, party=party, since=since, include_out_of_scope=include_out_of_scope
            )
    except ExportError as error:
        raise click.ClickException(str(error)) from None
    finally:
        engine.dispose()
    text = render(export, fmt)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8", newline="")
    except OSError as error:
        raise click.ClickException(f"cannot write {output}: {error.strerror}") from None
    click.echo(f"wrote {len(export.quotes)} quote(s) on {export.topic_name} to {output}", err=True)
