"""The ingestion run: read, extract (in worker processes when the batch is big), write, count.

Extraction is pure CPU work, so on a multi-core machine it runs in a small process pool while the
main process does the database writes; a bounded number of chunks is in flight, so memory stays
flat however long the input is. Small inputs skip the pool (starting it costs more than it saves).
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing import get_context
from multiprocessing.pool import AsyncResult

from sqlalchemy import Engine

from store.extract import ArticleExtraction, Extractor
from store.ingest.dates import settle_date
from store.ingest.sources import RawArticle, ReadFailure
from store.ingest.writer import ArticleWriter, CommitFailedError, IngestOutcome, Outcome
from store.taxonomy import Taxonomy

CHUNK = 32
IN_FLIGHT = 6
POOL_THRESHOLD = 2 * CHUNK
GROUP = 200


@dataclass
class Summary:
    added: int = 0
    unchanged: int = 0
    updated: int = 0
    quotes: int = 0
    speakers: int = 0
    statements: int = 0
    failures: list[ReadFailure] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def seen(self) -> int:
        return self.added + self.unchanged + self.updated + self.failed


Progress = Callable[[Summary], None]
Extracted = tuple[RawArticle, ArticleExtraction | str]
Item = RawArticle | ReadFailure


def ingest(
    engine: Engine,
    taxonomy: Taxonomy,
    items: Iterable[RawArticle | ReadFailure],
    *,
    workers: int | None = None,
    group: int = GROUP,
    reextract: bool = False,
    progress: Progress | None = None,
) -> Summary:
    """Store every article in ``items``; failures (unreadable input, extraction or write errors) are
    collected in the summary and never stop the run.

    ``group`` articles share a commit (each is still all-or-nothing in its own savepoint); use 1 when
    articles arrive slowly (web fetches), so the write lock is never held while waiting.
    ``reextract`` reads articles already stored with the same text again (after the rules changed),
    keeping the ids of the quotes that are the same.
    """
    writer = ArticleWriter(engine, group=group, reextract=reextract)
    summary = Summary()
    pending: dict[str, Outcome] = {}
    items = (settle_date(i) if isinstance(i, RawArticle) else i for i in items)  # callers beyond the CLI
    items = iter(items) if reextract else _skip_stored(writer, items, summary)
    head = list(itertools.islice(items, POOL_THRESHOLD))
    stream = itertools.chain(head, items)
    workers = _workers(workers, big=len(head) >= POOL_THRESHOLD)
    # Extraction reads only the taxonomy, never the people earlier runs stored: what an article yields
    # must not depend on ingest history (two partial runs store the same speakers as one full run).
    # The writer still links a speaker's name to the person row already stored under it.
    extracted = (
        _extract_pooled(stream, taxonomy, workers, summary)
        if workers > 1
        else _extract_here(stream, Extractor(taxonomy), summary)
    )
    for raw, result in extracted:
        if isinstance(result, str):
            summary.failures.append(ReadFailure(raw.name, result))
        else:
            _store(writer, raw, result, summary, pending)
        if progress:
            progress(summary)
    try:
        writer.close()
    except CommitFailedError as error:
        _lost(error, pending, summary)
    return summary


def _skip_stored(writer: ArticleWriter, items: Iterable[Item], summary: Summary) -> Iterator[Item]:
    """Articles whose exact text is stored already are counted as unchanged without extracting them.

    Checking costs a normalisation and a query per article, wasted on a batch of new articles; after
    64 misses in a row only every 16th article is checked, and any hit turns full checking back on.
    The writer still refuses duplicates, so an unchecked stored article is only extracted for nothing.
    """
    misses = 0
    for n, item in enumerate(items):
        if isinstance(item, RawArticle) and (misses < 64 or n % 16 == 0):
            if writer.is_stored(item):
                summary.unchanged += 1
                misses = 0
                continue
            misses += 1
        yield item


def _workers(requested: int | None, big: bool) -> int:
    if requested is not None:
        return max(1, requested)
    return min(2, os.cpu_count() or 1) if big else 1


def _store(
    writer: ArticleWriter,
    raw: RawArticle,
    result: ArticleExtraction,
    summary: Summary,
    pending: dict[str, Outcome],
) -> None:
    try:
        outcome = writer.write(raw, result)
    except CommitFailedError as error:
        _lost(error, pending, summary)
        return
    except Exception as error:  # one bad article must not stop the run; its savepoint rolled back
        summary.failures.append(ReadFailure(raw.name, f"not stored: {type(error).__name__}: {error}"[:300]))
        return
    if outcome.status == IngestOutcome.UNCHANGED:
        summary.unchanged += 1
        return
    _count(summary, outcome, 1)
    pending[raw.name] = outcome
    if not writer.pending:
        pending.clear()


def _count(summary: Summary, outcome: Outcome, sign: int) -> None:
    if outcome.status == IngestOutcome.ADDED:
        summary.added += sign
    elif outcome.status == IngestOutcome.UPDATED:
        summary.updated += sign
    summary.quotes += sign * outcome.quotes
    summary.speakers += sign * outcome.new_people
    summary.statements += sign * outcome.statements


def _lost(error: CommitFailedError, pending: dict[str, Outcome], summary: Summary) -> None:
    """A shared commit failed: every article in it is a failure, not an addition."""
    for name in error.names:
        if name in pending:
            _count(summary, pending.pop(name), -1)
        summary.failures.append(ReadFailure(name, f"not stored: {error}"[:300]))
    pending.clear()


def _extract_one(extractor: Extractor, raw: RawArticle) -> ArticleExtraction | str:
    try:
        return extractor.extract(raw.text, title=raw.title, published=raw.published)
    except Exception as error:  # a rule tripping over odd text fails that article alone
        return f"extraction failed: {type(error).__name__}: {error}"[:300]


def _extract_here(stream: Iterator[Item], extractor: Extractor, summary: Summary) -> Iterator[Extracted]:
    for item in stream:
        if isinstance(item, ReadFailure):
            summary.failures.append(item)
            continue
        yield item, _extract_one(extractor, item)


_worker_extractor: Extractor | None = None


def _init_worker(taxonomy: Taxonomy) -> None:
    global _worker_extractor
    _worker_extractor = Extractor(taxonomy)


def _extract_chunk(chunk: list[RawArticle]) -> list[ArticleExtraction | str]:
    assert _worker_extractor is not None
    return [_extract_one(_worker_extractor, raw) for raw in chunk]


def _extract_pooled(
    stream: Iterator[Item], taxonomy: Taxonomy, workers: int, summary: Summary
) -> Iterator[Extracted]:
    ctx = get_context("fork" if hasattr(os, "fork") else "spawn")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(taxonomy,)) as pool:
        pending: deque[tuple[list[RawArticle], AsyncResult[list[ArticleExtraction | str]]]] = deque()
        chunks = _chunks(stream, summary)
        for chunk in itertools.islice(chunks, IN_FLIGHT):
            pending.append((chunk, pool.apply_async(_extract_chunk, (chunk,))))
        while pending:
            chunk, job = pending.popleft()
            results = job.get()
            nxt = next(chunks, None)
            if nxt is not None:
                pending.append((nxt, pool.apply_async(_extract_chunk, (nxt,))))
            yield from zip(chunk, results, strict=True)


def _chunks(stream: Iterator[Item], summary: Summary) -> Iterator[list[RawArticle]]:
    chunk: list[RawArticle] = []
    for item in stream:
        if isinstance(item, ReadFailure):
            summary.failures.append(item)
            continue
        chunk.append(item)
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


__all__ = ["Summary", "ingest"]
