"""Settings: the only place nafta-bot reads its environment.

``Settings.from_env()`` loads ``.env`` (python-dotenv; real environment variables win) and freezes
the result, so the rest of the code receives its configuration as an argument and tests can build
a ``Settings`` by hand. Secrets are checked only by the commands that need them (``serve`` needs
Slack, ``ask`` does not), and a value still carrying an ``.env.example`` placeholder is refused
with the variable's name, so a half-configured deployment fails at start, not at the first request.
"""

from __future__ import annotations

import importlib.util
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from dotenv import dotenv_values, find_dotenv

from handlers.digest import DigestSettings

DEFAULT_SLACK_API_URL = "https://slack.com/api/"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
# DATABASE_URL schemes we run on, and the driver each plain scheme means (psycopg 3, the `postgres` extra).
DATABASE_SCHEMES = {
    "sqlite": "sqlite",
    "postgresql": "postgresql+psycopg",
    "postgres": "postgresql+psycopg",
    "postgresql+psycopg": "postgresql+psycopg",
}
_PLACEHOLDER = re.compile(r"(your[-_ ]|change[-_ ]?me|replace[-_ ]?me|placeholder|<[^>]*>|^x+$|\.\.\.)", re.I)


class ConfigError(RuntimeError):
    """A required setting is missing or still a placeholder; the message names the variable."""


def default_data_dir(env: Mapping[str, str]) -> Path:
    """Where the embedded SQLite store lives: $NAFTA_DATA_DIR, else $XDG_DATA_HOME/nafta-bot."""
    if env.get("NAFTA_DATA_DIR"):
        return Path(env["NAFTA_DATA_DIR"]).expanduser()
    base = env.get("XDG_DATA_HOME") or str(Path(env.get("HOME") or Path.home()) / ".local" / "share")
    return Path(base).expanduser() / "nafta-bot"


