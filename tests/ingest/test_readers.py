"""Reading each input kind, and naming the reason when an input cannot be read."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from store.ingest.files import read_path
from store.ingest.sources import MAX_TEXT_BYTES, RawArticle, ReadFailure
from tests.ingest.conftest import AUTOS, DAIRY, article_file, html_page


def read(path: Path) -> list[RawArticle | ReadFailure]:
    return list(read_path(path))


def test_text_with_front_matter(tmp_path: Path) -> None:
    path = article_file(
        tmp_path,
        "dairy.md",
        DAIRY,
        title="Canada opens the door",
        url="https://example.test/dairy",
        published="2018-08-28",
        outlet="Test Wire",
    )
    [article] = read(path)
    assert isinstance(article, RawArticle)
    assert (article.title, article.url, article.published, article.outlet) == (
        "Canada opens the door",
        "https://example.test/dairy",
        date(2018, 8, 28),
        "Test Wire",
    )
    assert article.text.strip().startswith("OTTAWA")
    assert "---" not in article.text


def test_plain_text_without_front_matter(tmp_path: Path) -> None:
    [article] = read(article_file(tmp_path, "autos.txt", AUTOS))
    assert isinstance(article, RawArticle)
    assert article.title is None
    assert article.url is None
    assert "Guajardo" in article.text


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(html_page("Autos compromise", AUTOS, "2018-05-03"), encoding="utf-8")
    [article] = read(path)
    assert isinstance(article, RawArticle)
    assert article.title == "Autos compromise"
    assert article.published == date(2018, 5, 3)
    assert "regional content threshold" in article.text
    assert "All rights reserved" not in article.text
    assert "Home" not in article.text


def test_jsonl_bad_line_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    good = {
        "title": "Dairy",
        "url": "https://example.test/a",
        "published": "2018-08-28",
        "outlet": "W",
        "text": DAIRY,
    }
    path.write_text(
        json.dumps(good) + "\n" + '{"title": "broken", "text": \n' + json.dumps({**good, "url": None}) + "\n",
        encoding="utf-8",
    )
    first, bad, third = read(path)
    assert isinstance(first, RawArticle)
    assert first.url == "https://example.test/a"
    assert isinstance(bad, ReadFailure)
    assert bad.name == f"{path}:2"
    assert "not valid JSON" in bad.reason
    assert isinstance(third, RawArticle)
    assert third.url is None


def test_folders_are_read_recursively_skipping_hidden_and_unknown_files(tmp_path: Path) -> None:
    article_file(tmp_path, "a.txt", DAIRY)
    article_file(tmp_path, "deeper/b.md", AUTOS)
    article_file(tmp_path, ".cache/c.txt", AUTOS)
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    names = [Path(item.name).name for item in read(tmp_path)]
    assert names == ["a.txt", "b.md"]


def test_bad_inputs_are_named_with_a_reason(tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    huge = tmp_path / "huge.txt"
    huge.write_text("word " * (MAX_TEXT_BYTES // 5 + 10), encoding="utf-8")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Le ministre a dit « non » à la proposition américaine.".encode("latin-1"))
    reasons = {Path(f.name).name: f.reason for p in (binary, empty, huge, latin) for f in read(p)}
    assert "binary" in reasons["photo.txt"]
    assert "empty" in reasons["empty.txt"]
    assert "too large" in reasons["huge.txt"]
    assert "not UTF-8" in reasons["latin.txt"]
    assert [f.reason for f in read(tmp_path / "missing.txt")] == ["no such file or folder"]
