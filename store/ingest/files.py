"""Readers for files on disk: plain text and Markdown (optional front matter), HTML, JSON Lines,
and directories of them. Each bad input becomes a ReadFailure naming the file and the reason, so
one broken file never stops a batch.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from store.ingest.html import article_from_html
from store.ingest.sources import MAX_TEXT_BYTES, RawArticle, ReadFailure, parse_date

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
_FRONT_KEYS = {"title", "url", "published", "outlet", "date", "source"}

Item = RawArticle | ReadFailure


def read_path(path: Path) -> Iterator[Item]:
    """Everything at ``path``: a file by its suffix, or every known file under a directory."""
    if path.is_dir():
        found = False
        for child in sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path)):
            if child.suffix.lower() in KNOWN_SUFFIXES:
                found = True
                yield from read_file(child)
        if not found:
            yield ReadFailure(str(path), "no .txt, .md, .html or .jsonl files in this folder")
        return
    if not path.exists():
        yield ReadFailure(str(path), "no such file or folder")
        return
    yield from read_file(path)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def read_file(path: Path) -> Iterator[Item]:
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
    text = _decode(name, data)
    if isinstance(text, ReadFailure):
        yield text
        return
    if suffix in HTML_SUFFIXES:
        yield _checked(article_from_html(name, text))
    else:
        yield _checked(article_from_text(name, text))


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
    try:
        published = parse_date(meta.get("published") or meta.get("date"))
    except ValueError as error:
        return ReadFailure(name, str(error))
    return RawArticle(
        name=name,
        text=text,
        title=meta.get("title") or None,
        url=meta.get("url") or None,
        published=published,
        outlet=meta.get("outlet") or meta.get("source") or None,
    )


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
            yield _jsonl_item(name, raw)
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
    try:
        published = parse_date(row.get("published") or row.get("date"))
    except ValueError as error:
        return ReadFailure(name, str(error))
    return RawArticle(
        name=name,
        text=text,
        title=_str(row.get("title")),
        url=_str(row.get("url")),
        published=published,
        outlet=_str(row.get("outlet")),
    )


def _str(value: object) -> str | None:
    return str(value).strip() or None if value is not None else None
