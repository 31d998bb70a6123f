"""The store: migrations on a real database, the bundled knowledge, and the read queries."""

from __future__ import annotations

from datetime import date

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, text
from sqlmodel import Session, SQLModel, select

import store.models  # noqa: F401
from bot.config import Settings
from store.answers import queries
from store.answers.search import search, search_terms
from store.bootstrap import open_store
from store.db import _alembic_config, head_revision, is_raw_sql_object, make_engine, migrate, schema_revision
from store.models import Article, Position, Quote, Topic
from testkit import factories


def test_fresh_database_is_migrated_to_head_and_matches_the_models(empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)
    assert migrate(engine) is True
    assert migrate(engine) is False, "a second upgrade must be a no-op"
    assert schema_revision(engine) == head_revision()
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": lambda obj, name, *_: not is_raw_sql_object(name)}
        )
        assert compare_metadata(context, SQLModel.metadata) == []
    engine.dispose()


def test_upgrade_keeps_existing_rows_and_downgrade_round_trips(empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)
    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001_initial")
    with engine.begin() as conn:  # the columns of 0001, as a store made then holds them
        conn.execute(
            text(
                "INSERT INTO article (title, title_is_editorial, content_hash, published, source,"
                " ingested_at)"
                " VALUES ('Kept', false, :hash, '2018-01-01', 'ingested', '2018-01-01 00:00:00')"
            ),
            {"hash": "h" * 64},
        )
    migrate(engine)
    with Session(engine) as session:
        assert session.exec(select(Article.title)).all() == ["Kept"]
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
    assert "article" not in inspect(engine).get_table_names()
    assert migrate(engine) is True
    engine.dispose()


def test_bundled_knowledge_loads_once_and_cites_the_globe_and_mail(settings: Settings) -> None:
    first = open_store(settings.database_url)
    second = open_store(settings.database_url)  # a restart, or a second process
    with Session(second) as session:
        articles = session.exec(select(Article)).all()
        assert [(a.outlet, a.published, a.url) for a in articles] == [
            ("The Globe and Mail", date(2018, 3, 21), None)
        ]
        assert articles[0].title_is_editorial, "the seed came without a headline; ours must be flagged"
        assert session.exec(select(func.count()).select_from(Quote)).one() == 5
        texts = session.exec(select(Quote.text)).all()
        assert any("finally starting to converge" in t for t in texts)
        assert (
            "Our objective is not to withdraw, our objective is to get a good and improved agreement,"
            in texts
        )
        assert session.exec(select(func.count()).select_from(Topic)).one() >= 14
    first.dispose()
    second.dispose()


def test_a_taxonomy_file_can_extend_the_bundled_one(database_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    extra = tmp_path / "extra.toml"
    extra.write_text(
        'extends = "bundled"\n[[topic]]\nslug = "textiles"\nname = "Textiles"\nchapter = "Textiles"\n'
        'synonyms = ["apparel", "yarn forward"]\n',
        encoding="utf-8",
    )
    engine = open_store(database_url, taxonomy_path=str(extra))
    with Session(engine) as session:
        slugs = set(session.exec(select(Topic.slug)).all())
    assert {"textiles", "autos", "dairy"} <= slugs
    engine.dispose()


def test_positions_are_append_only_and_the_newest_wins(session: Session) -> None:
    topic = factories.topic_id(session, "dairy")
    canada = factories.party_id(session, "canada")
    factories.position(
        session,
        party="canada",
        topic="dairy",
        summary="Refuses to open supply management.",
        as_of=date(2018, 5, 1),
    )
    factories.position(
        session,
        party="canada",
        topic="dairy",
        summary="Offers limited access to its dairy market.",
        as_of=date(2018, 9, 30),
    )
    latest = queries.latest_positions(session, topic_id=topic, party_ids=[canada])
    assert [p.summary for p in latest] == ["Offers limited access to its dairy market."]
    history = session.exec(select(Position.summary).where(Position.topic_id == topic)).all()
    assert len(history) == 2, "the old stance stays on record"


def test_quotes_come_newest_first_and_counts_stop_at_the_cap(session: Session) -> None:
    topic = factories.topic_id(session, "lumber")
    for day in (1, 3, 2):
        factories.quote(
            session,
            f"Lumber remark {day}",
            speaker="Jane Analyst",
            topics=("lumber",),
            published=date(2018, 6, day),
        )
    factories.quote(session, "Undated remark", speaker="Jane Analyst", topics=("lumber",), published=None)
    rows = queries.quotes_on_topic(session, topic_id=topic, limit=10)
    assert [r.text for r in rows] == [
        "Lumber remark 3",
        "Lumber remark 2",
        "Lumber remark 1",
        "Undated remark",
    ]
    assert queries.count_quotes_on_topic(session, topic_id=topic) == 4
    assert queries.count_quotes_on_topic(session, topic_id=topic, cap=2) == 3, (
        "capped counts read at most cap+1 rows"
    )


def test_search_finds_quotes_and_positions_and_treats_syntax_as_words(session: Session) -> None:
    factories.quote(
        session, "Supply management is not on the table.", speaker="Jane Analyst", topics=("dairy",)
    )
    found = search(session, words="supply manag")
    assert [q.text for q in found.quotes] == ["Supply management is not on the table."]
    assert search(session, words="procurement").positions[0].party_slug == "us"
    # Query syntax is only words: whatever comes back holds one of them, and nothing breaks.
    for hostile in ['" OR 1=1 --', "NEAR(a b)", "'; DROP TABLE quote; --", "*", "title:x"]:
        words = search_terms(hostile).all
        for row in search(session, words=hostile).quotes:
            assert any(w in row.text.casefold() for w in words), (hostile, row.text)
    assert search(session, words="*").quotes == []
    assert session.exec(select(func.count()).select_from(Quote)).one() == 6


def test_corrected_wording_of_bundled_summaries_reaches_an_existing_store(settings: Settings) -> None:
    from dataclasses import replace

    from store.bootstrap import sync_reference_data
    from store.knowledge import load_knowledge
    from store.taxonomy import load_taxonomy

    engine = open_store(settings.database_url)
    [facts] = load_knowledge()
    reworded = replace(
        facts,
        positions=tuple(
            replace(p, summary="Reworded by the editors.")
            if (p.party, p.topic) == ("us", "procurement")
            else p
            for p in facts.positions
        ),
    )
    assert sync_reference_data(engine, load_taxonomy(), [reworded]) is True
    with Session(engine) as session:
        summaries = session.exec(select(Position.summary)).all()
        assert "Reworded by the editors." in summaries
        assert len(summaries) == len(facts.positions), "rewording adds no rows"
        assert session.exec(select(func.count()).select_from(Quote)).one() == 5
    engine.dispose()
