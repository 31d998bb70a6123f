"""Topics per quote and per article, and stances in the reporter's own words."""

from __future__ import annotations


def test_quote_topics_come_from_its_words_and_sentence(extract) -> None:
    result = extract("“Dairy quotas are not up for discussion,” Freeland said of supply management.")
    assert result.quotes[0].topics == ("dairy",)


def test_article_topics_need_the_title_or_two_mentions(extract) -> None:
    result = extract(
        "Negotiators spent the day on rules of origin for cars.",
        "The auto parts makers want a longer phase-in. Dairy came up once.",
        title="Autos dominate the round",
    )
    assert result.topics[0] == "autos"
    assert "dairy" not in result.topics


def test_two_letter_synonyms_count_only_in_capitals(extract) -> None:
    assert "intellectual-property" not in extract("He said ip addresses were logged.").topics
    result = extract("IP rules were discussed. The IP chapter is long.")
    assert "intellectual-property" in result.topics


def test_position_statements_name_party_topic_and_stance(extract) -> None:
    result = extract(
        "Canada and Mexico flatly rejected the American proposal for a sunset clause.",
        "The White House wants higher regional value content for autos.",
    )
    found = {(s.party, s.topic, s.stance) for s in result.statements}
    assert ("canada", "sunset-clause", "opposes") in found
    assert ("mexico", "sunset-clause", "opposes") in found
    assert ("us", "autos", "demands") in found
    assert all(0 < s.confidence < 1 for s in result.statements)


def test_a_stance_in_a_partys_own_words_is_the_speakers_partys(extract) -> None:
    result = extract("“Canada rejects any sunset clause,” Freeland said.")
    assert [(s.party, s.topic, s.stance) for s in result.statements] == [
        ("canada", "sunset-clause", "opposes")
    ]


def test_a_quote_reporting_another_partys_stance_is_not_the_speakers(extract) -> None:
    result = extract("“Mexico rejected the sunset clause outright,” Lighthizer said after the round.")
    assert [s.party for s in result.statements] == []


def test_status_hints_are_low_confidence(extract) -> None:
    result = extract("Dispute settlement remains the main sticking point of the talks.")
    assert [(s.topic, s.status) for s in result.statuses] == [("dispute-settlement", "deadlocked")]
    assert result.statuses[0].confidence < 0.5


def test_text_whose_folding_changes_length_still_finds_topics_and_names(extract) -> None:
    # "ﬁ" is one character that folds to two; the word-by-word path takes over and finds the same things.
    result = extract("The ﬁnal dairy offer came on Friday. “Supply management stays,” Trudeau said of dairy.")
    assert result.topics == ("dairy",)
    assert result.quotes[0].speaker == "Justin Trudeau"
