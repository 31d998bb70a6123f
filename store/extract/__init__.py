"""The extractor: article text in, attributed quotes, topics and stances out. Pure, no database.

extractor = Extractor(load_taxonomy())          # once per run
result = extractor.extract(text, title=..., published=...)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from store.extract.extractor import Extractor
from store.extract.registry import KnownPerson
from store.extract.types import ArticleExtraction, ExtractedQuote, PositionStatement, StatusSignal
from store.taxonomy import PersonDef, Taxonomy

_cache: dict[tuple[int, tuple[str, ...]], Extractor] = {}


def extract_article(
    text: str,
    *,
    taxonomy: Taxonomy,
    title: str | None = None,
    published: date | None = None,
    known_people: Iterable[PersonDef | KnownPerson] = (),
) -> ArticleExtraction:
    """Convenience for one-off calls; batch callers should hold an ``Extractor``."""
    people = tuple(known_people)
    k = (id(taxonomy), tuple(p.name for p in people))
    extractor = _cache.get(k)
    if extractor is None or extractor.taxonomy is not taxonomy:
        _cache.clear()
        extractor = _cache[k] = Extractor(taxonomy, people)
    return extractor.extract(text, title=title, published=published)


__all__ = [
    "ArticleExtraction",
    "ExtractedQuote",
    "Extractor",
    "KnownPerson",
    "PositionStatement",
    "StatusSignal",
    "extract_article",
]
