"""Hover-card and link debris is removed before extraction, so glued names never become people."""

from __future__ import annotations

from store.extract.debris import remove_debris
from tests.extract.conftest import said


def test_a_hover_card_with_its_headlines_and_more_link_is_removed() -> None:
    text = (
        "said Sen. Hal Brandt Harold James BrandtFarm groups push for deal Senate returns to talks MORE "
        "(R-Iowa), who leads the panel."
    )
    assert remove_debris(text) == "said Sen. Hal Brandt (R-Iowa), who leads the panel."


def test_a_card_repeating_the_name_before_a_spaced_headline_is_removed() -> None:
    text = "Speaker Dana Ruiz Dana Maria Ruiz Budget talks drag on into fall MORE (D-Ore.) said no."
    assert remove_debris(text) == "Speaker Dana Ruiz (D-Ore.) said no."


def test_a_glued_name_without_its_link_is_only_unglued() -> None:
    assert remove_debris("met Hal Brandt Harold BrandtSenate aides") == "met Hal Brandt Senate aides"


def test_ordinary_text_is_untouched() -> None:
    for text in (
        "Ann Lowe told Tom MacArthur that “NO MORE DELAYS” was the message.",
        "READ MORE:\n\nTalks resume in Ottawa",
        "Dana Ruiz and Dana Ruiz's aide met on Monday.",
    ):
        assert remove_debris(text) == text


def test_glued_debris_never_becomes_a_speaker(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract(
        "“We need this deal done,” said Sen. Hal Brandt Harold James BrandtFarm groups push for deal MORE "
        "(R-Iowa).",
        "President Cole Avery Coleman Avery AveryVotes loom on pact MORE said the pact was “a win for "
        "everyone who works.”",
    )
    assert said(result) == [
        ("We need this deal done,", "Hal Brandt"),
        ("a win for everyone who works.", "Cole Avery"),
    ]
    assert all("Farm" not in name and "Votes" not in name for name, _role, _party in result.people)
