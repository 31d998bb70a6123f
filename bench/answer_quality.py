"""Answer quality over a real news corpus: do the answers show what a reporter asked for?

    python -m bench.answer_quality                         # the shared corpus, a fresh SQLite store
    python -m bench.answer_quality --corpus news.jsonl --json

Ingests the corpus (.jsonl, one article a line) into a fresh store in a temporary folder, asks a fixed
list of 30 everyday questions (topics, topic + party, people, parties, latest, topics) and reports:

- on topic: the share of shown quotes whose own topic links (QuoteTopic) include the topic asked
  (for a person, a party or latest: any tracked topic);
- in scope: the share of shown quotes about the negotiation (not out of scope, a fragment or hidden);
- duplicates: lines shown twice in one answer (the same words), per answer;
- undated: quotes and positions shown without any date;
- overflowing: plain-text lines wider than the column (a lone long URL excepted);
- statuses: topics whose current status exists at all, and those read from the news (not bundled).

Everything runs in one process in well under a minute: a few seconds to ingest, milliseconds a question.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlmodel import Session, col, select

from bench.everyday import PARTIES, PEOPLE, TOPICS
from handlers.query import answers as a
from handlers.query.engine import Librarian
from handlers.render.text import WIDTH, render_text
from store.answers.queries import latest_status
from store.answers.ranking import words_key
from store.bootstrap import open_store
from store.ingest.inputs import read_inputs
from store.ingest.pipeline import ingest
from store.models import Quote, QuoteTopic, Topic
from store.taxonomy import load_taxonomy

CORPUS = Path("/work/shared/corpus/trade-news.jsonl")
# Everyday questions, by kind; the topic a topic question asks about is resolved by the parser.
QUESTIONS: tuple[str, ...] = (
    *TOPICS,
    "autos canada",
    "dairy canada",
    "dairy us",
    "autos mexico",
    "steel canada",
    "sunset clause mexico",
    *PEOPLE,
    *PARTIES,
    "latest",
    "topics",
)


@dataclass
class Asked:
    question: str
    kind: str
    quotes: int = 0
    on_topic: int = 0
    in_scope: int = 0
    duplicates: int = 0
    undated: int = 0
    positions: int = 0
    overflowing: int = 0
    ms: float = 0.0


@dataclass
class Report:
    articles: int
    quotes_stored: int
    ingest_s: float
    asked: list[Asked] = field(default_factory=list)
    topics: int = 0
    with_status: int = 0
    status_from_news: int = 0

    def totals(self) -> dict[str, float]:
        shown = sum(x.quotes for x in self.asked) or 1
        return {
            "questions": len(self.asked),
            "quotes shown": sum(x.quotes for x in self.asked),
            "on topic %": round(100 * sum(x.on_topic for x in self.asked) / shown, 1),
            "in scope %": round(100 * sum(x.in_scope for x in self.asked) / shown, 1),
            "duplicates per answer": round(
                sum(x.duplicates for x in self.asked) / max(1, len(self.asked)), 2
            ),
            "undated items shown": sum(x.undated for x in self.asked),
            "positions shown": sum(x.positions for x in self.asked),
            "overflowing lines": sum(x.overflowing for x in self.asked),
            "topics with a status": f"{self.with_status}/{self.topics}",
            "topics with a status from the news": f"{self.status_from_news}/{self.topics}",
            "p50 ms": sorted(x.ms for x in self.asked)[len(self.asked) // 2] if self.asked else 0,
        }


def measure(corpus: Path) -> Report:
    with tempfile.TemporaryDirectory() as folder:
        engine = open_store(f"sqlite:///{Path(folder) / 'quality.sqlite3'}")
        try:
            started = time.perf_counter()
            summary = ingest(engine, load_taxonomy(), read_inputs([str(corpus)]))
            report = Report(summary.added, summary.quotes, round(time.perf_counter() - started, 1))
            librarian = Librarian(engine, cache_size=0)
            with Session(engine) as session:
                for question in QUESTIONS:
                    report.asked.append(_ask(session, librarian, question))
                _statuses(session, report)
        finally:
            engine.dispose()
    return report


def _ask(session: Session, librarian: Librarian, question: str) -> Asked:
    started = time.perf_counter()
    answer = librarian.ask(question)
    ms = (time.perf_counter() - started) * 1000
    asked = Asked(question, answer.query.kind, ms=round(ms, 1))
    text = render_text(answer)
    asked.overflowing = sum(1 for line in text.split("\n") if len(line) > WIDTH and " " in line.strip())
    quotes = _quotes_of(answer)
    positions = list(getattr(answer, "positions", []) or [])
    asked.positions = len(positions)
    asked.undated += sum(1 for p in positions if p.as_of is None)
    if not quotes:
        return asked
    topic = _topic_id(session, getattr(answer, "topic", None))
    ids = [q.id for q in quotes]
    links: dict[int, set[int]] = {}
    for quote_id, topic_id in session.exec(
        select(QuoteTopic.quote_id, QuoteTopic.topic_id).where(col(QuoteTopic.quote_id).in_(ids))
    ):
        links.setdefault(quote_id, set()).add(topic_id)
    flags = {
        row.id: row.in_scope and not row.fragment and not row.hidden
        for row in session.exec(select(Quote).where(col(Quote.id).in_(ids)))
    }
    seen: set[str] = set()
    for quote in quotes:
        asked.quotes += 1
        found = links.get(quote.id, set())
        asked.on_topic += int(topic in found if topic is not None else bool(found))
        asked.in_scope += int(flags.get(quote.id, False))
        key = words_key(quote.text)
        asked.duplicates += int(key in seen)
        seen.add(key)
        asked.undated += int((quote.said_on or quote.reported_on or quote.source.published) is None)
    return asked


def _quotes_of(answer: a.Answer) -> list:
    if isinstance(answer, a.TopicAnswer | a.PersonAnswer | a.PartyAnswer):
        return list(answer.page.quotes)
    if isinstance(answer, a.LatestAnswer):
        return list(answer.quotes)
    return []


def _topic_id(session: Session, ref: object) -> int | None:
    slug = getattr(ref, "slug", None)
    if slug is None:
        return None
    return session.exec(select(Topic.id).where(Topic.slug == slug)).first()


def _statuses(session: Session, report: Report) -> None:
    for topic in session.exec(select(Topic)):
        assert topic.id is not None
        report.topics += 1
        status = latest_status(session, topic_id=topic.id)
        if status is not None:
            report.with_status += 1
            report.status_from_news += int(status.origin not in {"bundled", "curated", "editor"})


def render(report: Report) -> str:
    lines = [
        f"Corpus: {report.articles} articles, {report.quotes_stored} quotes, ingested in {report.ingest_s} s",
        "",
        "| question | kind | quotes | on topic | in scope | dup | undated | positions | overflow | ms |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for x in report.asked:
        lines.append(
            f"| {x.question} | {x.kind} | {x.quotes} | {x.on_topic} | {x.in_scope} | {x.duplicates} "
            f"| {x.undated} | {x.positions} | {x.overflowing} | {x.ms} |"
        )
    lines += ["", *(f"- {k}: {v}" for k, v in report.totals().items())]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="a .jsonl of articles")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        sys.exit(f"answer quality: no corpus at {args.corpus}")
    logging.basicConfig(level=logging.WARNING)
    report = measure(args.corpus)
    if args.json:
        print(json.dumps({"totals": report.totals(), "asked": [asdict(x) for x in report.asked]}, indent=2))
    else:
        print(render(report))


if __name__ == "__main__":
    main()
