#!/usr/bin/env python3
"""Scores what `nafta-bot extract --json` concludes about the held-out articles against gold2.json.

Run from the project root, with the project installed:  python -m bench.heldout.knowledge [-v]
Check the gold alone (no extractor run):                   python -m bench.heldout.knowledge --check

gold2.json (next to this file) has two lists. `articles`: the ten held-out articles of gold.json, each quote
with `topics` and `nafta`, each article with `positions` and `statuses`. `positions_only`: ten more articles
about the negotiation with `positions` and `statuses` only. Every span is a pair of character offsets into
the article's `text` in the shared corpus; the texts are read from the corpus at run time.

Metrics (the definitions of ../shared/eval/README.md):
- quote topics: P/R/F1 over the topic labels of quotes matched to a gold quote (a prediction matches when it
  covers >= 80% of the gold quote's words and has at most twice as many words, plus 3);
- off-negotiation quotes: P/R/F1 of `nafta: false` over matched quotes (a missing flag counts as true);
- positions: P/R over (party, topic) pairs per article; stance accuracy over the matched pairs (right when a
  predicted stance for the pair is one of the gold stances for it);
- statuses: P/R/F1 over (topic, status) pairs per article.
Quote metrics use the ten `articles`; positions and statuses use all twenty.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bench.heldout.corpus import gold_texts, scorer_arguments

TOPICS = set(
    "autos dairy dispute-settlement procurement intellectual-property de-minimis sunset-clause "
    "steel-aluminum lumber agriculture labour energy digital-trade withdrawal".split()
)
PARTIES = {"us", "canada", "mexico", "auto-industry", "labour", "farmers", "business", "us-congress"}
STANCES = {"demands", "opposes", "proposes", "supports", "defends", "concedes", "threatens"}
STATUSES = {"proposals tabled", "deadlocked", "converging", "agreed"}
SOURCES = {"narration", "quote"}
ENDS = '.!?…"”’)'


# ---------------------------------------------------------------- loading


def cut(text: str, item: dict) -> str:
    s, e = item["start"], item["end"]
    if not 0 <= s < e <= len(text):
        sys.exit(f"error: gold offsets {s}:{e} out of range (text length {len(text)})")
    return text[s:e]


# ---------------------------------------------------------------- gold check


def check_gold(gold: dict, texts: dict[int, str]) -> list[str]:
    """Slugs from the guide's lists; every position/status span a whole sentence (heuristic boundaries)."""
    problems = []
    seen = set()
    for group in ("articles", "positions_only"):
        for a in gold[group]:
            n, text = a["line"], texts[a["line"]]
            if n in seen:
                problems.append(f"line {n}: listed twice")
            seen.add(n)
            problems += _quote_problems(n, group, a) + _slug_problems(n, a)
            for item in a["positions"] + a["statuses"]:
                problems += _span_problems(n, text, item)
    return problems


def _quote_problems(n: int, group: str, a: dict) -> list[str]:
    if group != "articles":
        return [f"line {n}: positions-only article carries quotes"] if "quotes" in a else []
    problems = []
    for q in a["quotes"]:
        if not set(q["topics"]) <= TOPICS or len(q["topics"]) > 2:
            problems.append(f"line {n} quote {q['start']}: topics {q['topics']}")
        if not isinstance(q["nafta"], bool):
            problems.append(f"line {n} quote {q['start']}: nafta {q['nafta']!r}")
    return problems


def _slug_problems(n: int, a: dict) -> list[str]:
    problems = []
    for p in a["positions"]:
        if p["party"] not in PARTIES or p["topic"] not in TOPICS or p["stance"] not in STANCES:
            problems.append(f"line {n}: bad slug in {p}")
        if p["source"] not in SOURCES:
            problems.append(f"line {n}: bad source in {p}")
    pairs = [(p["party"], p["topic"], p["stance"]) for p in a["positions"]]
    if len(pairs) != len(set(pairs)):
        problems.append(f"line {n}: a position is listed twice")
    for s in a["statuses"]:
        if s["topic"] not in TOPICS or s["status"] not in STATUSES:
            problems.append(f"line {n}: bad slug in {s}")
    return problems


def _span_problems(n: int, text: str, item: dict) -> list[str]:
    problems = []
    seg = cut(text, item)
    st, en = item["start"], item["end"]
    before = text[:st].rstrip(" ")
    if seg != seg.strip():
        problems.append(f"line {n} {st}:{en}: span has outer whitespace")
    if not (st == 0 or text[st - 1] == "\n" or (text[st - 1] == " " and before[-1] in ENDS)):
        lead = text[max(0, st - 20) : st]
        problems.append(f"line {n} {st}:{en}: does not start a sentence: ...{lead!r}")
    if seg[-1] not in ENDS or not (en == len(text) or text[en] in " \n"):
        problems.append(f"line {n} {st}:{en}: does not end a sentence: {seg[-20:]!r}")
    if not (seg[0].isupper() or seg[0] in "\"“‘'.[(" or seg[0].isdigit()):
        problems.append(f"line {n} {st}:{en}: odd first character {seg[0]!r}")
    return problems


