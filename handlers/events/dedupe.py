"""Slack redelivers an event it thinks we missed (``X-Slack-Retry-Num``, same ``event_id``).

The first delivery records the event_id in the store (``store.events.record_event``); a retry (or
a second replica racing the first) finds it there and is dropped. Recording before answering means
a crash mid-answer loses that one reply rather than risking two.

The process also remembers the event ids it took on (``seen_here``), so while the store is
unreachable and a mention waits for it, Slack's retries of that event are not answered twice.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from sqlalchemy import Engine

from store.events import record_event

REMEMBERED = 10_000  # event ids this process keeps in memory

_seen: OrderedDict[str, None] = OrderedDict()
_seen_lock = threading.Lock()


def seen_here(event_id: str | None) -> bool:
    """True when this process already took ``event_id`` on; otherwise remember it and say False."""
    if not event_id:
        return False
    with _seen_lock:
        if event_id in _seen:
            return True
        _seen[event_id] = None
        if len(_seen) > REMEMBERED:
            _seen.popitem(last=False)
    return False


def first_delivery(engine: Engine, event_id: str | None) -> bool:
    """True the first time ``event_id`` is seen; an event without an id is always new."""
    if not event_id:
        return True
    return record_event(engine, event_id=event_id)
