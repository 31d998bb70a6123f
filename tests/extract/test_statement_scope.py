"""A stance read in a story about other business is kept, but under the bar answers show: unless its
sentence names the pact or another partner. Invented copy."""

from __future__ import annotations

from store.extract.scope import OFF_NEGOTIATION_DISCOUNT

OPENING = (
    "DES MOINES — The Senate race tightened this week as both candidates toured county fairs and union "
    "halls, trading barbs over health care, school funding and the state budget."
)
STANCE = "House Democrats demanded stronger labor standards for factory workers at a rally on Tuesday."


def by_topic(result, topic: str) -> list[float]:  # type: ignore[no-untyped-def]
    return [s.confidence for s in result.statements if s.topic == topic]


def test_a_stance_in_a_story_about_other_business_falls_under_the_answer_bar(extract) -> None:  # type: ignore[no-untyped-def]
    campaign = extract(OPENING, STANCE)
    talks = extract(STANCE, title="NAFTA talks resume in Washington")
    assert not campaign.nafta
    assert talks.nafta
    [kept] = by_topic(talks, "labour")
    assert by_topic(campaign, "labour") == [round(kept * OFF_NEGOTIATION_DISCOUNT, 2)]
    assert kept >= 0.5 > round(kept * OFF_NEGOTIATION_DISCOUNT, 2)


def test_a_stance_naming_another_partner_keeps_its_confidence(extract) -> None:  # type: ignore[no-untyped-def]
    sentence = "Republican lawmakers pushed for an end to the steel tariffs on Canada at a rally on Tuesday."
    campaign = extract(OPENING, sentence)
    talks = extract(sentence, title="NAFTA talks resume in Washington")
    assert not campaign.nafta
    assert by_topic(campaign, "steel-aluminum") == by_topic(talks, "steel-aluminum") != []
