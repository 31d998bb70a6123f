"""Answers remembered per data revision, so a repeated `/nafta autos` costs one row read and a lookup.

An answer is a pure function of the parsed query and the store's contents, and the store's
``data_revision`` moves with every write from any process (``store.revision``). Keying on
``(query, revision)`` therefore never serves a stale answer: the reader looks the revision up first,
and the answer it caches was computed from data at least that new. Entries of older revisions can
never be asked for again, so they are dropped as soon as a newer revision is seen.

Bounded (least recently used goes first) because the queries people type are unbounded.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")

DEFAULT_SIZE = 512


class RevisionCache(Generic[V]):
    """A thread-safe LRU map from keys to values, valid for one data revision at a time.

    >>> cache: RevisionCache[str] = RevisionCache(size=2)
    >>> cache.put("autos", 7, "answer")
    >>> cache.get("autos", 7), cache.get("autos", 8)
    ('answer', None)
    """

    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        self.size = size
        self.revision = -1
        self._entries: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, revision: int) -> V | None:
        with self._lock:
            if revision != self.revision:
                return None
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key: Hashable, revision: int, value: V) -> None:
        if self.size <= 0:
            return
        with self._lock:
            if revision < self.revision:
                return  # computed by a reader that started before the latest write: not worth keeping
            if revision > self.revision:
                self._entries.clear()
                self.revision = revision
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)
