"""Who a mention refers to: resolving "he", "Marchetti", "the ministry" or "a senior official" against the
people and bodies the article has introduced (``Cast``) and the registry.

Kept apart from ``cast``, which builds that state; this module only reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from store.extract import lexicon as lx
from store.extract.nps import Mention, words
from store.extract.registry import KnownPerson, Registry, lookup_key
from store.extract.roles import clean_role

# How strongly a place in the article makes a person the antecedent of a later "he" or "she".
MENTION, SUBJECT, LEAD, SPOKE = 0, 1, 2, 3
_GENERIC_ORG = frozenset({"group", "organization", "organisation", "company", "firm"})
_SPECIFIC_JOBS = frozenset(
    {"spokeswoman", "spokesman", "spokesperson", "secretary", "minister", "ambassador"}
)


@dataclass
class Person:
    name: str
    role: str | None = None
    party: str | None = None
    gender: str | None = None
    known: bool = False
    titles: list[str] = field(default_factory=list)  # how this article styles them: "White House spokeswoman"


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: a person (``person``) or a body or unnamed source (``label``)."""

    person: Person | None = None
    label: str | None = None
    party: str | None = None
    unnamed: bool = False

    @property
    def gender(self) -> str | None:
        return self.person.gender if self.person else None


class Resolution:
    """Resolving mentions; mixed into ``Cast``, whose attributes it reads."""

    registry: Registry
    people: dict[str, Person]
    surnames: dict[str, Person | None]
    timeline: list[tuple[int, Person, int]]
    bodies: list[tuple[int, str, str | None]]
    masked: str

    def _known(self, known: KnownPerson) -> Person:
        raise NotImplementedError

    def _measure(self, start: int, end: int) -> int:
        raise NotImplementedError

    def _rank(self, at: int, strength: int) -> int:
        """A timeline entry's strength, measured on first use (most entries are never asked about)."""
        return strength if strength >= 0 else self._measure(at, -strength - 1)

    def _index_surnames(self) -> None:
        raise NotImplementedError

    def resolve(self, mention: Mention, offset: int) -> Speaker | None:
        if mention.kind == "pronoun":
            return self._pronoun(mention, offset)
        if mention.kind == "name":
            return self._name(mention, offset)
        if mention.kind == "unnamed":
            return self._unnamed(mention, offset)
        if mention.kind == "relative":
            return self._last_person(offset)
        if mention.kind == "document":
            return self._issuer(offset)
        return self._role(mention, offset)

    def _issuer(self, offset: int, reach: int = 600) -> Speaker | None:
        """'the statement said' with no author named: the body, else the person, named just before."""
        for at, label, party in reversed(self.bodies):
            if offset - reach <= at < offset:
                return Speaker(label=_strip_the(label), party=party)
        for at, person, strength in reversed(self.timeline):
            if offset - reach <= at < offset and self._rank(at, strength) >= LEAD:
                return self._person_speaker(person)
        return None

    def _last_person(self, offset: int) -> Speaker | None:
        for at, person, _strength in reversed(self.timeline):
            if at < offset:
                return self._person_speaker(person)
        return None

    def _person_speaker(self, person: Person) -> Speaker:
        return Speaker(person=person, party=person.party)

    def _name(self, mention: Mention, offset: int) -> Speaker | None:
        reg = self.registry
        name = mention.name or mention.text
        known = reg.person(name) or reg.person(mention.text) or reg.person_within(name)
        if known:
            return self._person_speaker(self._known(known))
        parts = name.split()
        if len(parts) >= 2:
            person = self.people.get(name) or self._initials_aside(name)
            role = clean_role(mention.role)
            if person is None:
                party = reg.party_of_role(mention.role)
                person = Person(name, role, party, mention.gender, False)
                self.people[name] = person
                self._index_surnames()
            elif role and not person.role and not person.known:
                person.role = role
                person.party = person.party or reg.party_of_role(mention.role)
            return self._person_speaker(person)
        person = self.surnames.get(lookup_key(name))
        if person is not None:
            return self._person_speaker(person)
        slug = reg.party_by_alias.get(lookup_key(name))
        if slug:
            return Speaker(label=name, party=slug)
        known = reg.surname(name)
        if known and (self._mentions(known.name) or not self._someone_else(known.name, name)):
            return self._person_speaker(self._known(known))
        full = self.full_name(name)
        if full:  # "Elrod said" in an article that names "Mike Elrod" further on
            return self._name(Mention("name", full, name=full), offset)
        if not self._is_proper(name):
            return None  # "Almost half say ...": a capital that only opens the sentence
        return Speaker(label=name, party=reg.party_of(name))

    def _initials_aside(self, name: str) -> Person | None:
        """ "F. Gregory Gause" is the "Gregory Gause" the article already named (and the other way round)."""
        bare = _without_initials(name)
        for other, person in self.people.items():
            if other != name and _without_initials(other) == bare:
                return person
        return None

    def full_name(self, surname: str) -> str | None:
        """The one "First Surname" (or "First M. Surname") the article gives for a bare surname, if any."""
        index = self.__dict__.get("_full_names")
        if index is None:
            index = self.__dict__["_full_names"] = self._index_full_names()
        found: dict[str, str] = index.get(surname, {})  # first name -> full name, in order of appearance
        firsts = list(found)
        # "Tim Morrison" and "Timothy Morrison" are one person: the first form the article uses.
        same = all(f.startswith(firsts[0]) or firsts[0].startswith(f) for f in firsts)
        return found[firsts[0]] if firsts and same else None

    def _index_full_names(self) -> dict[str, dict[str, str]]:
        """Every "First [M.] Surname" pair of capitalised words in the article, by surname."""
        index: dict[str, dict[str, str]] = {}
        verdicts: dict[str, bool] = {}
        for m in _FULL_NAME.finditer(self.masked):
            initial, first, middle, surname = m.groups()
            ok = verdicts.get(first)
            if ok is None:
                possessive = first.endswith(("'s", "’s"))  # "Vermont's Gause" names no first name
                ok = verdicts[first] = not possessive and _could_be_first_name(first)
                ok = verdicts[first] = ok and not self.registry.party_of(first)
            if not ok:
                continue
            index.setdefault(surname, {}).setdefault(first, f"{initial}{first}{middle} {surname}")
        return index

    def _someone_else(self, full: str, surname: str) -> bool:
        """Does the article name another "First Surname" (Bernie Sanders, not Sarah Sanders)?"""
        memo: dict[tuple[str, str], bool] = self.__dict__.setdefault("_someone_else_memo", {})

        if (full, surname) not in memo:
            memo[(full, surname)] = self._find_someone_else(full, surname)
        return memo[(full, surname)]

    def _find_someone_else(self, full: str, surname: str) -> bool:
        first = full.split()[0]
        for m in re.finditer(rf"\b([A-Z][\w’'.-]+) {re.escape(surname)}\b", self.masked):
            word = m.group(1)
            if word != first and word not in lx.TITLE_WORDS | lx.HONORIFICS | lx.OPENERS:
                return True
        return False

    def _is_proper(self, word: str) -> bool:
        """Is ``word`` capitalised somewhere other than at a sentence start (a real proper noun)?"""
        if word in lx.ORG_WORDS or word in lx.OUTLETS or self.registry.surname(word):
            return True
        return re.search(rf"[a-z,;:(”’\"] {re.escape(word)}\b", self.masked) is not None

    def _mentions(self, name: str) -> bool:
        return name in self.people

    def _pronoun(self, mention: Mention, offset: int) -> Speaker | None:
        """'he said': the subject of the quote's own paragraph; else the last speaker, unless a person
        was introduced as a sentence's subject in the paragraph just before; else the last subject. Objects,
        possessives and names inside quotes are taken only when nobody else fits."""
        if mention.gender is None:
            return self._last_body(offset, plural=mention.text.lower() == "they")
        para = self.masked.rfind("\n", 0, offset) + 1
        prev_para = self._lead_window(para, mention.text.lower())
        spoke = lead = subject = anyone = None
        for at, person, strength in reversed(self.timeline):
            if at >= offset or _gender(person) not in (None, mention.gender):
                continue
            strength = self._rank(at, strength)
            if at >= para and strength >= SUBJECT:
                return self._gendered(person, mention)
            if strength >= SPOKE and spoke is None:
                spoke = person
            if strength >= LEAD and lead is None and spoke is None and at >= prev_para:
                lead = person
            if strength >= SUBJECT and subject is None:
                subject = person
            if anyone is None:
                anyone = person
            if spoke is not None:
                break
        best = lead or spoke or subject or anyone
        return self._gendered(best, mention) if best else None

    def _lead_window(self, para: int, pronoun: str, most: int = 3) -> int:
        """Start of the paragraph before ``para``, reaching further back over paragraphs whose sentences
        open with the same pronoun ("He pledged ... He also said"): they go on about the same person."""
        start = para
        for _ in range(most):
            if start == 0:
                return 0
            start = self.masked.rfind("\n", 0, max(0, start - 2)) + 1
            end = self.masked.find("\n", start)
            text = self.masked[start : end if end >= 0 else len(self.masked)]
            if not re.search(rf"(?:^|[.!?]\s+){pronoun}\b", text, re.IGNORECASE):
                break
        return start

    def _gendered(self, person: Person, mention: Mention) -> Speaker:
        if person.gender is None:
            person.gender = mention.gender
        return self._person_speaker(person)

    def _last_body(self, offset: int, plural: bool) -> Speaker | None:
        for at, label, party in reversed(self.bodies):
            if at < offset:
                return Speaker(label=_strip_the(label), party=party)
        return None

    def _role(self, mention: Mention, offset: int) -> Speaker | None:
        reg = self.registry
        text = mention.text
        bare = _strip_the(text)
        known = reg.person(text) or reg.person(bare)
        if known:
            return self._person_speaker(self._known(known))
        slug = reg.party_by_alias.get(lookup_key(text)) or reg.party_by_alias.get(lookup_key(bare))
        if slug:
            return Speaker(label=bare, party=slug)
        head = text.split()[-1].lower()
        proper = any(w[:1].isupper() for w in bare.split())
        if head in lx.ORG_HEADS and text.lower().startswith("the ") and not proper:
            for at, label, party in reversed(self.bodies):
                fits = head in label.lower().split() or head in _GENERIC_ORG
                if at < offset and fits and lookup_key(label) != lookup_key(text):
                    return Speaker(label=_strip_the(label), party=party)
        person = self._by_role(text, offset)
        if person:
            return self._person_speaker(person)
        group = self._group(text, offset)
        if group:
            return group
        return Speaker(label=bare, party=reg.party_of(text))

    def _group(self, text: str, offset: int, reach: int = 800) -> Speaker | None:
        """'the diplomats wrote' after 'A group of former envoys ...': the group the article introduced."""
        ws = text.lower().split()
        if len(ws) != 2 or ws[0] != "the" or not ws[1].endswith("s") or ws[1] not in lx.UNNAMED_HEADS:
            return None
        for at, label, party in reversed(self.bodies):
            if offset - reach <= at < offset and label.split()[0].lower() in lx.GROUP_NOUNS:
                return Speaker(label=label, party=party)
        return None

    def _by_role(self, text: str, offset: int) -> Person | None:
        ws = [w.lower() for w in words(text) if w.lower() not in {"the", "a", "an"}]
        if not ws or ws[-1] not in lx.ROLE_WORDS:
            return None
        wanted = " ".join(ws)
        matches = [
            p for p in self.people.values() if any(wanted in r.lower() for r in (p.role or "", *p.titles))
        ]
        return matches[0] if len(matches) == 1 else None

    def _unnamed(self, mention: Mention, offset: int) -> Speaker:
        group = self._group(mention.text, offset)  # "the diplomats" of a group named before
        if group:
            return group
        ws = [w.lower() for w in words(mention.text)]
        if ws and ws[0] in {"a", "an"} and ws[-1] in _SPECIFIC_JOBS:
            person = self._by_role(mention.text, 0)
            if person:
                return self._person_speaker(person)
        return Speaker(label=mention.text, party=self.registry.party_of_role(mention.text), unnamed=True)

    def role_on(self, person: Person, day: date | None) -> str | None:
        """The role to show for ``person`` in an article of date ``day`` (taxonomy roles carry dates)."""
        return self.registry.role_on(person.name, day, person.role) if person.known else person.role

    def note_speaker(self, offset: int, speaker: Speaker) -> None:
        if speaker.person is not None:
            self.timeline.append((offset, speaker.person, SPOKE))
            self.timeline.sort(key=lambda t: t[0])
        elif speaker.label and not speaker.unnamed:
            self.bodies.append((offset, speaker.label, speaker.party))
            self.bodies.sort(key=lambda b: b[0])


