"""Who "he" and "she" mean: the subject of the quote's paragraph, else the last speaker, not a name that
was only mentioned (an object, a possessive, a name after a preposition, a name inside a quote).

The stories are invented for these tests; the names are fictional.
"""

from __future__ import annotations


def test_a_politician_discussed_in_between_does_not_take_the_senators_quote(extract) -> None:
    result = extract(
        "Sen. Paul Denning, R-Kan., has pressed the White House for months. “Farmers in my state are "
        "hurting,” Denning said.",
        "The decision to impose the tariffs angered the farm belt, and Agriculture Secretary Walt Hensley "
        "has struggled to contain the damage.",
        "“I don't think anybody downtown understands what this costs us,” he said.",
    )
    assert [q.speaker for q in result.quotes] == ["Paul Denning", "Paul Denning"]


def test_a_possessive_is_not_the_speaker(extract) -> None:
    result = extract(
        "Liam Okafor, who heads a dairy council in Ontario, spent the week in Ottawa. Okafor said "
        "Trump's remarks about Canadian milk were “plain wrong.”",
        "“He does not understand supply management,” he said.",
    )
    assert [q.speaker for q in result.quotes] == ["Liam Okafor", "Liam Okafor"]


def test_a_name_after_a_preposition_is_not_the_antecedent(extract) -> None:
    result = extract(
        "Economist Rhea Castillo said the tariffs would cost jobs. She pointed to a study by Martin Feld, "
        "a Toronto researcher, showing losses in the parts sector.",
        "“The numbers are stark,” she said.",
    )
    assert result.quotes[0].speaker == "Rhea Castillo"


def test_an_object_in_the_same_paragraph_loses_to_its_subject(extract) -> None:
    result = extract(
        "Gov. Ellen Marsh met the state's trade envoy, Carl Ruiz, on Monday.",
        "“We need those plants to stay open,” Marsh said.",
        "“Nobody is talking about closing anything,” she said.",
    )
    assert [q.speaker for q in result.quotes] == ["Ellen Marsh", "Ellen Marsh"]


def test_first_names_give_a_gender_hint_and_unknown_names_stay_compatible(extract) -> None:
    result = extract(
        "Trade lawyer Ngozi Abara has advised exporters for a decade, and she met Gregory Tallis, a "
        "customs broker, last week.",
        "“Paperwork is the real tariff,” she said.",
    )
    assert result.quotes[0].speaker == "Ngozi Abara"


def test_a_person_introduced_as_a_subject_just_before_takes_the_next_quote(extract) -> None:
    result = extract(
        "“We will hold the line on dairy,” said Annette Girard, a Quebec farm leader.",
        "Hector Salgado, a Sonora cattle rancher, sells most of his herd north of the border.",
        "“If the border closes, I close,” he said.",
    )
    assert [q.speaker for q in result.quotes] == ["Annette Girard", "Hector Salgado"]


def test_a_registry_surname_alone_is_an_antecedent(extract) -> None:
    result = extract(
        "Lighthizer spent the afternoon with the Senate Finance Committee.",
        "“We are close on the smaller chapters,” he said afterwards.",
    )
    assert result.quotes[0].speaker == "Robert Lighthizer"


def test_a_name_inside_a_quote_is_never_the_antecedent(extract) -> None:
    result = extract(
        "“Ask Victor Hale how that worked out,” said Rep. Joanna Pruitt, D-Ore.",
        "“The tariffs hit our orchards first,” she said.",
    )
    assert [q.speaker for q in result.quotes] == ["Joanna Pruitt", "Joanna Pruitt"]
