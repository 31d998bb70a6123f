"""The watermark: what arrived since a digest looked, across processes and late commits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session

from store.changes import GAP_GRACE, Watermark, arrivals_since_mark, current_watermark
from store.models import Quote
from tests import factories
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
