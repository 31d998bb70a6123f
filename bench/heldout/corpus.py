"""The held-out gold's article texts, read from the shared corpus by line and checked by URL.

The gold files hold offsets only, never article text, so both scorers need the corpus lines they
point at, and must refuse to score when the corpus has changed under them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[2] / "shared"
DEFAULT_CORPUS = SHARED / "corpus" / "trade-news.jsonl"
DEFAULT_EVAL_DIR = SHARED / "eval"


def scorer_arguments(description: str, *, verbose: str, eval_dir: str, gold: str) -> argparse.ArgumentParser:
    """The options both held-out scorers take: -v, where the corpus and the eval folder are, the gold."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("-v", "--verbose", action="store_true", help=verbose)
    ap.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS, help="trade-news.jsonl (default: %(default)s)"
    )
    ap.add_argument(
        "--eval-dir", type=Path, default=DEFAULT_EVAL_DIR, help=f"{eval_dir} (default: %(default)s)"
    )
    ap.add_argument("--gold", type=Path, default=HERE / gold, help="gold file (default: %(default)s)")
    return ap


def gold_texts(corpus: Path, entries: list[dict]) -> dict[int, str]:
    """Each entry's article text, keyed by its corpus line; exits with a one-line error on a mismatch."""
    if not corpus.is_file():
        sys.exit(f"error: corpus not found: {corpus} (pass --corpus FILE, the trade-news.jsonl file)")
    lines = corpus.read_text(encoding="utf-8").splitlines()
    texts: dict[int, str] = {}
    for entry in entries:
        n = entry["line"]
        if not 1 <= n <= len(lines):
            sys.exit(f"error: {corpus} has {len(lines)} lines; gold refers to line {n}")
        article = json.loads(lines[n - 1])
        if article.get("url") != entry["url"]:
            sys.exit(
                f"error: line {n} of {corpus} is {article.get('url')!r}, gold expects {entry['url']!r}; "
                "the corpus has changed and the offsets no longer apply"
            )
        texts[n] = article["text"]
    return texts
