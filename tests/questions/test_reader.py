"""The question reader on plain questions: intent, names, shorthand, typos, windows, out of scope.

Our own phrasings of each kind (never the evaluation set's). Each case is what ``ask --explain``
prints: (question, intent, topic, party, person, since).
"""

from __future__ import annotations

from datetime import date

import pytest

from handlers.query.parse import explain, parse
from handlers.query.vocabulary import Vocabulary, taxonomy_vocabulary
from store.taxonomy import load_taxonomy

TODAY = date(2026, 6, 15)
N = None

CASES = [
    # a topic, asked as a sentence
    ("where are we on the sunset provision?", "topic", "sunset-clause", N, N, N),
    ("what's the status of government procurement", "topic", "procurement", N, N, N),
    ("tell me about the digital chapter", "topic", "digital-trade", N, N, N),
    ("is supply management still a sticking point?", "topic", "dairy", N, N, N),
    ("explain the ISDS fight", "topic", "dispute-settlement", N, N, N),
    ("Ch. 19 panels", "topic", "dispute-settlement", N, N, N),
    ("where's the ROO debate at", "topic", "autos", N, N, N),
    ("IP", "topic", "intellectual-property", N, N, N),
    # topic and party
    ("How does Ottawa feel about the lumber duties?", "topic", "lumber", "canada", N, N),
    ("what are the Mexicans saying on energy", "topic", "energy", "mexico", N, N),
    ("Washington's demands on dairy", "topic", "dairy", "us", N, N),
    ("what does the US want on de minimis", "topic", "de-minimis", "us", N, N),
    ("do the unions like the new auto content rules?", "topic", "autos", "labour", N, N),
    ("farm groups on agriculture access", "topic", "agriculture", "farmers", N, N),
    # a person, alone or on a topic
    ("what has POTUS said lately", "person", N, N, "Donald Trump", N),
    ("USTR on autos", "person", "autos", N, "Robert Lighthizer", N),
    ("what did the PM say about supply management?", "person", "dairy", N, "Justin Trudeau", N),
    ("AMLO energy", "person", "energy", N, "Andrés Manuel López Obrador", N),
    ("lighthiser", "person", N, N, "Robert Lighthizer", N),
    ("guarjardo on steel tariffs", "person", "steel-aluminum", N, "Ildefonso Guajardo", N),
    ("Any quotes from Chrystia on the sunset clause?", "person", "sunset-clause", N, "Chrystia Freeland", N),
    ("what is Verhuel saying about dispute panels", "person", "dispute-settlement", N, "Steve Verheul", N),
    ("Mnuchin", "person", N, N, "Steven Mnuchin", N),
    # a party alone
    ("what do the Canadians want?", "party", N, "canada", N, N),
    ("Mexcio", "party", N, "mexico", N, N),
    ("where do lawmakers stand", "party", N, "us-congress", N, N),
    # latest, with and without names and windows
    ("what's new on autos today", "latest", "autos", N, N, "1d"),
    ("latest from Mexico City in the past 3 days", "latest", N, "mexico", N, "3d"),
    ("any updates?", "latest", N, N, N, N),
    ("what happened this week", "latest", N, N, N, "7d"),
    ("dairy news since February 2018", "latest", "dairy", N, N, "2018-02-01"),
    ("recent developments on procurement over the last two months", "latest", "procurement", N, N, "60d"),
    ("Ross since 2018-04-02", "person", N, N, "Wilbur Ross", "2018-04-02"),
    # timeline
    ("history of the dairy talks", "timeline", "dairy", N, N, N),
    ("autos timeline", "timeline", "autos", N, N, N),
    ("how has Canada's stance on the sunset clause changed?", "timeline", "sunset-clause", "canada", N, N),
    (
        "evolution of Mexico's position on energy since January 2018",
        "timeline",
        "energy",
        "mexico",
        N,
        "2018-01-01",
    ),
    # search
    ("who said the talks were on life support", "search", N, N, N, N),
    ('quotes mentioning "poison pill"', "search", N, N, N, N),
    ("did Lighthizer really say the deal was dead?", "search", N, N, "Robert Lighthizer", N),
    # topics and help
    ("which topics do you follow?", "topics", N, N, N, N),
    ("what can you do?", "help", N, N, N, N),
    ("hi", "help", N, N, N, N),
    # typos
    ("procurment", "topic", "procurement", N, N, N),
    ("sofwood lumber mexico", "topic", "lumber", "mexico", N, N),
    ("what about agricutlure", "topic", "agriculture", N, N, N),
    ("ruls of orign for trucks", "topic", "autos", N, N, N),
    ("Mexico's economy minister on wages", "person", "labour", N, "Ildefonso Guajardo", N),
    # the negotiation itself: the overview, or what is new in it
    ("tell me about the new NAFTA", "topics", N, N, N, N),
    ("what's going on in the talks today", "latest", N, N, N, "1d"),
    # out of scope and nonsense
    ("what's the forecast for Mexico City", "unknown", N, N, N, N),
    ("how are Ford shares doing", "unknown", N, N, N, N),
    ("what's happening with the TPP on dairy?", "unknown", N, N, N, N),
    ("where's the closest coffee shop", "unknown", N, N, N, N),
    ("brexit", "unknown", N, N, N, N),
    # a pronoun is not a country; a name that is a topic and a party is settled by the question
    ("tell us about autos", "topic", "autos", N, N, N),
    ("what do dairy farmers want?", "party", N, "farmers", N, N),
    ("what do automakers think of the steel tariffs", "topic", "steel-aluminum", "auto-industry", N, N),
    ("automakers", "topic", "autos", N, N, N),
]


def test_terse_grammar_is_unchanged(vocab: Vocabulary) -> None:
    assert parse("search sunset clause", vocab).words == "sunset clause"
    assert parse("subscribe weekly mon 08:00 dairy", vocab).kind == "subscription"
    assert (parse("lumber canada -p", vocab).kind, parse("lumber canada -p", vocab).private) == (
        "topic",
        True,
    )
    typo_and_stranger = parse("procurment widgets", vocab)
    assert typo_and_stranger.kind == "unknown"
    assert typo_and_stranger.suggestions[0].ref.slug == "procurement"  # type: ignore[union-attr]


def test_out_of_scope_says_so_and_what_it_can_do(vocab: Vocabulary) -> None:
    query = parse("what will the weather be in Ottawa", vocab)
    assert query.kind == "unknown"
    assert query.problem is not None
    assert "can't answer" in query.problem
    assert "help" in query.problem


def test_windows_are_read_against_today() -> None:
    from handlers.query.when import find_window, since_date

    assert find_window("news since april", TODAY)[0] == "2026-04-01"
    assert find_window("news since august", TODAY)[0] == "2025-08-01"
    assert find_window("in the last 48 hours", TODAY)[0] == "2d"
    assert since_date("7d", TODAY) == date(2026, 6, 8)
    assert since_date("2018-03-01", TODAY) == date(2018, 3, 1)


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return taxonomy_vocabulary(load_taxonomy())


@pytest.mark.parametrize(("text", "intent", "topic", "party", "person", "since"), CASES)
def test_plain_questions_read_as_meant(
    vocab: Vocabulary, text: str, intent: str, topic: str, party: str, person: str, since: str
) -> None:
    got = explain(text, vocab)
    assert {k: got[k] for k in ("intent", "topic", "party", "person", "since")} == {
        "intent": intent,
        "topic": topic,
        "party": party,
        "person": person,
        "since": since,
    }
