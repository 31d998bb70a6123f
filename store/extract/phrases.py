"""Finding many fixed phrases (synonyms, names, aliases) in text at once.

A flat alternation of a few hundred phrases makes Python's ``re`` try every branch at every position.
Instead the phrases' first words become one regex shaped like a trie (shared prefixes factored out),
run over a lowercased, accent-free copy of the text; only at its hits are the following words
compared. Where folding would change the text's length (rare ligatures), a word-by-word scan is used.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Generic, TypeVar

from store.taxonomy import fold

V = TypeVar("V")
_COMBINING = re.compile("[\u0300-\u036f]")
# Between a phrase's words: space, after a plural possessive's apostrophe ("the steelworkers' union").
_GAP = re.compile(r"['’]?\s+")
_TOKEN = re.compile(r"[$&]|[^\W_]+(?:[.’'&-][^\W_]+)*\.?")


def token_key(token: str) -> str:
    """Lowercase, one apostrophe, no final dot, no accents: "Peña" and "Pena" are one key."""
    k = token.lower().rstrip(".")
    if not k.isascii():
        k = fold(k).replace("’", "'")
    return k


def fold_in_place(text: str) -> str | None:
    """Lowercase, accents dropped, one apostrophe, same length as ``text`` (None when that fails)."""
    low = text.lower()
    if not low.isascii():
        low = _COMBINING.sub("", unicodedata.normalize("NFKD", low)).replace("’", "'")
    return low if len(low) == len(text) else None


# A prefix tree of characters; the key "" marks the end of a word.
_Trie = dict[str, "_Trie"]


def trie_pattern(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, with common prefixes factored out (much faster in ``re``)."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: _Trie) -> str:
        ends = "" in node
        branches = [re.escape(ch) + render(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return render(trie)


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
        self._by_first = set(self._single) | set(self._pairs)
        body = trie_pattern(self._by_first) or "(?!)"
        self._first = re.compile(rf"(?<![^\W_])(?<![^\W_][.'&-])({body})\.?(?![^\W_]|[.'&-][^\W_])")

    def scan(self, text: str, skip: list[tuple[int, int]] = ()) -> list[tuple[int, int, V]]:  # type: ignore[assignment]
        """Longest non-overlapping matches in ``text`` as (start, end, value), outside the ``skip`` spans."""
        low = fold_in_place(text)
        if low is None:
            toks = tokens(text)
            return self.find(outside(toks, list(skip)) if skip else toks)
        out: list[tuple[int, int, V]] = []
        last_end, j, n_skip = -1, 0, len(skip)
        for m in self._first.finditer(low):
            start = m.start()
            if start < last_end:
                continue
            while j < n_skip and skip[j][1] <= start:
                j += 1
            if j < n_skip and skip[j][0] <= start:
                continue
            first = m.group(1)
            end, value = self._longest(low, m.end(), first)
            if end is not None:
                out.append((start, end, value))  # type: ignore[arg-type]
                last_end = end
        return out

    def _longest(self, low: str, pos: int, first: str) -> tuple[int | None, V | None]:
        """Longest phrase starting with ``first`` (ending at ``pos``): two-word index, then the rest."""
        seconds = self._pairs.get(first)
        if seconds:
            gap = _GAP.match(low, pos)
            word = _TOKEN.match(low, gap.end()) if gap else None
            options = seconds.get(word.group().rstrip(".")) if word else None
            if word and options:
                for keys, value in options:
                    end = self._rest(low, word.end(), keys[2:])
                    if end is not None:
                        return end, value
        if first in self._single:
            return pos, self._single[first]
        return None, None

    @staticmethod
    def _rest(low: str, pos: int, keys: tuple[str, ...]) -> int | None:
        """End of the phrase at ``pos`` if the next words are ``keys``."""
        for k in keys:
            gap = _GAP.match(low, pos)
            if gap is None:
                return None
            word = _TOKEN.match(low, gap.end())
            if word is None or word.group().rstrip(".") != k:
                return None
            pos = word.end()
        return pos

    def find(self, toks: list[tuple[int, int, str]]) -> list[tuple[int, int, V]]:
        """Word-by-word fallback for text whose folded form changes length: same matches, slower."""
        out: list[tuple[int, int, V]] = []
        i, n = 0, len(toks)
        while i < n:
            k = toks[i][2]
            seconds = self._pairs.get(k)
            if seconds is not None and i + 1 < n:
                for keys, value in seconds.get(toks[i + 1][2], ()):
                    size = len(keys)
                    if i + size <= n and all(toks[i + j][2] == keys[j] for j in range(2, size)):
                        out.append((toks[i][0], toks[i + size - 1][1], value))
                        i += size
                        break
                else:
                    if k in self._single:
                        out.append((toks[i][0], toks[i][1], self._single[k]))
                    i += 1
                continue
            if k in self._single:
                out.append((toks[i][0], toks[i][1], self._single[k]))
            i += 1
        return out
