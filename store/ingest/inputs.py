"""Turn command-line arguments (paths, folders, URLs) into a stream of articles and failures."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from store.ingest.dates import settle_date
from store.ingest.fetch import make_client, read_url
from store.ingest.files import read_path
from store.ingest.sources import Overrides, RawArticle, ReadFailure

Item = RawArticle | ReadFailure


def is_url(arg: str) -> bool:
    return arg.startswith(("http://", "https://"))


def read_inputs(args: Iterable[str], overrides: Overrides | None = None) -> Iterator[Item]:
    """Articles from every argument in order. Overrides apply to every article read, so the CLI only
    accepts them with a single input that yields a single article."""
    args = list(args)
    client = make_client() if any(is_url(a) for a in args) else None
    applied = 0
    try:
        for arg in args:
            items = read_url(client, arg) if client and is_url(arg) else read_path(Path(arg))
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
        if client:
            client.close()
