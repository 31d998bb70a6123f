"""Settings: read once from the environment, refusing what would fail later."""

from __future__ import annotations

import pytest

from bot.config import DEFAULT_SLACK_API_URL, ConfigError, Settings


def test_defaults_need_nothing_and_put_sqlite_in_the_data_dir(tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings.from_env({"HOME": str(tmp_path)})
    assert settings.database_url == f"sqlite:///{tmp_path}/.local/share/nafta-bot/nafta.sqlite3"
    assert settings.slack_api_url == DEFAULT_SLACK_API_URL
    assert (
        Settings.from_env({"NAFTA_DATA_DIR": "/srv/nafta"}).database_url
        == "sqlite:////srv/nafta/nafta.sqlite3"
    )


def test_slack_api_url_always_ends_with_a_slash() -> None:
    assert (
        Settings.from_env({"SLACK_API_URL": "http://127.0.0.1:9/api"}).slack_api_url
        == "http://127.0.0.1:9/api/"
    )


@pytest.mark.parametrize("value", ["", "xoxb-your-bot-token", "your-signing-secret", "<secret>", "changeme"])
def test_missing_or_placeholder_secrets_are_refused_by_name(value: str) -> None:
    settings = Settings.from_env({"SLACK_BOT_TOKEN": value, "HOME": "/tmp"})
    with pytest.raises(ConfigError, match="SLACK_BOT_TOKEN"):
        settings.require("SLACK_BOT_TOKEN")


def test_real_looking_secrets_pass() -> None:
    settings = Settings.from_env(
        {
            "SLACK_BOT_TOKEN": "xoxb-1234-5678-abcdef",
            "SLACK_SIGNING_SECRET": "8f14e45fceea167a5a36dedd4bea2543",
        }
    )
    settings.require("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")


def test_dotenv_is_read_but_the_environment_wins(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / ".env").write_text("DATABASE_URL=sqlite:///from-dotenv.db\nLOG_LEVEL=debug\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LOG_LEVEL", "warning")
    settings = Settings.from_env()
    assert settings.database_url == "sqlite:///from-dotenv.db"
    assert settings.log_level == "WARNING"


def test_bad_numbers_name_the_variable() -> None:
    with pytest.raises(ConfigError, match="NAFTA_LISTENER_THREADS"):
        Settings.from_env({"NAFTA_LISTENER_THREADS": "lots"})


def test_postgres_without_its_driver_says_which_extra_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "psycopg" else real_find_spec(name, *a)
    )
    with pytest.raises(ConfigError, match=r"pip install 'nafta-bot\[postgres\]'"):
        Settings.from_env({"DATABASE_URL": "postgresql://bot@db.example:5432/nafta"}, dotenv=False)
    sqlite = Settings.from_env({"DATABASE_URL": "sqlite:///x.sqlite3"}, dotenv=False)
    assert sqlite.database_url == "sqlite:///x.sqlite3"
