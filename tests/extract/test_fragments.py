"""Slogans, titles, text on signs and hats, and verbless fragments are never standalone quotes: dropped when
nobody is said to say them, kept with ``fragment`` when an attribution makes them a partial quote."""

from __future__ import annotations

import pytest

from store.extract.fragments import is_fragment


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("a lifeline", True),
        ("very unfair", True),
        ("disaster", True),
        ("Milk Matters Most", True),
        ("we will win", False),
        ("moving along nicely.", False),
        ("it isn't over", False),
        ("The offer is not enough for our farmers.", False),
    ],
)
def test_what_counts_as_a_fragment(text: str, fragment: bool) -> None:
    assert is_fragment(text) is fragment


def test_signs_hats_and_titles_are_not_quotes(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract(
        "Outside, protesters carried signs reading “Fair Trade Now, Not Later” and wore hats that said "
        "“Farms First”.",
        "The committee held a hearing titled “Trade, Tariffs and the Future of the American Family Farm” "
        "on Monday.",
        "She appeared on “Weekend Market Hour With Dana Ruiz” to discuss the deal.",
        "“We will keep pushing,” said Hal Ostrander, a grain farmer.",
    )
    assert [q.text for q in result.quotes] == ["We will keep pushing,"]


def test_an_attributed_fragment_is_kept_and_marked(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract("Hal Ostrander, a grain farmer, called the offer “a lifeline” on Monday.")
    [quote] = result.quotes
    assert (quote.text, quote.speaker, quote.fragment) == ("a lifeline", "Hal Ostrander", True)


def test_an_unattributed_slogan_or_scare_quote_is_dropped(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract("The “Buy North American Now” campaign started in a “historic” week for the mills.")
    assert result.quotes == ()
