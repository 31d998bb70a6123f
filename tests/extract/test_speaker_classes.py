"""Speakers for the kinds of copy that went wrong: continued quotes, crawl glitches, groups, countries,
other outlets' reporting, bare titles. Invented text, one test per kind."""

from __future__ import annotations

from tests.extract.conftest import said


def test_a_quote_continued_after_x_added_stays_with_x(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract(
        "Sen. Rafe Colter, a Republican from Wyoming, spoke after the vote.",
        "“We got what we came for,” Colter added. “Now the House has to move, and quickly.” "
        "Lena Ambrose, the governor, disagreed.",
    )
    assert said(result) == [
        ("We got what we came for,", "Rafe Colter"),
        ("Now the House has to move, and quickly.", "Rafe Colter"),
    ]
    assert [q.rule for q in result.quotes] == ["after-quote", "continued"]


def test_no_space_after_a_closing_mark_does_not_give_the_quote_to_the_next_subject(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract(
        "“I hope the deal holds,” Colter added. “The ranchers back home need it. I know the governor "
        "wants it too.”Lena Ambrose said this week that she would wait for the text."
    )
    assert [q.speaker for q in result.quotes] == ["Colter", "Colter"]
    assert "Ambrose said" in result.text  # the glued sentence was separated, not lost


def test_an_attribution_alone_in_the_next_sentence_still_counts(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract("Ostrander was blunt. “We are done waiting for Ottawa.” Hal Ostrander said on Friday.")
    assert result.quotes[0].speaker == "Hal Ostrander"


def test_a_group_keeps_its_own_name_and_is_never_a_government(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract(
        "“The pact serves both countries,” a group of former U.S. envoys to Mexico wrote in a letter.",
        "A coalition of Midwest grain exporters said on Monday that the deal was “long overdue for farmers.”",
    )
    assert said(result) == [
        ("The pact serves both countries,", "a group of former U.S. envoys to Mexico"),
        ("long overdue for farmers.", "A coalition of Midwest grain exporters"),
    ]


def test_the_members_of_a_group_speak_for_the_group(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract(
        "A group of former Canadian envoys to Mexico representing both main parties urged the prime "
        "minister to keep trade and migration apart, the diplomats wrote in an article.",
        "“Tying the two together hurts everyone,” the diplomats wrote.",
        "“Nobody wins a tariff fight,” they added.",
    )
    speakers = {q.speaker for q in result.quotes}
    assert speakers == {"group of former Canadian envoys to Mexico"}
    assert {q.party for q in result.quotes} == {None}


def test_a_country_never_speaks_a_persons_first_person_words(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract("“I will not sign a deal that hurts our dairy farmers,” Canada said.")
    assert result.quotes[0].speaker is None
    statement = extract("“The offer falls short of what was agreed,” Canada said.")
    assert statement.quotes[0].speaker == "Canada"


def test_another_outlets_reporting_is_credited_to_the_outlet(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract(
        "Sen. Rafe Colter has criticised the talks.",
        "According to the Prairie Ledger, the White House is “drafting a withdrawal notice.”",
        "As Politico reported on Monday, the president “has grown tired of the pace of the talks.”",
        "“The talks have stalled over dairy,” the Journal reported on Tuesday.",
    )
    assert [q.speaker for q in result.quotes] == ["Prairie Ledger", "Politico", "Journal"]


def test_a_bare_title_is_never_a_speaker(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract(
        "“We need more time to read the text of this agreement,” said Rep.\n\nThe vote is Friday."
    )
    assert result.quotes[0].speaker is None


def test_an_unnamed_staffer_is_not_cut_to_an_adjective(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract("“If members were here, they would be loud about this,” the senior staffer said.")
    assert result.quotes[0].speaker_label == "the senior staffer"


def test_every_form_of_a_taxonomy_name_is_the_taxonomy_person(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract(
        "President Trump said the talks were “moving along nicely.”",
        "Businessman Donald Trump once called the old pact “the worst deal ever signed.”",
        "Dana Ellis Donald Trump told the crowd: “We will win so much on trade.”",
        "Ivanka Trump and Eric Trump sat in the front row.",
        "Trump, who spoke for an hour, said the new deal was “the best ever made.”",
        "“We are close, very close,” Trump told reporters.",
    )
    assert {q.speaker for q in result.quotes} == {"Donald Trump"}
    assert all(q.speaker_known for q in result.quotes)
    assert [name for name, _role, _party in result.people] == ["Donald Trump"]
