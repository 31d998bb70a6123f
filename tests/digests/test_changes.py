"""The watermark: what arrived since a digest looked, across processes and late commits."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session, select

from store.digests.changes import GAP_GRACE, Watermark, arrivals_since_mark, current_watermark
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
    from store.digests.changes import Filter, arrivals_since_time

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


def _earlier(rows: list, row) -> int | None:  # type: ignore[no-untyped-def]
    """The reference answer: the newest row before ``row`` by (date, none first; then id)."""
    key = lambda r: (r.as_of or date.min, r.id)  # noqa: E731
    before = [r for r in rows if key(r) < key(row)]
    return max(before, key=key).id if before else None


def test_each_change_is_shown_with_the_row_it_replaced(engine: Engine) -> None:
    from store.digests.rows import position_changes, status_moves
    from store.models import Position, TopicStatus

    with Session(engine) as session:
        made = [
            factories.position(session, party=party, topic="autos", summary=text, as_of=day)
            for party, text, day in [
                ("canada", "A", date(2018, 8, 1)),
                ("canada", "B", date(2018, 7, 1)),
                ("canada", "C", date(2018, 8, 1)),
                ("mexico", "D", date(2018, 9, 1)),
            ]
        ]
        statuses = [
            factories.status(session, topic="autos", status=s, as_of=day)
            for s, day in [("open", None), ("closing", date(2018, 8, 1)), ("closed", date(2018, 7, 1))]
        ]
        ids = [p.id for p in made]
        changes = position_changes(session, ids=ids)
        moves = status_moves(session, ids=[s.id for s in statuses])
        positions = list(session.exec(select(Position).where(Position.topic_id == made[0].topic_id)))
        rows = list(session.exec(select(TopicStatus).where(TopicStatus.topic_id == statuses[0].topic_id)))

    assert [c.new.id for c in changes] == ids
    for change, new in zip(changes, made, strict=True):
        same = [p for p in positions if p.party_id == new.party_id]
        assert (change.old.id if change.old else None) == _earlier(same, new)
    assert changes[2].old is not None
    assert changes[2].old.summary == "A"  # same day, earlier id
    assert [m.new.status for m in moves] == ["open", "closing", "closed"]
    by_id = {r.id: r for r in rows}
    for move, new in zip(moves, statuses, strict=True):
        expected = by_id.get(_earlier(rows, new))
        shown = (move.old.status, move.old.as_of) if move.old else None
        assert shown == ((expected.status, expected.as_of) if expected else None)
    assert moves[2].old is not None
    assert all(m.topic_slug == "autos" for m in moves)
