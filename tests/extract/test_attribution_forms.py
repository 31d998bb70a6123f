"""Attribution forms beyond 'X said': inverted and appositive forms, 'according to' with a role, a colon
that introduces the next paragraph, and short partial quotes that the sentence gives to someone.

The stories are invented for these tests; the names are fictional.
"""

from __future__ import annotations

from tests.extract.conftest import said


def test_according_to_a_name_with_a_role(extract) -> None:
    result = extract(
        "The rules “will cost us a plant or two,” according to Kevin Marlow, an adviser to the Ohio Auto "
        "Council.",
        "The deal is “tough but workable,” in the words of Rep. Joanna Pruitt.",
    )
    assert [q.speaker for q in result.quotes] == ["Kevin Marlow", "Joanna Pruitt"]
    assert result.quotes[0].speaker_role == "an adviser to the Ohio Auto Council"


def test_added_told_reporters_and_a_role_between_commas(extract) -> None:
    result = extract(
        "“We are close,” Nora Bright told reporters on Thursday. “Very close,” added Dale Porter.",
        "Dale Porter, the White House economic adviser, said the talks were “moving in the right direction.”",
        "“We will not wait,” said one of the negotiators, Pilar Ochoa.",
    )
    assert [q.speaker for q in result.quotes] == ["Nora Bright", "Dale Porter", "Dale Porter", "Pilar Ochoa"]


def test_a_colon_at_the_end_of_a_paragraph_introduces_the_next(extract) -> None:
    result = extract(
        "Pilar Ochoa, Mexico's chief negotiator, was blunt when she spoke to reporters on Friday:",
        "“We will not sign a bad deal. We have time, and we have other markets.”",
        "The peso rose after her remarks.",
    )
    assert said(result) == [
        ("We will not sign a bad deal. We have time, and we have other markets.", "Pilar Ochoa")
    ]


def test_short_partial_quotes_attributed_by_their_sentence_are_kept(extract) -> None:
    result = extract(
        "Rep. Joanna Pruitt called the offer “tough and fair” and urged a quick vote.",
        "Economist Nils Brandvold dismissed the plan as “a gimmick.”",
        "The bill is “veto-proof,” lawmakers said.",
    )
    assert [q.text for q in result.quotes] == ["tough and fair", "a gimmick.", "veto-proof,"]
    assert [q.speaker for q in result.quotes] == ["Joanna Pruitt", "Nils Brandvold", None]


def test_short_phrases_nobody_says_are_scare_quotes(extract) -> None:
    result = extract(
        "The “tough and fair” approach has its critics.",
        "The new rules are “a big deal” for parts makers in the region.",
    )
    assert result.quotes == ()
