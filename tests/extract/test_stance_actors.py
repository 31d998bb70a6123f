"""Who holds a stance when the story names the actor indirectly: a leader by title alone, a pronoun for
a group named just before, two parties joined by "and", a leader telling another what should happen,
a union by its everyday name. Invented copy of each kind, with the look-alikes that must stay silent."""

from __future__ import annotations

import pytest


def stances(result) -> set[tuple[str, str, str | None]]:  # type: ignore[no-untyped-def]
    return {(s.party, s.topic, s.stance) for s in result.statements}


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (
            (
                "OTTAWA — The president has long mocked the old trade deal as a disaster for workers and "
                "had threatened to pull his country out of that three-country pact unless it was rewritten.",
            ),
            {("us", "withdrawal", "threatens")},
        ),
        (
            (
                "MEXICO CITY — Andrés Manuel López Obrador met his cabinet on Monday.",
                "The president had threatened to pull Mexico out of the trade deal if steel quotas stayed.",
            ),
            {("mexico", "withdrawal", "threatens")},
        ),
        (
            ("The Mexican president has threatened to pull out of NAFTA if the auto rules are not eased.",),
            {("mexico", "withdrawal", "threatens")},
        ),
        (
            (
                "The new deal drew broad backing from Democrats once they won changes strengthening its "
                "labor enforcement provisions.",
            ),
            {("us-congress", "labour", "demands")},
        ),
        (
            (
                "Farm groups and several Democrats still want to see the administration lift the steel and "
                "aluminum tariffs.",
            ),
            {("farmers", "steel-aluminum", "demands"), ("us-congress", "steel-aluminum", "demands")},
        ),
        (
            (
                "The duties on steel and aluminum have angered Ottawa for a year.",
                "Foreign Minister Chrystia Freeland told the U.S. trade representative over dinner that the "
                "two sides should move quickly to drop those tariffs.",
            ),
            {("canada", "steel-aluminum", "demands")},
        ),
        (
            (
                "The steelworkers' union, which has called for Washington to scrap NAFTA, backed the new "
                "levy on imports.",
            ),
            {("labour", "withdrawal", "demands")},
        ),
        (
            (
                "The autoworkers union, which had called for Congress to tear up NAFTA, praised the "
                "rules on car parts.",
            ),
            {("labour", "withdrawal", "demands")},
        ),
    ],
)
def test_indirect_actors_hold_the_stance(extract, paragraphs, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected <= stances(extract(*paragraphs))


@pytest.mark.parametrize(
    ("paragraphs", "absent"),
    [
        # a president, but of a farm bureau: nobody's government, nor is "he" after it
        (
            (
                "The president of the state farm bureau met growers in Des Moines on Monday.",
                "He has threatened to pull out of NAFTA talks over dairy access.",
            ),
            ("us", "withdrawal", "threatens"),
        ),
        # the president of the story is Mexico's, not the default
        (
            (
                "MEXICO CITY — Andrés Manuel López Obrador met his cabinet on Monday.",
                "The president had threatened to pull Mexico out of the trade deal if steel quotas stayed.",
            ),
            ("us", "withdrawal", "threatens"),
        ),
        # "A and B": economists are not a party, so only the business groups want it
        (
            (
                "Business groups and some economists still want to see the White House lift the steel and "
                "aluminum tariffs.",
            ),
            ("us-congress", "steel-aluminum", "demands"),
        ),
        # few of them hold it
        (
            ("Even in farm states, few lawmakers wanted the White House to tear up NAFTA.",),
            ("us-congress", "withdrawal", "demands"),
        ),
        # farmers named in passing after a preposition and an adjective
        (
            ("The ad shows clips of local farmers complaining about the steel and aluminum tariffs.",),
            ("farmers", "steel-aluminum", "opposes"),
        ),
        # "they" are the envoys, not Canada
        (
            ("Canada welcomed the two envoys after they demanded more access to the dairy market.",),
            ("canada", "dairy", "demands"),
        ),
        # reported speech with no stance in it
        (
            (
                "The tariffs on steel and aluminum were a theme of the visit.",
                "Prime Minister Justin Trudeau told reporters at the summit that the two leaders should meet "
                "again in the spring.",
            ),
            ("canada", "steel-aluminum", "demands"),
        ),
    ],
)
def test_look_alike_actors_hold_nothing(extract, paragraphs, absent) -> None:  # type: ignore[no-untyped-def]
    assert absent not in stances(extract(*paragraphs))


def test_a_conjunct_that_is_no_party_gets_nothing(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract(
        "Business groups and some economists still want to see the White House lift the steel and "
        "aluminum tariffs."
    )
    assert stances(result) == {("business", "steel-aluminum", "demands")}
