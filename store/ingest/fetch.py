"""Articles from the web: an article URL, or an RSS/Atom feed whose entries are each fetched.

One ``Fetcher`` (one ``httpx.Client``, so connections are reused) per run; a page that cannot be
fetched fails alone. Every connection goes through ``store.ingest.guard``: no private or metadata
address unless the operator named that origin with ``--allow-private``, and an overall deadline per
page (``NAFTA_FETCH_DEADLINE_SECONDS``) besides the size cap.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import httpx

from store.ingest.guard import BlockedAddress, Guard, GuardedTransport
from store.ingest.html import article_from_html
from store.ingest.sources import MAX_TEXT_BYTES, RawArticle, ReadFailure, parse_date

USER_AGENT = "nafta-bot/0.1 (+news ingestion for a trade desk)"
_FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/rdf+xml",
)
DEADLINE_SECONDS = 60.0
READ_TIMEOUT_SECONDS = 20.0
MAX_REDIRECTS = 5
MAX_PAGE_BYTES = MAX_TEXT_BYTES * 5

Item = RawArticle | ReadFailure


@dataclass
class Fetcher:
    client: httpx.Client
    guard: Guard

    def close(self) -> None:
        self.client.close()


def make_fetcher(*, deadline: float = DEADLINE_SECONDS, allow_private: Iterable[str] = ()) -> Fetcher:
    """A fetcher whose every hop is checked; ``allow_private`` lists URLs whose origin may be private."""
    origins = []
    for url in allow_private:
        parsed = httpx.URL(url)
        origins.append((parsed.host, parsed.port or (443 if parsed.scheme == "https" else 80)))
    guard = Guard(deadline_seconds=deadline, allowed_origins=origins)
    client = httpx.Client(
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        timeout=min(READ_TIMEOUT_SECONDS, deadline),
        headers={"User-Agent": USER_AGENT},
        transport=GuardedTransport(guard),
        trust_env=False,
    )
    return Fetcher(client, guard)


def read_url(fetcher: Fetcher, url: str) -> Iterator[Item]:
    """An article page, or every entry of a feed (each entry's page fetched in turn)."""
    page = _get(fetcher, url)
    if isinstance(page, ReadFailure):
        yield page
        return
    content_type, body = page
    if looks_like_feed(content_type, body):
        yield from read_feed(fetcher, url, body, base=url)
        return
    yield _article(url, body)


def _get(fetcher: Fetcher, url: str) -> tuple[str, bytes] | ReadFailure:
    fetcher.guard.start()
    try:
        with fetcher.client.stream("GET", url) as response:
            if response.status_code >= 400:
                return ReadFailure(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_PAGE_BYTES:
                    return ReadFailure(url, "page too large")
                chunks.append(chunk)
            return response.headers.get("content-type", ""), b"".join(chunks)
    except httpx.InvalidURL as error:
        return ReadFailure(url, f"invalid URL ({error})")
    except httpx.UnsupportedProtocol:
        return ReadFailure(url, "not an http(s) URL")
    except httpx.TimeoutException:
        return ReadFailure(url, f"timed out (deadline {fetcher.guard.deadline_seconds:g} s)")
    except httpx.TooManyRedirects:
        return ReadFailure(url, f"more than {MAX_REDIRECTS} redirects")
    except httpx.ConnectError as error:
        if isinstance(error.__cause__, BlockedAddress):
            return ReadFailure(url, str(error.__cause__))
        return ReadFailure(url, f"unreachable (ConnectError: {error})")
    except httpx.HTTPError as error:
        return ReadFailure(url, f"unreachable ({type(error).__name__}: {error})")


def looks_like_feed(content_type: str, body: bytes) -> bool:
    if any(t in content_type for t in _FEED_TYPES):
        return True
    head = body[:500].lstrip().lower()
    return (
        head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head)
    ) or head.startswith((b"<rss", b"<feed"))


def _decode(body: bytes) -> str:
    for encoding in ("utf-8", "cp1252"):
        try:
            return body.decode(encoding)
        except UnicodeDecodeError:
            continue
    return body.decode("utf-8", errors="replace")


def _article(url: str, body: bytes, **meta: object) -> Item:
    found = article_from_html(url, _decode(body), url=url)
    if isinstance(found, ReadFailure):
        return found
    changes = {k: v for k, v in meta.items() if v and not getattr(found, k)}
    return RawArticle(**{**vars(found), **changes}) if changes else found


def read_feed(
    fetcher: Fetcher, name: str, body: bytes, *, base: str | None, trusted: bool = False
) -> Iterator[Item]:
    """Each entry of the feed ``body`` fetched as an article; ``base`` resolves relative links.

    For feed URLs ``base`` is the feed's URL; for a feed file on disk it is None, and an entry
    needs an absolute link. ``trusted`` (a feed file the operator gave with ``--allow-private``)
    lets its entries' own origins be private, as if they had been named on the command line.
    """
    import feedparser

    feed = feedparser.parse(body)
    if not feed.entries:
        yield ReadFailure(name, "feed has no entries")
        return
    outlet = (feed.feed.get("title") or "").strip() or None
    for entry in feed.entries:
        label = f"{name} entry {str(entry.get('title', '?'))[:80]!r}"
        link = entry.get("link")
        if not link:
            yield ReadFailure(label, "entry has no link")
            continue
        try:
            joined = httpx.URL(base).join(link) if base else httpx.URL(link)
        except (httpx.InvalidURL, TypeError, ValueError):
            yield ReadFailure(label, "entry link is not a URL")
            continue
        if joined.scheme not in ("http", "https"):
            yield ReadFailure(label, "entry link is not an absolute http(s) URL")
            continue
        link = str(joined)
        if trusted:
            fetcher.guard.allow(joined.host, joined.port or (443 if joined.scheme == "https" else 80))
        page = _get(fetcher, link)
        if isinstance(page, ReadFailure):
            yield page
            continue
        published = None
        for field in ("published", "updated"):
            if entry.get(f"{field}_parsed"):
                t = entry[f"{field}_parsed"]
                published = parse_date(f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}")
                break
        yield _article(link, page[1], title=entry.get("title"), published=published, outlet=outlet)
