"""Written words: a statement, an email or a release speaks for its author; a publication speaks for
what it printed.

The stories are invented for these tests; the names are fictional.
"""

from __future__ import annotations


def test_a_statement_posted_on_a_website_is_its_owners(extract) -> None:
    result = extract(
        "A statement posted on the White House website said the agreement “restores fairness to "
        "American workers.”"
    )
    q = result.quotes[0]
    assert (q.speaker, q.party) == ("White House", "us")


def test_an_email_sent_in_someones_name_is_theirs(extract) -> None:
    result = extract(
        "The email, sent in Dana Whitcombe's name, said the group “will not stand by while farmers suffer.”",
        "A press release from Harbor Steel said the tariffs “threaten 400 jobs at the mill.”",
    )
    assert [q.speaker for q in result.quotes] == ["Dana Whitcombe", "Harbor Steel"]


def test_a_statement_without_an_author_goes_to_the_body_that_issued_it(extract) -> None:
    result = extract(
        "The Northern Dairy Council issued a statement late on Friday.",
        "The statement read: “We remain committed to a fair deal for every dairy farm.”",
    )
    assert result.quotes[0].speaker == "Northern Dairy Council"


def test_statements_from_and_in_a_statement(extract) -> None:
    result = extract(
        "According to a statement from the Lakeshore Policy Institute, the offer “falls far short.”",
        "The Dairy Farmers of Ontario said in a news release that the quota system “must stay.”",
    )
    assert [q.speaker for q in result.quotes] == ["Lakeshore Policy Institute", "Dairy Farmers of Ontario"]


def test_a_publication_speaks_for_what_it_reported(extract) -> None:
    result = extract(
        "Politico reported that officials were “furious” about the leak.",
        "“The plant will close by June,” wrote the Valley Courier.",
        "The Valley Courier reported: “Three hundred workers were told on Friday.”",
    )
    assert [q.speaker for q in result.quotes] == ["Politico", "Valley Courier", "Valley Courier"]
