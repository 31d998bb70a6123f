"""`nafta-bot ask`: the answer a `/nafta` command would give, printed in the terminal."""

from __future__ import annotations

import json

import click

from bot.cli.common import open_engine
from handlers.query.engine import Librarian
from handlers.render.help import HELP_LINES
from handlers.render.slack import render_message
from handlers.render.text import render_text

_GRAMMAR = "\n".join(f"  {usage:<42} {what}" for usage, what in HELP_LINES)


@click.command(
    # `nafta-bot ask autos -p` as in Slack: words that look like options (-p, --private) are query text.
    context_settings={"ignore_unknown_options": True},
    epilog=f"\b\nWhat you can ask (as after /nafta):\n{_GRAMMAR}\n\nExamples: nafta-bot ask autos; "
    "nafta-bot ask --json autos canada; nafta-bot ask search dairy quotas",
)
@click.option("--json", "as_json", is_flag=True, help="Print the Slack message payload /nafta would send.")
@click.argument("text", nargs=-1)
def command(as_json: bool, text: tuple[str, ...]) -> None:
    """Answer TEXT the way `/nafta TEXT` does, without Slack (no account needed)."""
    _settings, engine = open_engine()
    try:
        answer = Librarian(engine).ask(" ".join(text))
        if as_json:
            click.echo(json.dumps(render_message(answer), ensure_ascii=False, indent=2))
        else:
            click.echo(render_text(answer))
    finally:
        engine.dispose()
