"""The answer follows the reading: a person on a topic, a window, a party on a topic."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Engine
from sqlmodel import Session

from handlers.query import answers as a
from handlers.query.engine import Librarian
from handlers.render.text import reading_and_text
from testkit import factories


def quote_texts(answer: a.Answer) -> list[str]:
    page = getattr(answer, "page", None) or getattr(answer, "quotes", [])
    rows = page.quotes if isinstance(page, a.QuotePage) else page
    return [q.text for q in rows]


def test_a_person_on_a_topic_shows_only_those_quotes(engine: Engine, session: Session) -> None:
    factories.quote(session, "Dairy access is our red line.", speaker="Chrystia Freeland", topics=("dairy",))
    factories.quote(session, "Cars built here stay here.", speaker="Chrystia Freeland", topics=("autos",))

    answer = Librarian(engine).ask("what did freeland say about milk?")

    assert isinstance(answer, a.PersonAnswer)
    assert answer.person.name == "Chrystia Freeland"
    assert quote_texts(answer) == ["Dairy access is our red line."]
    assert reading_and_text(answer).splitlines()[0] == "Read as: Freeland on dairy"


def test_a_window_keeps_only_what_was_reported_in_it(engine: Engine, session: Session) -> None:
    today = date.today()
    factories.quote(
        session, "New offer on cars tabled.", speaker="Pat Wheeler", published=today - timedelta(days=2)
    )
    factories.quote(session, "Old news on cars.", speaker="Pat Wheeler", published=today - timedelta(days=40))
    librarian = Librarian(engine)

    week = librarian.ask("any news on autos this week?")
    month = librarian.ask("autos in the last 2 months")

    assert quote_texts(week) == ["New offer on cars tabled."]
    assert week.query.reading == "Read as: latest: autos, last 7 days"
    assert quote_texts(month) == ["New offer on cars tabled.", "Old news on cars."]
    terse = librarian.ask("autos")  # the terse form is not narrowed: both quotes count, ranked
    assert terse.query.reading is None
    assert terse.page.total >= month.page.total == 2


def test_a_party_on_a_topic_narrows_to_both(engine: Engine, session: Session) -> None:
    factories.quote(
        session, "Mexico wants steel quotas.", speaker="Ana Ruiz", party="mexico", topics=("steel-aluminum",)
    )
    factories.quote(
        session,
        "Canada wants steel relief.",
        speaker="Bo Tremblay",
        party="canada",
        topics=("steel-aluminum",),
    )

    answer = Librarian(engine).ask("what are the mexicans saying on metals?")

    assert isinstance(answer, a.TopicAnswer)
    assert answer.party is not None
    assert answer.party.slug == "mexico"
    assert quote_texts(answer) == ["Mexico wants steel quotas."]


def test_the_latest_within_a_window_lists_quotes_of_that_window(engine: Engine, session: Session) -> None:
    factories.quote(session, "Talks resume Monday.", speaker="Lee Park", published=date.today())

    answer = Librarian(engine).ask("what happened today?")

    assert isinstance(answer, a.LatestAnswer)
    assert quote_texts(answer) == ["Talks resume Monday."]


def test_did_someone_say_searches_only_their_quotes(engine: Engine, session: Session) -> None:
    factories.quote(
        session, "A sunset clause is a poison pill.", speaker="Chrystia Freeland", topics=("sunset-clause",)
    )
    factories.quote(session, "No poison pill here.", speaker="Pat Wheeler", topics=("sunset-clause",))

    answer = Librarian(engine).ask("did Freeland really say poison pill?")

    assert isinstance(answer, a.SearchAnswer)
    assert answer.words == "poison pill"
    assert quote_texts(answer) == ["A sunset clause is a poison pill."]
    assert answer.query.reading == "Read as: quotes with “poison pill” by Freeland"
