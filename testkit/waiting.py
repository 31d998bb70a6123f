"""Waiting on a condition instead of sleeping a fixed time: tests stay fast when the machine is, and
patient when it is loaded."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def wait_until(
    check: Callable[[], T], *, timeout: float = 30.0, what: str | Callable[[], str] = "the condition"
) -> T:
    """``check()``'s first truthy value, polled until ``timeout`` seconds; then an AssertionError naming
    ``what`` (a callable is asked only then, e.g. for a log worth showing)."""
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found:
            return found
        if time.monotonic() >= deadline:
            described = what() if callable(what) else what
            raise AssertionError(f"timed out after {timeout:g} s waiting for {described}")
        time.sleep(0.02)