# ---------------------------------------------------------------- matching and counting


def words(s: str) -> list[str]:
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("’", "'").replace("‘", "'")
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", s)


def share_covered(gold_words: list[str], pred_words: list[str]) -> float:
    left: dict[str, int] = defaultdict(int)
    for w in pred_words:
        left[w] += 1
    hit = 0
    for w in gold_words:
        if left[w]:
            left[w] -= 1
            hit += 1
    return hit / len(gold_words) if gold_words else 0.0


def pair_quotes(gold_texts: list[str], preds: list[dict]) -> dict[int, dict]:
    """gold index -> the predicted quote matched to it (greedy, best coverage, each prediction used once)."""
    cand = [(i, words(p.get("text") or ""), p) for i, p in enumerate(preds)]
    cand = [c for c in cand if c[1]]
    taken: set[int] = set()
    out: dict[int, dict] = {}
    for gi, gt in enumerate(gold_texts):
        gw = words(gt)
        best, best_share = None, 0.0
        for pi, pw, p in cand:
            if pi in taken or len(pw) > 2 * len(gw) + 3:
                continue
            share = share_covered(gw, pw)
            if share >= 0.8 and share > best_share:
                best, best_share = (pi, p), share
        if best:
            taken.add(best[0])
            out[gi] = best[1]
    return out


class Count:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, gold: set, pred: set) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def __str__(self) -> str:
        p, r, f = self.prf()
        return f"P {p:.2f} R {r:.2f} F1 {f:.2f} (tp {self.tp} fp {self.fp} fn {self.fn})"


def show_pairs(d: dict) -> list[str]:
    return sorted(f"{k[0]}/{k[1]}:{'|'.join(sorted(v))}" for k, v in d.items())


def slug(x) -> str:
    return (x or "").strip().lower() if isinstance(x, str) else ""


# ---------------------------------------------------------------- main


def run_extractor(docs: dict[str, str]) -> dict[str, dict]:
    if shutil.which("nafta-bot") is None:
        sys.exit("error: nafta-bot not on PATH (activate the project venv: . .venv/bin/activate)")
    with tempfile.TemporaryDirectory(prefix="heldout-knowledge-") as tmp:
        paths = []
        for name, text in docs.items():
            (Path(tmp) / name).write_text(text, encoding="utf-8")
            paths.append(str(Path(tmp) / name))
        r = subprocess.run(["nafta-bot", "extract", "--json", *paths], capture_output=True, text=True)
    if r.returncode:
        sys.exit(f"nafta-bot extract failed ({r.returncode}): {r.stderr.strip()[-400:]}")
    pred = {}
    for line in r.stdout.splitlines():
        if line.strip().startswith("{"):
            o = json.loads(line)
            pred[Path(o.get("file", "")).name] = o
    return pred


def _arguments() -> argparse.Namespace:
    ap = scorer_arguments(
        __doc__.split("\n\n")[0],
        verbose="per-article gold and predicted labels",
        eval_dir="shared eval folder; only checked to exist, the scoring is this file's",
        gold="gold2.json",
    )
    ap.add_argument("--check", action="store_true", help="validate the gold against the corpus and stop")
    return ap.parse_args()


def _print_check(gold: dict, everything: list[dict], problems: list[str]) -> None:
    for p in problems:
        print(p)
    n_pos = sum(len(a["positions"]) for a in everything)
    n_st = sum(len(a["statuses"]) for a in everything)
    n_q = sum(len(a["quotes"]) for a in gold["articles"])
    n_off = sum(not q["nafta"] for a in gold["articles"] for q in a["quotes"])
    n_top = sum(len(q["topics"]) for a in gold["articles"] for q in a["quotes"])
    print(
        f"gold: {len(everything)} articles, {n_q} quotes "
        f"({n_top} topic labels, {n_off} off-negotiation), "
        f"{n_pos} positions, {n_st} statuses; {len(problems)} problem(s)"
    )


