"""Articles already in the store, read back as inputs: ``nafta-bot ingest --reextract`` runs the current
rules over them, so an existing store gains what a new extractor reads (scope, stances, statuses)."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Engine, select

from store.ingest.rows import ARTICLE
from store.ingest.sources import RawArticle

BATCH = 500


def stored_articles(engine: Engine, *, batch: int = BATCH) -> Iterator[RawArticle]:
    """Every ingested article, oldest first, read ``batch`` rows at a time (memory stays flat)."""
    a = ARTICLE.c
    last = 0
    while True:
        with engine.connect() as conn:
            rows = conn.execute(
                select(a.id, a.body, a.title, a.url, a.published, a.outlet, a.title_is_editorial)
                .where(a.id > last, a.source == "ingested")
                .order_by(a.id)
                .limit(batch)
            ).all()
        if not rows:
            return
        for row in rows:
            last = row.id
            yield RawArticle(
                name=row.url or f"article {row.id}",
                text=row.body or "",
                title=row.title,
                url=row.url,
                published=row.published,
                outlet=row.outlet,
                title_is_editorial=bool(row.title_is_editorial),
            )
