"""Readers for files on disk: plain text and Markdown (optional front matter), HTML, JSON Lines,
RSS/Atom feed files, and directories of them. Each bad input becomes a ReadFailure naming the file
(or the JSONL line) and the reason, so one broken file never stops a batch — whatever the error,
down to a line nested deep enough to exhaust the JSON parser's recursion.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

from store.ingest.html import article_from_html
from store.ingest.sources import MAX_TEXT_BYTES, RawArticle, ReadFailure, parse_date

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
# Feed files: each entry's page is fetched (through the guarded web client). ``.xml`` counts only
# when named on the command line; in a folder it is too often something else (sitemaps, exports).
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | {".rss", ".atom"}
_FRONT_KEYS = {"title", "url", "published", "outlet", "date", "source"}
# How a file's opening bytes say it is XML rather than prose, whatever its name.
_XML_STARTS = (b"<?xml", b"<rss", b"<feed", b"<rdf:rdf")
_FEED_MARKS = (b"<rss", b"<feed", b"<rdf:rdf", b"<channel")

Item = RawArticle | ReadFailure
FeedReader = Callable[[str, bytes], Iterator[Item]]


def read_path(path: Path, *, feeds: FeedReader | None = None) -> Iterator[Item]:
    """Everything at ``path``: a file by its suffix, or every known file under a directory."""
    try:
        is_dir, exists = path.is_dir(), path.exists()
    except OSError as error:
        yield ReadFailure(str(path), f"cannot read: {error.strerror or error}")
        return
    if is_dir:
        found = False
        try:
            children = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
        except OSError as error:
            yield ReadFailure(str(path), f"cannot list the folder: {error.strerror or error}")
            return
        for child in children:
            if child.suffix.lower() in KNOWN_SUFFIXES:
                found = True
                yield from _alone(child, read_file(child, feeds=feeds))
        if not found:
            yield ReadFailure(str(path), "no .txt, .md, .html, .jsonl, .rss or .atom files in this folder")
        return
    if not exists:
        yield ReadFailure(str(path), "no such file or folder")
        return
    yield from _alone(path, read_file(path, feeds=feeds))


def _alone(path: Path, items: Iterator[Item]) -> Iterator[Item]:
    """The items of one file; whatever a reader raises ends that file with a failure, not the run."""
    try:
        yield from items
    except Exception as error:
        yield ReadFailure(str(path), f"unreadable ({type(error).__name__}: {str(error)[:200]})")


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def read_file(path: Path, *, feeds: FeedReader | None = None) -> Iterator[Item]:
    name = str(path)
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path)
        return
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            yield ReadFailure(
                name, f"too large for one article ({size / 1e6:.1f} MB; limit {MAX_TEXT_BYTES / 1e6:.0f} MB)"
            )
            return
        data = path.read_bytes()
    except OSError as error:
        yield ReadFailure(name, f"cannot read: {error.strerror or error}")
        return
    if suffix in FEED_SUFFIXES or (suffix not in HTML_SUFFIXES and _is_xml(data)):
        yield from _feed_file(name, data, feeds)
        return
    text = _decode(name, data)
    if isinstance(text, ReadFailure):
        yield text
        return
    if suffix in HTML_SUFFIXES:
        yield _checked(article_from_html(name, text))
    else:
        yield _checked(article_from_text(name, text))


def _is_xml(data: bytes) -> bool:
    return data[:200].lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith(_XML_STARTS)


def _feed_file(name: str, data: bytes, feeds: FeedReader | None) -> Iterator[Item]:
    """A feed on disk is read as a feed (its entries' pages fetched), never stored as raw XML."""
    if not any(mark in data[:4000].lower() for mark in _FEED_MARKS):
        yield ReadFailure(name, "XML that is not an RSS or Atom feed; nothing to read as an article")
        return
    if feeds is None:
        yield ReadFailure(name, "an RSS/Atom feed file; ingest reads it by fetching each entry's page")
        return
    yield from feeds(name, data)


def _decode(name: str, data: bytes) -> str | ReadFailure:
    if b"\x00" in data[:8192]:
        return ReadFailure(name, "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        byte = data[error.start]
        return ReadFailure(
            name,
            f"not UTF-8 text (byte 0x{byte:02x} at offset {error.start}; "
            "Latin-1 or Windows-1252? re-save it as UTF-8)",
        )


def _checked(item: Item) -> Item:
    if isinstance(item, RawArticle) and not item.text.strip():
        return ReadFailure(item.name, "empty: no article text")
    return item


def article_from_text(name: str, text: str) -> Item:
    """A .txt/.md article; an opening '---' block may give title, url, published and outlet."""
    meta: dict[str, str] = {}
    if text.startswith("---"):
        lines = text.split("\n")
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), None)
        if end is None:
            return ReadFailure(name, "front matter opened with '---' but never closed")
        for line in lines[1:end]:
            if ":" in line:
                k, v = line.split(":", 1)
                if k.strip().lower() in _FRONT_KEYS:
                    meta[k.strip().lower()] = v.strip().strip("\"'")
        text = "\n".join(lines[end + 1 :])
    return _dated(
        name,
        text,
        meta.get("published") or meta.get("date"),
        title=meta.get("title") or None,
        url=meta.get("url") or None,
        outlet=meta.get("outlet") or meta.get("source") or None,
    )


def _dated(
    name: str, text: str, published: object, *, title: str | None, url: str | None, outlet: str | None
) -> Item:
    """The article a file describes, or a failure when its date cannot be read (a wrong date misfiles it)."""
    try:
        day = parse_date(published)
    except ValueError as error:
        return ReadFailure(name, str(error))
    return RawArticle(name=name, text=text, title=title, url=url, published=day, outlet=outlet)


def read_jsonl(path: Path) -> Iterator[Item]:
    """One article per line: {"title", "url", "published", "outlet", "text"}; a bad line fails alone."""
    try:
        handle = path.open("rb")
    except OSError as error:
        yield ReadFailure(str(path), f"cannot read: {error.strerror or error}")
        return
    with handle:
        any_line = False
        for number, raw in enumerate(handle, 1):
            name = f"{path}:{number}"
            if not raw.strip():
                continue
            any_line = True
            if len(raw) > MAX_TEXT_BYTES:
                yield ReadFailure(name, f"line too large ({len(raw) / 1e6:.1f} MB)")
                continue
            try:
                yield _jsonl_item(name, raw)
            except RecursionError:
                yield ReadFailure(name, "not valid JSON (nested too deeply)")
            except Exception as error:  # whatever a line does, it fails alone
                yield ReadFailure(name, f"unreadable line ({type(error).__name__}: {str(error)[:200]})")
        if not any_line:
            yield ReadFailure(str(path), "empty: no lines")


def _jsonl_item(name: str, raw: bytes) -> Item:
    try:
        row = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return ReadFailure(name, "not UTF-8 text")
    except json.JSONDecodeError as error:
        return ReadFailure(name, f"not valid JSON ({error.msg} at column {error.colno})")
    if not isinstance(row, dict):
        return ReadFailure(name, "not a JSON object")
    text = row.get("text") or row.get("body") or ""
    if not isinstance(text, str) or not text.strip():
        return ReadFailure(name, 'no "text"')
    return _dated(
        name,
        text,
        row.get("published") or row.get("date"),
        title=_str(row.get("title")),
        url=_str(row.get("url")),
        outlet=_str(row.get("outlet")),
    )


def _str(value: object) -> str | None:
    return str(value).strip() or None if value is not None else None