@dataclass
class Tally:
    """The counts over all articles, added to one article at a time."""

    topics: Count = field(default_factory=Count)
    offscope: Count = field(default_factory=Count)
    positions: Count = field(default_factory=Count)
    statuses: Count = field(default_factory=Count)
    stance_ok: int = 0
    stance_n: int = 0
    matched_quotes: int = 0
    gold_quotes: int = 0

    def add_quotes(self, a: dict, text: str, p: dict, verbose: bool) -> list[str]:
        out: list[str] = []
        if "quotes" not in a:
            return out
        gq = [cut(text, q) for q in a["quotes"]]
        pairs = pair_quotes(gq, p.get("quotes") or [])
        self.gold_quotes += len(gq)
        self.matched_quotes += len(pairs)
        for gi, pq in pairs.items():
            g = a["quotes"][gi]
            pt = {slug(t) for t in (pq.get("topics") or [])}
            self.topics.add({(gi, t) for t in g["topics"]}, {(gi, t) for t in pt})
            self.offscope.add({gi} if not g["nafta"] else set(), {gi} if pq.get("nafta") is False else set())
            if verbose and (set(g["topics"]) != pt or g["nafta"] != (pq.get("nafta") is not False)):
                out.append(
                    f"   quote {gq[gi][:70]!r}: gold {sorted(g['topics'])} nafta={g['nafta']}; "
                    f"predicted {sorted(pt)} nafta={pq.get('nafta')}"
                )
        if verbose:
            out.insert(0, f"   quotes matched {len(pairs)}/{len(gq)}")
        return out

    def add_knowledge(self, a: dict, p: dict) -> list[str]:
        gold_st = defaultdict(set)
        for x in a["positions"]:
            gold_st[(x["party"], x["topic"])].add(x["stance"])
        pred_st = defaultdict(set)
        for x in p.get("statements") or []:
            pred_st[(slug(x.get("party")), slug(x.get("topic")))].add(slug(x.get("stance")))
        self.positions.add(set(gold_st), set(pred_st))
        for key in set(gold_st) & set(pred_st):
            self.stance_n += 1
            self.stance_ok += bool(gold_st[key] & pred_st[key])
        gs = {(x["topic"], x["status"]) for x in a["statuses"]}
        ps = {(slug(x.get("topic")), slug(x.get("status"))) for x in p.get("statuses") or []}
        self.statuses.add(gs, ps)
        return [
            f"   positions gold      {show_pairs(gold_st)}",
            f"             predicted {show_pairs(pred_st)}",
            f"   statuses  gold      {sorted(gs)}",
            f"             predicted {sorted(ps)}",
        ]

    def summary(self, gold: dict) -> str:
        topic_p, topic_r, topic_f = self.topics.prf()
        scope_p, scope_r, scope_f = self.offscope.prf()
        position_p, position_r, _ = self.positions.prf()
        status_p, status_r, status_f = self.statuses.prf()
        stance = self.stance_ok / self.stance_n if self.stance_n else 0
        return (
            f"held-out knowledge, {len(gold['articles'])}+{len(gold['positions_only'])} articles: "
            f"quote topics P {topic_p:.2f} R {topic_r:.2f} F1 {topic_f:.2f} "
            f"({self.matched_quotes}/{self.gold_quotes} quotes matched); "
            f"off-negotiation flagged P {scope_p:.2f} R {scope_r:.2f} F1 {scope_f:.2f}; "
            f"positions P {position_p:.2f} R {position_r:.2f} stance accuracy {stance:.2f} "
            f"({self.stance_ok}/{self.stance_n}); "
            f"statuses P {status_p:.2f} R {status_r:.2f} F1 {status_f:.2f}"
        )


def main() -> None:
    args = _arguments()
    if not args.check and not args.eval_dir.resolve().is_dir():
        sys.exit(f"error: eval dir not found: {args.eval_dir} (pass --eval-dir DIR)")
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    everything = gold["articles"] + gold["positions_only"]
    texts = gold_texts(args.corpus.resolve(), everything)

    problems = check_gold(gold, texts)
    if args.check:
        _print_check(gold, everything, problems)
        sys.exit(1 if problems else 0)
    if problems:
        sys.exit("error: gold fails its checks (run with --check)")

    names: dict[str, dict] = {}
    for i, a in enumerate(gold["articles"], 1):
        names[f"{i:02d}.txt"] = a
    for i, a in enumerate(gold["positions_only"], 1):
        names[f"p{i:02d}.txt"] = a
    pred = run_extractor({name: texts[a["line"]] for name, a in names.items()})

    tally = Tally()
    for name, a in names.items():
        p = pred.get(name, {})
        out = tally.add_quotes(a, texts[a["line"]], p, args.verbose)
        lines = tally.add_knowledge(a, p)
        if args.verbose:
            print(f"{name} (line {a['line']}, {a['outlet']})" + ("" if name in pred else "  [no output]"))
            print("\n".join(out + lines))

    if args.verbose:
        print(f"quote topics {tally.topics}")
        print(f"off-negotiation flagged {tally.offscope}")
        print(f"positions (party, topic) {tally.positions}; stance {tally.stance_ok}/{tally.stance_n}")
        print(f"statuses {tally.statuses}")
    print(tally.summary(gold))


if __name__ == "__main__":
    main()
