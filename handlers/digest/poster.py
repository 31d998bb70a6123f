"""Post one digest message to Slack, riding out Slack's faults without ever posting it twice.

- 429: wait ``Retry-After`` (and keep that channel waiting too), then try again; 429 means "not
  posted", so the retry is safe.
- 5xx, timeouts, dropped connections: Slack may or may not have posted. Each message carries
  Slack message metadata naming its delivery and part, so before trying again the poster reads
  the channel (or thread) back and adopts the message if it is there. After a 5xx Slack has
  finished with the request, so that check runs after a short backoff; after a timeout the
  request may still be in flight, so the delivery goes back to the scheduler and is checked on a
  later attempt. If the channel cannot be read (no ``channels:history`` scope), the delivery ends
  as "unconfirmed" rather than risk a double post.
- ``channel_not_found`` / ``not_in_channel`` / ``is_archived``: the channel is gone for us; the
  caller pauses that subscription. Auth failures are logged loudly and retried later.
Posts to one channel are spaced by ``ChannelPacer`` (Slack allows about one a second per channel).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.digest.clock import Clock

log = logging.getLogger(__name__)

EVENT_TYPE = "nafta_digest"
CHANNEL_GONE = frozenset({"channel_not_found", "not_in_channel", "is_archived", "channel_is_archived"})
AUTH_FAILED = frozenset({"invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired"})
MAX_RETRY_AFTER = 60.0  # longer waits are handed back to the scheduler instead of holding a worker
HISTORY_PAGES = 5


class Outcome(StrEnum):
    """What became of one ``Poster.post``; ``handlers.digest.deliver`` decides what follows."""

    POSTED = "posted"
    RETRY_LATER = "retry_later"
    GONE = "channel_gone"
    AUTH = "auth_failed"
    FAILED = "failed"
    UNCONFIRMED = "unconfirmed"  # it may have been posted, and the channel could not be read to check


@dataclass(frozen=True)
class PostResult:
    outcome: Outcome
    ts: str | None = None
    error: str | None = None
    in_doubt: bool = False  # the last attempt may have reached Slack
    retry_after: float | None = None


class ChannelPacer:
    """Keeps posts to one channel at least ``interval`` seconds apart, across this process's workers."""

    def __init__(self, clock: Clock, interval: float = 1.0) -> None:
        self.clock = clock
        self.interval = interval
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, channel: str) -> None:
        """Block until this process may post to ``channel``, and take that turn."""
        with self._lock:
            now = self.clock.now().timestamp()
            at = max(now, self._next.get(channel, now))
            self._next[channel] = at + self.interval
            if len(self._next) > 50_000:
                self._next = {c: t for c, t in self._next.items() if t > now}
        self.clock.sleep(at - now)

    def reserve(self, channel: str) -> float:
        """Take the channel's turn if it is free now (returns 0); else seconds until it is (nothing taken).

        Lets the scheduler put a thread reply aside for a second instead of parking a worker on it.
        """
        with self._lock:
            now = self.clock.now().timestamp()
            free_at = self._next.get(channel, now)
            if free_at > now:
                return free_at - now
            self._next[channel] = now + self.interval
            return 0.0

    def hold(self, channel: str, seconds: float) -> None:
        with self._lock:
            until = self.clock.now().timestamp() + seconds
            self._next[channel] = max(self._next.get(channel, until), until)


