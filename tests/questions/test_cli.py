"""`nafta-bot ask --explain` and `nafta-bot feedback`, run as a user runs them."""

from __future__ import annotations

import json

from sqlalchemy import Engine

from store.threads import record_feedback


def test_explain_prints_exactly_one_reading_and_nothing_else(cli, database_url) -> None:  # type: ignore[no-untyped-def]
    result = cli("ask", "--explain", "anything", "from", "Guajardo", "on", "energy", "since", "June", "2018?")
    assert result.returncode == 0, result.stderr
    [line] = result.stdout.splitlines()
    assert json.loads(line) == {
        "intent": "person",
        "topic": "energy",
        "party": None,
        "person": "Ildefonso Guajardo",
        "terms": None,
        "since": "2018-06-01",
    }


def test_explain_names_search_words_and_refuses_what_it_cannot_answer(cli) -> None:  # type: ignore[no-untyped-def]
    search = json.loads(cli("ask", "--explain", 'who said "a very good deal"').stdout)
    assert (search["intent"], search["terms"]) == ("search", "a very good deal")
    outside = json.loads(cli("ask", "--explain", "what's the loonie worth today").stdout)
    assert outside == dict.fromkeys(("topic", "party", "person", "terms", "since")) | {"intent": "unknown"}
    answer = cli("ask", "is the loonie up today")
    assert answer.returncode == 0
    assert answer.stdout.startswith("I can't answer that")


def test_a_plain_question_is_answered_with_its_reading_first(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("ask", "what", "has", "the", "USTR", "said", "about", "cars?")
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.splitlines()[:2]
    assert first == "Read as: Lighthizer on autos"
    assert second.startswith("Robert Lighthizer")


def test_feedback_lists_the_votes_with_their_reading(cli, engine: Engine) -> None:  # type: ignore[no-untyped-def]
    record_feedback(
        engine,
        user_id="U0DESK",
        channel="C0NEWS",
        thread_ts="1.2",
        vote=-1,
        question="where is mexico on dairy",
        reading={"intent": "topic", "topic": "dairy", "party": "mexico"},
        item_ids=[3, 4],
    )
    result = cli("feedback", "--since", "1d")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1 votes in the last 1 day: 0 👍, 1 👎")
    assert (
        "'where is mexico on dairy'  read as intent=topic, topic=dairy, party=mexico  items [3, 4]"
        in result.stdout
    )
    as_json = json.loads(cli("feedback", "--json").stdout)
    assert (as_json["vote"], as_json["reading"]["party"], as_json["items"]) == (-1, "mexico", [3, 4])
