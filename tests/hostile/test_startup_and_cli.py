"""What a new user or a flaky Slack meets at start: one clear line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from sqlalchemy.engine import make_url

from testkit.fakeslack import FakeSlack
from testkit.serving import ServeProcess, free_port
from testkit.slack import BOT_TOKEN, SIGNING_SECRET
from tests.conftest import run_cli


def serve_env(fake: FakeSlack, **extra: str) -> dict[str, str]:
    return {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.api_url,
        **extra,
    }


def test_slack_5xx_at_start_up_is_retried_then_serving_starts(database_url: str, tmp_path: Path) -> None:
    with FakeSlack() as fake:
        fake.fail("auth.test", status=503, times=4)
        port = free_port()
        env = {k: v for k, v in serve_env(fake).items() if k != "SLACK_API_URL"}  # ServeProcess sets it
        server = ServeProcess(("--port", str(port)), database_url, fake, tmp_path, env=env).start()
        try:
            server.wait_for_log("Slack is unavailable (HTTP 503); trying again", timeout=60)
            server.wait_for_log("answering Slack at", timeout=60)
            assert httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=10).status_code == 200
        finally:
            assert server.stop() == 0
    assert "token" not in server.log().split("answering Slack at")[0].lower()


def test_slack_that_stays_down_is_reported_as_unavailable_not_as_a_bad_token(database_url: str) -> None:
    with FakeSlack() as fake:
        fake.fail("auth.test", status=503, times=100)
        result = run_cli(
            "serve", database_url=database_url, **serve_env(fake, NAFTA_SLACK_STARTUP_SECONDS="1")
        )

    assert result.returncode == 1
    assert "Slack is unavailable (HTTP 503)" in result.stderr
    assert "did not accept" not in result.stderr
    assert "Traceback" not in result.stderr


BAD_SETTINGS = [
    ({"LOG_LEVEL": "banana"}, "LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL, got 'banana'"),
    (
        {"DATABASE_URL": "mysql://user@db.example/nafta"},
        "DATABASE_URL uses 'mysql', which nafta-bot does not support",
    ),
    ({"DATABASE_URL": "::not a url::"}, "DATABASE_URL is not a database URL"),
    (
        {"DATABASE_URL": "postgresql+psycopg://nobody:hunter2@127.0.0.1:1/none"},
        "cannot open the database (postgresql+psycopg://nobody:***@127.0.0.1:1/none, from DATABASE_URL)",
    ),
    ({"NAFTA_FETCH_DEADLINE_SECONDS": "soon"}, "NAFTA_FETCH_DEADLINE_SECONDS must be a number of seconds"),
]
# Every bad setting through `ask`; the database ones through `db status` and `db upgrade` too.
CASES = [(("ask", "autos"), env, expected) for env, expected in BAD_SETTINGS] + [
    (command, env, expected)
    for command in (("db", "status"), ("db", "upgrade"))
    for env, expected in BAD_SETTINGS
    if "DATABASE_URL" in env
]


@pytest.mark.parametrize(("command", "env", "expected"), CASES, ids=range(len(CASES)))
def test_a_bad_setting_is_one_line_naming_it(
    database_url: str, env: dict, expected: str, command: tuple
) -> None:
    others = {k: v for k, v in env.items() if k != "DATABASE_URL"}
    result = run_cli(*command, database_url=env.get("DATABASE_URL", database_url), **others)

    assert result.returncode == 1
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert "hunter2" not in result.stderr
    assert len([line for line in result.stderr.splitlines() if line.startswith("Error:")]) == 1


def test_a_data_dir_that_cannot_be_created_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    for command in (("ask", "autos"), ("db", "upgrade")):
        result = run_cli(*command, database_url="", NAFTA_DATA_DIR=str(blocker / "nafta"))
        assert result.returncode == 1, command
        assert "NAFTA_DATA_DIR" in result.stderr
        assert str(blocker) in result.stderr
        assert "Traceback" not in result.stderr


def test_a_broken_taxonomy_names_the_file_and_the_line(database_url: str, tmp_path: Path) -> None:
    syntax = tmp_path / "syntax.toml"
    syntax.write_text('negotiation = "x"\n\n[[topic]]\nslug = "autos"\nname = \n')
    missing = tmp_path / "missing.toml"
    missing.write_text('[[topic]]\nslug = "autos"\nname = "Autos"\n\n[[topic]]\nslug = "dairy"\n')

    bad_syntax = run_cli("ask", "autos", database_url=database_url, NAFTA_TAXONOMY=str(syntax))
    bad_entry = run_cli("ask", "autos", database_url=database_url, NAFTA_TAXONOMY=str(missing))
    absent = run_cli("ask", "autos", database_url=database_url, NAFTA_TAXONOMY=str(tmp_path / "nope.toml"))

    assert f"taxonomy file {syntax}: not valid TOML" in bad_syntax.stderr
    assert "line 5" in bad_syntax.stderr
    assert f"taxonomy file {missing}: [[topic]] entry 2 needs a text `name` (line 5)" in bad_entry.stderr
    assert f"NAFTA_TAXONOMY: taxonomy file {tmp_path / 'nope.toml'}: cannot read it" in absent.stderr
    assert "Traceback" not in bad_syntax.stderr + bad_entry.stderr + absent.stderr


def test_db_status_says_which_database_it_read(database_url: str) -> None:
    result = run_cli("db", "status", database_url=database_url)
    assert result.returncode == 0
    shown = make_url(database_url).render_as_string(hide_password=True)
    assert result.stdout.splitlines()[0] == f"read:     {shown}"


def test_ask_with_a_private_flag_works_as_the_readme_says(database_url: str) -> None:
    result = run_cli("ask", "autos", "-p", database_url=database_url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Autos")
    json_answer = run_cli("ask", "--json", "autos", "-p", database_url=database_url)
    assert '"response_type": "ephemeral"' in json_answer.stdout
