"""Do editors' corrections survive re-reading? Ingest a JSONL corpus, correct, hide and verify a random
sample of its quotes, ingest every article again with its text changed (so every quote row is rewritten),
and count the fixes still in place. Prints one line of figures.

    python -m bench.curation_survival CORPUS.jsonl [--sample 300] [--seed 7]

Uses a throwaway SQLite store. The changed text is the original with a line added at the top, which moves
every offset; a fix counts as kept when the re-extracted quote with the same words carries it.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

from sqlmodel import Session, select

from store.bootstrap import open_store
from store.curation.quotes import QuoteEdit, correct_quote, hide_quote, verify_quote
from store.db import write_session
from store.ingest.inputs import read_inputs
from store.ingest.pipeline import ingest
from store.models import Article, Person, Quote
from store.taxonomy import load_taxonomy

PREFIX = "Updated: this story has been revised since it was first published.\n\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--sample", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="curation-survival-"))
    engine = open_store(f"sqlite:///{folder / 'store.sqlite3'}")
    taxonomy = load_taxonomy()
    first = ingest(engine, taxonomy, read_inputs([str(args.corpus)]), workers=1)
    with Session(engine) as session:
        quotes = list(session.exec(select(Quote).join(Article).where(Article.source == "ingested")))
    rng = random.Random(args.seed)
    chosen = rng.sample(quotes, min(args.sample, len(quotes)))
    expected: list[tuple[int, str, int, str, object]] = []  # (article, words, offset, what, value)
    with Session(engine) as session:
        old_length = {a.id: len(a.body or "") for a in session.exec(select(Article))}
    started = time.perf_counter()
    for n, quote in enumerate(chosen):
        assert quote.id is not None
        with write_session(engine) as session:
            if n % 3 == 0:
                name = f"Corrected Speaker {n}"
                edit = QuoteEdit(None, name, "test role", "canada", ("autos",), True, True)
                correct_quote(session, quote_id=quote.id, edit=edit, actor="UBENCH")
                expected.append((quote.article_id, quote.text, quote.char_offset or 0, "speaker", name))
            elif n % 3 == 1:
                hide_quote(session, quote_id=quote.id, reason="bench", actor="UBENCH")
                expected.append((quote.article_id, quote.text, quote.char_offset or 0, "hidden", True))
            else:
                verify_quote(session, quote_id=quote.id, actor="UBENCH")
                expected.append((quote.article_id, quote.text, quote.char_offset or 0, "verified", True))
    edit_ms = (time.perf_counter() - started) * 1000 / max(1, len(chosen))
    changed = folder / "changed.jsonl"
    with args.corpus.open(encoding="utf-8") as source, changed.open("w", encoding="utf-8") as out:
        for line in source:
            row = json.loads(line)
            row["text"] = PREFIX + row["text"]
            out.write(json.dumps(row) + "\n")
    started = time.perf_counter()
    second = ingest(engine, taxonomy, read_inputs([str(changed)]), workers=1)
    reingest_s = time.perf_counter() - started
    kept = lost = gone = 0
    with Session(engine) as session:
        shift = {a.id: len(a.body or "") - old_length.get(a.id, 0) for a in session.exec(select(Article))}
        for article_id, words, offset, what, value in expected:
            same = select(Quote).where(Quote.article_id == article_id, Quote.text == words)
            found = session.exec(same).all()
            if not found:
                gone += 1  # the extractor no longer finds these words: nothing to carry a fix
                continue
            # The same words may occur twice in an article: the fix belongs to the occurrence it was made on.
            row = min(found, key=lambda r: abs((r.char_offset or 0) - offset - shift[article_id]))
            if what == "speaker":
                person = session.get(Person, row.speaker_id) if row.speaker_id else None
                ok = person is not None and person.name == value and row.verified
            else:
                ok = getattr(row, what) == value
            kept, lost = (kept + 1, lost) if ok else (kept, lost + 1)
    print(
        f"articles {first.added} added then {second.updated} rewritten ({second.failed} failed); "
        f"{len(expected)} fixes (corrections, hides, verifies in turn): "
        f"{kept} kept, {lost} lost, {gone} whose words were not re-extracted; "
        f"{edit_ms:.1f} ms per edit; re-ingest {reingest_s:.1f} s ({second.quotes} quotes)"
    )


if __name__ == "__main__":
    main()
