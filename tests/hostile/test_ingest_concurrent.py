"""Two `nafta-bot ingest` processes on the same file at once: every article stored exactly once."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from sqlmodel import Session

from store.models import Article, Person, Quote
from tests.hostile.conftest import start_ingest, wire_story, write_jsonl

STORIES = 240


def test_two_ingests_of_one_file_store_every_article_once(engine, database_url: str, tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "wire.jsonl", [wire_story(n) for n in range(STORIES)])

    runs = [start_ingest(database_url, str(source)) for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]

    for run, (out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, f"{out}\n{err}"
        assert "Traceback" not in err
    with Session(engine) as session:
        urls = list(session.scalars(select(Article.url).where(Article.source == "ingested")))
        people = list(session.execute(select(Person.name, func.count()).group_by(Person.name)))
        quotes = session.scalar(
            select(func.count()).select_from(Quote).join(Article).where(Article.source == "ingested")
        )
    assert sorted(urls) == sorted(f"https://wire.example/story/{n}" for n in range(STORIES))
    assert all(count == 1 for _name, count in people)
    assert quotes == STORIES * 4  # every story's four quotes, once each
    assert sum(int(out.split(" added")[0].split()[-1]) for out, _ in outputs) == STORIES
