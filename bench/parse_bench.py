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
    wall, cpu = [], []
    for _ in range(ROUNDS):
        for text in asked:
            start, start_cpu = time.perf_counter_ns(), time.thread_time_ns()
            parse(text, vocab)
            cpu.append((time.thread_time_ns() - start_cpu) / 1e6)
            wall.append((time.perf_counter_ns() - start) / 1e6)
    wall.sort()
    cpu.sort()
    # CPU time is what a question costs; wall time adds whatever else the machine was doing meanwhile.
    print(
        f"{len(asked)} questions x {ROUNDS}: parse CPU p50 {percentile(cpu, 50):.3f} ms, "
        f"p99 {percentile(cpu, 99):.3f} ms; wall p50 {percentile(wall, 50):.3f} ms, "
        f"p99 {percentile(wall, 99):.3f} ms (target p99 < 0.5 ms)"
    )


if __name__ == "__main__":
    main()
