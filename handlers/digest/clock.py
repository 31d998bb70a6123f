"""The scheduler's sense of time, passed in so tests can run a week of schedules without waiting.

Everything that asks "what time is it" or waits (the tick loop, Retry-After, backoff, per-channel
pacing) goes through a ``Clock``. Production uses ``SystemClock``; tests use a clock they move.
"""

from __future__ import annotations

import threading
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
