"""The Slack Web API client every part of the bot shares, pointed at ``settings.slack_api_url``.

slack_sdk retries only connection errors by default. Slack answers 429 with ``Retry-After`` when a
channel gets more than about one message a second, and has the odd 5xx, so the client retries those
too. When a retry handler runs out of attempts it logs the method and the reason (never the URL's
query, the body or the headers, which can carry tokens) so a lost message is visible in the logs.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.handler import RetryHandler

from bot.config import Settings

log = logging.getLogger(__name__)

RATE_LIMIT_RETRIES = 3
SERVER_ERROR_RETRIES = 2
CONNECTION_RETRIES = 2
TIMEOUT_SECONDS = 15


class _LogsGiveUp(RetryHandler):
    """Mixed into a retry handler: when it would retry but has no attempts left, say so."""

    def can_retry(self, *, state: Any, request: Any, response: Any = None, error: Any = None) -> bool:
        wanted = self._can_retry(state=state, request=request, response=response, error=error)
        if wanted and state.current_attempt >= self.max_retry_count:
            reason = f"HTTP {response.status_code}" if response is not None else type(error).__name__
            log.warning(
                "Slack API %s failed after %d retries (%s); giving up",
                _method(request.url),
                state.current_attempt,
                reason,
            )
            return False
        return wanted


class RateLimitRetry(_LogsGiveUp, RateLimitErrorRetryHandler):
    """429: wait as long as ``Retry-After`` says, then try again."""


class ServerErrorRetry(_LogsGiveUp, ServerErrorRetryHandler):
    """500 and 503, with the SDK's back-off."""


class ConnectionRetry(_LogsGiveUp, ConnectionErrorRetryHandler):
    """Connection reset or refused, with the SDK's back-off."""


def _method(url: str) -> str:
    return url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]


def retry_handlers() -> list[RetryHandler]:
    return [
        RateLimitRetry(max_retry_count=RATE_LIMIT_RETRIES),
        ServerErrorRetry(max_retry_count=SERVER_ERROR_RETRIES),
        ConnectionRetry(max_retry_count=CONNECTION_RETRIES),
    ]


def make_web_client(settings: Settings) -> WebClient:
    """A client for the bot token whose every call, Bolt's ``auth.test`` included, goes to SLACK_API_URL."""
    return WebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=TIMEOUT_SECONDS,
        retry_handlers=retry_handlers(),
    )
