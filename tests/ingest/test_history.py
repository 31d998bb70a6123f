"""What is stored does not depend on ingest history: one run, two runs in either order, or a run after an
interrupted one store the same speaker for every quote."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import Engine, select
from sqlmodel import Session

from store.bootstrap import open_store
from store.ingest.pipeline import ingest
from store.ingest.sources import RawArticle
from store.models import Article, Person, Quote
from store.taxonomy import load_taxonomy
from tests.conftest import fresh_database

TAXONOMY = load_taxonomy()

# Invented stories. The first introduces a person by one name only; the second names people by surname,
# as a later story would: a store that fed the first story's people back into the extractor gave the
# second story different speakers depending on which was read first.
STORIES = [
    (
        "https://example.test/council",
        "Okonkwo, who chairs the state trade council, said the new rules were “a maze for small "
        "shippers.”\n\n“We will keep asking for a longer phase-in,” Okonkwo added.\n\n"
        "President Trump said on Friday that the talks were “moving along nicely.”",
    ),
    (
        "https://example.test/ports",
        "“Nobody at the port was asked about any of this,” Okonkwo said at a hearing on Tuesday.\n\n"
        "“We are close, very close,” Trump told reporters.\n\n"
        "Delia Ferrant, a customs broker in Laredo, said: “The paperwork doubles overnight.”\n\n"
        "“It is a lot of forms,” Ferrant said.",
    ),
    (
        "https://example.test/dairy-farm",
        "“Our herd is half what it was,” said Ferrant, whose family has farmed near the border for "
        "decades.\n\n“Donald Trump promised us a better deal,” she said.\n\n"
        "Donald Trump said the agreement would be “the best ever made.”",
    ),
]


def _articles(indexes: list[int]) -> list[RawArticle]:
    return [
        RawArticle(
            name=f"story-{i}.txt", text=STORIES[i][1], url=STORIES[i][0], published=date(2018, 9, 3 + i)
        )
        for i in indexes
    ]


def _speakers(engine: Engine) -> dict[tuple[str, str], tuple[str | None, str | None]]:
    with Session(engine) as s:
        rows = s.exec(
            select(Article.url, Quote.text, Person.name, Quote.speaker_label)
            .join(Article, Article.id == Quote.article_id)
            .outerjoin(Person, Person.id == Quote.speaker_id)
        ).all()
    return {(url, text): (name, label) for url, text, name, label in rows}


def _stored_after(tmp_path: Path, name: str, *runs: list[int]) -> dict:
    folder = tmp_path / name
    folder.mkdir()
    with fresh_database(folder) as url:
        engine = open_store(url)
        try:
            for run in runs:
                ingest(engine, TAXONOMY, _articles(run), workers=1)
            return _speakers(engine)
        finally:
            engine.dispose()


def test_two_partial_runs_in_any_order_store_the_speakers_of_one_clean_run(tmp_path: Path) -> None:
    clean = _stored_after(tmp_path, "clean", [0, 1, 2])
    assert clean[("https://example.test/ports", "It is a lot of forms,")] == ("Delia Ferrant", None)
    assert clean[("https://example.test/ports", "We are close, very close,")] == ("Donald Trump", None)
    assert _stored_after(tmp_path, "two-parts", [0], [1, 2]) == clean
    assert _stored_after(tmp_path, "reversed", [2], [1], [0]) == clean
    assert _stored_after(tmp_path, "interrupted", [0, 1], [0, 1, 2]) == clean


def test_every_form_of_a_taxonomy_name_is_the_one_taxonomy_person(tmp_path: Path) -> None:
    stored = _stored_after(tmp_path, "forms", [0, 1, 2])
    trump = {
        name
        for (url, text), (name, label) in stored.items()
        if text in {"moving along nicely.", "We are close, very close,", "the best ever made."}
    }
    assert trump == {"Donald Trump"}
    folder = tmp_path / "people"
    folder.mkdir()
    with fresh_database(folder) as url:
        engine = open_store(url)
        ingest(engine, TAXONOMY, _articles([0, 1, 2]), workers=1)
        with Session(engine) as s:
            names = {n for (n,) in s.exec(select(Person.name).where(Person.source == "extracted")).all()}
        engine.dispose()
    assert not any("Trump" in n for n in names)


def test_stored_quotes_carry_their_rule_and_fragment_flag(tmp_path: Path) -> None:
    with fresh_database(tmp_path) as url:
        engine = open_store(url)
        ingest(engine, TAXONOMY, _articles([0]), workers=1)
        with Session(engine) as s:
            rows = s.exec(select(Quote.text, Quote.rule, Quote.fragment).order_by(Quote.ordinal)).all()
        engine.dispose()
    stored = {text: (rule, fragment) for text, rule, fragment in rows}
    assert stored["We will keep asking for a longer phase-in,"] == ("after-quote", False)
    assert stored["moving along nicely."] == ("before-quote", False)
