"""One extractor for the whole extract suite: building it compiles the taxonomy's patterns."""

from __future__ import annotations

import pytest

from store.extract import ArticleExtraction, Extractor
from store.taxonomy import load_taxonomy


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor(load_taxonomy())


@pytest.fixture
def extract(extractor: Extractor):  # type: ignore[no-untyped-def]
    """``extract(text)`` -> ArticleExtraction, with the paragraphs dedented and joined by blank lines."""

    def run(*paragraphs: str, title: str | None = None, published=None) -> ArticleExtraction:  # type: ignore[no-untyped-def]
        return extractor.extract("\n\n".join(p.strip() for p in paragraphs), title=title, published=published)

    return run


def said(result: ArticleExtraction) -> list[tuple[str, str | None]]:
    """(quote text, speaker) pairs: what a reader of the extraction sees."""
    return [(q.text, q.speaker) for q in result.quotes]
