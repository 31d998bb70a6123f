"""Party stances in the many shapes news gives them: verb forms with tenses and auxiliaries, actors named
as groups, offices and administrations, topics named by back-reference. Invented copy of each kind."""

from __future__ import annotations

import pytest


def stances(result) -> set[tuple[str, str, str | None]]:  # type: ignore[no-untyped-def]
    return {(s.party, s.topic, s.stance) for s in result.statements}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "President Donald Trump had threatened to take the United States out of NAFTA altogether.",
            ("us", "withdrawal", "threatens"),
        ),
        (
            "Trump has repeatedly threatened to pull out of the North American Free Trade Agreement.",
            ("us", "withdrawal", "threatens"),
        ),
        (
            "The White House will give formal notice of its intent to withdraw from NAFTA, officials said.",
            ("us", "withdrawal", "threatens"),
        ),
        (
            "Ottawa looks set to offer U.S. farmers more access to its dairy market in the coming days.",
            ("canada", "dairy", "concedes"),
        ),
        (
            "Canada still wants to see Washington lift the steel and aluminum tariffs before it signs.",
            ("canada", "steel-aluminum", "demands"),
        ),
        (
            "Ontario's premier said Canada has called for the United States to drop its steel tariffs.",
            ("canada", "steel-aluminum", "demands"),
        ),
        (
            "Lighthizer said Ottawa must accept the terms on dairy by Friday or be left out of the pact.",
            ("us", "dairy", "threatens"),
        ),
        (
            "Mexico won changes that soften the rules of origin for cars built in its plants.",
            ("mexico", "autos", "demands"),
        ),
        (
            "Trump threatened steep tariffs on every imported car if the talks with Canada failed.",
            ("us", "autos", "threatens"),
        ),
        (
            "Senate Democrats sent the president a letter urging him not to go ahead with the new auto "
            "tariffs.",
            ("us-congress", "autos", "opposes"),
        ),
    ],
)
def test_verb_forms_tenses_and_auxiliaries(extract, sentence, expected) -> None:
    assert expected in stances(extract(sentence))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "More than 60 House Republicans signed a letter opposing the steel tariffs on Canada.",
            ("us-congress", "steel-aluminum", "opposes"),
        ),
        (
            "GOP lawmakers have pushed for a deal that keeps Chapter 19 panels.",
            ("us-congress", "dispute-settlement", "demands"),
        ),
        (
            "Democrats in the House want stronger enforcement of the labor rules.",
            ("us-congress", "labour", "demands"),
        ),
        (
            "The United Steelworkers, which has called for tougher labor standards in Mexico, backed it.",
            ("labour", "labour", "demands"),
        ),
        (
            "U.S. trade officials rejected Canada's proposal on dispute panels.",
            ("us", "dispute-settlement", "opposes"),
        ),
        (
            "Trudeau's government has said it will not accept a sunset clause.",
            ("canada", "sunset-clause", "opposes"),
        ),
    ],
)
def test_actors_named_as_groups_offices_and_administrations(extract, sentence, expected) -> None:
    assert expected in stances(extract(sentence))


def test_the_prime_minister_acts_for_the_country_the_story_is_about(extract) -> None:
    result = extract(
        "Justin Trudeau met provincial premiers in Ottawa on Monday.",
        "The prime minister rejected any new limits on Canada's dairy imports.",
    )
    assert ("canada", "dairy", "opposes") in stances(result)


def test_those_tariffs_take_the_topic_named_before(extract) -> None:
    result = extract(
        "Washington imposed tariffs on Canadian steel and aluminum in June.",
        "Trudeau told Trump the two leaders should work together to remove those tariffs.",
    )
    assert ("canada", "steel-aluminum", "demands") in stances(result)


@pytest.mark.parametrize(
    "sentence",
    [
        "Democrats in the House want to hold hearings on immigration next week.",
        "More than 100 Republicans voted for the tax bill in December.",
        "The prime minister of Japan rejected any new limits on car imports from China.",
        "Trump had threatened to fire the attorney general, officials said.",
        "The union's members will give notice of a strike at the plant on Friday.",
    ],
)
def test_no_stance_where_no_party_takes_one_on_the_negotiation(extract, sentence) -> None:
    assert stances(extract(sentence)) == set()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Ottawa and Mexico City have said the metals tariffs are unacceptable and should go.",
            ("canada", "steel-aluminum", "opposes"),
        ),
        (
            "Trump complained about Canada's high tariffs on dairy imports in a tweet on Tuesday.",
            ("us", "dairy", "opposes"),
        ),
        (
            "Senate Republicans pleaded with the president to drop the aluminum tariffs on Canada.",
            ("us-congress", "steel-aluminum", "demands"),
        ),
        (
            "Democrats got several wins, including tougher enforcement of the labor chapter.",
            ("us-congress", "labour", "demands"),
        ),
        (
            "The AFL-CIO is now demanding stronger labor enforcement in the revised pact.",
            ("labour", "labour", "demands"),
        ),
    ],
)
def test_verdicts_complaints_pleas_and_wins(extract, sentence, expected) -> None:
    assert expected in stances(extract(sentence))


def test_wanting_a_groups_backing_is_not_a_stance_on_its_topic(extract) -> None:
    assert (
        stances(extract("Democrats wanted the support of unions before any vote on the new pact.")) == set()
    )


def test_an_actors_relative_clause_ends_its_object(extract) -> None:
    result = extract(
        "Lighthizer, who backs the president's trade agenda, has doubts about the auto tariffs on Europe."
    )
    assert result.statements == ()


def test_a_bare_surname_is_not_a_namesake_of_someone_else_in_the_story(extract) -> None:
    result = extract(
        "Senator Bernie Sanders toured a steel mill in Ohio on Monday.",
        "Sanders has called for an end to the NAFTA rules that let companies move plants to Mexico.",
    )
    assert {s.party for s in result.statements} <= {"us-congress"}


def test_a_part_of_the_country_is_not_its_government(extract) -> None:
    result = extract("Under NAFTA, corporate America wants cheap labor from Mexico, critics say.")
    assert result.statements == ()


def test_a_demand_read_from_a_modal_verb_in_a_quote_stays_under_the_answer_bar(extract) -> None:
    from store.answers.queries import SHOWN_CONFIDENCE

    result = extract(
        "Freeland spoke to reporters about dairy in Ottawa on Monday.",
        "“Our dairy farmers have to get a fair deal,” Freeland said.",
    )
    demands = [s for s in result.statements if s.stance == "demands"]
    assert demands
    assert all(s.confidence < SHOWN_CONFIDENCE for s in demands)


def test_a_circumstance_after_a_comma_is_not_the_object(extract) -> None:
    result = extract(
        "Trump is demanding that Canada open its dairy market, under threat of a U.S. withdrawal from NAFTA."
    )
    assert stances(result) == {("us", "dairy", "demands")}


def test_a_title_abbreviation_is_not_a_sentence_end(extract) -> None:
    result = extract(
        "Sen. Bernie Sanders toured a steel mill in Ohio on Monday.",
        "Sanders has called for an end to the NAFTA rules that let companies move car plants to Mexico.",
    )
    assert {s.party for s in result.statements} <= {"us-congress"}
