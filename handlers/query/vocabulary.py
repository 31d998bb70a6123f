"""What a user can name: topics, parties and people, with every spelling that should reach them.

Built from the store (so people met during ingestion are askable too) and rebuilt only when the
store's revision changes. Lookups are exact on a folded form first ("Rules of Origin" ==
"rules-of-origin"), then fuzzy, so "autoz" still finds autos but "zzzz" finds nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from sqlmodel import Session, col, select

from store.models import Party, Person, Topic
from store.taxonomy import fold

# Below this score a fuzzy match is only a suggestion, never an answer.
RESOLVE_SCORE = 80
SUGGEST_SCORE = 60
_HONORIFIC = re.compile(r"^(mr|mrs|ms|dr|sen|senator|rep|president|prime minister|minister|secretary)\.?\s+")


def normalize_phrase(text: str) -> str:
    """Fold case and accents, drop loosely typed punctuation: "Rules-of-Origin!" -> "rules of origin"."""
    folded = fold(text).replace("&", " and ")
    folded = re.sub(r"(?<=\w)[.'’](?=\w)", "", folded)  # u.s. -> us, o'neil -> oneil
    folded = re.sub(r"[^\w$%]+", " ", folded)
    return " ".join(folded.split())


@dataclass(frozen=True)
class TopicRef:
    id: int
    slug: str
    name: str
    chapter: str


@dataclass(frozen=True)
class PartyRef:
    id: int
    slug: str
    name: str
    kind: str


@dataclass(frozen=True)
class PersonRef:
    id: int
    name: str
    role: str | None
    party_slug: str | None


@dataclass(frozen=True)
class Match:
    kind: str  # "topic", "party" or "person"
    ref: TopicRef | PartyRef | PersonRef
    score: float
    phrase: str


@dataclass
class Vocabulary:
    revision: int
    topics: list[TopicRef]
    parties: list[PartyRef]
    people: list[PersonRef]
    _exact: dict[str, list[Match]] = field(default_factory=dict)
    _fuzzy_keys: list[str] = field(default_factory=list)

    def add(self, kind: str, ref: TopicRef | PartyRef | PersonRef, phrase: str) -> None:
        key = normalize_phrase(phrase)
        if not key:
            return
        matches = self._exact.setdefault(key, [])
        if not any(m.ref == ref for m in matches):
            matches.append(Match(kind, ref, 100.0, key))
        if len(matches) == 1:
            self._fuzzy_keys.append(key)

    def exact(self, phrase: str, *, kinds: tuple[str, ...] = ("topic", "party", "person")) -> Match | None:
        key = _HONORIFIC.sub("", normalize_phrase(phrase))
        for match in self._exact.get(key, []):
            if match.kind in kinds:
                return match
        return None

    def fuzzy(self, phrase: str, *, limit: int = 5) -> list[Match]:
        """Closest names to ``phrase``, best first, each at most once."""
        key = normalize_phrase(phrase)
        if not key or not self._fuzzy_keys:
            return []
        found: list[Match] = []
        for choice, score, _ in process.extract(key, self._fuzzy_keys, scorer=_similarity, limit=limit * 3):
            for match in self._exact[choice]:
                if score >= SUGGEST_SCORE and all(f.ref != match.ref for f in found):
                    found.append(Match(match.kind, match.ref, score, choice))
        return found[:limit]

    def topic(self, slug: str) -> TopicRef | None:
        return next((t for t in self.topics if t.slug == slug), None)

    def party(self, slug: str) -> PartyRef | None:
        return next((p for p in self.parties if p.slug == slug), None)

    def person(self, person_id: int) -> PersonRef | None:
        return next((p for p in self.people if p.id == person_id), None)


def _similarity(a: str, b: str, **_: object) -> float:
    """Whole-string similarity, forgiving word order; short typos ("autoz") score about 80."""
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b) - 5)


def build_vocabulary(session: Session, *, revision: int) -> Vocabulary:
    parties = {p.id: p for p in session.exec(select(Party))}
    vocab = Vocabulary(revision=revision, topics=[], parties=[], people=[])
    for t in session.exec(select(Topic).order_by(col(Topic.sort_order))):
        assert t.id is not None
        ref = TopicRef(t.id, t.slug, t.name, t.chapter)
        vocab.topics.append(ref)
        for phrase in (t.slug, t.name, t.chapter, *t.synonyms):
            vocab.add("topic", ref, phrase)
    for p in parties.values():
        assert p.id is not None
        party_ref = PartyRef(p.id, p.slug, p.name, p.kind)
        vocab.parties.append(party_ref)
        for phrase in (p.slug, p.name, *p.aliases):
            vocab.add("party", party_ref, phrase)
    for person in session.exec(select(Person).order_by(col(Person.source).desc(), col(Person.id))):
        assert person.id is not None
        party = parties.get(person.party_id) if person.party_id else None
        person_ref = PersonRef(person.id, person.name, person.role, party.slug if party else None)
        vocab.people.append(person_ref)
        for phrase in (person.name, person.name.split()[-1], *person.aliases):
            vocab.add("person", person_ref, phrase)
    return vocab
