"""Quotation marks around things nobody said: section subheadings that echo a quote from the body,
related-story links, headlines on a line of their own, and titles of shows and books.

The stories are invented for these tests; the names are fictional.
"""

from __future__ import annotations

from tests.extract.conftest import said


def test_a_subheading_echoing_a_body_quote_is_not_a_second_quote(extract) -> None:
    result = extract(
        "Brandt: “This pact is a win for farmers”",
        "Sen. Hal Brandt said on Monday that “this pact is a win for farmers, plain and simple.”",
    )
    assert said(result) == [("this pact is a win for farmers, plain and simple.", "Hal Brandt")]


def test_related_links_and_standalone_headlines_are_not_quotes(extract) -> None:
    result = extract(
        "Talks resumed in Ottawa on Monday.",
        "Related: “Why the dairy fight matters to Wisconsin”",
        "READ MORE: “Five things to know about the new trade pact.”",
        "“Inside the long fight over the auto rules”",
        "“We are on track,” said Pilar Ochoa, Mexico's chief negotiator.",
    )
    assert said(result) == [("We are on track,", "Pilar Ochoa")]


def test_titles_of_shows_and_books_are_not_quotes(extract) -> None:
    result = extract(
        "“There is no deadline,” Pilar Ochoa told “Sunday Morning Tonight.”",
        "She repeated it in an interview on KRT's “Face the Week.”",
        "Ochoa wrote a book, “The Long Table,” about the last round of talks.",
    )
    assert said(result) == [("There is no deadline,", "Pilar Ochoa")]


def test_a_standalone_quote_paragraph_with_a_full_stop_is_still_a_quote(extract) -> None:
    result = extract(
        "“Nobody should underestimate Canada,” said Annette Girard, a Quebec farm leader.",
        "“We will stand up for our workers and our farmers.”",
    )
    assert [q.speaker for q in result.quotes] == ["Annette Girard", "Annette Girard"]