# Two capitalised words, maybe with initials: read at every word (a lookahead), so "A B C" gives both
# "A B" and "B C".
_FULL_NAME = re.compile(
    r"(?=[A-Z])(?<![\w’'.-])(?=((?:[A-Z]\. )?)([A-Z][\w’'-]+)((?: [A-Z]\.)?) ([A-Z][\w’'-]+)\b(?![’'\w-]))"
)


def _without_initials(name: str) -> str:
    return " ".join(w for w in name.split() if not re.fullmatch(r"[A-Z]\.", w))


def _could_be_first_name(word: str) -> bool:
    """Can this capitalised word open a person's name (not "President", "But", "Iowa", "Senate")?"""
    if word in lx.MALE_NAMES or word in lx.FEMALE_NAMES:
        return True  # "Bill" is also a word for a law
    return not (
        word in lx.TITLE_WORDS
        or word in lx.HONORIFICS
        or word in lx.OPENERS
        or word in lx.TIME_WORDS
        or word in lx.ORG_WORDS
        or word in lx.PLACES
        or word in lx.OUTLETS
        or word.isupper()
        or word.lower() in lx.ROLE_WORDS
    )


def _gender(person: Person) -> str | None:
    """The gender the article or registry gives, else a hint from a common first name, else unknown."""
    return person.gender or (lx.first_name_gender(person.name) if " " in person.name else None)


def _strip_the(text: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", text.strip())
