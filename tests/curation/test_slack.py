"""The editor's desk over real HTTP: signed requests to a running `nafta-bot serve`, Slack played by the
fake Web API on loopback. What an editor and a non-editor see, and what reaches the store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from store.bootstrap import open_store
from store.curation.audit import recent_changes
from store.models import AuditEntry, Person, Position, Quote, QuoteTopic, TopicStatus
from testkit import factories
from testkit.fakeslack import TEAM_ID, FakeSlack
from testkit.serving import ServeProcess, start_http_server
from testkit.slack import SlackSender, unique
from testkit.waiting import wait_until
from tests.conftest import MigratedTemplate
from tests.ingest.conftest import Site, html_page
from tests.slack.harness import all_text

EDITOR = "U0EDITOR"
REPORTER = "U0REPORTER"
ADMIN = "UADMIN7"  # the fake says users starting with UADMIN are workspace admins


@pytest.fixture(scope="module")
def module_database(migrated_template: MigratedTemplate, module_folder: Path) -> Iterator[str]:
    with migrated_template.copy(module_folder) as url:
        yield url


@pytest.fixture(scope="module")
def server(module_database: str, slack_listener: FakeSlack, module_folder: Path) -> Iterator[ServeProcess]:
    env = {"NAFTA_EDITORS": f"{EDITOR},admins", "NAFTA_ALLOW_PRIVATE_URLS": "true"}
    process = start_http_server(module_database, slack_listener, module_folder, **env)
    yield process
    process.stop()


@pytest.fixture(scope="module")
def store(module_database: str) -> Iterator[Engine]:
    engine = open_store(module_database)
    yield engine
    engine.dispose()


# ---------------------------------------------------------------------- what Slack sends


def send_payload(slack: SlackSender, payload: dict[str, Any]) -> httpx.Response:
    return slack.post(urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded")


def base(user: str, kind: str) -> dict[str, Any]:
    return {
        "type": kind,
        "team": {"id": TEAM_ID, "domain": "newsroom"},
        "user": {"id": user, "team_id": TEAM_ID},
        "api_app_id": "A0NAFTA",
        "trigger_id": unique("trigger."),
    }


def click(
    slack: SlackSender, user: str, action: dict[str, Any], response: str, channel: str = "C0DESK"
) -> httpx.Response:
    payload = {
        **base(user, "block_actions"),
        "container": {"type": "message", "message_ts": "1.2", "channel_id": channel, "is_ephemeral": False},
        "channel": {"id": channel, "name": "trade-desk"},
        "response_url": slack.fake.response_url(response),
        "actions": [{"action_ts": "1.3", **action}],
    }
    return send_payload(slack, payload)


def submit(slack: SlackSender, user: str, view: dict[str, Any], values: dict[str, Any]) -> httpx.Response:
    submitted = {"type": "modal", **view, "id": "V1", "state": {"values": values}}
    return send_payload(slack, {**base(user, "view_submission"), "view": submitted})


def answer(slack: SlackSender, text: str, user: str) -> dict[str, Any]:
    response = slack.command(text, response=unique("cmd"), user=user, channel="C0DESK")
    assert response.status_code == 200
    return response.json()


def opened_view(fake: FakeSlack, trigger_id: str) -> dict[str, Any]:
    def view() -> dict[str, Any]:
        calls = fake.calls_to("views.open", ok_only=True)
        return next((c.params["view"] for c in calls if c.params.get("trigger_id") == trigger_id), {})

    return wait_until(view, timeout=10, what=f"views.open with {trigger_id}")


def quote_menu(message: dict[str, Any], quote_id: int) -> dict[str, Any]:
    for block in message.get("blocks") or []:
        accessory = block.get("accessory") or {}
        if accessory.get("action_id") == "quote_menu" and block["block_id"].startswith(f"quote:{quote_id}|"):
            return {"block_id": block["block_id"], "options": accessory["options"]}
    raise AssertionError(f"no menu for quote {quote_id} in {all_text(message)[:500]}")


def choose(
    slack: SlackSender, user: str, menu: dict[str, Any], verb: str, response: str
) -> tuple[httpx.Response, str]:
    option = next(o for o in menu["options"] if o["value"].startswith(verb + ":"))
    action = {
        "type": "overflow",
        "action_id": "quote_menu",
        "block_id": menu["block_id"],
        "selected_option": option,
    }
    trigger = unique("trigger.")
    payload = {
        **base(user, "block_actions"),
        "trigger_id": trigger,
        "container": {"type": "message", "message_ts": "1.2", "channel_id": "C0DESK", "is_ephemeral": True},
        "channel": {"id": "C0DESK"},
        "response_url": slack.fake.response_url(response),
        "actions": [{"action_ts": "1.3", **action}],
    }
    return send_payload(slack, payload), trigger


def value(kind: str, **fields: Any) -> dict[str, Any]:
    return {"x": {"type": kind, **fields}}


def seed(store: Engine, text: str, topic: str, speaker: str = "Ilse Marchetti") -> int:
    with Session(store) as session:
        row = factories.quote(
            session, text, speaker=speaker, party="mexico", topics=(topic,), published=date(2018, 9, 3)
        )
        assert row.id is not None
        return row.id


# ---------------------------------------------------------------------- tests


def test_editors_see_a_menu_on_each_quote_and_others_do_not(slack: SlackSender, store: Engine) -> None:
    quote_id = seed(store, "Energy chapters must respect our constitution.", "energy")
    editor_view = answer(slack, "energy private", EDITOR)
    assert editor_view["response_type"] == "ephemeral"
    quote_menu(editor_view, quote_id)
    reporter_view = answer(slack, "energy private", REPORTER)
    assert "quote_menu" not in json.dumps(reporter_view)
    assert "Energy chapters must respect our constitution." in all_text(reporter_view)
    quote_menu(answer(slack, "energy private", ADMIN), quote_id)  # "admins" in NAFTA_EDITORS, via users.info
    # A channel answer looks the same to every reader: no edit controls on it, even when an editor asked.
    in_channel = answer(slack, "energy", EDITOR)
    assert in_channel["response_type"] == "in_channel"
    assert "quote_menu" not in json.dumps(in_channel)


def test_correct_opens_a_form_validates_saves_and_refreshes_the_answer(
    slack: SlackSender, fake_slack: FakeSlack, store: Engine
) -> None:
    quote_id = seed(store, "Procurement must stay open to our suppliers.", "procurement")
    menu = quote_menu(answer(slack, "procurement private", EDITOR), quote_id)
    name = unique("correct")
    response, trigger = choose(slack, EDITOR, menu, "correct", name)
    assert response.status_code == 200
    view = opened_view(fake_slack, trigger)
    assert view["callback_id"] == "correct_quote"

    suggestion = {
        **base(EDITOR, "block_suggestion"),
        "action_id": "speaker",
        "block_id": "speaker",
        "value": "marche",
        "view": view,
    }
    options = send_payload(slack, suggestion).json()["options"]
    assert [o["text"]["text"] for o in options] == ["Ilse Marchetti"]

    bad = {
        "speaker": value("external_select", selected_option=None),
        "new_speaker": value("plain_text_input", value=None),
        "new_role": value("plain_text_input", value="deputy minister"),
        "party": value("static_select", selected_option={"value": "atlantis"}),
        "topics": value("multi_static_select", selected_options=[{"value": "procurement"}]),
        "direct": value("radio_buttons", selected_option={"value": "direct"}),
        "scope": value("checkboxes", selected_options=[{"value": "in_scope"}]),
    }
    refused = submit(slack, EDITOR, view, bad).json()
    assert refused["response_action"] == "errors"
    assert set(refused["errors"]) == {"new_role", "party"}

    good = {
        **bad,
        "new_speaker": value("plain_text_input", value="Tomas Ferreira-Lund"),
        "party": value("static_select", selected_option={"value": "canada"}),
        "topics": value(
            "multi_static_select", selected_options=[{"value": "procurement"}, {"value": "dairy"}]
        ),
    }
    saved = submit(slack, EDITOR, view, good)
    assert saved.status_code == 200
    assert saved.text == ""
    refreshed = fake_slack.wait_for(f"response:{name}", timeout=20)[0].params
    assert refreshed["replace_original"] is True
    assert "Tomas Ferreira-Lund" in all_text(refreshed)
    assert "verified" in all_text(refreshed)
    quote_menu(refreshed, quote_id)  # the refreshed answer keeps the editor's menu
    with Session(store) as session:
        row = session.get(Quote, quote_id)
        assert row is not None
        assert row.verified
        speaker = session.get(Person, row.speaker_id)
        assert speaker is not None
        assert (speaker.name, speaker.role) == (
            "Tomas Ferreira-Lund",
            "deputy minister",
        )
        assert row.party_id == factories.party_id(session, "canada")
        topics = set(session.exec(select(QuoteTopic.topic_id).where(QuoteTopic.quote_id == quote_id)))
        assert topics == {factories.topic_id(session, "procurement"), factories.topic_id(session, "dairy")}
        audit = session.exec(select(AuditEntry).where(AuditEntry.target == f"quote:{quote_id}")).all()
        assert [(a.actor, a.action) for a in audit] == [(EDITOR, "quote.correct")]


def test_a_non_editor_is_refused_even_with_a_hand_made_payload(
    slack: SlackSender, fake_slack: FakeSlack, store: Engine
) -> None:
    quote_id = seed(store, "Lumber duties are a tax on homebuyers.", "lumber")
    forged_menu = {
        "block_id": f'quote:{quote_id}|{{"k":"topic","t":"lumber"}}',
        "options": [
            {"text": {"type": "plain_text", "text": "x"}, "value": f"{v}:{quote_id}"}
            for v in ("verify", "hide")
        ],
    }
    name = unique("forged")
    response, _ = choose(slack, REPORTER, forged_menu, "verify", name)
    assert response.status_code == 200
    told = fake_slack.wait_for(f"response:{name}", timeout=20)[0].params
    assert told["response_type"] == "ephemeral"
    assert "Only the desk's editors" in told["text"]

    view = {"callback_id": "hide_quote", "private_metadata": json.dumps({"q": quote_id})}
    refused = submit(
        slack, REPORTER, view, {"reason": value("plain_text_input", value="I dislike it")}
    ).json()
    assert refused["response_action"] == "update"
    assert "Only the desk's editors" in all_text(refused["view"])
    correct = {"callback_id": "correct_quote", "private_metadata": json.dumps({"q": quote_id})}
    assert submit(slack, REPORTER, correct, {}).json()["response_action"] == "update"
    record = {"callback_id": "record_position", "private_metadata": ""}
    assert submit(slack, REPORTER, record, {}).json()["response_action"] == "update"
    suggestion = {
        **base(REPORTER, "block_suggestion"),
        "action_id": "speaker",
        "block_id": "speaker",
        "value": "lumber",
    }
    assert send_payload(slack, suggestion).json()["options"] == []
    with Session(store) as session:
        row = session.get(Quote, quote_id)
        assert row is not None
        assert not row.verified
        assert not row.hidden
        assert session.exec(select(AuditEntry).where(AuditEntry.target == f"quote:{quote_id}")).all() == []
    changes = answer(slack, "changes 7d", REPORTER)
    assert "Only the desk's editors" in changes["text"]


def test_hide_and_verify_from_the_menu(slack: SlackSender, fake_slack: FakeSlack, store: Engine) -> None:
    junk = seed(store, "Steel, steel, steel, say it again.", "steel-aluminum")
    good = seed(store, "Steel quotas are not a substitute for a deal.", "steel-aluminum")
    message = answer(slack, "steel -p", EDITOR)
    name = unique("hide")
    _, trigger = choose(slack, EDITOR, quote_menu(message, junk), "hide", name)
    view = opened_view(fake_slack, trigger)
    assert view["callback_id"] == "hide_quote"
    empty = submit(slack, EDITOR, view, {"reason": value("plain_text_input", value="  ")}).json()
    assert empty["response_action"] == "errors"
    assert "reason" in empty["errors"]
    assert submit(slack, EDITOR, view, {"reason": value("plain_text_input", value="a chant")}).text == ""
    refreshed = fake_slack.wait_for(f"response:{name}", timeout=20)[0].params
    assert "say it again" not in all_text(refreshed)
    assert "not a substitute" in all_text(refreshed)
    assert "say it again" not in all_text(answer(slack, "steel", REPORTER))

    name = unique("verify")
    response, _ = choose(slack, EDITOR, quote_menu(refreshed, good), "verify", name)
    assert response.status_code == 200
    again = fake_slack.wait_for(f"response:{name}", timeout=20)[0].params
    assert "✓ _verified_" in all_text(again)
    with Session(store) as session:
        assert session.get(Quote, good).verified
        assert session.get(Quote, junk).hidden

    listed = answer(slack, "changes 1d", EDITOR)
    unhide = next(
        b["accessory"] for b in listed["blocks"] if b.get("accessory", {}).get("action_id") == "unhide_quote"
    )
    assert unhide["value"] == str(junk)
    name = unique("unhide")
    click(
        slack,
        EDITOR,
        {"type": "button", "action_id": "unhide_quote", "block_id": "b", "value": unhide["value"]},
        name,
    )
    assert "shown again" in fake_slack.wait_for(f"response:{name}", timeout=20)[0].params["text"]
    assert "say it again" in all_text(answer(slack, "steel", REPORTER))


def test_a_stale_menu_gets_a_polite_answer(slack: SlackSender, fake_slack: FakeSlack) -> None:
    stale = {
        "block_id": "quote:99999999",
        "options": [{"text": {"type": "plain_text", "text": "x"}, "value": "correct:99999999"}],
    }
    name = unique("stale")
    choose(slack, EDITOR, stale, "correct", name)
    told = fake_slack.wait_for(f"response:{name}", timeout=20)[0].params
    assert told["response_type"] == "ephemeral"
    assert "no longer in the store" in told["text"]
    name = unique("odd")
    click(
        slack,
        EDITOR,
        {
            "type": "overflow",
            "action_id": "quote_menu",
            "block_id": "x",
            "selected_option": {"value": "explode:1"},
        },
        name,
    )
    assert "older answer" in fake_slack.wait_for(f"response:{name}", timeout=20)[0].params["text"]


def test_record_a_position_and_a_status_from_the_shortcut_and_the_command(
    slack: SlackSender, fake_slack: FakeSlack, store: Engine
) -> None:
    trigger = unique("trigger.")
    shortcut = {**base(EDITOR, "shortcut"), "callback_id": "record_position", "trigger_id": trigger}
    assert send_payload(slack, shortcut).status_code == 200
    view = opened_view(fake_slack, trigger)
    assert view["callback_id"] == "record_position"
    values = {
        "party": value("static_select", selected_option={"value": "canada"}),
        "topic": value("static_select", selected_option={"value": "agriculture"}),
        "stance": value("static_select", selected_option={"value": "opposes"}),
        "summary": value("plain_text_input", value="Will not accept a seasonal produce rule."),
        "url": value("plain_text_input", value="ftp://example.test/x"),
        "date": value("datepicker", selected_date="2018-10-01"),
        "outlet": value("plain_text_input", value="Test Wire"),
    }
    refused = submit(slack, EDITOR, view, values).json()
    assert refused["response_action"] == "errors"
    assert "url" in refused["errors"]
    values["url"] = value("plain_text_input", value="https://example.test/produce")
    saved = submit(slack, EDITOR, view, values).json()
    assert saved["response_action"] == "update"
    assert "Recorded" in all_text(saved["view"])
    shown = answer(slack, "agriculture canada", REPORTER)
    assert "Will not accept a seasonal produce rule." in all_text(shown)
    with Session(store) as session:
        row = session.exec(
            select(Position).where(Position.summary == "Will not accept a seasonal produce rule.")
        ).one()
        assert (row.source, row.verified, row.as_of) == ("curated", True, date(2018, 10, 1))

    response = slack.command("record status", response=unique("cmd"), user=EDITOR, channel="C0DESK")
    assert response.status_code == 200
    assert response.text == ""
    status_view = next(c.params["view"] for c in reversed(fake_slack.calls_to("views.open")))
    assert status_view["callback_id"] == "set_status"
    status_values = {
        "topic": value("static_select", selected_option={"value": "agriculture"}),
        "status": value("static_select", selected_option={"value": "converging"}),
        "note": value("plain_text_input", value="Both sides narrowed the gap."),
        "url": value("plain_text_input", value="https://example.test/produce-2"),
        "date": value("datepicker", selected_date="2018-10-02"),
    }
    assert submit(slack, EDITOR, status_view, status_values).json()["response_action"] == "update"
    assert "converging" in all_text(answer(slack, "agriculture", REPORTER))
    with Session(store) as session:
        assert (
            session.exec(select(TopicStatus).where(TopicStatus.source == "curated")).one().status
            == "converging"
        )

    refused_cmd = answer(slack, "record", REPORTER)
    assert "Only the desk's editors" in refused_cmd["text"]


def test_changes_list_edits_and_retracts_curated_entries(
    slack: SlackSender, fake_slack: FakeSlack, store: Engine
) -> None:
    trigger = unique("trigger.")
    send_payload(slack, {**base(EDITOR, "shortcut"), "callback_id": "record_position", "trigger_id": trigger})
    view = opened_view(fake_slack, trigger)
    values = {
        "party": value("static_select", selected_option={"value": "us"}),
        "topic": value("static_select", selected_option={"value": "de-minimis"}),
        "summary": value("plain_text_input", value="Wants a far higher duty-free threshold."),
        "url": value("plain_text_input", value="https://example.test/threshold"),
        "date": value("datepicker", selected_date="2018-07-01"),
    }
    submit(slack, EDITOR, view, values)
    listed = answer(slack, "changes 7d", EDITOR)
    assert listed["response_type"] == "ephemeral"
    assert "recorded position" in all_text(listed)
    menu_block = next(b for b in listed["blocks"] if "de-minimis" in all_text(b) and "accessory" in b)
    retract_option = next(o for o in menu_block["accessory"]["options"] if o["value"].startswith("retract:"))
    name = unique("retract")
    click(
        slack,
        EDITOR,
        {
            "type": "overflow",
            "action_id": "curated_menu",
            "block_id": menu_block.get("block_id", "b"),
            "selected_option": retract_option,
        },
        name,
    )
    assert "Retracted" in fake_slack.wait_for(f"response:{name}", timeout=20)[0].params["text"]
    assert "Wants a far higher duty-free threshold." not in all_text(answer(slack, "de minimis us", REPORTER))
    with Session(store) as session:
        actions = [c.action for c in recent_changes(session, limit=5)]
        assert actions[:2] == ["position.retract", "position.record"]


def test_export_uploads_a_file_with_slacks_three_step_upload(
    slack: SlackSender, fake_slack: FakeSlack, store: Engine
) -> None:
    seed(
        store,
        '=HYPERLINK("http://evil.test") is what we think of this intellectual property text.',
        "intellectual-property",
    )
    hidden = seed(store, "Hidden line about patents that must never be exported.", "intellectual-property")
    with Session(store) as session:
        row = session.get(Quote, hidden)
        assert row is not None
        row.hidden = True
        session.add(row)
        session.commit()
    acked = answer(slack, "export intellectual property csv", REPORTER)
    assert "Preparing" in acked["text"]
    [complete] = fake_slack.wait_for("files.completeUploadExternal", timeout=20)
    [url_call] = fake_slack.calls_to("files.getUploadURLExternal")
    file_id = url_call.response["file_id"]
    [upload] = fake_slack.calls_to(f"upload:{file_id}")
    assert url_call.params["filename"] == "nafta-intellectual-property.csv"
    content = upload.params["content"]
    assert (
        content.splitlines()[0]
        == "date said,date reported,speaker,role,party,quote,topics,outlet,URL,verified"
    )
    assert "'=HYPERLINK" in content
    assert "never be exported" not in content
    assert complete.params["channel_id"] == "C0DESK"
    assert complete.params["files"][0]["id"] == file_id
    assert "I can export a topic" in answer(slack, "export nonsense-words", REPORTER)["text"]


def test_add_to_nafta_bot_reads_linked_articles_in_the_background(
    slack: SlackSender,
    fake_slack: FakeSlack,
    store: Engine,
    site: Site,
) -> None:
    body = (
        '"We will table a new proposal on labour rules next week," said Odile Brankovic, '
        "a union negotiator.\n\n"
        '"Wages in the plants are the whole question," Brankovic said.'
    )
    url = site.add("/labour-story", html_page("Unions weigh in", body, "2018-09-20"))
    name = unique("shortcut")
    message = {
        "type": "message",
        "text": f"worth a look <{url}|story> and <ftp://example.test/f|this>",
        "ts": "1.5",
    }
    payload = {
        **base(EDITOR, "message_action"),
        "callback_id": "add_to_nafta_bot",
        "message": message,
        "channel": {"id": "C0DESK"},
        "response_url": slack.fake.response_url(name),
    }
    response = send_payload(slack, payload)
    assert response.status_code == 200
    assert response.text == ""
    report = fake_slack.wait_for(f"response:{name}", timeout=30)[0].params
    assert report["response_type"] == "ephemeral"
    assert "1 article(s) added" in report["text"]
    assert "2 quote(s)" in report["text"]
    with Session(store) as session:
        assert session.exec(select(Person).where(Person.name == "Odile Brankovic")).first() is not None
    refused_name = unique("shortcut")
    send_payload(
        slack,
        {
            **payload,
            **base(REPORTER, "message_action"),
            "callback_id": "add_to_nafta_bot",
            "response_url": slack.fake.response_url(refused_name),
        },
    )
    assert (
        "Only the desk's editors"
        in fake_slack.wait_for(f"response:{refused_name}", timeout=20)[0].params["text"]
    )


def test_app_home_shows_editors_the_last_changes(slack: SlackSender, fake_slack: FakeSlack) -> None:
    for user in (EDITOR, REPORTER):
        slack.event({"type": "app_home_opened", "user": user, "tab": "home"}, event_id=unique("Ev"))

    def both_published() -> dict[str, Any]:
        views = {
            c.params.get("user_id"): c.params["view"]
            for c in fake_slack.calls_to("views.publish", ok_only=True)
        }
        return views if EDITOR in views and REPORTER in views else {}

    views = wait_until(both_published, timeout=20, what="both Home tabs published")
    assert "For editors" in all_text(views[EDITOR])
    assert "Record a position" in all_text(views[EDITOR])
    assert "For editors" not in all_text(views[REPORTER])


def test_the_next_page_of_an_editors_private_answer_keeps_the_menus(
    slack: SlackSender, fake_slack: FakeSlack, store: Engine
) -> None:
    ids = [
        seed(store, f"Data must flow freely across the border, point {n}.", "digital-trade") for n in range(7)
    ]
    first = answer(slack, "digital trade private", EDITOR)
    more = next(
        e
        for b in first["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "more_quotes"
    )
    name = unique("more")
    payload = {
        **base(EDITOR, "block_actions"),
        "container": {"type": "message", "message_ts": "1.2", "channel_id": "C0DESK", "is_ephemeral": True},
        "channel": {"id": "C0DESK"},
        "response_url": slack.fake.response_url(name),
        "actions": [{"type": "button", "action_id": "more_quotes", "block_id": "b", "value": more["value"]}],
    }
    send_payload(slack, payload)
    page = fake_slack.wait_for(f"response:{name}", timeout=20)[0].params
    menus = [b for b in page["blocks"] if b.get("accessory", {}).get("action_id") == "quote_menu"]
    assert page["replace_original"] is True
    assert menus
    assert {int(b["block_id"].split("|")[0].removeprefix("quote:")) for b in menus} <= set(ids)


def test_a_spent_response_url_still_tells_the_editor_the_change_is_saved(
    slack: SlackSender, fake_slack: FakeSlack, store: Engine
) -> None:
    quote_id = seed(store, "Withdrawal would hurt farmers on both sides.", "withdrawal")
    name = unique("spent")
    _, trigger = choose(
        slack, EDITOR, quote_menu(answer(slack, "withdrawal -p", EDITOR), quote_id), "hide", name
    )
    view = opened_view(fake_slack, trigger)
    fake_slack.fail(f"response:{name}", status=404, error="expired_url")  # used five times already
    assert (
        submit(slack, EDITOR, view, {"reason": value("plain_text_input", value="not about the talks")}).text
        == ""
    )
    notes = wait_until(
        lambda: [
            c
            for c in fake_slack.calls_to("chat.postEphemeral")
            if "Quote hidden." in str(c.params.get("text"))
        ],
        timeout=20,
        what="the ephemeral 'Quote hidden.' note",
    )
    assert notes[0].params["user"] == EDITOR
    assert notes[0].params["channel"] == "C0DESK"
    with Session(store) as session:
        assert session.get(Quote, quote_id).hidden  # type: ignore[union-attr]
