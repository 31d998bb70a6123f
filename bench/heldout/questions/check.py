#!/usr/bin/env python3
"""Check heldout.jsonl: JSON shape, intents, slugs and names against store/data/taxonomy.toml,
`since` format, and that no question repeats a dev question.

Run from the project root: python bench/heldout/questions/check.py"""

import collections
import json
import re
import sys
import tomllib
from pathlib import Path

here = Path(__file__).resolve().parent
root = here.parents[2]
tax = tomllib.loads((root / "store/data/taxonomy.toml").read_text())
topics = {t["slug"] for t in tax["topic"]}
parties = {p["slug"] for p in tax["party"]}
people = {p["name"] for p in tax["person"]}
intents = {"topic", "person", "party", "search", "latest", "timeline", "topics", "help", "unknown"}
keys = ["q", "intent", "topic", "party", "person", "terms", "since"]
dev_path = Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "questions" / "dev.jsonl"
dev_lines = dev_path.read_text().splitlines() if dev_path.exists() else []
dev = {json.loads(x)["q"].strip().lower() for x in dev_lines if x.strip()}

errors, seen, by_intent = [], set(), collections.Counter()
for n, line in enumerate((here / "heldout.jsonl").read_text().splitlines(), 1):
    try:
        row = json.loads(line)
    except ValueError as e:
        errors.append(f"{n}: bad JSON {e}")
        continue
    q = row.get("q", "")

    def bad(msg, n=n, q=q):
        errors.append(f"{n} {q!r}: {msg}")

    if list(row) != keys:
        bad(f"keys {list(row)}")
    if row["intent"] not in intents:
        bad(f"intent {row['intent']}")
    if row["topic"] is not None and row["topic"] not in topics:
        bad(f"topic {row['topic']}")
    if row["party"] is not None and row["party"] not in parties:
        bad(f"party {row['party']}")
    if row["person"] is not None and row["person"] not in people:
        bad(f"person {row['person']}")
    s = row["since"]
    if s is not None and not (re.fullmatch(r"[1-9]\d*d", s) or re.fullmatch(r"\d{4}-\d{2}-\d{2}", s)):
        bad(f"since {s}")
    if row["terms"] is not None and row["intent"] != "search":
        bad("terms outside search")
    if row["intent"] == "search" and not row["terms"]:
        bad("search without terms")
    if row["intent"] in {"unknown", "help", "topics"} and any(row[k] for k in keys[2:]):
        bad("meta/unknown with fields set")
    if row["intent"] == "person" and not row["person"]:
        bad("person intent without person")
    if row["intent"] == "party" and (not row["party"] or row["topic"]):
        bad("party intent needs party and no topic")
    if row["intent"] == "topic" and not row["topic"]:
        bad("topic intent without topic")
    if q.strip().lower() in seen:
        bad("duplicate")
    if q.strip().lower() in dev:
        bad("also in dev")
    seen.add(q.strip().lower())
    by_intent[row["intent"]] += 1
print(sum(by_intent.values()), "questions:", dict(by_intent.most_common()))
print("\n".join(errors) or "ok")
sys.exit(1 if errors else 0)
