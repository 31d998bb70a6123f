"""Finding quoted words: marks of every kind, split and multi-paragraph quotes, labels that are not quotes.

The articles here are short wire-style paragraphs written for these tests.
"""

from __future__ import annotations

from tests.extract.conftest import said


def test_curly_and_straight_marks_give_the_words_inside(extract) -> None:
    result = extract(
        "“We are not walking away from the table,” Chrystia Freeland said on Tuesday.",
        '"Nobody wants a trade war," Ildefonso Guajardo told reporters in Mexico City.',
    )
    assert said(result) == [
        ("We are not walking away from the table,", "Chrystia Freeland"),
        ("Nobody wants a trade war,", "Ildefonso Guajardo"),
    ]


def test_mismatched_marks_from_scrapers_still_pair(extract) -> None:
    result = extract('“The dairy offer is a start," Robert Lighthizer said, "but only a start.”')
    assert [q.text for q in result.quotes] == ["The dairy offer is a start,", "but only a start."]
    assert {q.speaker for q in result.quotes} == {"Robert Lighthizer"}


def test_a_quote_split_by_its_attribution_is_two_entries_with_one_speaker(extract) -> None:
    result = extract("“We are close,” Lighthizer said. “But close is not done, and autos are still open.”")
    assert said(result) == [
        ("We are close,", "Robert Lighthizer"),
        ("But close is not done, and autos are still open.", "Robert Lighthizer"),
    ]


def test_multi_paragraph_quote_repeats_the_opening_mark_only(extract) -> None:
    result = extract(
        "Canada's chief negotiator, Steve Verheul, described the mood in the room: “We have made real "
        "progress on the smaller chapters.",
        "“The hard questions on dispute settlement are still in front of us,” he said.",
    )
    assert said(result) == [
        ("We have made real progress on the smaller chapters.", "Steve Verheul"),
        ("The hard questions on dispute settlement are still in front of us,", "Steve Verheul"),
    ]


def test_partial_quotes_inside_a_sentence(extract) -> None:
    result = extract(
        "Mexican Economy Secretary Ildefonso Guajardo called the American proposal “a non-starter” and said "
        "his team would keep working “day and night” until the next round."
    )
    assert said(result) == [("a non-starter", "Ildefonso Guajardo"), ("day and night", "Ildefonso Guajardo")]


def test_scare_quotes_and_labels_are_not_quotes(extract) -> None:
    result = extract(
        "The so-called “sunset clause” would force a fresh vote on the pact every few years.",
        "Some lobbyists call the pact “New NAFTA” while diplomats in Ottawa prefer “CUSMA”.",
        "The rally crowd waved signs reading “Buy American Build American” outside the hall.",
    )
    assert result.quotes == ()


def test_an_illustration_in_the_reporters_voice_is_not_a_quote(extract) -> None:
    result = extract(
        "Negotiators kept the pressure on Mexico City all week, in effect telling the Mexicans, “Take the "
        "offer on the table or watch us walk away.”"
    )
    assert result.quotes == ()


def test_html_entities_spaces_dashes_and_ellipses_are_normalised(extract) -> None:
    result = extract(
        "&ldquo;We will defend supply management&nbsp;&mdash; full stop&hellip;&rdquo; Justin Trudeau said.",
        "``The talks resume Monday,'' a senior Canadian official said.",
    )
    assert result.quotes[0].text == "We will defend supply management — full stop…"
    assert result.quotes[0].speaker == "Justin Trudeau"
    assert result.quotes[1].text == "The talks resume Monday,"
    assert result.text.count("\u00a0") == 0


def test_offsets_point_at_the_quote_in_the_normalised_text(extract) -> None:
    result = extract("Earlier, “the rules of origin matter most,” Freeland said.")
    q = result.quotes[0]
    assert result.text[q.offset : q.offset + len(q.text)] == q.text


def test_text_without_quotes_and_odd_input_do_not_break(extract) -> None:
    assert extract("Negotiators met again in Ottawa.").quotes == ()
    assert extract("").quotes == ()
    assert extract("“Unclosed quote with nobody saying it and more words here").quotes[0].speaker is None
    assert extract('"').quotes == ()
    weird = extract("\u200b\ufeff“Ça va,” dit-il. " * 3 + "“Émission” " * 50)
    assert weird.quotes == (), "no speaker, no English verb of saying: nothing to attribute"
