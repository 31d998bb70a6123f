"""The position that holds, the status from history, the timeline and search, on hand-made stores.

Every sentence and outlet here is invented for the test.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session

from handlers.query import answers as a
from handlers.query.engine import Librarian
from handlers.render.slack import SHOW_TIMELINE, render_message
from handlers.render.text import render_text
from store.answers.queries import SHOWN_CONFIDENCE
from store.answers.search import search
from store.answers.standing import CONFIDENT
from testkit import factories

CURATED = "Wants the lumber quota system scrapped within five years."


def _lumber_canada(engine: Engine, *, confidence: float, as_of: date, stance: str = "proposes") -> str:
    with Session(engine) as session:
        factories.position(
            session,
            party="canada",
            topic="lumber",
            summary=CURATED,
            stance="demands",
            as_of=date(2018, 5, 1),
            origin="curated",
            confidence=1.0,
        )
        factories.position(
            session,
            party="canada",
            topic="lumber",
            summary="He also mentioned an unrelated tariff on boats.",
            stance=stance,
            as_of=as_of,
            confidence=confidence,
        )
    return render_text(Librarian(engine).ask("lumber canada"))


def test_a_weak_machine_read_line_never_replaces_a_curated_position(engine: Engine) -> None:
    text = _lumber_canada(engine, confidence=CONFIDENT - 0.2, as_of=date(2019, 1, 1))
    assert CURATED in " ".join(text.split())
    assert "unrelated tariff on boats" not in text
    assert "demands · as of 2018-05-01" in text


def test_an_older_machine_read_line_never_replaces_a_curated_position(engine: Engine) -> None:
    text = _lumber_canada(engine, confidence=0.99, as_of=date(2017, 1, 1))
    assert CURATED in " ".join(text.split())
    assert "boats" not in text


def test_a_newer_confident_line_holds_and_shows_what_it_replaced(engine: Engine) -> None:
    text = " ".join(_lumber_canada(engine, confidence=CONFIDENT, as_of=date(2019, 1, 1)).split())
    assert "unrelated tariff on boats" in text
    assert "proposes · as of 2019-01-01" in text
    assert f"Earlier: demands, as of 2018-05-01 (Test Wire): {CURATED}" in text


def test_no_earlier_line_when_the_stance_is_the_same(engine: Engine) -> None:
    text = _lumber_canada(engine, confidence=0.95, as_of=date(2019, 1, 1), stance="demands")
    assert "unrelated tariff on boats" in text
    assert "Earlier:" not in text


def test_one_sentence_is_one_partys_position_unless_both_said_it(engine: Engine) -> None:
    with Session(engine) as session:
        said = factories.quote(
            session, "We reject the dairy plan outright.", speaker="Chrystia Freeland", topics=("dairy",)
        )
        for party in ("mexico", "canada"):
            factories.position(
                session,
                party=party,
                topic="dairy",
                summary="Rejects the dairy plan outright.",
                stance="opposes",
                as_of=date(2018, 9, 1),
                evidence=said,
            )
    answer = Librarian(engine).ask("dairy")
    assert isinstance(answer, a.TopicAnswer)
    assert [p.party_slug for p in answer.positions] == ["canada"]
    assert "rejects · as of 2018-09-01" in render_text(answer)


def test_status_is_the_newest_reliable_one_with_date_and_source(engine: Engine) -> None:
    with Session(engine) as session:
        wire = factories.article(session, outlet="Harbour Times", published=date(2018, 10, 1))
        factories.status(session, topic="energy", status="proposals tabled", as_of=date(2018, 1, 1))
        factories.status(
            session,
            topic="energy",
            status="agreed",
            as_of=date(2018, 10, 1),
            origin="extracted",
            confidence=0.9,
            source=wire,
        )
        factories.status(
            session,
            topic="energy",
            status="deadlocked",
            as_of=date(2018, 11, 1),
            origin="extracted",
            confidence=0.3,
        )
    librarian = Librarian(engine)
    text = render_text(librarian.ask("energy"))
    assert text.startswith("Energy — agreed, as of 2018-10-01")
    assert "Harbour Times, 2018-10-01" in text
    topics = render_text(librarian.ask("topics"))
    lines = topics.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("  energy "))
    energy = " ".join([lines[at], *(line for line in lines[at + 1 : at + 3] if line.startswith("    "))])
    assert "agreed" in energy
    assert "status as of 2018-10-01" in energy


def test_topics_last_change_counts_only_in_scope_quotes(engine: Engine) -> None:
    with Session(engine) as session:
        factories.quote(
            session,
            "Lumber talk on the record.",
            speaker="Pat Trader",
            topics=("lumber",),
            published=date(2018, 4, 1),
        )
        factories.quote(
            session,
            "Lumber and a campaign rally.",
            speaker="Pat Trader",
            topics=("lumber",),
            published=date(2020, 4, 1),
            in_scope=False,
        )
    answer = Librarian(engine).ask("topics")
    assert isinstance(answer, a.TopicsAnswer)
    lumber = next(t for t in answer.topics if t.slug == "lumber")
    assert lumber.last_change == date(2018, 4, 1)


def test_timeline_lists_status_moves_and_position_changes_oldest_first(engine: Engine) -> None:
    with Session(engine) as session:
        factories.status(session, topic="lumber", status="proposals tabled", as_of=date(2018, 1, 1))
        factories.status(session, topic="lumber", status="proposals tabled", as_of=date(2018, 2, 1))
        factories.status(session, topic="lumber", status="agreed", as_of=date(2018, 9, 30))
        factories.position(
            session,
            party="canada",
            topic="lumber",
            summary="Wants quotas gone.",
            stance="demands",
            as_of=date(2018, 3, 1),
        )
        factories.position(
            session,
            party="canada",
            topic="lumber",
            summary="Wants quotas gone, still.",
            stance="demands",
            as_of=date(2018, 4, 1),
        )
        factories.position(
            session,
            party="canada",
            topic="lumber",
            summary="Accepts a phased quota.",
            stance="concedes",
            as_of=date(2018, 9, 1),
        )
        factories.position(
            session,
            party="us",
            topic="lumber",
            summary="Keeps the duties.",
            stance="defends",
            as_of=date(2018, 6, 1),
        )
    librarian = Librarian(engine)
    text = render_text(librarian.ask("lumber timeline"))
    lines = [line for line in text.split("\n") if line[:4] == "  20"]
    assert [line.split()[0] for line in lines] == [
        "2018-01-01",
        "2018-03-01",
        "2018-06-01",
        "2018-09-01",
        "2018-09-30",
    ]
    assert "Canada concedes: Accepts a phased quota." in text
    assert "status: agreed" in text
    assert "Test Wire" in text
    history = render_text(librarian.ask("lumber canada history"))
    assert "Keeps the duties" not in history
    assert "status:" not in history
    assert history.count("  Canada ") == 2


def test_the_topic_answer_offers_a_timeline_button(engine: Engine) -> None:
    message = render_message(Librarian(engine).ask("autos canada"))
    buttons = [e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]]
    timeline = next(b for b in buttons if b.get("action_id") == SHOW_TIMELINE)
    assert '"k":"timeline"' in timeline["value"]
    assert '"p":"canada"' in timeline["value"]


def test_search_finds_stems_ranks_all_words_first_and_matches_phrases(session: Session) -> None:
    factories.quote(session, "Dairy quotas protect our farms.", speaker="Pat Trader", topics=("dairy",))
    factories.quote(session, "The dairy aisle is full.", speaker="Pat Trader", topics=("dairy",))
    factories.quote(session, "A quota on cheese is fine.", speaker="Pat Trader", topics=("dairy",))
    factories.quote(session, "Origin of the rules is unclear.", speaker="Pat Trader", topics=("autos",))
    factories.quote(
        session, "The rules of origin changed overnight.", speaker="Pat Trader", topics=("autos",)
    )
    factories.quote(
        session, "Secret dairy quota words.", speaker="Pat Trader", topics=("dairy",), hidden=True
    )
    found = [q.text for q in search(session, words="dairy quotas").quotes]
    assert found[0] == "Dairy quotas protect our farms."
    assert {"The dairy aisle is full.", "A quota on cheese is fine."} <= set(found[1:])
    assert "Secret dairy quota words." not in found
    phrase = [q.text for q in search(session, words='"rules of origin"', limit=50).quotes]
    assert "The rules of origin changed overnight." in phrase
    assert "Origin of the rules is unclear." not in phrase  # the words are there, not the phrase
    loose = [q.text for q in search(session, words="rules origin").quotes]
    assert "Origin of the rules is unclear." in loose


def test_a_barely_read_position_is_not_shown(engine: Engine) -> None:
    with Session(engine) as session:
        factories.position(
            session,
            party="mexico",
            topic="energy",
            summary="Might possibly consider something on pipelines.",
            stance="proposes",
            as_of=date(2019, 3, 1),
            confidence=SHOWN_CONFIDENCE - 0.1,
        )
    librarian = Librarian(engine)
    for question in ("energy", "mexico", "latest", "energy timeline"):
        assert "Might possibly consider" not in render_text(librarian.ask(question)), question
    with Session(engine) as session:
        assert search(session, words="pipelines").positions  # search still finds it
