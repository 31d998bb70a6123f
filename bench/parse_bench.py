"""What reading one question costs: `python -m bench.parse_bench` prints p50/p99 over our own phrasings.

The questions are built from templates crossed with the taxonomy's names and a few misspellings, so
each kind the reader handles (sentences, terse forms, shorthand, typos, windows, searches, out of
scope) is in the mix. Target: p99 under 0.5 ms a question.
"""

from __future__ import annotations

import itertools
import time

from bench.stats import percentile
from handlers.query.parse import parse
from handlers.query.vocabulary import taxonomy_vocabulary
from store.taxonomy import load_taxonomy

TEMPLATES = (
    "{topic}",
    "{topic} {party}",
    "what is {party}'s position on {topic}?",
    "where do things stand on {topic} this week",
    "what did {person} say about {topic}",
    "anything new from {person} in the last 2 weeks?",
    "news on {topic} since March 2018",
    "how has {party}'s stance on {topic} changed over time",
    "who said we are close to a deal on {topic}",
    "{typo}",
    "is the {typo} still on the table?",
    "what's the weather in {capital} tomorrow",
)
TYPOS = ("mexcio", "procurment", "diary", "lightizer", "guajrado", "softwod lumber", "intelectual property")
CAPITALS = ("Ottawa", "Mexico City", "Washington")
ROUNDS = 5


def questions() -> list[str]:
    tax = load_taxonomy()
    topics = [t.synonyms[0] for t in tax.topics]
    parties = [p.name for p in tax.parties]
    people = [p.surname for p in tax.people]
    names = zip(
        itertools.cycle(topics), itertools.cycle(parties), itertools.cycle(people), range(30), strict=False
    )
    return [
        template.format(
            topic=topic, party=party, person=person, typo=TYPOS[i % len(TYPOS)], capital=CAPITALS[i % 3]
        )
        for topic, party, person, i in names
        for template in TEMPLATES
    ]


def main() -> None:
    vocab = taxonomy_vocabulary(load_taxonomy())
    asked = questions()
    for text in asked:  # warm up: the fuzzy index is built on first use
        parse(text, vocab)
    timings = []
    for _ in range(ROUNDS):
        for text in asked:
            start = time.perf_counter_ns()
            parse(text, vocab)
            timings.append((time.perf_counter_ns() - start) / 1e6)
    timings.sort()
    p50, p99 = percentile(timings, 50), percentile(timings, 99)
    print(
        f"{len(asked)} questions x {ROUNDS}: parse p50 {p50:.3f} ms, p99 {p99:.3f} ms, "
        f"max {timings[-1]:.3f} ms (target p99 < 0.5 ms)"
    )


if __name__ == "__main__":
    main()
