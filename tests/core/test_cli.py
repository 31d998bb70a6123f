"""`nafta-bot` as a user runs it: a real database, output read as text.

The tests run ``main`` in this process (``cli``); ``test_each_command_runs_as_its_own_process``
runs every command once through ``python -m bot.cli``, as a user's shell would (`serve` is run
that way by the Slack tests)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.cli import COMMAND_MODULES, main
from testkit.fakeslack import FakeSlack
from testkit.slack import BOT_TOKEN
from tests.conftest import run_cli_subprocess
from tests.core.test_answers import assert_fits_slack

README = Path(__file__).resolve().parents[2] / "README.md"
ARTICLE = (
    'OTTAWA — Talks resumed.\n\n"We will not accept it," said Chrystia Freeland, the foreign minister.\n'
)

# One real run per command (``serve`` runs as a process in tests/slack) and what it must print.
SMOKE = {
    "ask": (("ask", "autos"), "Autos — converging"),
    "db": (("db", "status"), "0008_curation"),
    "extract": (("extract", "--json", "article.txt"), '"speaker": "Chrystia Freeland"'),
    "ingest": (("ingest", "article.txt"), "1 added, 0 unchanged, 0 updated, 0 failed"),
    "digest": (("digest", "--channel", "CNEWS", "--since", "3650d", "--dry-run"), "*NAFTA digest*"),
    "scheduler": (("scheduler", "--once"), "none due"),
    "feedback": (("feedback",), "0 votes in the last 7 days"),
    "export": (("export", "--topic", "autos"), "date said,date reported,speaker"),
    "audit": (("audit",), "no changes"),
}


def test_every_command_has_a_smoke_test() -> None:
    assert set(SMOKE) | {"serve"} == set(COMMAND_MODULES)


@pytest.mark.parametrize("name", sorted(SMOKE))
def test_each_command_runs_as_its_own_process(name: str, database_url: str, tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    args, shown = SMOKE[name]
    with FakeSlack() as fake:
        result = run_cli_subprocess(
            *args, database_url=database_url, SLACK_API_URL=fake.api_url, SLACK_BOT_TOKEN=BOT_TOKEN
        )
    assert result.returncode == 0, result.stderr
    assert shown in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_ask_autos_prints_the_state_of_play(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("ask", "autos")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Autos — converging, as of 2018-03-21")
    assert "finally starting to converge" in out
    flat = " ".join(out.split())
    for shown in ("Canada", "Mexico", "Dropped its call", "50% American-made"):
        assert shown in flat


def test_ask_json_is_the_slack_payload(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("ask", "--json", "autos", "canada")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert set(payload) == {"text", "blocks", "response_type"}
    assert payload["response_type"] == "in_channel"
    assert_fits_slack(payload)
    assert "Flatly rejected" in json.dumps(payload["blocks"])


def test_ask_without_text_shows_help(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("ask")
    assert result.returncode == 0
    assert "search WORDS" in result.stdout
    assert "autos" in result.stdout


def test_unreachable_database_is_a_clear_error(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("ask", "autos", DATABASE_URL="postgresql+psycopg://nobody:secret@127.0.0.1:1/none")
    assert result.returncode == 1
    assert "cannot open the database" in result.stderr
    assert "secret" not in result.stderr, "passwords never reach the terminal"
    assert "Traceback" not in result.stderr


def test_db_status_reports_the_revision(cli) -> None:  # type: ignore[no-untyped-def]
    cli("db", "upgrade")
    result = cli("db", "status")
    read, database, newest = (line.split()[-1] for line in result.stdout.splitlines())
    assert database == newest != "empty"
    assert read.startswith(("sqlite:///", "postgresql+psycopg://"))


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    for name in COMMAND_MODULES:
        command = main.commands[name]
        assert command.help, f"`nafta-bot {name}` has no help text"
        assert re.search(rf"nafta-bot {name}\b", readme), f"README does not mention `nafta-bot {name}`"


def test_every_slash_subcommand_is_in_the_readme() -> None:
    from handlers.render.help import HELP_LINES

    readme = README.read_text(encoding="utf-8")
    for usage, _ in HELP_LINES:
        keyword = usage.split()[0]
        if keyword.isupper() or keyword == "...":
            continue
        assert f"/nafta {keyword}" in readme, f"README does not document `/nafta {keyword}`"
