"""Slack's 429s: how long a ``Retry-After`` asks us to wait, and where a listener must not wait at all.

The Web API client (``bot.webclient``) retries a 429 after its ``Retry-After``. A listener that must
not hold its thread through that wait (a mention's reply) makes its calls inside
``rate_limits_raise()``: the client sees ``rate_limits_deferred()`` and hands the 429 back at once,
and the listener retries later, off the listener pool.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_deferral = threading.local()
MAX_RETRY_AFTER_SECONDS = 10.0


def retry_after_seconds(raw: str | None, *, cap: float = MAX_RETRY_AFTER_SECONDS) -> float:
    """``Retry-After`` as seconds within [0, cap]: "2", "1.5", garbage (1 s), "inf" (the cap).

    >>> retry_after_seconds("0.25"), retry_after_seconds("soon"), retry_after_seconds("1e9", cap=10)
    (0.25, 1.0, 10)
    """
    try:
        seconds = float(raw) if raw is not None else 1.0
    except ValueError:
        seconds = 1.0
    if math.isnan(seconds):
        seconds = 1.0
    return max(0.0, min(seconds, cap))


@contextmanager
def rate_limits_raise() -> Iterator[None]:
    """Inside this block a Slack 429 is raised at once instead of being waited out on this thread."""
    before = getattr(_deferral, "on", False)
    _deferral.on = True
    try:
        yield
    finally:
        _deferral.on = before


def rate_limits_deferred() -> bool:
    return bool(getattr(_deferral, "on", False))
