"""Scheduled digests: what changed in the talks, posted to each subscribed channel once per due slot.

Read top-down:
  subscriptions  `/nafta subscribe|subscriptions|unsubscribe|pause|resume` and the App Home section
  schedule       when a subscription is due (daily, weekly, cron; in its own time zone)
  build          what arrived, as sections per topic (``Digest``)
  render         a ``Digest`` as Slack messages: a headline, detail in its thread
  claim          take a due slot in one transaction, so exactly one process posts it
  poster         post one message, riding out Slack's faults, paced per channel
  deliver        post a claimed delivery part by part, recording progress (also `nafta-bot digest`)
  scheduler      every tick, claim what is due and deliver it on a pool of its own
  clock          the one source of "now" and of waiting, injected so tests can move it
Storage is ``store.digests``. The bot passes ``DigestSettings`` down; nothing here reads the environment.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from handlers.digest.clock import Clock, ScaledClock, SystemClock


@dataclass(frozen=True)
class DigestSettings:
    """What the bot's settings say about digests (``bot.config.Settings.digests()`` builds it)."""

    managers: tuple[str, ...] = ()  # who may change a channel's digests; empty: everyone
    tick_seconds: float = 15.0
    workers: int = 8
    clock_speed: float = 1.0  # end-to-end tests only: simulated seconds per real second
    clock_from: float = 0.0  # ... counted from this Unix time, so every process agrees on "now"

    def clock(self, stop: threading.Event | None = None) -> Clock:
        """Wall time, or in tests a clock running ``clock_speed`` times faster."""
        if self.clock_speed == 1.0:
            return SystemClock(stop)
        return ScaledClock(self.clock_speed, self.clock_from, stop)
