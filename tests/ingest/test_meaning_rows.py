"""What ingest stores of an article's meaning: scope flags, topic strengths, positions and statuses
read from the news, and quote ids that survive re-extraction."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, select, update
from sqlmodel import Session

from store.ingest.pipeline import ingest
from store.ingest.sources import RawArticle
from store.models import Article, Party, Position, Quote, QuoteTopic, Topic, TopicStatus
from store.taxonomy import load_taxonomy
from tests.ingest.conftest import article_file

TAXONOMY = load_taxonomy()
STORY = """WASHINGTON (Wire) - NAFTA negotiators closed the chapter on energy on Friday, and Canada \
rejected the U.S. demand to dismantle its dairy quotas.

"Nobody is touching supply management," Chrystia Freeland told reporters after the round.

"China has to play by the rules on steel too," the president said later at a separate event on \
Chinese trade.

Mexico's negotiators said they were hopeful."""
URL = "https://example.test/round"


def article(text: str = STORY, url: str | None = URL, title: str = "NAFTA round ends") -> RawArticle:
    return RawArticle(name="round.txt", text=text, title=title, url=url, published=date(2018, 9, 7))


def run(engine: Engine, *items: RawArticle, reextract: bool = False):  # type: ignore[no-untyped-def]
    return ingest(engine, TAXONOMY, list(items), workers=1, reextract=reextract)


def slugs(session: Session, model) -> dict[int, str]:  # type: ignore[no-untyped-def]
    return {row.id: row.slug for (row,) in session.exec(select(model))}


def test_scope_strength_positions_and_statuses_are_stored(engine: Engine) -> None:
    run(engine, article())
    with Session(engine) as s:
        stored = s.exec(select(Article).where(Article.url == URL)).one()[0]
        assert stored.in_scope is True
        quotes = {q.text: q for (q,) in s.exec(select(Quote).where(Quote.article_id == stored.id))}
        freeland = quotes["Nobody is touching supply management,"]
        china = next(q for text, q in quotes.items() if text.startswith("China has to"))
        assert (freeland.in_scope, china.in_scope) == (True, False)
        assert freeland.char_offset is not None
        assert stored.body[freeland.char_offset :].startswith("Nobody")
        topics, parties = slugs(s, Topic), slugs(s, Party)
        links = [link for (link,) in s.exec(select(QuoteTopic).where(QuoteTopic.quote_id == freeland.id))]
        assert [(topics[x.topic_id], x.strength, x.in_scope) for x in links] == [("dairy", 1.0, True)]
        positions = [p for (p,) in s.exec(select(Position).where(Position.article_id == stored.id))]
        assert {(parties[p.party_id], topics[p.topic_id], p.stance, p.source) for p in positions} >= {
            ("canada", "dairy", "opposes", "extracted")
        }
        assert all(0 < p.confidence < 1 and "\n" not in p.summary for p in positions)
        statuses = [t for (t,) in s.exec(select(TopicStatus).where(TopicStatus.article_id == stored.id))]
        assert [(topics[t.topic_id], t.status, t.as_of, t.source) for t in statuses] == [
            ("energy", "agreed", date(2018, 9, 7), "extracted")
        ]
        assert statuses[0].note.startswith("NAFTA negotiators closed the chapter")  # no dateline


def test_an_article_on_other_business_is_out_of_scope(engine: Engine) -> None:
    text = (
        "Leaders at the G-20 summit spent Saturday on Iran and on China's trade surplus.\n\n"
        '"Nobody wants a war in the Gulf," the French president said.'
    )
    run(engine, article(text, url="https://example.test/summit", title="Summit leaders split on Iran"))
    with Session(engine) as s:
        stored = s.exec(select(Article).where(Article.url == "https://example.test/summit")).one()[0]
        assert stored.in_scope is False


def _quote_ids(engine: Engine) -> dict[str, int]:
    with Session(engine) as s:
        return {
            q.text: q.id for (q,) in s.exec(select(Quote).join(Article).where(Article.url == URL)) if q.id
        }


def test_a_changed_article_keeps_the_ids_of_its_unchanged_quotes(engine: Engine) -> None:
    run(engine, article())
    before = _quote_ids(engine)
    changed = STORY.replace(
        "Mexico's negotiators said they were hopeful.", 'Mexico\'s negotiator said: "We are close."'
    )
    summary = run(engine, article(changed))
    assert summary.updated == 1
    after = _quote_ids(engine)
    for text in ("Nobody is touching supply management,",):
        assert after[text] == before[text]
    assert "We are close." in after


def test_reextracting_keeps_ids_and_leaves_an_editors_quote_alone(engine: Engine) -> None:
    run(engine, article())
    before = _quote_ids(engine)
    freeland = before["Nobody is touching supply management,"]
    with Session(engine) as s:
        s.exec(update(Quote).where(Quote.id == freeland).values(verified=True, context="an editor's note"))  # type: ignore[call-overload]
        s.commit()
    summary = run(engine, article(), reextract=True)
    assert (summary.updated, summary.unchanged) == (1, 0)
    assert _quote_ids(engine) == before
    with Session(engine) as s:
        kept = s.get(Quote, freeland)
        assert kept is not None
        assert kept.context == "an editor's note"
        assert kept.verified
        topics = [link for (link,) in s.exec(select(QuoteTopic).where(QuoteTopic.quote_id == freeland))]
        assert len(topics) == 1
        statuses = s.exec(select(TopicStatus).where(TopicStatus.source == "extracted")).all()
        assert len(statuses) == 1  # replaced, not doubled


def test_ingest_reextract_reads_the_stored_articles_again(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = article_file(tmp_path, "round.md", STORY, url=URL, published="2018-09-07")
    assert cli("ingest", str(path)).returncode == 0
    again = cli("ingest", "--reextract")
    assert again.returncode == 0, again.stderr
    assert "0 added, 0 unchanged, 1 updated, 0 failed" in again.stdout
    old_flag = cli("ingest", "--with-statuses", str(path))
    assert old_flag.returncode == 0
    assert "1 unchanged" in old_flag.stdout
    nothing = cli("ingest")
    assert nothing.returncode == 2
    assert "--reextract" in nothing.stderr
    assert "Traceback" not in nothing.stderr
