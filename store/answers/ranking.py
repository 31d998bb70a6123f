"""Which quotes an answer shows first: one scoring function, its weights a table.

Every answer that lists quotes (topic, topic + party, person, party, latest) and every digest ranks
the same way, in ``rank``:

    score = STRENGTH * how strongly the quote itself is about the asked topic (QuoteTopic.strength;
                       for person, party and latest, its strongest topic; 0 when it has none)
          + SPEAKER[tier]   the parties' principals and negotiators > other taxonomy people
                            > named people met in the news > organisations > "an official"
          + DIRECT          a direct, full quote over a paraphrase
          + RECENCY * how new it is among the candidates (0 oldest .. 1 newest)

Ties go to the newer, then the higher id. Off-negotiation, hidden and fragment quotes never reach
the ranking: the candidate fetch in ``store.answers.candidates`` leaves them out. A quote without a date of
its own takes its article's (said_on → reported_on → published); one with no date at all counts as
``UNDATED_RECENCY``, in the middle, never at the bottom for lacking a date.

``dedupe`` folds the same words (reported by two outlets, or under two speaker labels) into one line
that keeps every source: words of ``SAME_WORDS`` or more are the same quote whoever they are put to;
shorter ones only when the speaker is the same too.

>>> a = Candidate(1, "We will not sign.", "p:1", "principal", True, 1.0, date(2018, 9, 1), 7)
>>> b = Candidate(2, "We will not sign!", "p:1", "principal", True, 1.0, date(2018, 9, 2), 8)
>>> [(g.best.id, g.others) for g in dedupe(rank([a, b]))]
[(2, (1,))]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from store.taxonomy import fold

# How much each factor weighs. A quote only about the topic through its sentence (strength 0.5)
# from a principal (3 + 2) still outranks an unnamed official's own words on it (4 + 0).
WEIGHTS: dict[str, float] = {
    "strength": 4.0,
    "direct": 1.0,
    "recency": 1.5,
}
SPEAKER_WEIGHTS: dict[str, float] = {
    "principal": 3.0,  # a party's leader, trade minister or negotiator (PRINCIPAL_ROLES)
    "taxonomy": 2.0,  # anyone else the taxonomy names
    "named": 1.0,  # a person met in an article
    "organisation": 0.5,  # a body speaking: "the Canadian Chamber of Commerce"
    "unnamed": 0.0,  # "a senior official", "sources", no speaker at all
}
UNDATED_RECENCY = 0.5
SAME_WORDS = 4

# Roles that make a taxonomy person one of a party's principals (matched on the folded role).
PRINCIPAL_ROLES: tuple[str, ...] = (
    r"\btrade representative\b",
    r"\bnegotiator\b",
    r"^president of (the united states|mexico)\b",
    r"^prime minister of\b",
    r"\bforeign (affairs )?minister\b",
    r"\beconomy secretary\b",
    r"\binternational trade minister\b",
)
_PRINCIPAL = re.compile("|".join(PRINCIPAL_ROLES))

# Labels that stand for nobody in particular; any other label without a person is an organisation.
UNNAMED_LABELS: tuple[str, ...] = (
    r"^(a|an|one|two|three|several|some|other|many)\b",
    r"\b(official|officials|source|sources|person|people|aide|aides|diplomat|diplomats|insider)s?\b",
    r"\bspokes(man|woman|person)\b",
    r"^(he|she|they|it|we|his|her|their|its|i|you)$",
)
_UNNAMED = re.compile("|".join(UNNAMED_LABELS))


@dataclass(frozen=True)
class Candidate:
    """What ranking needs to know about one quote, read in one indexed statement."""

    id: int
    text: str
    speaker_key: str  # "p:<person id>" or the folded label: who, for dedupe
    tier: str  # a key of SPEAKER_WEIGHTS
    direct: bool
    strength: float
    day: date | None  # said_on, else reported_on, else the article's date
    article_id: int


@dataclass(frozen=True)
class Group:
    """One line of an answer: the best-ranked copy of some words, and the ids of the other copies."""

    best: Candidate
    others: tuple[int, ...] = ()


def speaker_tier(*, person_source: str | None, role: str | None, label: str | None) -> str:
    """The tier of a quote's speaker: a person row's source and role, else what its label looks like."""
    if person_source == "taxonomy":
        return "principal" if role and _PRINCIPAL.search(fold(role)) else "taxonomy"
    if person_source is not None:
        return "named"
    folded = fold(label or "")
    if not folded or _UNNAMED.search(folded):
        return "unnamed"
    return "organisation"


def score(candidate: Candidate, recency: float) -> float:
    return (
        WEIGHTS["strength"] * candidate.strength
        + SPEAKER_WEIGHTS.get(candidate.tier, 0.0)
        + (WEIGHTS["direct"] if candidate.direct else 0.0)
        + WEIGHTS["recency"] * recency
    )


def rank(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Best first, by ``score``; recency is measured over the dated candidates' span of days."""
    pool = list(candidates)
    days = [c.day.toordinal() for c in pool if c.day]
    oldest, newest = (min(days), max(days)) if days else (0, 0)
    span = newest - oldest

    def recency(c: Candidate) -> float:
        if c.day is None:
            return UNDATED_RECENCY
        return 1.0 if span == 0 else (c.day.toordinal() - oldest) / span

    return sorted(
        pool,
        key=lambda c: (-score(c, recency(c)), -(c.day or date.min).toordinal(), -c.id),
    )


def dedupe(ranked: Iterable[Candidate]) -> list[Group]:
    """Keep the first of each quote in ranked order, remembering the copies it stands for."""
    order: list[str] = []
    best: dict[str, Candidate] = {}
    others: dict[str, list[int]] = {}
    for candidate in ranked:
        words = words_key(candidate.text)
        key = words if words.count(" ") + 1 >= SAME_WORDS else f"{candidate.speaker_key}|{words}"
        if key in best:
            others[key].append(candidate.id)
            continue
        order.append(key)
        best[key] = candidate
        others[key] = []
    return [Group(best[k], tuple(others[k])) for k in order]


_WORD = re.compile(r"\w+")


def words_key(text: str) -> str:
    """The words alone: case, accents, punctuation and spacing don't make two quotes different."""
    return " ".join(_WORD.findall(fold(text)))
