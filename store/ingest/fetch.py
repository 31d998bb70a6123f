"""Articles from the web: an article URL, or an RSS/Atom feed whose entries are each fetched.

One ``httpx.Client`` per run (connection reuse); a page that cannot be fetched fails alone.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx

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

Item = RawArticle | ReadFailure


def make_client(timeout: float = 20.0) -> httpx.Client:
    return httpx.Client(follow_redirects=True, timeout=timeout, headers={"User-Agent": USER_AGENT})


def read_url(client: httpx.Client, url: str) -> Iterator[Item]:
    """An article page, or every entry of a feed (each entry's page fetched in turn)."""
    page = _get(client, url)
    if isinstance(page, ReadFailure):
        yield page
        return
    content_type, body = page
    if _looks_like_feed(content_type, body):
        yield from _read_feed(client, url, body)
        return
    yield _article(url, body)


def _get(client: httpx.Client, url: str) -> tuple[str, bytes] | ReadFailure:
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                return ReadFailure(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_TEXT_BYTES * 5:
                    return ReadFailure(url, "page too large")
                chunks.append(chunk)
            return response.headers.get("content-type", ""), b"".join(chunks)
    except httpx.InvalidURL as error:
        return ReadFailure(url, f"invalid URL ({error})")
    except httpx.TimeoutException:
        return ReadFailure(url, "timed out")
    except httpx.HTTPError as error:
        return ReadFailure(url, f"unreachable ({type(error).__name__}: {error})")


def _looks_like_feed(content_type: str, body: bytes) -> bool:
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


def _read_feed(client: httpx.Client, url: str, body: bytes) -> Iterator[Item]:
    import feedparser

    feed = feedparser.parse(body)
    if not feed.entries:
        yield ReadFailure(url, "feed has no entries")
        return
    outlet = (feed.feed.get("title") or "").strip() or None
    for entry in feed.entries:
        link = entry.get("link")
        if not link:
            yield ReadFailure(f"{url} entry {entry.get('title', '?')!r}", "entry has no link")
            continue
        link = str(httpx.URL(url).join(link))
        page = _get(client, link)
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
