"""Who said it: the attribution forms of wire copy, the registry, pronouns, roles and organisations."""

from __future__ import annotations

from datetime import date

from tests.extract.conftest import said


def test_said_name_comma_role_form(extract) -> None:
    result = extract(
        "“Autos are the heart of this agreement,” said Robert Lighthizer, the U.S. trade representative."
    )
    assert said(result) == [("Autos are the heart of this agreement,", "Robert Lighthizer")]
    assert result.quotes[0].party == "us"
    assert result.quotes[0].speaker_known


def test_name_said_colon_form_and_told_context(extract) -> None:
    result = extract(
        "Lighthizer said: “We will not accept a deal that hurts American workers.”",
        "“The proposal is serious,” he told the House Ways and Means Committee on Wednesday.",
        published=date(2018, 3, 23),
    )
    first, second = result.quotes
    assert first.speaker == second.speaker == "Robert Lighthizer"
    assert second.context == "told the House Ways and Means Committee"
    assert second.said_on == date(2018, 3, 21)


def test_according_to(extract) -> None:
    result = extract("The offer is “final and generous,” according to Wilbur Ross.")
    assert said(result) == [("final and generous,", "Wilbur Ross")]


def test_honorific_surname_and_title_alias_link_to_the_registry(extract) -> None:
    result = extract(
        "“We expect movement on dairy,” Mr. Lighthizer said.",
        "“There is still time,” the U.S. trade czar added later.",
    )
    assert [q.speaker for q in result.quotes] == ["Robert Lighthizer", "Robert Lighthizer"]


def test_pronouns_resolve_to_the_last_speaker_that_fits(extract) -> None:
    result = extract(
        "Chrystia Freeland met Robert Lighthizer in Washington on Monday.",
        "“We had a constructive conversation,” she said.",
        "Lighthizer was more guarded. “We are not there yet,” he said.",
    )
    assert [q.speaker for q in result.quotes] == ["Chrystia Freeland", "Robert Lighthizer"]


def test_unknown_person_keeps_the_role_and_party_the_article_gives(extract) -> None:
    result = extract(
        "“Rules of origin will decide where the next plant goes,” said Marta Quiroga, an economist at the "
        "Hemisphere Trade Institute.",
        "Lucien Tremblay, Canada's deputy minister for trade, disagreed. “We think the plants stay put,” "
        "Tremblay said.",
    )
    quiroga, tremblay = result.quotes
    assert quiroga.speaker == "Marta Quiroga"
    assert quiroga.speaker_role == "an economist at the Hemisphere Trade Institute"
    assert quiroga.party is None
    assert tremblay.speaker == "Lucien Tremblay"
    assert tremblay.party == "canada"
    assert not tremblay.speaker_known


def test_title_before_the_name_is_the_role(extract) -> None:
    result = extract("“Our members are worried,” Ohio farm bureau president Dana Whitcombe said.")
    q = result.quotes[0]
    assert (q.speaker, q.speaker_role) == ("Dana Whitcombe", "Ohio farm bureau president")


def test_organisations_speak_through_statements(extract) -> None:
    result = extract(
        "Mexico's economy ministry put out a statement on Friday.",
        "“Mexico will not negotiate under the threat of tariffs,” the ministry said.",
    )
    q = result.quotes[0]
    assert q.speaker == "Mexico's economy ministry"
    assert q.speaker_label == "Mexico's economy ministry"
    assert q.party == "mexico"


def test_unnamed_sources_have_no_speaker_but_keep_the_label(extract) -> None:
    result = extract("“The autos chapter is nearly closed,” a senior Canadian official said.")
    q = result.quotes[0]
    assert q.speaker is None
    assert q.speaker_label == "a senior Canadian official"
    assert q.party == "canada"


def test_quoted_as_saying_and_remarks_by(extract) -> None:
    result = extract(
        "State media quoted Jesús Seade as saying the energy chapter was “basically done.”",
        "It followed remarks by Sarah Sanders that tariffs were “on the table for everyone.”",
    )
    assert [q.speaker for q in result.quotes] == ["Jesús Seade", "Sarah Sanders"]


def test_a_quote_chain_after_the_speaker_stays_with_them(extract) -> None:
    result = extract(
        "“Nobody should underestimate Canada,” Trudeau said.",
        "“We will stand up for our workers and our farmers.”",
    )
    assert [q.speaker for q in result.quotes] == ["Justin Trudeau", "Justin Trudeau"]


def test_speaker_in_the_article_gets_resolved_from_a_later_surname(extract) -> None:
    result = extract(
        "Priya Raman, who lobbies for the Ontario Auto Parts Council, has warned about the change.",
        "“A 75 percent threshold is achievable,” Raman said, “but not overnight.”",
    )
    assert said(result) == [
        ("A 75 percent threshold is achievable,", "Priya Raman"),
        ("but not overnight.", "Priya Raman"),
    ]


def test_a_registry_surname_is_not_borrowed_by_someone_else_with_it(extract) -> None:
    result = extract(
        "Senator Bernie Sanders toured a shuttered parts plant in Ohio.",
        "“These trade deals were written for shareholders,” Sanders said.",
    )
    assert result.quotes[0].speaker != "Sarah Sanders"


def test_a_surname_introduced_with_who_is_a_person(extract) -> None:
    result = extract(
        "Okonkwo, who chairs the state trade council, was blunt.",
        "Later he added: “Nobody here trusts the timeline.”",
    )
    assert result.quotes[0].speaker == "Okonkwo"


def test_indefinite_people_and_sentence_openers_are_not_named_speakers(extract) -> None:
    result = extract(
        "“The vote is close,” said an Ohio Republican.",
        "Almost half say they “never trusted” the old pact.",
    )
    assert [(q.speaker, q.speaker_label) for q in result.quotes] == [
        (None, "an Ohio Republican"),
        (None, None),
    ]


def test_adding_that_and_a_colon_introduction(extract) -> None:
    result = extract(
        "“We are losing patience,” Lighthizer said Tuesday, adding that the U.S. “will not wait forever.”",
        "Guajardo, speaking in Mexico City, struck a calmer note: “We are closer than it looks.”",
    )
    assert [q.speaker for q in result.quotes] == ["Robert Lighthizer"] * 2 + ["Ildefonso Guajardo"]


def test_statement_context_stops_before_its_content(extract) -> None:
    result = extract(
        "The United Auto Workers said in a statement that any deal must “lift wages on both sides.”"
    )
    q = result.quotes[0]
    assert (q.speaker, q.party, q.context) == ("United Auto Workers", "labour", "in a statement")


def test_name_of_organisation_and_a_relative_who(extract) -> None:
    result = extract(
        "“The rules keep changing,” said Lucia Ferrante of the Ontario Manufacturers Council, who called the "
        "sunset proposal “a poison pill.”"
    )
    assert [(q.speaker, q.speaker_role) for q in result.quotes] == [
        ("Lucia Ferrante", "of the Ontario Manufacturers Council")
    ] * 2


def test_according_to_a_statement_from(extract) -> None:
    result = extract(
        "According to a statement from the Canadian Embassy, talks “will continue in good faith.”"
    )
    assert (result.quotes[0].speaker, result.quotes[0].party) == ("Canadian Embassy", "canada")
