"""Article URLs and RSS/Atom feeds, fetched for real from a server on 127.0.0.1."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session, select

from store.ingest.inputs import read_inputs
from store.ingest.pipeline import ingest
from store.ingest.sources import RawArticle, ReadFailure
from store.models import Article
from store.taxonomy import load_taxonomy
from tests.ingest.conftest import AUTOS, DAIRY, Site, html_page

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test Wire: Trade</title><link>{base}/</link>
<item><title>Canada opens the door</title><link>{base}/dairy</link>
<pubDate>Tue, 28 Aug 2018 14:00:00 GMT</pubDate></item>
<item><title>Mexico offers a compromise</title><link>/autos</link>
<pubDate>Thu, 03 May 2018 09:30:00 GMT</pubDate></item>
<item><title>Gone</title><link>{base}/missing</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<entry><title>Autos again</title><link href="{base}/autos"/><updated>2018-05-04T10:00:00Z</updated></entry>
</feed>"""


def test_an_article_url(site: Site) -> None:
    url = site.add("/dairy", html_page("Canada opens the door", DAIRY, "2018-08-28"))
    [article] = list(read_inputs([url], allow_private=True))
    assert isinstance(article, RawArticle)
    assert (article.url, article.title, article.published) == (
        url,
        "Canada opens the door",
        date(2018, 8, 28),
    )
    assert "supply management" in article.text


def test_an_rss_feed_fetches_each_entry(site: Site, engine: Engine) -> None:
    site.add("/dairy", html_page("Canada opens the door", DAIRY, "2018-08-28"))
    site.add("/autos", html_page("Mexico offers a compromise", AUTOS, "2018-05-03"))
    feed = site.add("/feed.xml", RSS.format(base=site.base), "application/rss+xml")
    summary = ingest(engine, load_taxonomy(), read_inputs([feed], allow_private=True), workers=1)
    assert (summary.added, summary.failed) == (2, 1)
    assert summary.failures[0].name == f"{site.base}/missing"
    assert "HTTP 404" in summary.failures[0].reason
    with Session(engine) as s:
        stored = {a.url: a for a in s.exec(select(Article).where(Article.source == "ingested"))}
    assert set(stored) == {f"{site.base}/dairy", f"{site.base}/autos"}
    assert stored[f"{site.base}/autos"].published == date(2018, 5, 3)
    again = ingest(engine, load_taxonomy(), read_inputs([feed], allow_private=True), workers=1)
    assert (again.added, again.unchanged) == (0, 2)


def test_an_atom_feed_served_as_xml(site: Site) -> None:
    site.add("/autos", html_page("Autos again", AUTOS, "2018-05-04"))
    feed = site.add("/atom", ATOM.format(base=site.base), "text/xml")
    [article] = list(read_inputs([feed], allow_private=True))
    assert isinstance(article, RawArticle)
    assert article.outlet == "Test Wire"


def test_unreachable_and_missing_pages_fail_by_name(site: Site) -> None:
    missing = f"{site.base}/nope"
    items = list(read_inputs([missing, "http://127.0.0.1:9/closed"], allow_private=True))
    assert all(isinstance(i, ReadFailure) for i in items)
    assert [(i.name, i.reason.split(" (")[0]) for i in items] == [
        (missing, "HTTP 404 Not Found"),
        ("http://127.0.0.1:9/closed", "unreachable"),
    ]
