"""What a quote is about (topics, strength, negotiation scope), read as a trade reporter would.

Each test is one class of misreading, written as invented copy of the same kind."""

from __future__ import annotations

import pytest


def topics_of(result, needle: str) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    return next(q.topics for q in result.quotes if needle in q.text)


def quote(result, needle: str):  # type: ignore[no-untyped-def]
    return next(q for q in result.quotes if needle in q.text)


# ------------------------------------------------------------------ topic sense checks


@pytest.mark.parametrize(
    ("paragraph", "needle", "not_topic"),
    [
        (
            "“We are putting up a steel barrier along the border, and Mexico will see it,” the governor "
            "said at a rally about the border wall.",
            "steel barrier",
            "steel-aluminum",
        ),
        (
            "“Our withdrawal from the Iran nuclear agreement was the right call,” the senator said on "
            "Tuesday.",
            "withdrawal",
            "withdrawal",
        ),
        (
            "“She brought the same energy to the campaign trail that she brings everywhere,” her aide said.",
            "same energy",
            "energy",
        ),
        (
            "“A digital currency run by the central bank would change how people pay,” the committee "
            "chairman said at a hearing on digital currencies.",
            "digital currency",
            "digital-trade",
        ),
        (
            "“The Auto Alliance will keep watching,” said Marta Quill, who chairs the board of a "
            "Detroit museum.",
            "keep watching",
            "autos",
        ),
    ],
)
def test_a_cue_word_in_another_sense_is_not_the_topic(extract, paragraph, needle, not_topic) -> None:
    result = extract(paragraph)
    assert not_topic not in topics_of(result, needle)


def test_the_same_cue_in_its_trade_sense_is_the_topic(extract) -> None:
    result = extract(
        "“Steel tariffs on Canada make no sense for our mills,” the union leader said.",
        "“We could withdraw from NAFTA within six months,” the president said.",
        "“Pemex must open the energy sector to private oil investment,” the minister said.",
    )
    assert "steel-aluminum" in topics_of(result, "Steel tariffs")
    assert "withdrawal" in topics_of(result, "withdraw from NAFTA")
    assert "energy" in topics_of(result, "Pemex")


def test_the_attribution_after_a_quote_does_not_lend_it_a_topic(extract) -> None:
    result = extract(
        "“Nobody in this room wants a deal at any price,” said Hal Brandt, a cattle rancher and "
        "chairman of the regional farm lobby."
    )
    assert topics_of(result, "any price") == ()


def test_a_general_remark_about_the_talks_has_no_topic(extract) -> None:
    result = extract(
        "Negotiators met for a fourth day in Washington to discuss dairy and autos.",
        "“We are making progress, and we will keep at it,” the Mexican negotiator said.",
    )
    assert topics_of(result, "making progress") == ()


def test_own_words_are_strength_one_and_the_sentence_half(extract) -> None:
    result = extract(
        "“Cars built here need more North American parts,” the minister said.",
        "Asked about supply management for dairy, Freeland replied that “nothing is settled.”",
    )
    own = quote(result, "North American parts")
    assert (own.topics, own.topic_strengths) == (("autos",), (1.0,))
    lent = quote(result, "nothing is settled")
    assert (lent.topics, lent.topic_strengths) == (("dairy",), (0.5,))


def test_a_continued_quote_keeps_the_topic_of_its_first_half(extract) -> None:
    result = extract(
        "“Our dairy farmers cannot absorb another cut,” said Ina Marsh, a trade lawyer. "
        "“It would finish half of them.”"
    )
    second = quote(result, "finish half")
    assert second.topics == ("dairy",)
    assert second.topic_strengths[0] < 1.0


def test_a_quote_pointing_back_at_the_measure_takes_the_stories_topic(extract) -> None:
    result = extract(
        "Washington slapped tariffs on steel and aluminum from Canada and Mexico on Thursday.",
        "Steel producers and aluminum smelters said the metals duties would hurt them.",
        "“These tariffs will cost jobs on both sides of the border,” said Colin Pratt, who runs a "
        "bottling plant in Ohio.",
        title="U.S. imposes steel tariffs on its NAFTA partners",
    )
    assert topics_of(result, "cost jobs") == ("steel-aluminum",)


# ------------------------------------------------------------------ negotiation scope


def test_quotes_about_other_business_are_out_of_scope(extract) -> None:
    result = extract(
        "Canada and Mexico resumed NAFTA talks on autos in Washington on Monday.",
        "“China has to stop stealing our technology,” the president said at the same event.",
        "“Mexico will never pay for the wall,” the Mexican foreign minister said later.",
        "“We are hopeful on the auto rules,” Ildefonso Guajardo said of the NAFTA round.",
        title="NAFTA talks resume",
    )
    assert quote(result, "stealing our technology").nafta is False
    assert quote(result, "pay for the wall").nafta is False
    assert quote(result, "hopeful on the auto rules").nafta is True
    assert result.nafta is True


def test_a_quote_naming_the_pact_beside_china_is_in_scope(extract) -> None:
    result = extract("“First it was NAFTA, and next it will be China,” the analyst said of the campaign.")
    assert result.quotes[0].nafta is True


def test_a_neutral_quote_reads_its_paragraph_and_its_neighbours(extract) -> None:
    result = extract(
        "Lawmakers in Ottawa debated the new NAFTA text on Wednesday, and Canada's dairy farmers "
        "lobbied outside.",
        "“We will see what the committee decides,” said Ada Crane, who farms near Guelph.",
        "Separately, the president spoke about the summit in Buenos Aires and his talks with Russia's "
        "Vladimir Putin at the G-20.",
        "“It was a good meeting,” he said.",
    )
    assert quote(result, "what the committee decides").nafta is True
    assert quote(result, "good meeting").nafta is False


def test_a_story_about_something_else_is_out_of_scope(extract) -> None:
    result = extract(
        "Leaders at the G-20 summit in Osaka spent the day on Iran and on China's trade surplus.",
        "“Nobody wants a war in the Gulf,” the French president said.",
        title="Summit leaders split on Iran",
    )
    assert result.nafta is False
    assert all(q.nafta is False for q in result.quotes)
