"""The pure parts of curation: form readers, the quote menu hook, file formats, link checks."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from handlers.curation import forms
from handlers.curation.changes import ACTION_WORDS, describe
from handlers.curation.ingest import message_links, url_problem
from handlers.curation.menus import QUOTE_MENU, read_choice, with_quote_menus
from handlers.curation.spans import parse_since
from handlers.query.engine import Librarian
from handlers.query.parse import Query
from handlers.render.slack import render_message
from store.curation.audit import AuditAction, Change
from store.curation.export import ExportQuote, build_export
from store.curation.formats import CSV_COLUMNS, safe_cell, to_csv, to_markdown
from store.curation.quotes import QuoteState
from testkit import factories

BOOK = forms.Choicebook(
    parties=[("Canada", "canada"), ("Mexico", "mexico")], topics=[("Autos", "autos"), ("Dairy", "dairy")]
)
TODAY = date(2018, 6, 1)


def state(block_id: str, kind: str, **value: object) -> dict:
    return {block_id: {"x": {"type": kind, **value}}}


def correction_values(**overrides: dict) -> dict:
    values = {
        **state("speaker", "external_select", selected_option={"value": "person:7"}),
        **state("new_speaker", "plain_text_input", value=None),
        **state("new_role", "plain_text_input", value=None),
        **state("party", "static_select", selected_option={"value": "canada"}),
        **state("topics", "multi_static_select", selected_options=[{"value": "autos"}]),
        **state("direct", "radio_buttons", selected_option={"value": "partial"}),
        **state("scope", "checkboxes", selected_options=[]),
    }
    return {**values, **overrides}


def test_a_correction_form_reads_into_an_edit() -> None:
    edit, errors = forms.read_correction(correction_values(), BOOK)
    assert errors == {}
    assert edit is not None
    assert (edit.speaker_id, edit.party, edit.topics, edit.direct, edit.in_scope) == (
        7,
        "canada",
        ("autos",),
        False,
        False,
    )


def test_a_new_name_wins_over_the_picked_speaker() -> None:
    values = correction_values(**state("new_speaker", "plain_text_input", value="  Rosa   Lindqvist "))
    edit, errors = forms.read_correction(values, BOOK)
    assert errors == {}
    assert edit is not None
    assert (edit.speaker_id, edit.new_speaker) == (None, "Rosa Lindqvist")


@pytest.mark.parametrize(
    ("override", "block"),
    [
        (state("party", "static_select", selected_option={"value": "atlantis"}), "party"),
        (state("topics", "multi_static_select", selected_options=[{"value": "moon"}]), "topics"),
        (state("new_role", "plain_text_input", value="minister"), "new_role"),
        (state("new_speaker", "plain_text_input", value="x" * 201), "new_speaker"),
        (state("new_speaker", "plain_text_input", value="12345"), "new_speaker"),
        (state("speaker", "external_select", selected_option={"value": "person:abc"}), "speaker"),
        (state("direct", "radio_buttons", selected_option={"value": "maybe"}), "direct"),
    ],
)
def test_bad_correction_values_are_errors_on_their_block(override: dict, block: str) -> None:
    edit, errors = forms.read_correction(correction_values(**override), BOOK)
    assert edit is None
    assert block in errors
    assert errors[block]


def position_values(**overrides: dict) -> dict:
    values = {
        **state("party", "static_select", selected_option={"value": "mexico"}),
        **state("topic", "static_select", selected_option={"value": "dairy"}),
        **state("stance", "static_select", selected_option={"value": "opposes"}),
        **state("summary", "plain_text_input", value="Rejects any new quota."),
        **state("url", "plain_text_input", value="https://example.test/story"),
        **state("date", "datepicker", selected_date="2018-05-30"),
        **state("outlet", "plain_text_input", value=None),
    }
    return {**values, **overrides}


def test_a_position_form_needs_a_source_url_and_date() -> None:
    form, errors = forms.read_position(position_values(), BOOK, today=TODAY)
    assert errors == {}
    assert form is not None
    assert form.source is not None
    assert (form.party, form.topic, form.stance, form.source.on) == (
        "mexico",
        "dairy",
        "opposes",
        date(2018, 5, 30),
    )
    for block, bad in [
        ("url", state("url", "plain_text_input", value="javascript:alert(1)")),
        ("url", state("url", "plain_text_input", value=None)),
        ("url", state("url", "plain_text_input", value="https://" + "a" * 2000)),
        ("date", state("date", "datepicker", selected_date=None)),
        ("date", state("date", "datepicker", selected_date="2030-01-01")),
        ("summary", state("summary", "plain_text_input", value="   ")),
        ("summary", state("summary", "plain_text_input", value="x" * 1001)),
        ("stance", state("stance", "static_select", selected_option={"value": "sulks"})),
        ("party", state("party", "static_select", selected_option={"value": "atlantis"})),
    ]:
        form, errors = forms.read_position(position_values(**bad), BOOK, today=TODAY)
        assert form is None, (block, bad)
        assert block in errors, (block, bad)


def test_status_form_and_hide_reason() -> None:
    values = {
        **state("topic", "static_select", selected_option={"value": "autos"}),
        **state("status", "static_select", selected_option={"value": "converging"}),
        **state("url", "plain_text_input", value="http://example.test/a"),
        **state("date", "datepicker", selected_date="2018-05-01"),
    }
    form, errors = forms.read_status(values, BOOK, today=TODAY)
    assert errors == {}
    assert form is not None
    assert form.status == "converging"
    bad = {**values, **state("status", "static_select", selected_option={"value": "exploded"})}
    assert "status" in forms.read_status(bad, BOOK, today=TODAY)[1]
    assert forms.read_reason(state("reason", "plain_text_input", value=" off topic "))[0] == "off topic"
    assert "reason" in forms.read_reason(state("reason", "plain_text_input", value=""))[1]
    assert "reason" in forms.read_reason(state("reason", "plain_text_input", value="y" * 301))[1]


def test_the_correct_form_shows_the_current_values() -> None:
    current = QuoteState(
        5,
        "We will not sign a bad deal.",
        9,
        "Rosa Lindqvist",
        None,
        "mexico",
        ("dairy",),
        True,
        True,
        False,
        False,
    )
    view = forms.correct_view(current, BOOK, {"q": 5})
    assert view["callback_id"] == forms.CORRECT_QUOTE
    assert '"q":5' in view["private_metadata"]
    by_block = {b.get("block_id"): b for b in view["blocks"]}
    assert by_block["speaker"]["element"]["initial_option"]["value"] == "person:9"
    assert by_block["party"]["element"]["initial_option"]["value"] == "mexico"
    assert [o["value"] for o in by_block["topics"]["element"]["initial_options"]] == ["dairy"]
    assert by_block["scope"]["element"]["initial_options"][0]["value"] == "in_scope"


def test_editors_get_a_menu_on_each_quote_and_the_cached_message_is_left_alone(engine: Engine) -> None:
    with Session(engine) as session:
        factories.quote(
            session, "Autos first, then everything else.", speaker="Rosa Lindqvist", party="mexico"
        )
    answer = Librarian(engine).ask("autos")
    message = render_message(answer)
    menus = with_quote_menus(message, answer.query)
    quotes = [b for b in menus["blocks"] if b.get("accessory", {}).get("action_id") == QUOTE_MENU]
    assert quotes
    assert len(quotes) == len(answer.page.quotes)
    assert not any(
        "accessory" in b
        for b in message["blocks"]
        if b.get("type") == "section" and "quote:" in b.get("block_id", "")
    )
    option = quotes[0]["accessory"]["options"][0]
    choice = read_choice({"selected_option": option, "block_id": quotes[0]["block_id"]})
    assert choice is not None
    assert choice.verb == "correct"
    assert choice.query == Query("topic", topic="autos")
    assert all(len(b["block_id"]) <= 255 for b in quotes)
    assert read_choice({"selected_option": {"value": "delete:5"}}) is None
    assert read_choice({"selected_option": {"value": "verify:DROP TABLE"}}) is None


def test_csv_cells_never_become_formulas_and_columns_are_as_documented() -> None:
    assert safe_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert [safe_cell(v) for v in ("+1", "-2", "@SUM(A1)", "plain")] == ["'+1", "'-2", "'@SUM(A1)", "plain"]
    row = ExportQuote(
        date(2018, 5, 1),
        date(2018, 5, 2),
        "=cmd|' /C calc'!A0",
        None,
        "Canada",
        "-we said",
        ("Autos",),
        "Test Wire",
        "https://example.test/a",
        True,
        True,
        True,
    )
    export = _export([row])
    parsed = list(csv.reader(io.StringIO(to_csv(export))))
    assert tuple(parsed[0]) == CSV_COLUMNS
    assert parsed[1] == [
        "2018-05-01",
        "2018-05-02",
        "'=cmd|' /C calc'!A0",
        "",
        "Canada",
        "'-we said",
        "Autos",
        "Test Wire",
        "https://example.test/a",
        "yes",
    ]


def test_markdown_is_a_briefing_with_block_quotes_and_attribution() -> None:
    row = ExportQuote(
        date(2018, 5, 1),
        date(2018, 5, 2),
        "Rosa Lindqvist",
        "trade adviser",
        "Mexico",
        "We want [a deal] *this* year.\nNot next.",
        ("Autos",),
        "Test Wire",
        "https://example.test/a",
        False,
        True,
        True,
    )
    text = to_markdown(_export([row]), today=date(2018, 6, 1))
    assert text.startswith("# Autos: briefing")
    assert (
        "> We want \\[a deal\\] \\*this\\* year.\n> Not next.\n>\n"
        "> — Rosa Lindqvist, trade adviser (Mexico), 2018-05-01" in text
    )
    assert "[Test Wire](https://example.test/a) 2018-05-02" in text
    assert "## Status" in text
    assert "## Positions" in text


def _export(rows: list[ExportQuote]):  # type: ignore[no-untyped-def]
    from store.curation.export import Export

    return Export("autos", "Autos", "Rules of origin", None, None, None, [], rows, False)


def test_the_export_leaves_out_hidden_fragments_and_out_of_scope_unless_asked(engine: Engine) -> None:
    with Session(engine) as session:
        shown = factories.quote(
            session, "Our plants need a clear rule.", speaker="Rosa Lindqvist", party="mexico"
        )
        hidden = factories.quote(
            session, "Hidden words about cars.", speaker="Rosa Lindqvist", party="mexico"
        )
        aside = factories.quote(
            session, "Something about an election.", speaker="Rosa Lindqvist", party="mexico"
        )
        hidden.hidden, aside.in_scope = True, False
        session.add(hidden)
        session.add(aside)
        session.commit()
        texts = [r.text for r in build_export(session, topic="autos", party="mexico").quotes]
        assert texts == [shown.text]
        wide = [
            r.text
            for r in build_export(session, topic="autos", party="mexico", include_out_of_scope=True).quotes
        ]
        assert sorted(wide) == sorted([shown.text, aside.text])
        assert build_export(session, topic="autos", since=date(2030, 1, 1)).quotes == []


def test_links_in_a_slack_message_and_which_ones_the_bot_will_fetch() -> None:
    message = {
        "text": "Read <https://example.test/a?x=1&amp;y=2|this> and https://example.test/b. "
        "Also <mailto:x@y.z|mail>",
        "blocks": [{"type": "rich_text", "elements": [{"type": "link", "url": "https://example.test/c"}]}],
    }
    assert message_links(message) == [
        "https://example.test/a?x=1&y=2",
        "https://example.test/b",
        "https://example.test/c",
    ]
    public = lambda host: ["93.184.216.34"]  # noqa: E731
    assert url_problem("https://example.test/a", resolve=public) is None
    for url in (
        "http://127.0.0.1:8080/",
        "http://10.0.0.5/",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/",
        "http://192.168.1.1/",
    ):
        assert "private" in (url_problem(url, resolve=public) or ""), url
    assert "private" in (url_problem("http://intranet.test/", resolve=lambda h: ["10.1.2.3"]) or "")
    assert url_problem("ftp://example.test/") == "not an http(s) link"
    assert url_problem("https://user:pw@example.test/", resolve=public) == (
        "links with a user name or password are not fetched"
    )
    assert url_problem("http://127.0.0.1:8080/", allow_private=True) is None


def test_spans_and_change_lines() -> None:
    now = datetime(2018, 6, 10, 12, tzinfo=UTC)
    assert parse_since("7d", now) == datetime(2018, 6, 3, 12, tzinfo=UTC)
    assert parse_since("2018-06-01", now) == datetime(2018, 6, 1, tzinfo=UTC)
    with pytest.raises(ValueError, match="not a span"):
        parse_since("soon", now)
    change = Change(
        1,
        now,
        "U0EDITOR",
        "quote.correct",
        "quote:12",
        {"speaker": "A <b>", "party": None},
        {"speaker": "C", "party": "canada"},
        None,
    )
    line = describe(change)
    assert "<@U0EDITOR> corrected quote #12" in line
    assert "speaker: A &lt;b&gt; → C" in line
    assert "party: none → canada" in line


def test_every_audit_action_has_words_on_the_desk() -> None:
    assert set(ACTION_WORDS) == set(AuditAction)
