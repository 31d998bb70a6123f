"""Answers as a reader sees them: the text renderer and the Slack message, within Slack's limits."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from handlers.query.engine import Librarian
from handlers.render import blockkit
from handlers.render.slack import MORE_QUOTES, PICK_PARTY, POST_TO_CHANNEL, render_message
from handlers.render.text import render_text
from testkit import factories


def assert_fits_slack(message: dict) -> None:
    blocks = message["blocks"]
    assert 0 < len(blocks) <= blockkit.MAX_BLOCKS
    assert message["text"]
    assert len(message["text"]) <= blockkit.MESSAGE_TEXT
    assert blockkit.text_size(blocks) <= blockkit.TOTAL_TEXT
    for block in blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= blockkit.SECTION_TEXT
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= blockkit.HEADER_TEXT
        if block["type"] == "actions":
            for element in block["elements"]:
                assert len(element.get("value", "")) <= blockkit.ACTION_VALUE
                for option in element.get("options", []):
                    assert len(option["value"]) <= blockkit.OPTION_VALUE


def test_autos_is_the_state_of_play(engine: Engine) -> None:
    text = render_text(Librarian(engine).ask("autos"))
    assert text.startswith("Autos — converging, as of 2018-03-21")
    assert "finally starting to converge" in text
    assert "Robert Lighthizer, U.S. Trade Representative" in text
    flat = " ".join(text.split())
    assert "Dropped its call for cars built in Canada or Mexico" in flat
    assert "50% American-made" in flat
    for party in ("United States", "Canada", "Mexico"):
        assert f"\n  {party} " in text
    assert "The Globe and Mail, 2018-03-21" in text


@pytest.mark.parametrize("synonym", ["cars", "auto", "rules of origin", "autoz"])
def test_synonyms_give_the_same_answer(engine: Engine, synonym: str) -> None:
    librarian = Librarian(engine)
    assert render_text(librarian.ask(synonym)) == render_text(librarian.ask("autos"))


def test_procurement_answers_on_procurement(engine: Engine) -> None:
    text = render_text(Librarian(engine).ask("procurement"))
    assert text.startswith("Government procurement — proposals tabled")
    assert "cap on the share of U.S. government procurement contracts" in " ".join(text.split())


def test_a_person_and_a_party(engine: Engine) -> None:
    librarian = Librarian(engine)
    assert "Our objective is not to withdraw" in render_text(librarian.ask("lighthizer"))
    assert "Flatly rejected the 50% U.S.-content demand" in render_text(librarian.ask("mexico"))


def test_unknown_text_says_so_and_suggests(engine: Engine) -> None:
    answer = Librarian(engine).ask("procurment rules")
    text = render_text(answer)
    assert "I don't track anything called “procurment rules”" in text
    assert "Government procurement" in text
    assert render_message(answer)["response_type"] == "ephemeral"


def test_topic_message_is_in_channel_with_positions_quote_and_party_picker(engine: Engine) -> None:
    message = render_message(Librarian(engine).ask("autos"))
    assert_fits_slack(message)
    assert message["response_type"] == "in_channel"
    body = json.dumps(message["blocks"], ensure_ascii=False)
    assert "finally starting to converge" in body
    assert "*Canada*" in body
    assert "*Mexico*" in body
    actions = [e["action_id"] for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert PICK_PARTY in actions
    assert POST_TO_CHANNEL not in actions
    assert MORE_QUOTES not in actions


def test_private_answers_offer_post_to_channel(engine: Engine) -> None:
    message = render_message(Librarian(engine).ask("autos -p"))
    assert message["response_type"] == "ephemeral"
    actions = [e["action_id"] for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert POST_TO_CHANNEL in actions


def test_many_long_quotes_stay_within_block_kit_limits_and_page(engine: Engine, session: Session) -> None:
    source = factories.article(session, published=date(2018, 8, 27), url="https://news.example/story")
    for n in range(60):
        factories.quote(
            session,
            f"Quote {n}: " + "long words " * 400,
            speaker="Jane Analyst",
            topics=("dairy",),
            source=source,
        )
    librarian = Librarian(engine)
    answer = librarian.ask("dairy")
    message = render_message(answer)
    assert_fits_slack(message)
    more = [
        e
        for b in message["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == MORE_QUOTES
    ]
    assert more, "60 quotes must offer a next page"
    assert "55 more" in json.dumps(message["blocks"])
    from handlers.query.parse import Query

    second = render_text(librarian.run(Query.from_value(more[0]["value"])))
    assert "Quotes 6–10 of 60" in second
    assert "<https://news.example/story|Test Wire>" in json.dumps(message["blocks"])


def test_article_text_cannot_ping_or_link(engine: Engine, session: Session) -> None:
    factories.quote(
        session,
        "Tell <!channel> and <@U123> to visit <https://evil.example|here>",
        speaker="Jane Analyst",
        topics=("energy",),
    )
    body = json.dumps(render_message(Librarian(engine).ask("energy")))
    assert "<!channel>" not in body
    assert "<@U123>" not in body
    assert "<https://evil" not in body
    assert "&lt;!channel&gt;" in body


def test_help_lists_every_subcommand(engine: Engine) -> None:
    message = render_message(Librarian(engine).ask("help"))
    assert_fits_slack(message)
    body = json.dumps(message["blocks"])
    for word in (
        "search",
        "latest",
        "topics",
        "subscribe daily",
        "subscribe weekly",
        "subscribe cron",
        "unsubscribe",
        "private",
    ):
        assert word in body
    assert message["response_type"] == "ephemeral"
