"""The watermark: what arrived since a digest looked, across processes and late commits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session

from store.changes import GAP_GRACE, Watermark, arrivals_since_mark, current_watermark
from store.models import Quote
from testkit import factories
from tests.digests.conftest import add_quote

NOW = datetime(2018, 9, 5, 12, tzinfo=UTC)


def quote_with_id(engine: Engine, quote_id: int, text: str) -> None:
    """A quote committed with a given id: how a slow transaction's row looks once it lands."""
    with Session(engine) as session:
        article = factories.article(session)
        session.add(Quote(id=quote_id, article_id=article.id, text=text))
        session.commit()


def test_quotes_written_while_a_digest_is_built_go_into_the_next_one(engine: Engine) -> None:
    with Session(engine) as session:
        mark = current_watermark(session)
    first = add_quote(engine, "Before the digest looked.")
    with Session(engine) as session:
        seen, mark = arrivals_since_mark(session, mark=mark, now=NOW)
    second = add_quote(engine, "Written while the digest was being posted.")
    with Session(engine) as session:
        later, _ = arrivals_since_mark(session, mark=mark, now=NOW)
    assert seen.quote == [first]
    assert later.quote == [second]


def test_an_id_committed_late_is_picked_up_by_the_next_digest(engine: Engine) -> None:
    with Session(engine) as session:
        mark = current_watermark(session)
    top = mark.last["quote"]
    quote_with_id(engine, top + 2, "Committed first, though its id is higher.")
    with Session(engine) as session:
        seen, mark = arrivals_since_mark(session, mark=mark, now=NOW)
    assert seen.quote == [top + 2]
    assert list(mark.pending["quote"]) == [top + 1]

    mark = Watermark.from_json(mark.to_json())  # as stored on the subscription
    quote_with_id(engine, top + 1, "The slow transaction commits.")
    with Session(engine) as session:
        seen, mark = arrivals_since_mark(session, mark=mark, now=NOW + timedelta(minutes=1))
    assert seen.quote == [top + 1]
    assert mark.pending["quote"] == {}


def test_an_id_that_never_arrives_is_forgotten_after_the_grace(engine: Engine) -> None:
    with Session(engine) as session:
        mark = current_watermark(session)
    top = mark.last["quote"]
    quote_with_id(engine, top + 2, "Its neighbour was rolled back.")
    with Session(engine) as session:
        _, mark = arrivals_since_mark(session, mark=mark, now=NOW)
        _, kept = arrivals_since_mark(session, mark=mark, now=NOW + GAP_GRACE / 2)
        _, dropped = arrivals_since_mark(session, mark=mark, now=NOW + GAP_GRACE * 2)
    assert list(kept.pending["quote"]) == [top + 1]
    assert dropped.pending["quote"] == {}


def test_a_digest_ranks_and_scopes_quotes_like_an_answer(engine: Engine) -> None:
    from handlers.digest.build import build_digest
    from handlers.digest.render import render_digest
    from store.changes import Filter, arrivals_since_time

    with Session(engine) as session:
        start = datetime.now(UTC) - timedelta(seconds=1)
        said = "Energy exports will not be capped by any new rule of this deal."
        factories.quote(
            session, "Pipelines are fine.", label="a consultant", topics=("energy",), strength=0.5
        )
        factories.quote(session, said, speaker="Ildefonso Guajardo", topics=("energy",), outlet="Wire One")
        factories.quote(
            session, said, label="Mexico's economy secretary", topics=("energy",), outlet="Wire Two"
        )
        factories.quote(
            session, "Energy &amp; the election.", speaker="Pat Trader", topics=("energy",), in_scope=False
        )
        digest = build_digest(
            session, arrivals=arrivals_since_time(session, since=start), only=Filter(), since="today"
        )
    energy = next(s for s in digest.sections if s.slug == "energy")
    assert [q.text for q in energy.quotes] == [said, "Pipelines are fine."]
    assert energy.quote_total == 2
    assert [s.outlet for s in energy.quotes[0].also] == ["Wire Two"]
    printed = str(render_digest(digest))
    assert "election" not in printed
