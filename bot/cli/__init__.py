"""`nafta-bot`: one command per job, each in its own module under ``bot/cli/``.

Every sub-command builds its settings and engine at start (never at import) and passes them down.
No traceback reaches the terminal: the errors a user can fix are translated where they happen
(``bot.cli.common``), and anything else becomes one line here (the traceback goes to the log at
DEBUG level, for whoever runs with ``LOG_LEVEL=DEBUG``).
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

import click

# Each module named here defines ``command``, a click command added to the group below.
COMMAND_MODULES: tuple[str, ...] = (
    "ask",
    "db",
    "extract",
    "ingest",
    "serve",
    "digest",
    "scheduler",
    "feedback",
    "export",
    "audit",
)


class _OneLineErrors(click.Group):
    """A group whose commands never end in a traceback: an unexpected error is one line, exit 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except KeyboardInterrupt:
            raise click.exceptions.Exit(130) from None
        except Exception as error:
            logging.getLogger("nafta.cli").debug("unexpected error", exc_info=True)
            first = (str(error).strip().splitlines() or [""])[0][:300]
            raise click.ClickException(
                f"{type(error).__name__}: {first} (LOG_LEVEL=DEBUG logs the details)"
            ) from None


@click.group(cls=_OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="nafta-bot")
def main() -> None:
    """Answer trade-negotiation questions from the news: where each party stands, who said what."""


for _name in COMMAND_MODULES:
    main.add_command(importlib.import_module(f"bot.cli.{_name}").command, name=_name)
