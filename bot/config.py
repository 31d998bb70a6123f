"""Settings: the only place nafta-bot reads its environment.

``Settings.from_env()`` loads ``.env`` (python-dotenv; real environment variables win) and freezes
the result, so the rest of the code receives its configuration as an argument and tests can build
a ``Settings`` by hand. Secrets are checked only by the commands that need them (``serve`` needs
Slack, ``ask`` does not), and a value still carrying an ``.env.example`` placeholder is refused
with the variable's name, so a half-configured deployment fails at start, not at the first request.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from dotenv import dotenv_values, find_dotenv

DEFAULT_SLACK_API_URL = "https://slack.com/api/"
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
            database_url=env.get("DATABASE_URL") or f"sqlite:///{data_dir / 'nafta.sqlite3'}",
            taxonomy_path=env.get("NAFTA_TAXONOMY") or None,
            slack_bot_token=env.get("SLACK_BOT_TOKEN") or None,
            slack_signing_secret=env.get("SLACK_SIGNING_SECRET") or None,
            slack_app_token=env.get("SLACK_APP_TOKEN") or None,
            slack_api_url=api_url if api_url.endswith("/") else api_url + "/",
            log_level=(env.get("LOG_LEVEL") or "INFO").upper(),
            digest_managers=tuple(u for u in re.split(r"[,\s]+", env.get("NAFTA_DIGEST_MANAGERS", "")) if u),
            editors=tuple(u for u in re.split(r"[,\s]+", env.get("NAFTA_EDITORS", "")) if u),
            allow_private_urls=_flag(env, "NAFTA_ALLOW_PRIVATE_URLS"),
            listener_threads=_positive_int(env, "NAFTA_LISTENER_THREADS", 16),
            digest_tick_seconds=_positive_int(env, "NAFTA_DIGEST_TICK_SECONDS", 15),
            digest_workers=_positive_int(env, "NAFTA_DIGEST_WORKERS", 8),
        )

    def with_overrides(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]

    def require(self, *names: str) -> None:
        """Fail fast, naming the variable, when a setting the command needs is absent or a placeholder."""
        for name in names:
            value = getattr(self, name.lower())
            if not value:
                raise ConfigError(f"{name} is not set (see .env.example)")
            if _PLACEHOLDER.search(value):
                raise ConfigError(f"{name} still holds the placeholder from .env.example; set the real value")


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
