"""Invented articles for the curation tests (no real reporting), and small helpers."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session, select

from store.ingest.pipeline import ingest
from store.ingest.sources import RawArticle
from store.models import Article, Person, Quote
from store.taxonomy import load_taxonomy
from tests.ingest.conftest import site  # noqa: F401  (a local web server for "Add to nafta-bot")
from tests.slack.conftest import fake_slack, module_folder, slack, slack_listener  # noqa: F401  (serve + fake Slack)

TAXONOMY = load_taxonomy()
URL = "https://example.test/parts-makers"

PARTS = """OTTAWA — Negotiators met again on Tuesday over the rules for car parts.

"We are not going to accept a content rule that shuts out our plants," said Dana Whitcombe, \
a spokeswoman for the Ontario parts makers' association.

"Our members build components on both sides of the border every single day," Whitcombe added.

The talks on autos resume next week in Washington.
"""

# The same story, updated by the outlet: a paragraph added at the top, so every offset moves.
PARTS_UPDATED = (
    "OTTAWA — Updated with the ministry's schedule. Officials plan two more rounds before summer.\n\n" + PARTS
)


def parts_article(text: str = PARTS) -> RawArticle:
    return RawArticle(
        name="parts.txt",
        text=text,
        title="Parts makers",
        url=URL,
        published=date(2018, 5, 2),
        outlet="Test Wire",
    )


def ingest_parts(engine: Engine, text: str = PARTS) -> None:
    summary = ingest(engine, TAXONOMY, [parts_article(text)], workers=1)
    assert summary.failed == 0, summary.failures


def quotes_of(session: Session, url: str = URL) -> list[Quote]:
    article = session.exec(select(Article).where(Article.url == url)).one()
    return list(session.exec(select(Quote).where(Quote.article_id == article.id).order_by(Quote.ordinal)))


def speaker_of(session: Session, quote: Quote) -> str | None:
    person = session.get(Person, quote.speaker_id) if quote.speaker_id else None
    return person.name if person else quote.speaker_label
