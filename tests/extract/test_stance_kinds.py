"""Kinds of stance text beyond plain verbs: honorifics without a full stop, threats and offers on a
condition, a stance in a relative clause on its object, the many ways of ending the pact, pleas against a
measure, adjectives inside a cue, an official's praise of the new deal. Invented copy of each kind, with
the look-alikes that must stay silent (an economist's "or face", a forecast's "if", a columnist's praise)."""

from __future__ import annotations

import pytest

from tests.extract.conftest import said

_TALKS = "Negotiators from the three NAFTA countries met again in Washington on Tuesday."
_DEAL = "The three countries signed the new NAFTA deal on Friday after a year of talks."


def stances(result) -> set[tuple[str, str, str | None]]:  # type: ignore[no-untyped-def]
    return {(s.party, s.topic, s.stance) for s in result.statements}


# ------------------------------------------------------------------ 1. honorifics without a full stop


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Mr Trudeau rejected the American proposal on dairy quotas.", ("canada", "dairy", "opposes")),
        ("Ms Freeland rejected the American proposal on dairy quotas.", ("canada", "dairy", "opposes")),
        ("Mrs Freeland rejected the American proposal on dairy quotas.", ("canada", "dairy", "opposes")),
        ("Dr Guajardo rejected the American proposal on dairy quotas.", ("mexico", "dairy", "opposes")),
    ],
)
def test_an_honorific_without_a_full_stop_names_the_person(extract, sentence, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in stances(extract(_TALKS, sentence))


def test_an_honorific_without_a_full_stop_attributes_a_quote(extract) -> None:  # type: ignore[no-untyped-def]
    with_stop = extract(_TALKS, '"We will not accept a sunset clause in this deal," Mr. Trudeau said.')
    without = extract(_TALKS, '"We will not accept a sunset clause in this deal," Mr Trudeau said.')
    assert (
        said(without)
        == said(with_stop)
        == [("We will not accept a sunset clause in this deal,", "Justin Trudeau")]
    )
    assert ("canada", "sunset-clause", "opposes") in stances(without)


def test_an_honorific_before_an_unknown_surname_is_nobody_s_party(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract(_TALKS, "Mr Haldane rejected the American proposal on dairy quotas.")
    assert not any(s.topic == "dairy" for s in result.statements)


# ------------------------------------------------------------------ 2. conditional threats and offers


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (
            (_TALKS, "If our partners refuse a fair deal, the president will give notice of withdrawal."),
            ("us", "withdrawal", "threatens"),
        ),
        (
            (_TALKS, '"Carmakers should build their cars here or pay a big border tax!" Trump wrote online.'),
            ("us", "autos", "threatens"),
        ),
        (
            (
                _TALKS,
                '"Ottawa must sign by Friday or face exclusion from the pact," Lighthizer told reporters.',
            ),
            ("us", "withdrawal", "threatens"),
        ),
        (
            (_TALKS, "Lighthizer said Mexico has to settle the auto rules soon or be left out of the deal."),
            ("us", "withdrawal", "threatens"),
        ),
        (
            (
                _TALKS,
                "Trump warned carmakers that they should build their cars here or pay a big border tax.",
            ),
            ("us", "autos", "threatens"),
        ),
        (
            (
                _TALKS,
                "Trump said he would lift the metals tariffs on Canada and Mexico if a new deal were signed.",
            ),
            ("us", "steel-aluminum", "proposes"),
        ),
    ],
)
def test_threats_and_offers_on_a_condition(extract, paragraphs, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in stances(extract(*paragraphs))


@pytest.mark.parametrize(
    "paragraphs",
    [
        # an economist's "or face" is advice, not a party's threat
        (
            _TALKS,
            '"Ottawa must sign by Friday or face exclusion from the pact," said Nadia Brill, an economist '
            "at a Toronto bank.",
        ),
        # ... nor in narration
        (
            _TALKS,
            "An economist at the bank said carmakers should build their cars here or pay a big border tax.",
        ),
        # a forecast's "if": nobody threatens anything
        (
            _TALKS,
            "If the talks fail, Trump could pull out of NAFTA next year, analysts at the bank forecast.",
        ),
        # a forecast of what a party would do on a condition
        (_TALKS, "Analysts said Washington would lift the metals tariffs if a new deal were signed."),
        (_TALKS, "Economists expect Trump will pull out of NAFTA if the talks collapse."),
        # the subject of an if-clause holds no stance
        (_TALKS, "If Canada refuses the dairy proposal, talks could drag into next year, analysts said."),
    ],
)
def test_conditions_that_are_no_party_s_threat(extract, paragraphs) -> None:  # type: ignore[no-untyped-def]
    found = stances(extract(*paragraphs))
    assert not {s for s in found if s[2] in ("threatens", "opposes", "proposes")}


def test_a_quote_s_own_stance_wins_over_a_threat_it_reports(extract) -> None:  # type: ignore[no-untyped-def]
    found = stances(
        extract(
            _TALKS,
            '"We reject the proposal on car parts, even if Washington may impose tariffs on cars," '
            "Ms Freeland said.",
        )
    )
    assert ("canada", "autos", "opposes") in found
    assert ("canada", "autos", "threatens") not in found


# ------------------------------------------------------------------ 3. a stance in a relative clause


def test_a_stance_in_a_relative_clause_on_its_object(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract(
        _TALKS,
        "The 25% tariff on imported cars that the president has threatened would hit plants in Mexico.",
    )
    assert ("us", "autos", "threatens") in stances(result)
    assert max(s.confidence for s in result.statements if s.topic == "autos") >= 0.5


def test_a_relative_clause_after_a_comma(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract(_TALKS, "The metals tariffs, which Ottawa opposes, remain in force for now.")
    assert ("canada", "steel-aluminum", "opposes") in stances(result)


def test_the_condition_of_an_offer_is_not_its_topic(extract) -> None:  # type: ignore[no-untyped-def]
    found = stances(
        extract(_TALKS, "Ottawa will ease its dairy quotas if Washington drops its sunset clause.")
    )
    assert ("canada", "dairy", "proposes") in found
    assert ("canada", "sunset-clause", "proposes") not in found


def test_a_complement_clause_after_said_is_not_a_relative_clause(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract(_TALKS, "Officials on the dairy file said that Washington threatened, then moved on.")
    confident = {(s.party, s.topic, s.stance) for s in result.statements if s.confidence >= 0.6}
    assert ("us", "dairy", "threatens") not in confident


# ------------------------------------------------------------------ 4. ending the pact


@pytest.mark.parametrize(
    "sentence",
    [
        "Trump has threatened to crater the deal if Canada does not budge.",
        "The president threatened again to torpedo NAFTA.",
        "Trump has repeatedly threatened to walk away from the pact.",
        "Trump threatened to cut Canada out of the agreement.",
        "Trump said Canada must come around by Friday or face exclusion from the pact.",
    ],
)
def test_ways_of_ending_the_pact_are_withdrawal(extract, sentence) -> None:  # type: ignore[no-untyped-def]
    assert ("us", "withdrawal", "threatens") in stances(extract(_TALKS, sentence))


def test_a_demand_on_a_topic_enforced_by_exclusion_keeps_its_topic(extract) -> None:  # type: ignore[no-untyped-def]
    found = stances(
        extract(_TALKS, "Trump said Ottawa must open its milk market or face exclusion from the pact.")
    )
    assert {("us", "withdrawal", "threatens"), ("us", "dairy", "threatens")} <= found


def test_killing_something_else_is_not_withdrawal(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract(_TALKS, "Trump threatened to kill the proposal on dairy quotas.")
    assert not any(s.topic == "withdrawal" for s in result.statements)


# ------------------------------------------------------------------ 5. pleas


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Senate Democrats sent the president a letter begging him not to move forward with tariffs on "
            "imported cars.",
            ("us-congress", "autos", "opposes"),
        ),
        (
            "Farm groups implored the White House not to go ahead with the steel tariffs.",
            ("farmers", "steel-aluminum", "opposes"),
        ),
    ],
)
def test_a_plea_against_a_measure_is_opposition(extract, sentence, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in stances(extract(_TALKS, sentence))


def test_a_plea_against_something_else_is_no_opposition_to_the_measure(extract) -> None:  # type: ignore[no-untyped-def]
    found = stances(extract(_TALKS, "Ottawa urged Washington not to retaliate against the dairy quotas."))
    assert ("canada", "dairy", "opposes") not in found


def test_a_refused_offer_is_no_offer(extract) -> None:  # type: ignore[no-untyped-def]
    found = stances(
        extract(_TALKS, "Trump would not lift the metals tariffs if Canada kept its dairy quotas.")
    )
    assert ("us", "steel-aluminum", "proposes") not in found


def test_a_plea_for_a_measure_is_a_demand(extract) -> None:  # type: ignore[no-untyped-def]
    found = stances(extract(_TALKS, "Farm groups begged the White House to lift the steel tariffs."))
    assert ("farmers", "steel-aluminum", "demands") in found
    assert ("farmers", "steel-aluminum", "opposes") not in found


# ------------------------------------------------------------------ 6. adjectives inside a cue


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Washington wants increased access to Canada's highly protected dairy market.",
            ("us", "dairy", "demands"),
        ),
        ("Ottawa offered more access to its heavily guarded milk sector.", ("canada", "dairy", "proposes")),
    ],
)
def test_adjectives_between_determiner_and_noun_keep_the_cue(extract, sentence, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in stances(extract(_TALKS, sentence))


def test_a_protected_market_elsewhere_is_no_stance_on_dairy(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract(_TALKS, "Washington wants increased access to Japan's highly protected rice market.")
    assert not any(s.topic == "dairy" for s in result.statements)


# ------------------------------------------------------------------ 7. an official's praise of the new deal


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        (
            '"What the new agreement does is put in place tougher labor standards," Lighthizer said.',
            ("us", "labour", "supports"),
        ),
        (
            '"One of the great things about this agreement is the new labor standards," Mr Guajardo said.',
            ("mexico", "labour", "supports"),
        ),
        (
            '"The best part of this deal is the stronger patent protection," Ms Freeland said.',
            ("canada", "intellectual-property", "supports"),
        ),
    ],
)
def test_an_official_praising_the_new_deal_supports_it(extract, quote, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in stances(extract(_DEAL, quote))


def test_a_columnist_praising_the_new_deal_is_no_party(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract(
        _DEAL,
        '"The best part of this deal is the stronger patent protection," wrote Tom Walsh, a columnist at '
        "the Detroit Free Press.",
    )
    assert [q.party for q in result.quotes] == [None]
    assert not any(s.stance == "supports" for s in result.statements)
