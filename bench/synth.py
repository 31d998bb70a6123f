"""A synthetic wire desk: articles full of attributed quotes, shaped like two years of NAFTA coverage.

Real archives are lopsided, and the queries must cope with that: a few topics (autos, dairy) and a
few voices (Lighthizer, Freeland, Guajardo) dominate, most articles carry three to six quotes, some
quotes are unattributed ("a senior official"), and a long tail of people appears once or twice.
Everything is drawn from one seeded ``random.Random``, so a scale always yields the same rows.

The generator yields plain tuples in the column order of ``bench.fill``; it knows nothing of SQL.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate

START = date(2016, 11, 9)  # the morning after the U.S. election put NAFTA on the table
DAYS = 760  # through late 2018

TOPIC_WEIGHT = {
    "autos": 18, "dairy": 12, "dispute-settlement": 10, "steel-aluminum": 9, "sunset-clause": 8,
    "agriculture": 7, "lumber": 6, "withdrawal": 6, "labour": 5, "procurement": 4,
    "intellectual-property": 4, "energy": 3, "digital-trade": 3, "de-minimis": 2,
}  # fmt: skip
LOUD_VOICES = {
    "Robert Lighthizer": 12, "Chrystia Freeland": 11, "Ildefonso Guajardo": 9, "Donald Trump": 9,
    "Justin Trudeau": 6, "Wilbur Ross": 3, "Steve Verheul": 3, "Jerry Dias": 3, "Flavio Volpe": 3,
}  # fmt: skip
THINGS = {
    "autos": ["the 85 per cent regional content rule", "a U.S.-specific content requirement",
              "rules of origin for cars", "a wage floor for auto workers", "tariffs on auto parts",
              "tracing lists for auto parts", "the steel content of vehicles", "tariffs on light trucks"],
    "dairy": ["supply management", "Class 7 milk pricing", "access to the Canadian dairy market",
              "tariffs on butter and cheese", "dairy quotas", "ultra-filtered milk"],
    "dispute-settlement": ["Chapter 19 panels", "investor-state arbitration", "binational review",
                           "an opt-in for investor disputes", "state-to-state panels"],
    "steel-aluminum": ["the Section 232 tariffs", "steel quotas", "retaliatory tariffs on steel",
                       "a national-security exemption", "aluminum tariffs"],
    "sunset-clause": ["a five-year sunset clause", "an automatic review every five years",
                      "a sixteen-year term", "the sunset proposal"],
    "agriculture": ["seasonal produce rules", "access for U.S. wheat", "grain grading",
                    "tariffs on pork", "farm exports to Mexico"],
    "lumber": ["softwood lumber duties", "a lumber quota deal", "countervailing duties on lumber"],
    "withdrawal": ["withdrawing from NAFTA", "a withdrawal notice", "walking away from the deal",
                   "two bilateral deals instead of one"],
    "labour": ["enforceable labour standards", "union rights in Mexico", "right-to-work laws",
               "higher wages in Mexican plants"],
    "procurement": ["Buy American rules", "access to government contracts", "procurement reciprocity"],
    "intellectual-property": ["patent terms for biologics", "copyright terms", "data protection for drugs"],
    "energy": ["the energy chapter", "Mexico's oil reform", "pipeline investment rules"],
    "digital-trade": ["data localization", "cross-border data flows", "online platform liability"],
    "de-minimis": ["the duty-free threshold", "raising the de minimis level", "duty-free online shopping"],
}  # fmt: skip
FRAMES = [
    "We will not accept {thing}, {reason}.",
    "{Thing} is a red line for us and it will stay that way.",
    "There has been real progress on {thing}, but we are not there yet.",
    "Nobody should be surprised that {thing} is still on the table in round {round}.",
    "If {thing} goes through, {consequence}.",
    "Our proposal on {thing} is fair, and the other side knows it.",
    "We are open to talking about {thing} as long as {condition}.",
    "I have said it before: {thing} would {harm}.",
    "The numbers on {thing} simply do not add up, {reason}.",
    "We came to {city} to close the gap on {thing} and we made some headway.",
    "Let me be clear, {thing} is not something we can sign this week.",
    "Our negotiators worked late on {thing} and will be back at it on {weekday}.",
]
REASONS = ["because it would cost jobs at home", "because our producers cannot live with it",
           "since it breaks the deal we already have", "because the industry never asked for it",
           "because it is unworkable in practice", "since no other trade agreement does it"]  # fmt: skip
CONSEQUENCES = ["plants will move south", "prices will go up for families", "investment will dry up",
                "the whole agreement is at risk", "workers will finally get a fair shake"]  # fmt: skip
CONDITIONS = ["it is balanced", "everyone gives something", "it does not hurt our farmers",
              "our workers come out ahead", "we keep the dispute panels"]  # fmt: skip
HARMS = ["kill the agreement", "hurt suppliers on both sides of the border", "raise the price of a car",
         "punish our closest allies", "break the supply chains we built over 25 years"]  # fmt: skip
CITIES = ["Washington", "Ottawa", "Mexico City", "Montreal", "Arlington"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
CONTEXTS = [None, None, None, "to reporters", "in a statement", "at a news conference", "in an interview",
            "to the House Ways and Means Committee", "on the sidelines of the talks"]  # fmt: skip
LABELS = ["a senior official", "a person briefed on the talks", "an official familiar with the negotiations",
          "a Canadian official", "a Mexican negotiator", "an industry lobbyist"]  # fmt: skip
OUTLETS = ["Reuters", "Associated Press", "Bloomberg", "The Globe and Mail", "CBC News", "Politico",
           "El Financiero", "The Canadian Press", "Financial Times", "Toronto Star"]  # fmt: skip
FIRST = ["Ana", "Brian", "Carla", "David", "Elena", "Frank", "Gloria", "Hector", "Irene", "James", "Karen",
         "Luis", "Maria", "Nathan", "Olivia", "Pablo", "Rachel", "Samuel", "Teresa", "Victor"]  # fmt: skip
LAST = ["Alvarez", "Bennett", "Castillo", "Dubois", "Evans", "Fournier", "Garcia", "Harper", "Ibarra",
        "Jensen", "Kowalski", "Lambert", "Moreno", "Nolan", "Ortiz", "Pelletier", "Quinn", "Ramirez",
        "Stewart", "Tremblay", "Underwood", "Vargas", "Walsh", "Young", "Zamora"]  # fmt: skip
ROLES = ["spokesperson", "trade lawyer", "economist", "plant manager", "union local president",
         "farm group president", "chamber of commerce vice-president", "member of parliament"]  # fmt: skip
STANCES = ["demands", "opposed", "open", "softened", "flexible", "firm"]
STATUSES = ["proposals tabled", "deadlocked", "converging", "agreed"]


@dataclass(frozen=True)
class Cast:
    """What the store already holds: topic, party and taxonomy-person ids to draw from."""

    topics: dict[str, int]  # slug -> id
    parties: dict[str, int]
    people: dict[str, tuple[int, int | None]]  # name -> (id, party id)


@dataclass
class Desk:
    """Rows ready to insert; ids are assigned here so quotes can point at their article at once."""

    people: list[tuple] = field(default_factory=list)
    articles: list[tuple] = field(default_factory=list)
    quotes: list[tuple] = field(default_factory=list)
    quote_topics: list[tuple] = field(default_factory=list)
    positions: list[tuple] = field(default_factory=list)
    statuses: list[tuple] = field(default_factory=list)


@dataclass
class Ids:
    person: int
    article: int
    quote: int
    position: int
    status: int


def extra_people(quotes: int) -> int:
    """The long tail of voices grows with the archive, but far slower than the quotes do."""
    return min(2000, 20 + quotes // 500)


def generate(
    cast: Cast, *, quotes: int, start_ids: Ids, seed: int = 2017, batch: int = 20_000
) -> Iterator[Desk]:
    """Yield batches of rows until ``quotes`` quotes have been produced."""
    rng = random.Random(seed)
    ids = start_ids
    desk = Desk()
    voices = _voices(rng, cast, desk, ids, quotes)
    topic_slugs = [s for s in TOPIC_WEIGHT if s in cast.topics]
    topic_weights = list(accumulate(TOPIC_WEIGHT[s] for s in topic_slugs))
    made = 0
    while made < quotes:
        n = min(quotes - made, rng.choice((1, 2, 3, 3, 4, 4, 4, 5, 5, 6, 7, 9)))
        _article(rng, cast, desk, ids, voices, topic_slugs, topic_weights, n, made / quotes)
        made += n
        if len(desk.quotes) >= batch:
            yield desk
            desk = Desk()
    yield desk


def _voices(rng: random.Random, cast: Cast, desk: Desk, ids: Ids, quotes: int) -> tuple[list, list]:
    people: list[tuple[int | None, int | None, str | None]] = []
    weights: list[float] = []
    for name, (person_id, party_id) in cast.people.items():
        people.append((person_id, party_id, None))
        weights.append(LOUD_VOICES.get(name, 0.6))
    party_ids = list(cast.parties.values())
    names = [f"{f} {la}" for la in LAST for f in FIRST]
    rng.shuffle(names)
    tail = extra_people(quotes)
    for name in names[:tail]:
        ids.person += 1
        party_id = rng.choice(party_ids)
        desk.people.append((ids.person, name, rng.choice(ROLES), party_id, None, "[]", "extracted"))
        people.append((ids.person, party_id, None))
        weights.append(25 / tail)
    for label in LABELS:
        people.append((None, rng.choice(party_ids), label))
        weights.append(2.0)
    return people, list(accumulate(weights))


def _article(rng, cast, desk, ids, voices, topic_slugs, topic_weights, n, progress) -> None:  # type: ignore[no-untyped-def]
    ids.article += 1
    article_id = ids.article
    # Roughly in date order, as a wire archive is ingested, with some stragglers filed late.
    day = min(DAYS - 1, max(0, int(progress * DAYS + rng.gauss(0, 6))))
    published = START + timedelta(days=day)
    main = rng.choices(topic_slugs, cum_weights=topic_weights)[0]
    outlet = rng.choice(OUTLETS)
    sentences: list[str] = []
    first_quote = ids.quote + 1
    people, weights = voices
    for ordinal in range(n):
        ids.quote += 1
        person_id, party_id, label = rng.choices(people, cum_weights=weights)[0]
        topics = {main if rng.random() < 0.7 else rng.choices(topic_slugs, cum_weights=topic_weights)[0]}
        if rng.random() < 0.3:
            topics.add(rng.choices(topic_slugs, cum_weights=topic_weights)[0])
        words = _quote_text(rng, rng.choice(sorted(topics)))
        sentences.append(f'"{words}"')
        desk.quotes.append(
            (ids.quote, article_id, ordinal, words, person_id, label, party_id, rng.choice(CONTEXTS),
             published - timedelta(days=rng.choice((0, 0, 0, 1))), published, rng.random() > 0.15,
             round(rng.uniform(0.55, 1.0), 2), rng.random() < 0.05, _stamp(published))
        )  # fmt: skip
        for slug in topics:
            desk.quote_topics.append((ids.quote, cast.topics[slug], published, party_id))
    title = f"{outlet}: talks on {rng.choice(THINGS[main])} resume in {rng.choice(CITIES)}"
    body = " ".join(sentences) + " " + _filler(rng, main)
    digest = hashlib.sha256(f"bench-article-{article_id}".encode()).hexdigest()
    url = f"https://news.example/{published:%Y/%m/%d}/{article_id}"
    desk.articles.append(
        (article_id, title, False, outlet, url, published, body, digest, "ingested", _stamp(published))
    )
    if rng.random() < 0.35:
        _position(rng, cast, desk, ids, main, published, article_id, rng.randint(first_quote, ids.quote))
    if rng.random() < 0.05:
        ids.status += 1
        desk.statuses.append(
            (ids.status, cast.topics[main], rng.choice(STATUSES), f"Negotiators on {main} met again.",
             published, article_id, None, round(rng.uniform(0.6, 1.0), 2), "extracted", _stamp(published))
        )  # fmt: skip


def _position(rng, cast, desk, ids, topic, published, article_id, quote_id) -> None:  # type: ignore[no-untyped-def]
    ids.position += 1
    party = rng.choice(["us", "us", "canada", "canada", "mexico", "mexico", *cast.parties])
    stance = rng.choice(STANCES)
    thing = rng.choice(THINGS[topic])
    summary = f"{party.replace('-', ' ').title()} {stance} on {thing}, {rng.choice(REASONS)}."
    desk.positions.append(
        (ids.position, cast.parties[party], cast.topics[topic], summary, stance, published, article_id,
         quote_id, round(rng.uniform(0.6, 1.0), 2), False, "extracted", _stamp(published))
    )  # fmt: skip


def _quote_text(rng: random.Random, topic: str) -> str:
    text = _sentence(rng, topic)
    if rng.random() < 0.4:
        text += " " + _sentence(rng, topic)
    return text


def _sentence(rng: random.Random, topic: str) -> str:
    thing = rng.choice(THINGS[topic])
    return rng.choice(FRAMES).format(
        thing=thing,
        Thing=thing[0].upper() + thing[1:],
        reason=rng.choice(REASONS),
        round=rng.randint(1, 8),
        consequence=rng.choice(CONSEQUENCES),
        condition=rng.choice(CONDITIONS),
        harm=rng.choice(HARMS),
        city=rng.choice(CITIES),
        weekday=rng.choice(WEEKDAYS),
    )


def _filler(rng: random.Random, topic: str) -> str:
    city = rng.choice(CITIES)
    return (
        f"Negotiators met in {city} for round {rng.randint(1, 8)} of the talks. "
        f"Officials said {rng.choice(THINGS[topic])} and {rng.choice(THINGS[topic])} remained open, "
        f"and that {rng.choice(CONSEQUENCES)} if no deal is reached."
    )


def _stamp(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
