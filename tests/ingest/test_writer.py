"""Storing articles: rows a reader would look at, idempotency, replacement, all-or-nothing writes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from store.ingest.pipeline import ingest
from store.ingest.sources import RawArticle
from store.models import Article, Party, Person, Position, Quote, QuoteTopic, Topic
from store.taxonomy import load_taxonomy
from tests.ingest.conftest import AUTOS, DAIRY

TAXONOMY = load_taxonomy()


def raw(text: str = DAIRY, url: str | None = "https://example.test/dairy", **kw) -> RawArticle:  # type: ignore[no-untyped-def]
    return RawArticle(
        name="dairy.txt",
        text=text,
        title="Dairy",
        url=url,
        published=date(2018, 8, 28),
        outlet="Test Wire",
        **kw,
    )


def run(engine: Engine, *articles: RawArticle):  # type: ignore[no-untyped-def]
    return ingest(engine, TAXONOMY, list(articles), workers=1)


def count(session: Session, model) -> int:  # type: ignore[no-untyped-def]
    return session.exec(select(func.count()).select_from(model)).one()[0]


def test_an_article_becomes_quotes_speakers_topics_and_positions(engine: Engine) -> None:
    summary = run(engine, raw())
    assert (summary.added, summary.failed) == (1, 0)
    with Session(engine) as s:
        article = s.exec(select(Article).where(Article.url == "https://example.test/dairy")).one()[0]
        quotes = [
            row[0]
            for row in s.exec(select(Quote).where(Quote.article_id == article.id).order_by(Quote.ordinal))
        ]
        people = {p.id: p for (p,) in s.exec(select(Person))}
        parties = {p.id: p.slug for (p,) in s.exec(select(Party))}
        by_text = {q.text: q for q in quotes}
        freeland = by_text["We will protect supply management, but we are ready to talk about access,"]
        assert people[freeland.speaker_id].name == "Chrystia Freeland"
        assert people[freeland.speaker_id].source == "taxonomy"
        assert parties[freeland.party_id] == "canada"
        assert freeland.context == "told reporters after a cabinet meeting"
        assert freeland.reported_on == date(2018, 8, 28)
        assert people[by_text["A sliver is not a deal,"].speaker_id].name == "Robert Lighthizer"
        ellsworth = people[by_text["Our farmers have waited long enough,"].speaker_id]
        assert (ellsworth.name, ellsworth.source) == ("Nora Ellsworth", "extracted")
        assert ellsworth.role == "president of the Wisconsin Dairy Alliance"
        links = s.exec(select(QuoteTopic).where(QuoteTopic.quote_id == freeland.id)).all()
        dairy_id = s.exec(select(Topic.id).where(Topic.slug == "dairy")).one()[0]
        assert [(row[0].topic_id, row[0].reported_on, row[0].party_id) for row in links] == [
            (dairy_id, date(2018, 8, 28), freeland.party_id)
        ]
        positions = [p for (p,) in s.exec(select(Position).where(Position.article_id == article.id))]
        assert [(parties[p.party_id], p.source, p.as_of) for p in positions] == [
            ("us", "extracted", date(2018, 8, 28))
        ]
        assert all(p.confidence < 1.0 and not p.verified for p in positions)
    assert (summary.quotes, summary.speakers, summary.statements) == (len(quotes), 1, 1)


def test_the_same_article_again_adds_nothing(engine: Engine) -> None:
    run(engine, raw())
    with Session(engine) as s:
        before = [count(s, m) for m in (Article, Quote, Person, Position, QuoteTopic)]
    again = run(engine, raw(), raw(url="https://mirror.example.test/copy"), raw(url=None))
    assert (again.added, again.unchanged, again.updated) == (0, 3, 0)
    with Session(engine) as s:
        assert [count(s, m) for m in (Article, Quote, Person, Position, QuoteTopic)] == before


def test_an_updated_article_replaces_its_rows(engine: Engine) -> None:
    run(engine, raw())
    changed = DAIRY.replace("A sliver is not a deal", "A sliver is a start")
    summary = run(engine, raw(text=changed))
    assert (summary.added, summary.updated) == (0, 1)
    with Session(engine) as s:
        texts = {
            q.text
            for (q,) in s.exec(select(Quote).join(Article).where(Article.url == "https://example.test/dairy"))
        }
        assert "A sliver is a start," in texts
        assert "A sliver is not a deal," not in texts
        assert count(s, Article) == 2  # the bundled knowledge article and this one
        orphans = s.exec(
            select(func.count()).select_from(QuoteTopic).where(QuoteTopic.quote_id.not_in(select(Quote.id)))
        ).one()[0]
        assert orphans == 0
        assert (
            s.exec(select(func.count()).select_from(Person).where(Person.name == "Nora Ellsworth")).one()[0]
            == 1
        )


def test_a_failed_write_leaves_no_partial_rows(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args, **_kw):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    monkeypatch.setattr("store.ingest.rows.position_rows", broken)  # fails after article, people, quotes
    summary = run(engine, raw())
    assert summary.failed == 1
    assert "disk full" in summary.failures[0].reason
    with Session(engine) as s:
        assert (
            s.exec(select(func.count()).select_from(Article).where(Article.source == "ingested")).one()[0]
            == 0
        )
        assert (
            s.exec(select(func.count()).select_from(Person).where(Person.source == "extracted")).one()[0] == 0
        )


def test_new_speakers_are_met_once_across_articles(engine: Engine) -> None:
    second = (
        AUTOS
        + '\n\n"Shelves are still closed," said Nora Ellsworth, president of the Wisconsin Dairy Alliance.'
    )
    run(engine, raw(), replace(raw(text=second, url="https://example.test/autos"), name="autos.txt"))
    with Session(engine) as s:
        rows = s.exec(select(Person).where(Person.name == "Nora Ellsworth")).all()
        assert len(rows) == 1
        assert (
            s.exec(select(func.count()).select_from(Quote).where(Quote.speaker_id == rows[0][0].id)).one()[0]
            == 3
        )


def test_in_a_shared_commit_only_the_failing_article_is_lost(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from store.ingest import rows

    real = rows.position_rows

    def fails_for_autos(result, *args):  # type: ignore[no-untyped-def]
        if "Guajardo" in result.text:
            raise RuntimeError("constraint broke")
        return real(result, *args)

    monkeypatch.setattr("store.ingest.rows.position_rows", fails_for_autos)
    third = DAIRY.replace("Tuesday", "Wednesday")
    summary = ingest(
        engine,
        TAXONOMY,
        [
            raw(),
            replace(raw(text=AUTOS, url="https://example.test/autos"), name="autos.txt"),
            replace(raw(text=third, url="https://example.test/dairy-2"), name="dairy-2.txt"),
        ],
        workers=1,
        group=10,
    )
    assert (summary.added, summary.failed) == (2, 1)
    assert summary.failures[0].name == "autos.txt"
    with Session(engine) as s:
        urls = {a.url for (a,) in s.exec(select(Article).where(Article.source == "ingested"))}
        assert urls == {"https://example.test/dairy", "https://example.test/dairy-2"}
        texts = {q.text for (q,) in s.exec(select(Quote))}
        assert not any("regional content threshold" in t for t in texts)


def test_an_article_updated_twice_within_one_commit(engine: Engine) -> None:
    first = DAIRY.replace("A sliver is not a deal", "A sliver is a start")
    summary = ingest(engine, TAXONOMY, [raw(), raw(text=first), raw(text=DAIRY)], workers=1, group=10)
    assert (summary.added, summary.updated, summary.failed) == (1, 2, 0)
    with Session(engine) as s:
        article = s.exec(select(Article).where(Article.url == "https://example.test/dairy")).one()[0]
        quotes = {q.id: q.text for (q,) in s.exec(select(Quote).where(Quote.article_id == article.id))}
        assert len(quotes) == 4
        assert "A sliver is not a deal," in quotes.values()
        linked = {row[0].quote_id for row in s.exec(select(QuoteTopic))}
        assert linked & set(quotes)  # this version's quotes carry their topics
        assert linked <= {q for (q,) in s.exec(select(Quote.id))}  # no topic row points at a deleted quote
