"""The digests' sense of time, passed in so tests can run a week of schedules without waiting.

Everything that asks "what time is it" or waits (the tick loop, Retry-After, backoff, per-channel
pacing, the time a subscription starts) goes through a ``Clock``. Production uses ``SystemClock``;
unit tests use a clock they move; the end-to-end test runs `serve` on a ``ScaledClock``.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware (UTC)."""
        ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    """Wall time; ``sleep`` returns early once ``stop`` is set, so shutdown never waits out a Retry-After."""

    def __init__(self, stop: threading.Event | None = None) -> None:
        self.stop = stop or threading.Event()

    def now(self) -> datetime:
        return datetime.now(UTC)

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            self.stop.wait(seconds)


class ScaledClock(SystemClock):
    """Time running ``speed`` times faster than the wall clock from Unix time ``origin``.

    Processes given the same speed and origin agree on "now", so several `serve`s can race for
    slots a minute apart that come every second.
    """

    def __init__(self, speed: float, origin: float, stop: threading.Event | None = None) -> None:
        super().__init__(stop)
        self.speed = speed
        self.origin = origin

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.origin + (time.time() - self.origin) * self.speed, UTC)

    def sleep(self, seconds: float) -> None:
        super().sleep(seconds / self.speed)
