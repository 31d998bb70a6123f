"""Only people, organisations and registry parties speak: places, platforms, funds, outlets joined by
"and" and crawler debris are not speakers, however the attribution reads.

The stories are invented for these tests; the names are fictional.
"""

from __future__ import annotations

from tests.extract.conftest import said


def test_a_place_with_a_modifier_is_not_a_speaker(extract) -> None:
    result = extract(
        "Voters in coal-friendly West Virginia told pollsters the pact was “a good start.”",
        "“It is a good start,” said voters across Ohio.",
    )
    assert [q.speaker for q in result.quotes] == [None, None]


def test_an_outlet_followed_by_and_is_not_the_speaker(extract) -> None:
    result = extract(
        "Jared Poole told the Valley Courier and added: “We are done waiting.”",
        "The Valley Courier and other papers reported the plant would close, and Poole said “nobody "
        "called us first.”",
    )
    assert [q.speaker for q in result.quotes] == ["Jared Poole", "Jared Poole"]


def test_crawler_debris_and_state_tags_are_not_part_of_a_name(extract) -> None:
    result = extract(
        "“Our tariffs are not going anywhere,” Rep. Lionel Osei (D-Calif.) said.",
        "READ MORE",
        "“We will not back down,” said READ MORE Rep. Dana Kowalczyk, D-Calif.",
    )
    assert [q.speaker for q in result.quotes] == ["Lionel Osei", "Dana Kowalczyk"]


def test_platforms_are_where_it_was_said_not_who_said_it(extract) -> None:
    result = extract(
        "“Canada is cheating us on dairy,” wrote Trump on Twitter.",
        "Sen. Mira Castellanos’s Facebook post said the pact was “a betrayal of workers.”",
        "“The deal is dead,” Castellanos said in a tweet.",
    )
    assert [q.speaker for q in result.quotes] == ["Donald Trump", "Mira Castellanos", "Mira Castellanos"]


def test_funds_and_products_do_not_speak(extract) -> None:
    result = extract(
        "“Markets like certainty and this is not certainty,” said the Harbor Value Fund.",
        "“Markets like certainty,” said Ruth Kemper, who runs the Harbor Value Fund.",
    )
    assert [q.speaker for q in result.quotes] == [None, "Ruth Kemper"]


def test_a_possessive_before_a_full_name_is_the_role(extract) -> None:
    result = extract("“We are watching closely,” Mexico's Ana Varela said.")
    assert said(result) == [("We are watching closely,", "Ana Varela")]


def test_a_surname_right_after_a_quote_is_a_name(extract) -> None:
    result = extract("In coal country, “nobody wants this fight,” Brennan said.")
    assert said(result) == [("nobody wants this fight,", "Brennan")]


def test_a_name_doubled_by_a_links_hover_card_is_read_once(extract) -> None:
    result = extract(
        "Sen. Ann Lowe Ann Marie LoweMORE (R-Utah) said the pact was “a good deal for ranchers.”",
        "Lowe Ann Marie LoweMORE told reporters that “nobody got everything.”",
    )
    assert [q.speaker for q in result.quotes] == ["Ann Lowe", "Ann Lowe"]


def test_a_surname_that_is_also_a_common_word_can_still_be_a_name(extract) -> None:
    result = extract("“We should have waited,” said Sen. Walt Rounds, a Republican from the Dakotas.")
    assert result.quotes[0].speaker == "Walt Rounds"
