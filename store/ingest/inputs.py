"""Turn command-line arguments (paths, folders, URLs) into a stream of articles and failures.

Web fetching is guarded (``store.ingest.guard``): with ``allow_private`` the URLs named here may be
on a private network (their origin only; links and redirects leading elsewhere are still checked),
and so may the entries of feed files named here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from store.ingest.dates import settle_date
from store.ingest.fetch import DEADLINE_SECONDS, Fetcher, make_fetcher, read_feed, read_url
from store.ingest.files import read_path
from store.ingest.sources import Overrides, RawArticle, ReadFailure

Item = RawArticle | ReadFailure


def is_url(arg: str) -> bool:
    return arg.startswith(("http://", "https://"))


def read_inputs(
    args: Iterable[str],
    overrides: Overrides | None = None,
    *,
    allow_private: bool = False,
    deadline: float = DEADLINE_SECONDS,
) -> Iterator[Item]:
    """Articles from every argument in order. Overrides apply to every article read, so the CLI only
    accepts them with a single input that yields a single article."""
    args = list(args)
    explicit = [a for a in args if is_url(a)] if allow_private else []
    fetcher: Fetcher | None = None

    def web() -> Fetcher:
        nonlocal fetcher
        if fetcher is None:
            fetcher = make_fetcher(deadline=deadline, allow_private=explicit)
        return fetcher

    def feed_file(name: str, body: bytes) -> Iterator[Item]:
        return read_feed(web(), name, body, base=None, trusted=allow_private)

    applied = 0
    try:
        for arg in args:
            items = read_url(web(), arg) if is_url(arg) else read_path(Path(arg), feeds=feed_file)
            for item in items:
                if overrides and isinstance(item, RawArticle):
                    applied += 1
                    if applied > 1:
                        item = ReadFailure(
                            item.name,
                            "--title/--url/--published/--outlet name one article, but this input holds more",
                        )
                    else:
                        item = overrides.apply(item)
                yield settle_date(item) if isinstance(item, RawArticle) else item
    finally:
        if fetcher is not None:
            fetcher.close()
