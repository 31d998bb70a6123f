"""`nafta-bot extract`: what ingestion would store from an article, without storing it.

Reads the same inputs as ``ingest`` and needs no database, so it is safe to point at anything.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from bot.cli.common import load_settings, store_errors
from store.extract import ArticleExtraction, Extractor
from store.extract.explain import QuoteTrace, explain_block
from store.ingest.inputs import read_inputs
from store.ingest.sources import RawArticle, ReadFailure
from store.taxonomy import load_taxonomy


def as_json(name: str, result: ArticleExtraction) -> dict[str, Any]:
    return {
        "file": name,
        "title": result.title,
        "nafta": result.nafta,
        "topics": list(result.topics),
        "quotes": [
            {
                "text": q.text,
                "speaker": q.speaker,
                "party": q.party,
                "topics": list(q.topics),
                "topic_strengths": list(q.topic_strengths),
                "nafta": q.nafta,
                "direct": q.direct,
                "role": q.speaker_role,
                "context": q.context,
                "confidence": q.confidence,
                "rule": q.rule,
                "fragment": q.fragment,
            }
            for q in result.quotes
        ],
        "statements": [
            {
                "party": s.party,
                "topic": s.topic,
                "stance": s.stance,
                "text": s.text,
                "confidence": s.confidence,
            }
            for s in result.statements
        ],
        "statuses": [
            {"topic": s.topic, "status": s.status, "text": s.text, "confidence": s.confidence}
            for s in result.statuses
        ],
    }


def as_text(name: str, result: ArticleExtraction) -> str:
    lines = [f"{name}" + (f" — {result.title}" if result.title else "")]
    lines.append(f"  topics: {', '.join(result.topics) or '(none)'}")
    if not result.nafta:
        lines.append("  not about the negotiation")
    for i, q in enumerate(result.quotes, 1):
        who = q.speaker or (f"unnamed: {q.speaker_label}" if q.speaker_label else "speaker unknown")
        extra = ", ".join(x for x in (q.party, q.context) if x)
        lines.append(f"  {i:>2}. “{_clip(q.text, 110)}”")
        scope = "" if q.nafta else "  (off the negotiation)"
        topics = f"  on {', '.join(q.topics)}" if q.topics else ""
        lines.append(
            f"      — {who}" + (f" ({extra})" if extra else "") + f"  [{q.confidence:.2f}]{topics}{scope}"
        )
    if not result.quotes:
        lines.append("  no quotes")
    for s in result.statements:
        lines.append(f"  stance {s.party}/{s.topic} ({s.stance}): {_clip(s.text, 100)}")
    for t in result.statuses:
        lines.append(f"  status {t.topic}: {t.status}: {_clip(t.text, 100)}")
    return "\n".join(lines)


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


@click.command()
@click.option("--json", "json_lines", is_flag=True, help="One JSON object per article, one per line.")
@click.option(
    "--explain",
    is_flag=True,
    help="Per quoted span: the deciding rule, the sentence it read, why other names were not the speaker.",
)
@click.option(
    "--allow-private",
    is_flag=True,
    help="Let the URLs given here be on a private network or this machine (links and redirects "
    "elsewhere are still refused).",
)
@click.argument("inputs", nargs=-1, required=True, metavar="PATH_OR_URL...")
def command(json_lines: bool, explain: bool, allow_private: bool, inputs: tuple[str, ...]) -> None:
    """Preview the quotes, speakers, topics and stances in articles, without storing anything.

    Takes what `ingest` takes: .txt/.md (with optional --- front matter), .html, .jsonl, folders,
    article and feed URLs.
    """
    settings = load_settings()
    with store_errors(settings):
        extractor = Extractor(load_taxonomy(settings.taxonomy_path))
    failed = 0
    for item in read_inputs(inputs, allow_private=allow_private, deadline=settings.fetch_deadline_seconds):
        if isinstance(item, ReadFailure):
            failed += 1
            click.echo(f"{item.name}: {item.reason}", err=True)
            continue
        if explain:
            click.echo(_explained(extractor, item) + "\n")
            continue
        result = _extract(extractor, item)
        if json_lines:
            click.echo(json.dumps(as_json(item.name, result), ensure_ascii=False, default=str))
        else:
            click.echo(as_text(item.name, result) + "\n")
    if failed:
        sys.exit(1)


def _explained(extractor: Extractor, item: RawArticle) -> str:
    traces: list[QuoteTrace] = []
    result = extractor.extract(item.text, title=item.title, published=item.published, traces=traces)
    head = f"{item.name}" + (f" — {result.title}" if result.title else "")
    blocks = [explain_block(n, t) for n, t in enumerate(traces, 1)]
    return "\n\n".join([head, *blocks]) if blocks else f"{head}\n  no quoted words"


def _extract(extractor: Extractor, item: RawArticle) -> ArticleExtraction:
    return extractor.extract(item.text, title=item.title, published=item.published)