class Poster:
    """Posts through ``client``, which must not retry on its own (``make_web_client(retries=False)``)."""

    def __init__(
        self, client: WebClient, clock: Clock, pacer: ChannelPacer, *, attempts: int = 4, backoff: float = 2.0
    ) -> None:
        self.client = client
        self.clock = clock
        self.pacer = pacer
        self.attempts = attempts
        self.backoff = backoff

    def post(
        self,
        channel: str,
        message: dict[str, Any],
        *,
        marker: dict[str, Any],
        thread_ts: str | None = None,
        in_doubt: bool = False,
        posted_after: datetime,
        turn_taken: bool = False,
    ) -> PostResult:
        """Post ``message`` once. ``in_doubt``: an earlier attempt may have landed, so look first.
        ``turn_taken``: the caller already has the channel's turn (``ChannelPacer.reserve``)."""
        failures = rate_limits = 0
        code = "not tried"
        while failures < self.attempts and rate_limits < 3 * self.attempts:
            if in_doubt:
                found, readable = self.find(channel, marker, thread_ts=thread_ts, posted_after=posted_after)
                if found:
                    log.info("digest part %s was already in %s; not posting it again", marker, channel)
                    return PostResult(Outcome.POSTED, ts=found)
                if not readable:
                    unread = "cannot read the channel to check for a post"
                    return PostResult(Outcome.UNCONFIRMED, error=unread)
            if not turn_taken:
                self.pacer.wait(channel)
            turn_taken = False
            try:
                response = self.client.chat_postMessage(
                    channel=channel,
                    text=message.get("text", ""),
                    blocks=message.get("blocks"),
                    thread_ts=thread_ts,
                    metadata={"event_type": EVENT_TYPE, "event_payload": marker},
                    unfurl_links=False,
                    unfurl_media=False,
                )
                self.pacer.hold(channel, self.pacer.interval)  # count the gap from when Slack took it
                return PostResult(Outcome.POSTED, ts=response.get("ts"))
            except SlackApiError as error:
                status = error.response.status_code
                code = str(error.response.get("error") or f"http_{status}")
                if status == 429 or code == "ratelimited":
                    delay = _retry_after(error)
                    self.pacer.hold(channel, delay)
                    if delay > MAX_RETRY_AFTER:
                        return PostResult(Outcome.RETRY_LATER, error=code, retry_after=delay)
                    log.info("Slack rate-limited a post to %s; retrying in %.0fs", channel, delay)
                    rate_limits += 1
                    self.clock.sleep(delay)
                    continue
                if status < 500:
                    return _refused(code)
                in_doubt = True
            except (OSError, ValueError) as error:  # timeouts, resets, unreadable answers
                # Slack may still be working on it: look for it on a later attempt, not right now.
                log.warning("posting a digest to %s got no answer (%s)", channel, type(error).__name__)
                return PostResult(Outcome.RETRY_LATER, error=type(error).__name__, in_doubt=True)
            failures += 1
            log.warning("posting a digest to %s failed (%s), attempt %d", channel, code, failures)
            self.clock.sleep(self.backoff * 2 ** (failures - 1))
        return PostResult(Outcome.RETRY_LATER, error=code, in_doubt=in_doubt)

    def find(
        self, channel: str, marker: dict[str, Any], *, thread_ts: str | None, posted_after: datetime
    ) -> tuple[str | None, bool]:
        """(ts of our message carrying ``marker``, or None; whether the channel could be read at all)."""
        cursor = None
        for _ in range(HISTORY_PAGES):
            try:
                if thread_ts:
                    page = self.client.conversations_replies(
                        channel=channel, ts=thread_ts, include_all_metadata=True, limit=200, cursor=cursor
                    )
                else:
                    page = self.client.conversations_history(
                        channel=channel,
                        oldest=f"{posted_after.timestamp() - 60:.6f}",
                        include_all_metadata=True,
                        limit=200,
                        cursor=cursor,
                    )
            except (SlackApiError, OSError, ValueError) as error:
                log.warning("cannot read %s back to check for a digest post: %s", channel, error)
                return None, False
            for message in page.get("messages") or []:
                metadata = message.get("metadata") or {}
                if metadata.get("event_type") == EVENT_TYPE and metadata.get("event_payload") == marker:
                    return message.get("ts"), True
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                break
        return None, True


def _refused(code: str) -> PostResult:
    """What Slack's refusal (an error other than 429 or 5xx) means for the delivery."""
    if code in CHANNEL_GONE:
        return PostResult(Outcome.GONE, error=code)
    if code in AUTH_FAILED:
        log.error("SLACK REJECTED THE BOT TOKEN (%s): no digest can be posted until it is fixed", code)
        return PostResult(Outcome.AUTH, error=code)
    return PostResult(Outcome.FAILED, error=code)


def _retry_after(error: SlackApiError) -> float:
    headers = error.response.headers or {}
    raw = headers.get("Retry-After") or headers.get("retry-after") or "1"
    try:
        return max(1.0, float(raw[0] if isinstance(raw, list) else raw))
    except ValueError:
        return 1.0
