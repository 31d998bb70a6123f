"""`nafta-bot ask`: the answer a `/nafta` command would give, printed in the terminal."""

from __future__ import annotations

import json

import click

from bot.cli.common import load_settings, open_engine
from handlers.query.engine import Librarian
from handlers.query.parse import explain
from handlers.query.vocabulary import taxonomy_vocabulary
from handlers.render.help import HELP_LINES, QUESTION_EXAMPLES
from handlers.render.slack import render_message
from handlers.render.text import reading_and_text
from store.taxonomy import load_taxonomy

_GRAMMAR = "\n".join(f"  {usage:<42} {what}" for usage, what in HELP_LINES)
_QUESTIONS = "\n".join(f"  {q}" for q in QUESTION_EXAMPLES)


@click.command(
    # `nafta-bot ask autos -p` as in Slack: words that look like options (-p, --private) are query text.
    context_settings={"ignore_unknown_options": True},
    epilog=f"\b\nWhat you can ask (as after /nafta):\n{_GRAMMAR}\n\n"
    f"\b\nOr ask in plain words:\n{_QUESTIONS}\n\n"
    "Examples: nafta-bot ask autos; nafta-bot ask --json autos canada; nafta-bot ask search dairy quotas; "
    "nafta-bot ask --explain what did freeland say about dairy this week",
)
@click.option("--json", "as_json", is_flag=True, help="Print the Slack message payload /nafta would send.")
@click.option(
    "--explain",
    "explain_only",
    is_flag=True,
    help="Print only how TEXT is read, as one JSON object "
    '{"intent","topic","party","person","terms","since"} (no database needed).',
)
@click.argument("text", nargs=-1)
def command(as_json: bool, explain_only: bool, text: tuple[str, ...]) -> None:
    """Answer TEXT the way `/nafta TEXT` does, without Slack (no account needed)."""
    if explain_only:
        # The reading needs only the taxonomy: no database is opened, so this starts fast.
        settings = load_settings()
        vocab = taxonomy_vocabulary(load_taxonomy(settings.taxonomy_path))
        click.echo(json.dumps(explain(" ".join(text), vocab), ensure_ascii=False))
        return
    settings, engine = open_engine()
    try:
        answer = Librarian(engine, taxonomy=load_taxonomy(settings.taxonomy_path)).ask(" ".join(text))
        if as_json:
            click.echo(json.dumps(render_message(answer), ensure_ascii=False, indent=2))
        else:
            click.echo(reading_and_text(answer))
    finally:
        engine.dispose()
