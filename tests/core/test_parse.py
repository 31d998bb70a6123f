"""The grammar of `/nafta TEXT`: what each kind of input resolves to, hostile input included."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from handlers.query.parse import MAX_QUERY_CHARS, Query, parse
from handlers.query.vocabulary import Vocabulary, build_vocabulary
from handlers.typed import typed_text


@pytest.fixture
def vocab(session: Session) -> Vocabulary:
    return build_vocabulary(session, revision=0)


@pytest.mark.parametrize(
    "text", ["autos", "cars", "auto", "rules of origin", "autoz", "Rules-of-Origin", "VEHICLES"]
)
def test_synonyms_and_typos_reach_autos(vocab: Vocabulary, text: str) -> None:
    query = parse(text, vocab)
    assert (query.kind, query.topic, query.party) == ("topic", "autos", None)


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("autos canada", "canada"),
        ("autos Ottawa", "canada"),
        ("canada autos", "canada"),
        ("autos u.s.", "us"),
        ("cars mexico", "mexico"),
    ],
)
def test_a_party_narrows_a_topic(vocab: Vocabulary, text: str, party: str) -> None:
    query = parse(text, vocab)
    assert (query.kind, query.topic, query.party) == ("topic", "autos", party)


def test_people_parties_and_commands(vocab: Vocabulary) -> None:
    lighthizer = parse("lighthizer", vocab)
    assert lighthizer.kind == "person"
    assert vocab.person(lighthizer.person_id or 0).name == "Robert Lighthizer"
    assert parse("Mr. Lighthizer", vocab).person_id == lighthizer.person_id
    assert (parse("mexico", vocab).kind, parse("mexico", vocab).party) == ("party", "mexico")
    assert parse("", vocab).kind == "help"
    assert parse("help", vocab).kind == "help"
    assert parse("topics", vocab).kind == "topics"
    assert parse("latest", vocab).kind == "latest"
    assert (parse("search dairy quotas", vocab).kind, parse("search dairy quotas", vocab).words) == (
        "search",
        "dairy quotas",
    )
    assert parse("search", vocab).kind == "invalid"
    assert parse("subscribe daily 08:00 autos", vocab).kind == "subscription"
    assert parse("procurement", vocab).topic == "procurement"
    assert parse("online purchases", vocab).topic == "de-minimis"


def test_private_flag_is_peeled_off(vocab: Vocabulary) -> None:
    for text in ("autos private", "autos -p"):
        query = parse(text, vocab)
        assert (query.kind, query.topic, query.private) == ("topic", "autos", True)
    assert parse("autos", vocab).private is False


def test_close_typos_resolve_and_distant_ones_get_suggestions(vocab: Vocabulary) -> None:
    assert parse("diary", vocab).topic == "dairy"
    assert parse("mexcio", vocab).party == "mexico"
    vague = parse("procurment rules", vocab)
    assert vague.kind == "unknown"
    assert [m.ref.slug for m in vague.suggestions][:1] == ["procurement"]  # type: ignore[union-attr]
    assert parse("qwertyuiop", vocab).kind == "unknown"


@pytest.mark.parametrize(
    "hostile",
    [
        "x" * 5000,
        "autos\x00\x07\x1b[31m",
        "'; DROP TABLE quote; --",
        "autos' OR '1'='1",
        "<!channel> autos",
        "\u202eautos\u200b",
        "🚗🚗🚗",
        "   \t\n  ",
    ],
)
def test_hostile_input_parses_to_something_safe(vocab: Vocabulary, hostile: str) -> None:
    query = parse(hostile, vocab)
    assert query.kind in {"topic", "unknown", "invalid", "help"}
    assert len(query.text) <= MAX_QUERY_CHARS
    assert all(c.isprintable() for c in query.text)


def test_control_characters_are_removed() -> None:
    assert typed_text("aut\x00os\u200b  canada") == "aut os canada"


def test_button_values_round_trip_and_reject_garbage() -> None:
    query = Query("topic", topic="autos", party="canada", offset=5)
    again = Query.from_value(query.to_value())
    assert (again.kind, again.topic, again.party, again.offset) == ("topic", "autos", "canada", 5)
    assert len(query.to_value()) <= 2000
    for garbage in ("", "{", "[]", '{"k": "drop"}', '{"k": "topic", "o": "x"}'):
        assert Query.from_value(garbage).kind == "invalid"
