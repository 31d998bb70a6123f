"""Finding many fixed phrases in text at once, by words rather than by one huge regex.

A case-insensitive alternation of a few hundred synonyms makes Python's ``re`` try every branch at
every position; looking each word up in a dict keyed by a phrase's first word is many times faster
and keeps extraction well under a millisecond per article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Generic, TypeVar

from store.taxonomy import fold

V = TypeVar("V")
_TOKEN = re.compile(r"[$&]|[^\W_]+(?:[.’'&-][^\W_]+)*\.?")


def token_key(token: str) -> str:
    """Lowercase, one apostrophe, no final dot, no accents: "Peña" and "Pena" are one key."""
    k = token.lower().rstrip(".")
    if not k.isascii():
        k = fold(k).replace("’", "'")
    return k


def tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) for every word of ``text``."""
    low = text.lower()
    if len(low) != len(text):  # a few characters change length when lowercased; keep offsets exact
        low = "".join(c.lower()[:1] for c in text)
    plain = low.isascii()
    out: list[tuple[int, int, str]] = []
    append = out.append
    for m in _TOKEN.finditer(low):
        k = m.group()
        if k[-1] == ".":
            k = k.rstrip(".")
        if not plain and not k.isascii():
            k = fold(k).replace("’", "'")
        append((m.start(), m.end(), k))
    return out


def outside(toks: list[tuple[int, int, str]], spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The tokens that fall outside ``spans`` (sorted, non-overlapping): narration without the quotes."""
    if not spans:
        return toks
    out: list[tuple[int, int, str]] = []
    j, n = 0, len(spans)
    for tok in toks:
        while j < n and spans[j][1] <= tok[0]:
            j += 1
        if j < n and spans[j][0] <= tok[0] < spans[j][1]:
            continue
        out.append(tok)
    return out


class PhraseMatcher(Generic[V]):
    """Indexed by a phrase's first two words, so a common first word ("the") costs one extra lookup."""

    def __init__(self, phrases: Iterable[tuple[str, V]]) -> None:
        self._single: dict[str, V] = {}
        self._pairs: dict[str, dict[str, list[tuple[tuple[str, ...], V]]]] = {}
        for phrase, value in phrases:
            keys = tuple(k for _, _, k in tokens(phrase))
            if len(keys) == 1:
                self._single.setdefault(keys[0], value)
            elif keys:
                self._pairs.setdefault(keys[0], {}).setdefault(keys[1], []).append((keys, value))
        for seconds in self._pairs.values():
            for options in seconds.values():
                options.sort(key=lambda o: len(o[0]), reverse=True)

    def find(self, toks: list[tuple[int, int, str]]) -> list[tuple[int, int, V]]:
        """Longest non-overlapping matches as (start, end, value), in order."""
        out: list[tuple[int, int, V]] = []
        i, n = 0, len(toks)
        single, pairs = self._single, self._pairs
        while i < n:
            k = toks[i][2]
            seconds = pairs.get(k)
            if seconds is not None and i + 1 < n:
                options = seconds.get(toks[i + 1][2])
                if options:
                    for keys, value in options:
                        size = len(keys)
                        if i + size <= n and all(toks[i + j][2] == keys[j] for j in range(2, size)):
                            out.append((toks[i][0], toks[i + size - 1][1], value))
                            i += size
                            break
                    else:
                        options = None
                    if options:
                        continue
            if k in single:
                out.append((toks[i][0], toks[i][1], single[k]))
            i += 1
        return out
