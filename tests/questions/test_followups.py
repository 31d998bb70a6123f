"""Follow-ups refine a thread's last reading; a complete new question replaces it."""

from __future__ import annotations

import pytest

from handlers.query.followup import follow_up
from handlers.query.parse import Query, parse
from handlers.query.vocabulary import Vocabulary, taxonomy_vocabulary
from store.taxonomy import load_taxonomy


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return taxonomy_vocabulary(load_taxonomy())


def name_of(vocab: Vocabulary, query: Query) -> str | None:
    person = vocab.person(query.person_id) if query.person_id else None
    return person.name if person else None


def test_a_party_swaps_in_for_the_person(vocab: Vocabulary) -> None:
    first = parse("what has freeland said on the sunset clause", vocab)
    then = follow_up(first, "and mexico?", vocab)
    assert (then.kind, then.topic, then.party, then.person_id) == ("topic", "sunset-clause", "mexico", None)
    assert then.reading == "Read as: Mexico on sunset clause"


def test_what_about_a_topic_keeps_the_party_and_window(vocab: Vocabulary) -> None:
    first = parse("what's canada been saying about lumber in the past 10 days", vocab)
    then = follow_up(first, "what about dairy", vocab)
    assert (then.kind, then.topic, then.party, then.since) == ("topic", "dairy", "canada", "10d")


def test_a_bare_name_refines_and_a_person_keeps_the_topic(vocab: Vocabulary) -> None:
    first = parse("energy", vocab)
    then = follow_up(first, "AMLO?", vocab)
    assert (then.kind, then.topic, name_of(vocab, then)) == (
        "person",
        "energy",
        "Andrés Manuel López Obrador",
    )


def test_more_pages_and_earlier_widens_the_window(vocab: Vocabulary) -> None:
    first = parse("news on procurement this week", vocab)
    more = follow_up(first, "more", vocab)
    assert (more.kind, more.topic, more.offset, more.since) == ("latest", "procurement", 5, "7d")
    earlier = follow_up(first, "earlier?", vocab)
    assert (earlier.topic, earlier.since) == ("procurement", None)
    assert follow_up(earlier, "earlier", vocab).offset == 5


def test_a_complete_question_replaces_the_reading(vocab: Vocabulary) -> None:
    first = parse("what did lighthizer say about autos", vocab)
    fresh = follow_up(first, "where does mexico stand on energy", vocab)
    assert (fresh.kind, fresh.topic, fresh.party, fresh.person_id) == ("topic", "energy", "mexico", None)
    assert follow_up(first, "help", vocab).kind == "help"
    assert follow_up(None, "and dairy?", vocab).topic == "dairy"


def test_a_window_alone_narrows_the_last_question(vocab: Vocabulary) -> None:
    first = parse("the ISDS debate", vocab)
    then = follow_up(first, "only this week", vocab)
    assert (then.topic, then.since) == ("dispute-settlement", "7d")