@dataclass(frozen=True)
class Settings:
    database_url: str
    taxonomy_path: str | None = None
    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_api_url: str = DEFAULT_SLACK_API_URL
    log_level: str = "INFO"
    # Slack user IDs allowed to manage a channel's digests; empty means everyone may.
    digest_managers: tuple[str, ...] = field(default_factory=tuple)
    # Slack user IDs allowed to correct the record (the word "admins" adds workspace admins and
    # owners); empty means nobody may edit, and nobody sees edit controls.
    editors: tuple[str, ...] = field(default_factory=tuple)
    # Let "Add to nafta-bot" fetch loopback and private addresses: for tests with a local web server
    # only, never in production (it would let anyone who can post a link probe the internal network).
    allow_private_urls: bool = False
    # Worker threads for Bolt listeners: one slow answer must not hold up the next request.
    listener_threads: int = 16
    # Digest scheduler: seconds between looks for due subscriptions, and threads posting digests
    # (a pool of its own, so a busy minute of digests never slows a slash command).
    digest_tick_seconds: int = 15
    digest_workers: int = 8
    # End-to-end tests only (NAFTA_TEST_DIGEST_CLOCK="SPEED@UNIX_TIME"): digests see time run SPEED
    # times faster from UNIX_TIME, so a test can watch minutes of cron slots pass in seconds.
    digest_test_clock: tuple[float, float] | None = None
    # Hardening knobs (README "Security and hardening"): every web fetch's overall deadline, how
    # long a mention waits for an unreachable store before saying so, the longest Retry-After a
    # Slack call waits, and how long start-up keeps retrying a Slack that answers 5xx.
    fetch_deadline_seconds: float = 60.0
    store_retry_seconds: float = 8.0
    max_retry_after_seconds: float = 10.0
    slack_startup_seconds: float = 60.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, *, dotenv: bool = True) -> Settings:
        """Build settings from ``env`` (default: ``os.environ`` over the nearest ``.env``)."""
        if env is None:
            merged: dict[str, str] = {}
            if dotenv:
                path = find_dotenv(usecwd=True)
                if path:
                    merged.update({k: v for k, v in dotenv_values(path).items() if v is not None})
            merged.update(os.environ)
            env = merged
        data_dir = default_data_dir(env)
        api_url = env.get("SLACK_API_URL") or DEFAULT_SLACK_API_URL
        return cls(
            database_url=_database_url(env.get("DATABASE_URL") or f"sqlite:///{data_dir / 'nafta.sqlite3'}"),
            taxonomy_path=env.get("NAFTA_TAXONOMY") or None,
            slack_bot_token=env.get("SLACK_BOT_TOKEN") or None,
            slack_signing_secret=env.get("SLACK_SIGNING_SECRET") or None,
            slack_app_token=env.get("SLACK_APP_TOKEN") or None,
            slack_api_url=api_url if api_url.endswith("/") else api_url + "/",
            log_level=_log_level(env.get("LOG_LEVEL") or "INFO"),
            digest_managers=tuple(u for u in re.split(r"[,\s]+", env.get("NAFTA_DIGEST_MANAGERS", "")) if u),
            editors=tuple(u for u in re.split(r"[,\s]+", env.get("NAFTA_EDITORS", "")) if u),
            allow_private_urls=_flag(env, "NAFTA_ALLOW_PRIVATE_URLS"),
            listener_threads=_positive_int(env, "NAFTA_LISTENER_THREADS", 16),
            digest_tick_seconds=_positive_int(env, "NAFTA_DIGEST_TICK_SECONDS", 15),
            digest_workers=_positive_int(env, "NAFTA_DIGEST_WORKERS", 8),
            digest_test_clock=_test_clock(env.get("NAFTA_TEST_DIGEST_CLOCK") or ""),
            fetch_deadline_seconds=_positive_float(env, "NAFTA_FETCH_DEADLINE_SECONDS", 60.0),
            store_retry_seconds=_positive_float(env, "NAFTA_STORE_RETRY_SECONDS", 8.0),
            max_retry_after_seconds=_positive_float(env, "NAFTA_MAX_RETRY_AFTER_SECONDS", 10.0),
            slack_startup_seconds=_positive_float(env, "NAFTA_SLACK_STARTUP_SECONDS", 60.0),
        )

    def with_overrides(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    def digests(self) -> DigestSettings:
        """What the digest feature needs to know, as the value ``handlers.digest`` takes."""
        speed, origin = self.digest_test_clock or (1.0, 0.0)
        return DigestSettings(
            managers=self.digest_managers,
            tick_seconds=self.digest_tick_seconds,
            workers=self.digest_workers,
            clock_speed=speed,
            clock_from=origin,
        )

    def require(self, *names: str) -> None:
        """Fail fast, naming the variable, when a setting the command needs is absent or a placeholder."""
        for name in names:
            value = getattr(self, name.lower())
            if not value:
                raise ConfigError(f"{name} is not set (see .env.example)")
            if _PLACEHOLDER.search(value):
                raise ConfigError(f"{name} still holds the placeholder from .env.example; set the real value")


def _test_clock(raw: str) -> tuple[float, float] | None:
    if not raw:
        return None
    speed, at, origin = raw.partition("@")
    try:
        value = (float(speed), float(origin))
    except ValueError:
        value = (0.0, 0.0)
    if not at or value[0] <= 0:
        raise ConfigError(f"NAFTA_TEST_DIGEST_CLOCK must be SPEED@UNIX_TIME, e.g. 60@1536148800, got {raw!r}")
    return value


def _flag(env: Mapping[str, str], name: str) -> bool:
    raw = (env.get(name) or "").strip().casefold()
    if raw in {"", "0", "false", "no", "off"}:
        return False
    if raw in {"1", "true", "yes", "on"}:
        return True
    raise ConfigError(f"{name} must be true or false, got {raw!r}")


def _positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None
    if value < 1:
        raise ConfigError(f"{name} must be at least 1, got {value}")
    return value


def _positive_float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number of seconds, got {raw[:40]!r}") from None
    if not 0 < value < 86_400:
        raise ConfigError(f"{name} must be more than 0 and less than a day, got {raw[:40]!r}")
    return value


def _log_level(raw: str) -> str:
    level = raw.strip().upper()
    if level not in LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, got {raw[:40]!r}")
    return level


def _database_url(raw: str) -> str:
    """DATABASE_URL checked up front: a typo or another database is a one-line error naming it.

    ``postgres://`` and ``postgresql://`` mean the psycopg 3 driver of the ``postgres`` extra, not psycopg2.
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(raw.strip())
    except (ArgumentError, ValueError):
        raise ConfigError(
            "DATABASE_URL is not a database URL; use sqlite:///path/to/file.sqlite3 or "
            "postgresql+psycopg://user:password@host:5432/dbname"
        ) from None
    scheme = url.drivername
    if scheme not in DATABASE_SCHEMES:
        raise ConfigError(
            f"DATABASE_URL uses {scheme.split('+')[0]!r}, which nafta-bot does not support; "
            "use sqlite:///… or postgresql+psycopg://…"
        )
    if scheme.startswith("postgres") and not url.database:
        raise ConfigError("DATABASE_URL names no database (…:5432/dbname)")
    wanted = DATABASE_SCHEMES[scheme]
    if wanted.startswith("postgresql") and importlib.util.find_spec("psycopg") is None:
        raise ConfigError(
            "DATABASE_URL names a Postgres server, but its driver is not installed: "
            "pip install 'nafta-bot[postgres]'"
        )
    if wanted == scheme:
        return raw.strip()
    return url.set(drivername=wanted).render_as_string(hide_password=False)
