"""Clean rendering: columns that never overflow, URLs and words never split, entities and glyphs handled.

Every sentence, label and address here is invented for the test.
"""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session

from handlers.query.engine import Librarian
from handlers.render import wording as w
from handlers.render.slack import render_message
from handlers.render.text import WIDTH, render_text
from store.answers.queries import QuoteRow, SourceRow
from testkit import factories

URL = "https://news.example.org/2018/09/30/trade-deal-reached-after-long-weekend-of-machine-read-talks"
LONG = (
    "The negotiators met again on Sunday, and the machine-read summary of the state-of-play says "
    "the counter-proposal on cross-border e-commerce thresholds is still under review by officials."
)


def _store(engine: Engine) -> None:
    with Session(engine) as session:
        factories.quote(
            session,
            LONG + " Tom &amp; Jerry &lt;agreed&gt; ░░░ on it.",
            speaker="Chrystia Freeland",
            topics=("de-minimis",),
            url=URL,
        )
        factories.position(
            session,
            party="canada",
            topic="de-minimis",
            summary="Holds the threshold &amp; the duty-free limit where they are.",
            stance="defends",
            as_of=date(2018, 9, 30),
        )


def test_no_line_is_wider_than_the_column_and_no_word_or_url_is_split(engine: Engine) -> None:
    _store(engine)
    librarian = Librarian(engine)
    for question in ("de minimis", "freeland", "canada", "latest", "topics", "de minimis timeline", "help"):
        text = render_text(librarian.ask(question))
        for line in text.split("\n"):
            assert len(line) <= WIDTH or line.strip().startswith("http"), (question, line)
            assert not re.search(r"\w-$", line), (question, line)  # no hyphen break
        if question != "topics" and "help" not in question and "timeline" not in question:
            assert URL in text.split(), question  # whole, on a line of its own
    # Hyphenated words stay whole.
    flat = render_text(librarian.ask("de minimis"))
    for word in ("machine-read", "state-of-play", "counter-proposal", "cross-border"):
        assert word in flat


def test_a_long_label_gets_a_line_of_its_own(engine: Engine) -> None:
    with Session(engine) as session:
        factories.position(
            session,
            party="mexico",
            topic="dispute-settlement",
            summary="Wants the panels kept.",
            stance="defends",
            as_of=date(2018, 8, 1),
        )
    text = render_text(Librarian(engine).ask("mexico"))
    assert "\n  Dispute settlement\n" in text
    assert "Dispute settlementWants" not in text.replace(" ", "")
    assert "  Wants the panels kept." in text


def test_entities_are_decoded_in_text_and_escaped_once_for_slack(engine: Engine) -> None:
    _store(engine)
    answer = Librarian(engine).ask("de minimis")
    text = render_text(answer)
    flat = " ".join(text.split())
    assert "Tom & Jerry <agreed> on it." in flat
    assert "&amp;" not in text
    assert "░" not in text
    assert "threshold & the duty-free limit" in flat
    message = render_message(answer)
    sections = " ".join(b["text"]["text"] for b in message["blocks"] if b["type"] == "section")
    assert "Tom &amp; Jerry &lt;agreed&gt; on it." in sections
    assert "&amp;amp;" not in sections
    assert "░" not in sections


def test_the_date_shown_is_when_it_was_said_else_the_article_date() -> None:
    source = SourceRow(1, "Harbour Times", None, False, None, date(2018, 10, 2))
    said = QuoteRow(
        1,
        "Words.",
        "Pat Trader",
        None,
        None,
        None,
        None,
        date(2018, 9, 30),
        date(2018, 10, 2),
        True,
        1.0,
        True,
        0,
        source,
    )
    assert w.speaker_details(said).endswith("2018-09-30")
    assert w.quote_source(said) == "Harbour Times, 2018-10-02"
    unknown = QuoteRow(
        2, "Words.", "Pat Trader", None, None, None, None, None, None, True, 1.0, True, 0, source
    )
    assert w.speaker_details(unknown).endswith("2018-10-02")
    assert w.quote_source(unknown) == "Harbour Times"


def test_placeholder_glyphs_never_reach_a_reader() -> None:
    assert w.readable("The ░░░░ deal is █████ done") == "The deal is done"
    assert w.quote_text("Fine &amp; dandy ▒▒,") == "“Fine & dandy.”"
