"""Resolve the words after a schedule ("autos canada", "rules of origin") into topic and party slugs.

Only exact names, slugs and synonyms are accepted: a digest silently filtered by a guess would
be worse than none. A word that matches nothing is refused with the nearest names as suggestions.
"""

from __future__ import annotations

from handlers.query.vocabulary import Vocabulary
from store.changes import Filter

MAX_PHRASE = 4
KINDS = ("topic", "party")


class FilterError(ValueError):
    """A filter word matched no topic or party; ``suggestions`` are slugs worth offering."""

    def __init__(self, word: str, suggestions: list[str]) -> None:
        self.word = word
        self.suggestions = suggestions
        hint = f" Did you mean {' or '.join(f'`{s}`' for s in suggestions)}?" if suggestions else ""
        super().__init__(f"I don't know a topic or party called “{word}”.{hint}")


def resolve_filters(vocab: Vocabulary, words: list[str]) -> Filter:
    """``["rules", "of", "origin", "canada"]`` -> Filter(topics=("rules-of-origin",), parties=("canada",))."""
    tokens = [t for word in words for t in word.split(",") if t]
    topics: list[str] = []
    parties: list[str] = []
    i = 0
    while i < len(tokens):
        for n in range(min(MAX_PHRASE, len(tokens) - i), 0, -1):
            match = vocab.exact(" ".join(tokens[i : i + n]), kinds=KINDS)
            if match:
                chosen = topics if match.kind == "topic" else parties
                slug = match.ref.slug  # type: ignore[union-attr]
                if slug not in chosen:
                    chosen.append(slug)
                i += n
                break
        else:
            nearest = [m.ref.slug for m in vocab.fuzzy(tokens[i], limit=8) if m.kind in KINDS]  # type: ignore[union-attr]
            raise FilterError(tokens[i], list(dict.fromkeys(nearest))[:3])
    return Filter(topics=tuple(topics), parties=tuple(parties))
