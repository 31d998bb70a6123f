"""Chapter statuses from the way news describes a concluded deal: what the new pact contains, its topics
named in everyday words rather than the chapter's name. Invented copy of each kind."""

from __future__ import annotations

import pytest


def statuses(result) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(s.topic, s.status) for s in result.statuses}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The revised pact includes new limits on how much of a vehicle can be assembled outside North "
            "America, opens Canada's milk market slightly wider and carries a 16-year expiry clause.",
            {("autos", "agreed"), ("dairy", "agreed"), ("sunset-clause", "agreed")},
        ),
        (
            "Among the changes are stricter labor rules for Mexican plants, more access for U.S. dairy "
            "farmers, and longer protection for patents.",
            {("labour", "agreed"), ("dairy", "agreed"), ("intellectual-property", "agreed")},
        ),
        (
            "The USMCA also widens access to Canada's dairy market and protects Ottawa from any future U.S. "
            "tariffs on cars.",
            {("dairy", "agreed"), ("autos", "agreed")},
        ),
        (
            "The new agreement requires that 40 percent of a car be made by workers earning at least $16 an "
            "hour.",
            {("autos", "agreed"), ("labour", "agreed")},
        ),
        (
            "The updated deal sets a review of the pact every six years and raises the duty-free limit for "
            "online shoppers in Canada.",
            {("sunset-clause", "agreed"), ("de-minimis", "agreed")},
        ),
        (
            "The new pact also puts in place rules for e-commerce and cross-border data and opens "
            "government contracts to bidders from all three countries.",
            {("digital-trade", "agreed"), ("procurement", "agreed")},
        ),
    ],
)
def test_what_the_new_deal_contains_is_agreed(extract, sentence, expected) -> None:
    result = extract(
        "The United States, Canada and Mexico reached a new trade agreement late on Sunday.", sentence
    )
    assert statuses(result) == expected


def test_the_deal_named_for_what_it_is_needs_no_report_of_the_deal_done(extract) -> None:
    result = extract("The new NAFTA gives U.S. farmers more access to Canada's dairy market.")
    assert statuses(result) == {("dairy", "agreed")}


def test_which_parts_proved_hardest_in_a_deal_done_were_agreed(extract) -> None:
    result = extract(
        "Negotiators struck a deal on Sunday night. The agreement follows a year of talks, with "
        "agreement on new rules for car parts and milk proving the hardest."
    )
    assert statuses(result) == {("autos", "agreed"), ("dairy", "agreed")}


def test_what_it_contains_in_the_words_of_an_official(extract) -> None:
    result = extract(
        "The three countries signed the new agreement on Friday.",
        "“What this new agreement does is put in place far stronger labor standards,” the minister said.",
    )
    assert ("labour", "agreed") in statuses(result)


def test_what_a_deal_would_contain_while_talks_go_on_is_not_agreed(extract) -> None:
    result = extract(
        "Canada and the United States are still talking this week.",
        "Washington wants a deal that includes tighter rules for cars and more access to the dairy market.",
        "Any new agreement would have to include stronger labor rules, Democrats said.",
    )
    assert statuses(result) == set()


def test_the_old_pact_described_is_not_an_agreement_reached(extract) -> None:
    result = extract(
        "NAFTA, which took effect in 1994, includes a chapter on energy and eliminated most tariffs on cars.",
        "The pact has let automakers build supply chains across the three countries.",
    )
    assert statuses(result) == set()


def test_a_deal_that_leaves_something_out_has_not_agreed_it(extract) -> None:
    result = extract(
        "The three countries reached a new agreement on Sunday.",
        "The new agreement contains no protections for biologic drugs and does not settle the dispute "
        "over softwood lumber.",
    )
    assert statuses(result) == set()


@pytest.mark.parametrize(
    ("phrase", "topic"),
    [
        ("how much of a car must be made in North America", "autos"),
        ("the share of truck parts built in the region", "autos"),
        ("access to the Canadian milk market", "dairy"),
        ("easier unionization at Mexican factories", "labour"),
        ("longer copyright terms", "intellectual-property"),
        ("the pact would expire after 16 years unless renewed", "sunset-clause"),
        ("a review every six years", "sunset-clause"),
        ("bids for government contracts", "procurement"),
        ("the duty-free limit for online shoppers", "de-minimis"),
        ("cross-border data flows", "digital-trade"),
    ],
)
def test_descriptive_topic_wordings_are_cues(extractor, phrase, topic) -> None:
    assert topic in extractor.topics.find(f"The deal sets {phrase} for trade."), phrase


@pytest.mark.parametrize(
    "sentence",
    [
        "The senator faces the voters every six years, like every other senator.",
        "Her mother worked at a Mexican factory for decades before she ran for office.",
        "The committee reviewed the contracts for the new border wall.",
    ],
)
def test_descriptive_cues_keep_their_sense(extractor, sentence) -> None:
    assert extractor.topics.find(sentence) == ()


def test_a_forecast_of_what_the_deal_will_do_is_not_its_content(extract) -> None:
    result = extract(
        "The three countries signed the USMCA on Friday.",
        "The new trade deal would boost U.S. farm exports by $2 billion, a government study found.",
    )
    assert statuses(result) == set()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Under the new NAFTA, U.S. farmers will sell more milk in Canada.", {("dairy", "agreed")}),
        ("The pact is also subject to a review every six years.", {("sunset-clause", "agreed")}),
        (
            "The revised USMCA deal will require more of each car to be built in the region.",
            {("autos", "agreed")},
        ),
    ],
)
def test_more_ways_of_saying_what_the_deal_holds(extract, sentence, expected) -> None:
    result = extract("Negotiators clinched a deal on Sunday night.", sentence)
    assert statuses(result) == expected


def test_how_sure_each_kind_of_status_is(extract) -> None:
    from store.answers.queries import STATUS_CONFIDENT

    result = extract(
        "The United States and Canada reached a deal on Sunday. The new pact opens Canada's dairy market.",
        "Negotiators reported progress on autos, while energy remained a sticking point.",
    )
    sure = {(s.topic, s.status) for s in result.statuses if s.confidence >= STATUS_CONFIDENT}
    shaky = {(s.topic, s.status) for s in result.statuses if s.confidence < STATUS_CONFIDENT}
    assert sure == {("dairy", "agreed")}
    assert ("energy", "deadlocked") in shaky
