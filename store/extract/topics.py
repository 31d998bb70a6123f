"""Topics from the taxonomy's synonyms: one compiled pattern for all of them, built once per run."""

from __future__ import annotations

import re
from collections import Counter

from store.taxonomy import Taxonomy


class TopicMatcher:
    """Finds taxonomy topics in text. Two-letter synonyms ("IP") match in capitals only, so "ip" in a
    word or a sentence never counts."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.by_form: dict[str, str] = {}
        short: dict[str, str] = {}
        for topic in taxonomy.topics:
            for form in (topic.name, *topic.synonyms):
                target = short if len(form) <= 2 else self.by_form
                target.setdefault(form.upper() if len(form) <= 2 else form.lower(), topic.slug)
        forms = sorted(self.by_form, key=len, reverse=True)
        body = "|".join(re.escape(f).replace(r"\ ", r"[\s-]+") for f in forms)
        self._re = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)
        self._short = short
        self._short_re = (
            re.compile(r"\b(?:" + "|".join(re.escape(f) for f in short) + r")\b") if short else None
        )

    def counts(self, text: str) -> Counter[str]:
        found: Counter[str] = Counter()
        for m in self._re.finditer(text):
            slug = self.by_form.get(re.sub(r"[\s-]+", " ", m.group(0).lower())) or self.by_form.get(
                m.group(0).lower()
            )
            if slug is None:
                slug = self._lookup_loose(m.group(0))
            if slug:
                found[slug] += 1
        if self._short_re:
            for m in self._short_re.finditer(text):
                found[self._short[m.group(0)]] += 1
        return found

    def _lookup_loose(self, form: str) -> str | None:
        flat = re.sub(r"[\s-]+", "", form.lower())
        for f, slug in self.by_form.items():
            if re.sub(r"[\s-]+", "", f) == flat:
                return slug
        return None

    def find(self, text: str) -> tuple[str, ...]:
        return tuple(slug for slug, _ in self.counts(text).most_common())

    def article_topics(self, body: str, title: str | None, limit: int = 5) -> tuple[str, ...]:
        """Main topics: named in the title, or at least twice in the body."""
        counts = self.counts(body)
        in_title = set(self.counts(title or ""))
        ranked = sorted(counts, key=lambda s: (s not in in_title, -counts[s]))
        return (
            tuple(s for s in ranked if s in in_title or counts[s] >= 2)[:limit]
            or tuple(s for s in in_title)[:limit]
        )
