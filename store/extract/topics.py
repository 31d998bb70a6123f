"""Topics from the taxonomy's synonyms, found once per article and then looked up by span."""

from __future__ import annotations

import bisect
from collections import Counter

from store.extract.phrases import PhraseMatcher
from store.taxonomy import Taxonomy


class TopicMatcher:
    """Two-letter synonyms ("IP") count only in capitals, so "ip" inside ordinary prose never does."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        phrases = [(form, t.slug) for t in taxonomy.topics for form in (t.name, *t.synonyms)]
        self._short = {form.upper() for form, _ in phrases if len(form) <= 2}
        self._matcher = PhraseMatcher(phrases)

    def spans(self, text: str) -> TopicSpans:
        found = [
            (start, slug)
            for start, end, slug in self._matcher.scan(text)
            if end - start > 2 or text[start:end] in self._short
        ]
        return TopicSpans(found)

    def find(self, text: str) -> tuple[str, ...]:
        return self.spans(text).between(0, len(text))

    def article_topics(self, spans: TopicSpans, title: str | None, limit: int = 5) -> tuple[str, ...]:
        """Main topics: named in the title, or at least twice in the body."""
        counts = Counter(slug for _, slug in spans.found)
        in_title = set(self.find(title or ""))
        ranked = sorted(set(counts) | in_title, key=lambda s: (s not in in_title, -counts[s], s))
        return tuple(s for s in ranked if s in in_title or counts[s] >= 2)[:limit]


class TopicSpans:
    """Topic mentions of one text by offset, so any span's topics are two bisects away."""

    def __init__(self, found: list[tuple[int, str]]) -> None:
        self.found = found
        self._starts = [start for start, _ in found]

    def outside(self, spans: list[tuple[int, int]]) -> TopicSpans:
        """Only the mentions outside ``spans``: the reporter's narration, without the quotes."""
        return TopicSpans([(s, slug) for s, slug in self.found if not any(a <= s < b for a, b in spans)])

    def between(self, start: int, end: int) -> tuple[str, ...]:
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        if hi - lo == 1:
            return (self.found[lo][1],)
        counts: dict[str, int] = {}
        for _, slug in self.found[lo:hi]:
            counts[slug] = counts.get(slug, 0) + 1
        return tuple(sorted(counts, key=lambda k: -counts[k]))
