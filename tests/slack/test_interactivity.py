"""Buttons and the party selector: signed block_actions payloads in, replies through response_url out.

Each click carries everything it needs in its value, so these tests take the values from a real
answer's blocks, exactly as Slack would echo them back.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session

from store.bootstrap import open_store
from testkit import factories
from testkit.slack import unique
from tests.conftest import MigratedTemplate
from tests.slack.harness import all_text, buttons, message_for

DAIRY_QUOTES = 7


@pytest.fixture(scope="module")
def module_database(migrated_template: MigratedTemplate, module_folder: Path) -> Iterator[str]:
    """The bundled store plus seven dairy quotes, enough for a second page."""
    with migrated_template.copy(module_folder) as url:
        engine = open_store(url)
        with Session(engine) as session:
            for n in range(DAIRY_QUOTES):
                factories.quote(
                    session,
                    f"Supply management is not on the table, day {n + 1}.",
                    speaker="Chrystia Freeland",
                    party="canada",
                    topics=("dairy",),
                    published=date(2018, 4, n + 1),
                )
        engine.dispose()
        yield url


def answer(slack, fake, text: str) -> dict:
    name = unique("cmd")
    return message_for(slack.command(text, response=name), fake, name)


def click(slack, fake, element: dict, *, ephemeral: bool = False, replies: int = 1, **changes) -> list[dict]:
    """Click ``element`` (a button or a select, with its block_id) and return what response_url got."""
    name = unique("click")
    action = {"type": element["type"], "action_id": element["action_id"], "block_id": element["block_id"]}
    action.update({"value": element["value"]} if "value" in element else {})
    action.update(changes)
    response = slack.action(action, response=name, ephemeral=ephemeral)
    assert response.status_code == 200
    assert response.text == ""
    return [call.params for call in fake.wait_for(f"response:{name}", replies, timeout=30)]


def test_more_quotes_replaces_the_message_with_the_next_page(slack, fake_slack):
    first = answer(slack, fake_slack, "dairy")
    assert "Quotes 1–5 of 7" in all_text(first["blocks"])

    [reply] = click(slack, fake_slack, buttons(first)["more_quotes"])

    assert reply["replace_original"] is True
    text = all_text(reply["blocks"])
    assert "Quotes 6–7 of 7" in text
    assert "more_quotes" not in buttons(reply)
    assert text.count("Supply management is not on the table") == 2


def test_the_timeline_button_replaces_the_message_with_the_topics_dated_moves(slack, fake_slack):
    first = answer(slack, fake_slack, "autos")

    [reply] = click(slack, fake_slack, buttons(first)["show_timeline"])

    assert reply["replace_original"] is True
    text = all_text(reply["blocks"])
    assert "Autos — timeline" in text
    assert "status: converging" in text
    assert "Canada rejects" in text


def test_choosing_a_party_replaces_the_message_with_that_partys_view(slack, fake_slack):
    first = answer(slack, fake_slack, "autos")
    picker = buttons(first)["pick_party"]
    assert picker["block_id"] == "topic:autos"

    [reply] = click(slack, fake_slack, picker, selected_option={"value": "mexico"})

    assert reply["replace_original"] is True
    assert reply["blocks"][0]["text"]["text"].startswith("Autos — Mexico")
    assert "*Mexico*  Flatly rejected" in all_text(reply["blocks"])
    assert "*Canada*" not in all_text(reply["blocks"])

    [back] = click(slack, fake_slack, buttons(reply)["pick_party"], selected_option={"value": "all"})
    assert back["blocks"][0]["text"]["text"].startswith("Autos — converging")


def test_a_click_on_a_private_answer_keeps_it_private(slack, fake_slack):
    first = answer(slack, fake_slack, "dairy private")
    assert first["response_type"] == "ephemeral"

    [reply] = click(slack, fake_slack, buttons(first)["more_quotes"], ephemeral=True)

    assert reply["replace_original"] is True
    assert "post_to_channel" in buttons(reply)


def test_post_to_channel_shares_the_answer_and_removes_the_private_copy(slack, fake_slack):
    first = answer(slack, fake_slack, "autos private")

    shared, removed = click(slack, fake_slack, buttons(first)["post_to_channel"], ephemeral=True, replies=2)

    assert shared["response_type"] == "in_channel"
    assert shared["replace_original"] is False
    assert "finally starting to converge" in all_text(shared["blocks"])
    assert "post_to_channel" not in buttons(shared)
    assert removed["delete_original"] is True


def test_a_tampered_button_value_gets_a_private_explanation_not_a_replacement(slack, fake_slack):
    element = {"type": "button", "action_id": "more_quotes", "block_id": "b1", "value": "{not json"}

    [reply] = click(slack, fake_slack, element)

    assert reply["response_type"] == "ephemeral"
    assert reply["replace_original"] is False
    assert "unreadable" in reply["text"]


def test_a_party_choice_for_an_unknown_topic_is_explained_privately(slack, fake_slack):
    element = {"type": "static_select", "action_id": "pick_party", "block_id": "topic:<!channel>"}

    [reply] = click(slack, fake_slack, element, selected_option={"value": "canada"})

    assert reply["response_type"] == "ephemeral"
    assert "<!channel>" not in json.dumps(reply)
