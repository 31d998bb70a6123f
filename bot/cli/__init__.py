"""`nafta-bot`: one command per job, each in its own module under ``bot/cli/``.

Every sub-command builds its settings and engine at start (never at import) and passes them down.
"""

from __future__ import annotations

import importlib

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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="nafta-bot")
def main() -> None:
    """Answer trade-negotiation questions from the news: where each party stands, who said what."""


for _name in COMMAND_MODULES:
    main.add_command(importlib.import_module(f"bot.cli.{_name}").command, name=_name)
