"""Synthetic wire-style trade stories for the ingestion benchmark, written from templates.

Every sentence pattern here was written for this project; names of real negotiators come from the
taxonomy (public officials), everyone else is invented. A seed makes a run reproducible, and each
article differs (numbers, people, order), so content hashes never collide. A story runs ~330 words
with ~6 quotes (~18 per 1,000 words: the hand-annotated dev articles have ~14, the 462-article
corpus ~9), plus stance sentences and narration.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from store.taxonomy import Taxonomy

DATELINES = ["WASHINGTON", "OTTAWA", "MEXICO CITY", "MONTREAL", "DETROIT", "TORONTO", "CHICAGO", "MONTERREY"]
OUTLETS = ["Northern Wire", "Continental Press", "Trade Desk Daily", "Border Ledger"]
FIRST = [
    "Ana",
    "Marcus",
    "Louise",
    "Diego",
    "Harriet",
    "Tomás",
    "Gwen",
    "Rahul",
    "Pierre",
    "Noor",
    "Colin",
    "Beatriz",
    "Ivan",
    "Maeve",
    "Jorge",
    "Selma",
    "Owen",
    "Delphine",
    "Kofi",
    "Ruth",
]
LAST = [
    "Castellanos",
    "Whitfield",
    "Okafor",
    "Lindqvist",
    "Marchand",
    "Delgado",
    "Pryce",
    "Nakamura",
    "Beaulieu",
    "Hargrove",
    "Quintero",
    "Sokolov",
    "Adeyemi",
    "Fairbanks",
    "Villeneuve",
    "Ostrowski",
]
ROLES = [
    ("an economist at the {place} Institute for Trade", None),
    ("president of the {place} {sector} Association", None),
    ("a spokeswoman for Canada's trade ministry", "canada"),
    ("a senior adviser to Mexico's economy ministry", "mexico"),
    ("a trade lawyer in {place}", None),
    ("chief executive of {place} {sector} Works", None),
    ("a U.S. trade official", "us"),
]
PLACES = ["Great Lakes", "Prairie", "Gulf", "Pacific", "Laurentian", "Sonora", "Midwest", "Atlantic"]
SECTORS = {
    "autos": "Auto Parts",
    "dairy": "Dairy",
    "agriculture": "Grain",
    "steel-aluminum": "Steel",
    "lumber": "Lumber",
    "energy": "Energy",
    "labour": "Workers",
    "digital-trade": "Software",
}
PHRASES = {
    "autos": [
        "rules of origin for cars",
        "regional value content for autos",
        "auto parts made in the region",
    ],
    "dairy": ["supply management", "access to the dairy market", "class 7 milk pricing"],
    "dispute-settlement": ["the chapter 19 dispute panels", "investor-state arbitration"],
    "sunset-clause": ["the sunset clause", "a five-year review"],
    "steel-aluminum": ["the steel tariffs", "duties on aluminum"],
    "lumber": ["softwood lumber duties"],
    "agriculture": ["corn and soybeans exports", "seasonal produce rules"],
    "labour": ["wages for factory workers", "labor standards"],
    "energy": ["oil and gas investment", "the energy chapter"],
    "digital-trade": ["cross-border data flows", "the digital trade chapter"],
    "procurement": ["government procurement", "Buy American rules"],
    "de-minimis": ["the duty-free threshold for online purchases"],
    "intellectual-property": ["drug patents", "copyright terms"],
}
CLAIMS = [
    "We are not going to accept {p} as it stands",
    "Nobody at this table wants to see {p} collapse",
    "There is room for a compromise on {p}",
    "Our position on {p} has not changed in months",
    "The numbers on {p} simply do not add up",
    "We came here to close {p}, and we intend to",
    "If {p} is settled, the rest will follow quickly",
    "People back home are watching {p} very closely",
]
FOLLOWS = [
    "We will keep talking.",
    "That is the honest answer.",
    "It could take weeks, not days.",
    "The details matter more than the headlines.",
    "Nobody should expect miracles on Friday.",
]
STANCES = [
    "{party} rejected the latest proposal on {p}.",
    "{party} wants changes to {p} before any signing.",
    "{party} has proposed a longer phase-in for {p}.",
    "{party} pushed back on {p} again this week.",
]
PARTIES = {
    "us": ["The Trump administration", "Washington", "The United States"],
    "canada": ["Canada", "Ottawa", "The Canadian government"],
    "mexico": ["Mexico", "The Mexican government"],
}
NARRATION = [
    "Negotiators met for {n} hours on {day} without a final text.",
    "The round is the {nth} since talks began, and officials had hoped to wrap up by the end of the month.",
    "Trade between the three countries is worth more than ${n} billion a year.",
    "Markets in {city} moved little on the news, with the peso and the loonie both flat by the close.",
    "Talks on {p} are a sticking point, according to people briefed on the sessions.",
    "Officials said technical teams would keep working through the weekend on {p}.",
    "The agreement, first signed in 1994, governs more than a million jobs across the continent, and "
    "business groups on both sides of the border have urged the three governments to settle {p} first.",
    "Analysts in {city} said the outcome on {p} would shape investment decisions for years, with plants "
    "that take a decade to build waiting on the final wording.",
    "Officials from the three countries have met in rotating capitals since the summer, and each round has "
    "closed a handful of the less contested chapters while leaving {p} for the ministers.",
    "The talks resumed after a {n}-day pause that negotiators used to consult industry advisers, "
    "lawmakers and provincial and state officials about {p}.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _speakers(taxonomy: Taxonomy, rng: random.Random) -> list[tuple[str, str, str | None, str]]:
    """(full name, surname, role, pronoun) for the people in one story."""
    chosen = []
    for person in rng.sample([p for p in taxonomy.people if p.party in ("us", "canada", "mexico")], 2):
        chosen.append((person.name, person.surname, None, "she" if person.gender == "f" else "he"))
    for _ in range(rng.randint(1, 3)):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        topic = rng.choice(list(SECTORS))
        role = rng.choice(ROLES)[0].format(place=rng.choice(PLACES), sector=SECTORS[topic])
        chosen.append((f"{first} {last}", last, role, rng.choice(["he", "she"])))
    return chosen


def _quote_paragraph(speaker, p: str, rng: random.Random) -> str:  # type: ignore[no-untyped-def]
    name, surname, role, pronoun = speaker
    claim = rng.choice(CLAIMS).format(p=p)
    follow = rng.choice(FOLLOWS)
    form = rng.randrange(6)
    who = f"{name}, {role}," if role else name
    if form == 0:
        return f"“{claim},” {who} said on {rng.choice(DAYS)}."
    if form == 1:
        return f"“{claim},” said {name}{', ' + role if role else ''}. “{follow}”"
    if form == 2:
        return f"{who} told reporters: “{claim}. {follow}”"
    if form == 3:
        return f"“{claim},” {surname} said. “{follow}”"
    if form == 4:
        verdict = rng.choice(["a step backwards", "a useful start", "hard to sell"])
        return f"{surname} called the offer “{verdict}” and said {pronoun} expected more."
    return f"“{claim},” {pronoun} added."


def article(taxonomy: Taxonomy, rng: random.Random, number: int) -> dict:
    topics = rng.sample(list(PHRASES), 2)
    speakers = _speakers(taxonomy, rng)
    day = date(2017, 8, 16) + timedelta(days=rng.randrange(480))
    paras = [
        f"{rng.choice(DATELINES)} (Wire) - Talks on {rng.choice(PHRASES[topics[0]])} dragged into a "
        f"{rng.choice(['second', 'third', 'fourth'])} day on {rng.choice(DAYS)} as negotiators traded offers."
    ]
    for i in range(rng.randint(13, 19)):
        p = rng.choice(PHRASES[topics[i % 2]])
        kind = rng.random()
        if kind < 0.28:
            speaker = speakers[i % len(speakers)]
            if i >= len(speakers) and rng.random() < 0.5:  # second reference: pronoun or surname
                speaker = (speaker[0], speaker[1], None, speaker[3])
            paras.append(_quote_paragraph(speaker, p, rng))
        elif kind < 0.46:
            slug = rng.choice(list(PARTIES))
            paras.append(rng.choice(STANCES).format(party=rng.choice(PARTIES[slug]), p=p))
        else:
            paras.append(
                rng.choice(NARRATION).format(
                    n=rng.randint(3, 900),
                    day=rng.choice(DAYS),
                    nth=rng.choice(["fifth", "sixth", "seventh"]),
                    city=rng.choice(DATELINES).title(),
                    p=p,
                )
            )
    paras.append(
        f"The next round is set for {rng.choice(DATELINES).title()} in {rng.randint(2, 9)} weeks "
        f"(ref {number})."
    )
    return {
        "title": f"Talks grind on over {PHRASES[topics[0]][0]}",
        "url": f"https://wire.example/{day.isoformat()}/{number}",
        "published": day.isoformat(),
        "outlet": rng.choice(OUTLETS),
        "text": "\n\n".join(paras),
    }


def write_jsonl(path: Path, taxonomy: Taxonomy, count: int, seed: int = 2018) -> Path:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            out.write(json.dumps(article(taxonomy, rng, number), ensure_ascii=False) + "\n")
    return path


def stream(taxonomy: Taxonomy, count: int, seed: int = 2018) -> Iterator[dict]:
    rng = random.Random(seed)
    for number in range(count):
        yield article(taxonomy, rng, number)
