"""What a user can name: topics, parties and people, with every spelling that should reach them.

Built from the store (so people met during ingestion are askable too) and rebuilt only when the
store's revision changes. Lookups are exact on a folded form first ("Rules of Origin" ==
"rules-of-origin"), then fuzzy, so "autoz" still finds autos but "zzzz" finds nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz import fuzz, process
from sqlmodel import Session

from store.answers.names import askable_names
from store.taxonomy import Taxonomy, fold, load_taxonomy

# Below this score a fuzzy match is only a suggestion, never an answer.
RESOLVE_SCORE = 80
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")
SUGGEST_SCORE = 60
_HONORIFIC = re.compile(r"^(mr|mrs|ms|dr|sen|senator|rep|president|prime minister|minister|secretary)\.?\s+")


def match_key(text: str) -> str:
    """Fold case and accents, drop loosely typed punctuation: "Rules-of-Origin!" -> "rules of origin"."""
    folded = fold(text).replace("&", " and ")
    folded = _POSSESSIVE.sub("", folded)  # "Mexico's economy minister" -> "mexico economy minister"
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
    # The question reader's extras, from the taxonomy: shorthand wins over every other name.
    _shorthand: dict[str, list[Match]] = field(default_factory=dict)
    negotiation: str = ""  # what is followed, for "I can't answer that" ("NAFTA renegotiation (2017–2018)")
    ignored: frozenset[str] = frozenset()  # the negotiation's own names ("nafta", "the deal")
    other_deals: frozenset[str] = frozenset()  # out of scope whatever else a question names
    longest: int = 1  # words in the longest name, so the reader knows how far to look ahead
    _by_initial: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, ref: TopicRef | PartyRef | PersonRef, phrase: str) -> None:
        key = match_key(phrase)
        if not key:
            return
        matches = self._exact.setdefault(key, [])
        if not any(m.ref == ref for m in matches):
            matches.append(Match(kind, ref, 100.0, key))
        if len(matches) == 1:
            self._fuzzy_keys.append(key)
            self._by_initial.clear()
        self.longest = max(self.longest, key.count(" ") + 1)

    def add_shorthand(self, kind: str, ref: TopicRef | PartyRef | PersonRef, phrase: str) -> None:
        """A name only the reader uses ("roo", "potus"); it overrides an ordinary name spelled the same."""
        key = match_key(phrase)
        if key:
            found = self._shorthand.setdefault(key, [])
            if not any(m.ref == ref for m in found):
                found.append(Match(kind, ref, 100.0, key))
            self.longest = max(self.longest, key.count(" ") + 1)

    def names(self, key: str) -> list[Match]:
        """What ``key`` (normalised) names: its shorthand if it has one, else its plain names."""
        return self._shorthand.get(key) or self._exact.get(key, [])

    def close_name(self, key: str, *, cutoff: float) -> list[Match]:
        """What a misspelt name ("guajrado", "softwod lumber") most likely meant, or nothing.

        Only names of the same word count and the same first letter are compared, which keeps a
        question's cost flat as the store learns more names and stops "trade" from becoming "trudeau".
        """
        if not self._by_initial:
            for name in (*self._fuzzy_keys, *self._shorthand):
                self._by_initial.setdefault(f"{name[:1]}{name.count(' ')}", []).append(name)
        pool = self._by_initial.get(f"{key[:1]}{key.count(' ')}", [])
        best = process.extractOne(key, pool, scorer=fuzz.ratio, score_cutoff=cutoff)
        return self.names(best[0]) if best else []

    def exact(self, phrase: str, *, kinds: tuple[str, ...] = ("topic", "party", "person")) -> Match | None:
        key = _HONORIFIC.sub("", match_key(phrase))
        for match in self._exact.get(key, []):
            if match.kind in kinds:
                return match
        return None

    def fuzzy(self, phrase: str, *, limit: int = 5) -> list[Match]:
        """Closest names to ``phrase``, best first, each at most once."""
        key = match_key(phrase)
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


def add_reader_names(vocab: Vocabulary, taxonomy: Taxonomy) -> Vocabulary:
    """Shorthand, party adjectives and the [reader] lists of ``taxonomy``, onto refs ``vocab`` already has."""
    for topic in taxonomy.topics:
        if topic_ref := next((t for t in vocab.topics if t.slug == topic.slug), None):
            for phrase in topic.shorthand:
                vocab.add_shorthand("topic", topic_ref, phrase)
    for party in taxonomy.parties:
        if party_ref := vocab.party(party.slug):
            for phrase in party.adjectives:
                vocab.add("party", party_ref, phrase)
            for phrase in party.shorthand:
                vocab.add_shorthand("party", party_ref, phrase)
    people = {fold(p.name): p for p in vocab.people}
    for person in taxonomy.people:
        if person_ref := people.get(fold(person.name)):
            for phrase in person.shorthand:
                vocab.add_shorthand("person", person_ref, phrase)
    vocab.negotiation = taxonomy.negotiation
    vocab.ignored = frozenset(match_key(n) for n in taxonomy.reader.negotiation_names)
    vocab.other_deals = frozenset(match_key(n) for n in taxonomy.reader.other_deals)
    return vocab


def taxonomy_vocabulary(taxonomy: Taxonomy) -> Vocabulary:
    """The vocabulary of the taxonomy alone, without a database (``ask --explain`` starts fast with it).

    Ids are positions in the taxonomy, so they are only good for naming, never for a store query.
    """
    vocab = Vocabulary(revision=0, topics=[], parties=[], people=[])
    for i, t in enumerate(taxonomy.topics, 1):
        ref = TopicRef(i, t.slug, t.name, t.chapter)
        vocab.topics.append(ref)
        for phrase in (t.slug, t.name, t.chapter, *t.synonyms):
            vocab.add("topic", ref, phrase)
    for i, p in enumerate(taxonomy.parties, 1):
        party_ref = PartyRef(i, p.slug, p.name, p.kind)
        vocab.parties.append(party_ref)
        for phrase in (p.slug, p.name, *p.aliases):
            vocab.add("party", party_ref, phrase)
    for i, person in enumerate(taxonomy.people, 1):
        person_ref = PersonRef(i, person.name, person.role, person.party)
        vocab.people.append(person_ref)
        for phrase in (person.name, person.surname, *person.aliases):
            vocab.add("person", person_ref, phrase)
    return add_reader_names(vocab, taxonomy)


def build_vocabulary(session: Session, *, revision: int, taxonomy: Taxonomy | None = None) -> Vocabulary:
    """The vocabulary of the store's names at ``revision``, with the taxonomy's reader names on top."""
    names = askable_names(session)
    vocab = Vocabulary(revision=revision, topics=[], parties=[], people=[])
    for t in names.topics:
        ref = TopicRef(t.id, t.slug, t.name, t.chapter)
        vocab.topics.append(ref)
        for phrase in (t.slug, t.name, t.chapter, *t.synonyms):
            vocab.add("topic", ref, phrase)
    for p in names.parties:
        party_ref = PartyRef(p.id, p.slug, p.name, p.kind)
        vocab.parties.append(party_ref)
        for phrase in (p.slug, p.name, *p.aliases):
            vocab.add("party", party_ref, phrase)
    for person in names.people:
        person_ref = PersonRef(person.id, person.name, person.role, person.party_slug)
        vocab.people.append(person_ref)
        for phrase in (person.name, person.name.split()[-1], *person.aliases):
            vocab.add("person", person_ref, phrase)
    return add_reader_names(vocab, taxonomy or bundled_taxonomy())


@cache
def bundled_taxonomy() -> Taxonomy:
    return load_taxonomy()
