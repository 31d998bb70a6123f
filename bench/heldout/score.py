#!/usr/bin/env python3
"""Scores `nafta-bot extract --json` on the held-out articles against their hand-annotated gold quotes.

Run from the project root, with the project installed:  python -m bench.heldout.score [-v]

The gold (gold.json, next to this file) stores character offsets into each article's `text` field, never the
text itself; the articles are read from the shared corpus at run time. Matching and speaker accuracy come
from the shared evaluator (quoteeval.score): a predicted quote matches a gold quote when it covers >= 80% of
the gold quote's words and is at most about twice as long.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.heldout.corpus import gold_texts, scorer_arguments


def load_score(eval_dir: Path):
    path = eval_dir / "quoteeval.py"
    if not path.is_file():
        sys.exit(f"error: evaluator not found: {path} (pass --eval-dir DIR, the folder holding quoteeval.py)")
    spec = importlib.util.spec_from_file_location("quoteeval", path)
    if spec is None or spec.loader is None:
        sys.exit(f"error: cannot import {path}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.score


def spans(text: str, entries: list[dict]) -> list[dict]:
    out = []
    for e in entries:
        if not 0 <= e["start"] < e["end"] <= len(text):
            sys.exit(f"error: gold offsets {e['start']}:{e['end']} out of range (text length {len(text)})")
        out.append({"text": text[e["start"] : e["end"]], "speaker": e.get("speaker")})
    return out


def main() -> None:
    ap = scorer_arguments(
        __doc__.split("\n\n")[0],
        verbose="list each miss and each extra per file",
        eval_dir="folder holding quoteeval.py",
        gold="gold.json",
    )
    args = ap.parse_args()

    score = load_score(args.eval_dir.resolve())
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    texts = gold_texts(args.corpus.resolve(), gold)
    if shutil.which("nafta-bot") is None:
        sys.exit("error: nafta-bot not on PATH (activate the project venv: . .venv/bin/activate)")

    with tempfile.TemporaryDirectory(prefix="heldout-") as tmp:
        names = {}
        for i, g in enumerate(gold, 1):
            name = f"{i:02d}.txt"
            names[name] = g
            (Path(tmp) / name).write_text(texts[g["line"]], encoding="utf-8")
        files = [str(Path(tmp) / name) for name in names]
        r = subprocess.run(["nafta-bot", "extract", "--json", *files], capture_output=True, text=True)
    if r.returncode:
        sys.exit(f"nafta-bot extract failed ({r.returncode}): {r.stderr.strip()[-400:]}")
    pred = {}
    for line in r.stdout.splitlines():
        if line.strip().startswith("{"):
            o = json.loads(line)
            pred[Path(o.get("file", "")).name] = o

    tp_all = fp_all = fn_all = so_all = sn_all = 0
    for name, g in names.items():
        gold_quotes = spans(texts[g["line"]], g["quotes"])
        p = pred.get(name, {})
        tp, fp, fn, so, sn, misses, extras = score(gold_quotes, p.get("quotes") or [])
        tp_all += tp
        fp_all += fp
        fn_all += fn
        so_all += so
        sn_all += sn
        if args.verbose:
            print(f"{name} (line {g['line']}, {g['outlet']}): tp {tp} fp {fp} fn {fn} speaker {so}/{sn}")
            for m in misses:
                print("   missed:", m[:100])
            for e in extras:
                print("   extra: ", (e or "")[:100])
    precision = tp_all / (tp_all + fp_all) if tp_all + fp_all else 0.0
    recall = tp_all / (tp_all + fn_all) if tp_all + fn_all else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(
        f"held-out set, {len(gold)} articles: precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}; "
        f"speaker accuracy {so_all / sn_all if sn_all else 0:.3f} ({so_all}/{sn_all})"
    )


if __name__ == "__main__":
    main()
