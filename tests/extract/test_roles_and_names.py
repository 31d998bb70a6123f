"""Roles are roles (never a verb, place or clause fragment), taxonomy roles are given as of the article's
date, and a bare surname is the person the article names in full."""

from __future__ import annotations

from datetime import date

import pytest

from store.extract.roles import clean_role
from store.taxonomy import load_taxonomy
from tests.extract.conftest import said


@pytest.mark.parametrize(
    ("read", "role"),
    [
        ("And Chilean Prime Minister", "Chilean Prime Minister"),
        ("When, a Democrat from Ohio", "a Democrat from Ohio"),
        ("told me", None),
        ("wrote", None),
        ("in Iowa", None),
        ("who chaired the panel until 2016", None),
        ("writing in a trade journal", None),
        ("Rep.", "Representative"),
        ("GOP Sen., who faces a close race this fall", "GOP Senator"),
        ("a grain analyst at Prairie Capital: “░░░░", "a grain analyst at Prairie Capital"),
        ("Canada's Foreign Affairs Minister", "Canada's Foreign Affairs Minister"),
        ("Republican senator from Texas", "Republican senator from Texas"),
        ("a former Senate aide.", "a former Senate aide"),
        ("Senior Fellow at the Institute for U.S.", "Senior Fellow at the Institute for U.S."),
    ],
)
def test_role_text_keeps_the_role_only(read: str, role: str | None) -> None:
    assert clean_role(read) == role


def test_an_opening_conjunction_or_a_verb_never_becomes_a_role(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract(
        "But Iowa Sen. Dale Harkins, who chairs the farm panel, said the pact was “good enough for now.”",
        "“We will see,” Harkins told me.",
    )
    assert [(q.speaker, q.speaker_role, q.party) for q in result.quotes] == [
        ("Dale Harkins", "Iowa Senator", "us-congress"),
        ("Dale Harkins", "Iowa Senator", "us-congress"),
    ]
    assert result.quotes[1].context is None  # "told me" is neither a role nor an audience


def test_a_taxonomy_role_is_given_as_of_the_articles_date(extract) -> None:  # type: ignore[no-untyped-def]
    text = "“We are ready to keep talking,” Chrystia Freeland said."
    before = extract(text, published=date(2018, 9, 20)).quotes[0]
    after = extract(text, published=date(2019, 12, 10)).quotes[0]
    assert before.speaker == after.speaker == "Chrystia Freeland"
    assert before.speaker_role == "Canada's Foreign Affairs Minister"
    assert after.speaker_role == "Deputy Prime Minister of Canada"


def test_dated_roles_in_a_taxonomy_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "tax.toml"
    path.write_text(
        'extends = "bundled"\n[[person]]\nname = "Ines Varga"\nparty = "mexico"\nrole = "Envoy"\n'
        'role_from = 2018-03-01\nroles = [{ role = "Deputy envoy", until = 2018-03-01 }]\n',
        encoding="utf-8",
    )
    varga = next(p for p in load_taxonomy(path).people if p.name == "Ines Varga")
    assert varga.role_on(date(2018, 2, 1)) == "Deputy envoy"
    assert varga.role_on(date(2018, 3, 1)) == "Envoy"
    assert varga.role_on(None) == "Envoy"


def test_a_bare_surname_is_the_person_the_article_names_in_full(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract(
        "“Prices will not come back this year,” Tolland said on Tuesday.",
        "Marta Tolland runs a seed business near Fargo.",
        "“It was hard,” said Brisco, who founded a pump maker in Ohio. Kurt Brisco employs 40 people.",
    )
    assert said(result) == [
        ("Prices will not come back this year,", "Marta Tolland"),
        ("It was hard,", "Kurt Brisco"),
    ]
    assert all(q.speaker_label is None for q in result.quotes)


def test_two_people_with_the_surname_leave_a_bare_surname_unresolved(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract(
        "“We can wait,” Tolland said.",
        "Marta Tolland and her brother Erik Tolland run a seed business.",
    )
    assert result.quotes[0].speaker not in {"Marta Tolland", "Erik Tolland"}


def test_a_legislators_title_gives_the_party_named_in_the_taxonomy(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract("“Ratify it now,” said Sen. Tara Quill of Maine.")
    assert result.quotes[0].party == "us-congress"


def test_a_first_name_that_is_also_a_word_for_a_body_still_opens_a_name(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract("“It will pass,” said Bill Marlow, a former Senate aide.")
    assert [(q.speaker, q.speaker_label, q.speaker_role) for q in result.quotes] == [
        ("Bill Marlow", None, "a former Senate aide")
    ]


def test_openers_months_and_possessives_never_speak(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract(
        "In a commentary, state radio said the hit from the tariffs was “easily absorbed.”",
        "A study from the Lakeshore Institute released on Sept. 19 concluded: “Prices rose faster than "
        "wages.”",
        "His newest book is: “Why Trade Deals Fail, and How They Could Work Again.”",
    )
    speakers = [q.speaker for q in result.quotes]
    assert not {"In", "Sept", "His"} & set(speakers)
    assert speakers[0] == "state radio"


def test_a_name_with_and_without_its_initial_is_one_person(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract(
        "Gregor Vance, an economist, has tracked the mills for years.",
        "“The mills will adapt,” said T. Gregor Vance, who teaches at a state college.",
        "“Things are awful right now,” Vance said. “Prairie State's Vance is right,” a rival said.",
    )
    assert {q.speaker for q in result.quotes[:2]} == {"Gregor Vance"}
    assert len({name for name, _role, _party in result.people if "Vance" in name}) == 1


def test_a_first_name_that_is_also_a_month_abbreviation_is_a_first_name(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract(
        "Rep. Jan Kowalczyk opposes the pact.", "“It is a bad deal for our plants,” Kowalczyk said."
    )
    assert result.quotes[0].speaker == "Jan Kowalczyk"


def test_an_affiliation_before_a_surname_leaves_the_person(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract(
        "Marta Tolland, a trade economist, has warned about the rules for months.",
        "“The rules are the real fight,” Prairie State University's Tolland said.",
    )
    assert result.quotes[0].speaker == "Marta Tolland"
