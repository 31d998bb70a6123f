"""Party stances (the grammatical actor's) and chapter statuses, from invented copy of each kind."""

from __future__ import annotations

import re

import pytest

from store.extract import stance_rules as rules
from store.extract.positions import top_level
from store.extract.scope import OFF_SUBJECTS, PACT_NAMES
from store.extract.topics import SENSES
from store.taxonomy import load_taxonomy


def stances(result) -> set[tuple[str, str, str | None]]:  # type: ignore[no-untyped-def]
    return {(s.party, s.topic, s.stance) for s in result.statements}


def statuses(result) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(s.topic, s.status) for s in result.statuses}


# ------------------------------------------------------------------ stances


def test_the_party_is_the_actor_not_a_party_merely_named(extract) -> None:
    result = extract("Canada rejected the U.S. demand to dismantle its dairy quotas on Friday.")
    assert stances(result) == {("canada", "dairy", "opposes")}


def test_a_person_acts_for_their_party(extract) -> None:
    result = extract("Chrystia Freeland defended Chapter 19 panels in a speech in Toronto.")
    assert stances(result) == {("canada", "dispute-settlement", "defends")}


def test_a_pronoun_actor_is_resolved_from_the_sentence_before(extract) -> None:
    result = extract(
        "Robert Lighthizer flew to Mexico City on Sunday for another round.",
        "He threatened tariffs on cars built with too few North American parts.",
    )
    assert stances(result) == {("us", "autos", "threatens")}


def test_an_unresolved_pronoun_actor_is_dropped(extract) -> None:
    result = extract("He rejected the proposal on dairy quotas outright.")
    assert result.statements == ()


def test_such_a_provision_takes_the_topic_named_before(extract) -> None:
    result = extract(
        "Washington has pressed for a sunset clause that would end the pact after five years.",
        "Mexico balked at such a provision on Tuesday, saying investors need certainty.",
    )
    assert ("mexico", "sunset-clause", "opposes") in stances(result)
    assert ("us", "sunset-clause", "demands") in stances(result)


def test_a_possessive_stance_names_its_actor(extract) -> None:
    result = extract("Talks stalled over the Trump administration's push for tighter auto rules of origin.")
    assert ("us", "autos", "demands") in stances(result)


def test_opposition_from_a_party_is_that_partys(extract) -> None:
    result = extract(
        "The plan to raise steel tariffs again has met fierce opposition from Ottawa and Mexico City."
    )
    assert stances(result) == {
        ("canada", "steel-aluminum", "opposes"),
        ("mexico", "steel-aluminum", "opposes"),
    }


def test_headlines_and_link_text_are_never_statements(extract) -> None:
    result = extract(
        "Canada rejects U.S. dairy demands",
        "Related: Mexico backs auto rules in new offer",
        "The negotiators will meet again next week.",
    )
    assert result.statements == ()


def test_a_sentence_about_china_is_not_a_position_on_the_negotiation(extract) -> None:
    result = extract(
        "The United States wants China to buy more soybeans and corn from American farmers.",
    )
    assert result.statements == ()


def test_agreeing_to_negotiate_is_not_a_stance_on_a_chapter(extract) -> None:
    result = extract(
        "Dairy has been the hardest file all summer.",
        "Canada and the United States agreed to negotiate in private, so little is known about these talks.",
    )
    assert result.statements == ()


def test_a_threat_to_leave_the_pact_is_about_withdrawal(extract) -> None:
    result = extract("President Donald Trump renewed his threat to scrap NAFTA in a late-night tweet.")
    assert stances(result) == {("us", "withdrawal", "threatens")}


# ------------------------------------------------------------------ statuses


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Negotiators closed the chapter on energy late on Friday.", ("energy", "agreed")),
        ("The two sides remain far apart on dairy after a week of talks.", ("dairy", "deadlocked")),
        ("Officials reported a breakthrough on autos in the overnight session.", ("autos", "converging")),
        (
            "Canada tabled a proposal on dispute settlement panels on Monday.",
            ("dispute-settlement", "proposals tabled"),
        ),
    ],
)
def test_status_wordings(extract, sentence, expected) -> None:
    assert statuses(extract(sentence)) == {expected}


def test_a_reported_deal_makes_its_contents_agreed_and_old_blockers_history(extract) -> None:
    result = extract(
        "The United States and Mexico reached a deal on Monday after five weeks of talks.",
        "Auto rules of origin had been the main sticking point.",
        "Under the new rules, 75 percent of the parts in cars must come from North America.",
        "The agreement also includes stronger protection for patents.",
    )
    assert statuses(result) == {("autos", "agreed"), ("intellectual-property", "agreed")}


def test_status_sentences_about_other_business_are_skipped(extract) -> None:
    result = extract("Washington and Beijing remain far apart on soybeans and Chinese steel.")
    assert result.statuses == ()


# ------------------------------------------------------------------ the rule tables


def _phrases(table: dict[str, tuple[str, ...]]) -> list[str]:
    return [alt for phrases in table.values() for p in phrases for alt in top_level(p)]


@pytest.mark.parametrize(
    "table", [rules.STANCES, rules.NOMINAL_STANCES, rules.FROM_STANCES, rules.QUOTE_STANCES, rules.STATUSES]
)
def test_rule_tables_have_no_duplicate_phrases_and_compile(table) -> None:
    phrases = _phrases(table)
    assert len(phrases) == len(set(phrases)), [p for p in phrases if phrases.count(p) > 1]
    for name, alternatives in table.items():
        re.compile("|".join(alternatives))
        assert alternatives, name


def test_stances_and_statuses_use_the_contract_vocabulary() -> None:
    allowed = {"demands", "opposes", "proposes", "supports", "defends", "concedes", "threatens"}
    for table in (rules.STANCES, rules.NOMINAL_STANCES, rules.FROM_STANCES, rules.QUOTE_STANCES):
        assert set(table) <= allowed
    assert set(rules.STATUSES) == {"proposals tabled", "deadlocked", "converging", "agreed"}


def test_scope_and_sense_tables_are_consistent() -> None:
    off = [form for forms in OFF_SUBJECTS.values() for form in forms]
    assert len(off) == len(set(off))
    assert not set(off) & set(PACT_NAMES)
    synonyms = {s.lower() for t in load_taxonomy().topics for s in (*t.synonyms, *t.described)}
    assert set(SENSES) <= synonyms, set(SENSES) - synonyms


def test_a_bare_surname_met_in_an_earlier_article_still_acts_for_its_party() -> None:
    from store.extract import Extractor, KnownPerson

    text = "Trump threatened tariffs on cars built with too few North American parts."
    fresh = Extractor(load_taxonomy()).extract(text)
    later = Extractor(load_taxonomy(), [KnownPerson("Trump", None, None, None, False)]).extract(text)
    assert stances(fresh) == stances(later) == {("us", "autos", "threatens")}
