"""The Slack Web API client every part of the bot shares, pointed at ``settings.slack_api_url``.

slack_sdk retries only connection errors by default. Slack answers 429 with ``Retry-After`` when a
channel gets more than about one message a second, and has the odd 5xx, so the client retries those
too. When a retry handler runs out of attempts it logs the method and the reason (never the URL's
query, the body or the headers, which can carry tokens) so a lost message is visible in the logs.

Waits are bounded: a ``Retry-After`` is read as a number of seconds, fractions included, and never
waited longer than ``max_retry_after_seconds``. A listener that must not hold its thread through a
wait (a mention's reply) calls the API inside ``handlers.ratelimit.rate_limits_raise()``: the 429 then
comes back as an error at once and the caller retries later, off the listener pool.

``RetryingRespond`` is Bolt's ``respond()`` with the same care for ``response_url``: 429 and 5xx are
retried a bounded number of times, then logged, so an answer is never lost silently.
``check_slack`` is the start-up ``auth.test``: a Slack that answers 5xx or cannot be reached is
retried with back-off and reported as unavailable, never as an invalid token.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.error import URLError

from slack_bolt.context.respond import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.handler import RetryHandler

from bot.config import Settings
from handlers.ratelimit import MAX_RETRY_AFTER_SECONDS, rate_limits_deferred, retry_after_seconds

log = logging.getLogger(__name__)

RATE_LIMIT_RETRIES = 3
SERVER_ERROR_RETRIES = 2
CONNECTION_RETRIES = 2
TIMEOUT_SECONDS = 15
RESPOND_ATTEMPTS = 3  # response_url: the first try and two retries
RESPOND_BACKOFF_SECONDS = (0.5, 1.5)
STARTUP_BACKOFF_SECONDS = (1.0, 2.0, 4.0, 8.0, 15.0)


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
    """429: wait as long as ``Retry-After`` says (capped), then try again; inside
    ``rate_limits_raise()`` the 429 is returned at once for the caller to retry off its thread."""

    def __init__(self, max_retry_count: int, *, cap: float = MAX_RETRY_AFTER_SECONDS) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.cap = cap

    def _can_retry(self, *, state: Any, request: Any, response: Any = None, error: Any = None) -> bool:
        if rate_limits_deferred():
            return False
        return super()._can_retry(state=state, request=request, response=response, error=error)

    def prepare_for_next_attempt(
        self, *, state: Any, request: Any, response: Any = None, error: Any = None
    ) -> None:
        if response is None:
            raise error
        state.next_attempt_requested = True
        header = next((v for k, v in response.headers.items() if k.lower() == "retry-after"), None)
        raw = header[0] if isinstance(header, list | tuple) and header else header
        time.sleep(
            retry_after_seconds(str(raw) if raw is not None else None, cap=self.cap) + random.random() * 0.1
        )
        state.increment_current_attempt()


class ServerErrorRetry(_LogsGiveUp, ServerErrorRetryHandler):
    """500 and 503, with the SDK's back-off."""


class ConnectionRetry(_LogsGiveUp, ConnectionErrorRetryHandler):
    """Connection reset or refused, with the SDK's back-off."""


def _method(url: str) -> str:
    return url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]


def retry_handlers(max_retry_after: float = MAX_RETRY_AFTER_SECONDS) -> list[RetryHandler]:
    return [
        RateLimitRetry(RATE_LIMIT_RETRIES, cap=max_retry_after),
        ServerErrorRetry(max_retry_count=SERVER_ERROR_RETRIES),
        ConnectionRetry(max_retry_count=CONNECTION_RETRIES),
    ]


def make_web_client(settings: Settings, *, retries: bool = True, timeout: int = TIMEOUT_SECONDS) -> WebClient:
    """A client for the bot token whose every call, Bolt's ``auth.test`` included, goes to SLACK_API_URL.

    ``retries=False`` for the digest poster, whose every retry decision knows whether it is safe.
    """
    return WebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=timeout,
        retry_handlers=retry_handlers(settings.max_retry_after_seconds) if retries else [],
    )


class SlackUnavailableError(RuntimeError):
    """Slack kept answering 5xx (or could not be reached) at start-up; the message says how."""


class TokenRefusedError(RuntimeError):
    """Slack answered auth.test with an error about the token itself."""


def check_slack(
    client: WebClient, *, patience: float, sleep: Callable[[float], None] = time.sleep
) -> dict[str, Any]:
    """``auth.test``, retried with back-off for up to ``patience`` seconds while Slack is unavailable.

    Raises TokenRefusedError when Slack answers and refuses the token, SlackUnavailableError when it never
    answered properly (5xx, 429, timeouts, connection errors).
    """
    started = time.monotonic()
    for attempt, wait in enumerate((*STARTUP_BACKOFF_SECONDS, None), 1):
        try:
            data = client.auth_test().data  # a dict: bytes only for file downloads
            return dict(data) if isinstance(data, dict) else {}
        except SlackApiError as error:
            status = error.response.status_code
            if status < 500 and status != 429:
                raise TokenRefusedError(str(error.response.get("error") or f"HTTP {status}")) from None
            reason = f"HTTP {status}"
        except (URLError, OSError, TimeoutError) as error:
            reason = type(error).__name__
        if wait is None or time.monotonic() - started + wait > patience:
            raise SlackUnavailableError(f"Slack is unavailable ({reason}) after {attempt} attempt(s)")
        log.warning("Slack is unavailable (%s); trying again in %.0f s", reason, wait)
        sleep(wait)
    raise SlackUnavailableError("Slack is unavailable")  # not reached: the loop returns or raises


class RetryingRespond(Respond):
    """Bolt's ``respond()`` whose 429s, 5xx and connection errors are retried, then logged."""

    def __init__(self, *, response_url: str | None, max_wait: float = MAX_RETRY_AFTER_SECONDS, **kw: Any):
        super().__init__(response_url=response_url, **kw)
        self.max_wait = max_wait

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        last: Any = None
        failure: Exception | None = None
        for attempt in range(1, RESPOND_ATTEMPTS + 1):
            try:
                last = super().__call__(*args, **kwargs)
            except (URLError, OSError, TimeoutError) as error:
                last, failure, reason = None, error, type(error).__name__
            else:
                if last.status_code < 500 and last.status_code != 429:
                    return last
                reason = f"HTTP {last.status_code}"
            if attempt == RESPOND_ATTEMPTS:
                break
            wait = RESPOND_BACKOFF_SECONDS[min(attempt, len(RESPOND_BACKOFF_SECONDS)) - 1]
            if last is not None and last.status_code == 429:
                wait = retry_after_seconds(_header(last.headers, "retry-after"), cap=self.max_wait)
            log.info("response_url answered %s; retrying in %.1f s", reason, wait)
            time.sleep(wait)
        log.warning(
            "response_url failed %d times (%s); this reply was not delivered", RESPOND_ATTEMPTS, reason
        )
        if last is None and failure is not None:
            raise failure
        return last


def _header(headers: Mapping[str, str | Sequence[str]] | None, name: str) -> str | None:
    for key, value in (headers or {}).items():
        if key.lower() == name:
            first = value if isinstance(value, str) else next(iter(value), None)
            return str(first) if first is not None else None
    return None
