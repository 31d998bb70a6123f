"""Articles without a date get one from their URL or dateline, in both `extract` and `ingest`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlmodel import Session

from store.ingest.dates import date_from_dateline, date_from_url, settle_date
from store.ingest.inputs import read_inputs
from store.ingest.pipeline import ingest
from store.ingest.sources import RawArticle
from store.models import Article
from store.taxonomy import load_taxonomy


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example/2018/09/30/talks-resume", date(2018, 9, 30)),
        ("https://news.example/politics/2018-09-30-talks-resume", date(2018, 9, 30)),
        ("https://news.example/story/20180930/talks", date(2018, 9, 30)),
        ("https://news.example/2019/12/talks-resume", date(2019, 12, 1)),
        ("https://paper.example/articles/talks-resume-1528070538?mod=home", date(2018, 6, 4)),
        ("https://news.example/2018/13/45/not-a-date", None),
        ("https://news.example/article/SB10001424127887324374004578217433510552350.html", None),
        ("https://news.example/news/business-45555749", None),
        (None, None),
    ],
)
def test_dates_in_urls(url: str | None, expected: date | None) -> None:
    assert date_from_url(url) == expected


def test_a_dateline_at_the_start_dates_the_article_but_a_date_deep_in_the_story_does_not() -> None:
    assert date_from_dateline("OTTAWA, Sept. 30, 2018 — Talks resumed.") == date(2018, 9, 30)
    assert date_from_dateline("March 5, 2019 (Wire) - Mexico offered more.") == date(2019, 3, 5)
    later = "Talks resumed. " + "Negotiators met again and again. " * 8 + "The deal of March 5, 2019 stands."
    assert date_from_dateline(later) is None


def test_a_given_date_is_never_replaced() -> None:
    raw = RawArticle(
        "a.txt",
        "OTTAWA, Sept. 30, 2018 — x",
        url="https://n.example/2017/01/02/x",
        published=date(2020, 1, 1),
    )
    assert settle_date(raw).published == date(2020, 1, 1)


def test_extract_and_ingest_read_the_date_from_the_url(tmp_path: Path, engine: Engine) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"title": "Talks", "url": "https://news.example/2018/09/30/talks", "text": "“We are close,” '
        'Hal Ostrander said."}\n',
        encoding="utf-8",
    )
    [article] = list(read_inputs([str(feed)]))
    assert isinstance(article, RawArticle)
    assert article.published == date(2018, 9, 30)
    undated = RawArticle(
        "b.txt", "WINNIPEG, Oct. 2, 2018 — “Fine,” Hal Ostrander said.", url="https://n.example/b"
    )
    ingest(engine, load_taxonomy(), [undated], workers=1)
    with Session(engine) as s:
        [(published,)] = s.exec(select(Article.published).where(Article.url == "https://n.example/b")).all()
    assert published == date(2018, 10, 2)
