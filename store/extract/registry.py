"""The names the extractor can recognise: taxonomy people and parties plus people met in earlier articles.

Built once per run (compiling the name patterns is the expensive part) and shared by every article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from store.extract.lexicon import GOVERNMENT_ROLES, PRESS_ROLES
from store.extract.phrases import PhraseMatcher
from store.extract.text import one_line
from store.taxonomy import PersonDef, Taxonomy, fold


@dataclass(frozen=True)
class KnownPerson:
    name: str
    party: str | None
    role: str | None
    gender: str | None
    in_taxonomy: bool


_Found = tuple[int, int, KnownPerson]  # (start, end, person) of a name found in a text
_GOV = "|".join(sorted(GOVERNMENT_ROLES, key=len, reverse=True))
_GOV_AFTER = re.compile(rf"\s+(?:[\w-]+\s+){{0,3}}?(?:{_GOV})\b")
_GOV_BEFORE = re.compile(rf"\b(?:{_GOV})\s+(?:[\w-]+\s+){{0,2}}?(?:of|for|to)\s+(?:the\s+)?$")


@lru_cache(maxsize=65536)
def lookup_key(text: str) -> str:
    """fold() plus one apostrophe, so "Canada’s" and "Canada's" meet."""
    return fold(text).replace("’", "'")


def _pattern(forms: Iterable[str], flags: int = 0) -> re.Pattern[str]:
    ordered = sorted({f for f in forms if f}, key=len, reverse=True)
    body = "|".join(re.escape(f).replace(r"\ ", r"\s+").replace("'", "['’]") for f in ordered)
    return re.compile(rf"(?<![\w.])(?:{body})(?![\w’'-]|\.\w)", flags)


def _is_proper(form: str) -> bool:
    return all(w[:1].isupper() or not w[:1].isalpha() for w in form.split() if w.lower() not in {"de", "la"})


class Registry:
    """Lookups by folded name, alias, surname and party wording; regexes to find them in running text."""

    def __init__(self, taxonomy: Taxonomy, known_people: Iterable[PersonDef | KnownPerson] = ()) -> None:
        self.taxonomy = taxonomy
        self.people: dict[str, KnownPerson] = {}
        self.by_form: dict[str, KnownPerson] = {}  # full names and proper-name aliases
        self.by_role: dict[str, KnownPerson] = {}  # role aliases: "the u.s. trade czar"
        self.by_surname: dict[str, KnownPerson | None] = {}  # None when two people share it
        self.defs = {p.name: p for p in taxonomy.people}  # for roles as of a date
        for p in taxonomy.people:
            self._add(KnownPerson(p.name, p.party, p.role, p.gender, True), p.aliases)
        for other in known_people:
            if lookup_key(other.name) in self.by_form:
                continue
            aliases = getattr(other, "aliases", ())
            self._add(KnownPerson(other.name, other.party, other.role, other.gender, False), aliases)
        self.party_by_alias: dict[str, str] = {}
        self.party_by_adjective: dict[str, str] = {}
        for party in taxonomy.parties:
            for form in (party.name, *party.aliases):
                self.party_by_alias.setdefault(lookup_key(form), party.slug)
            for adj in party.adjectives:
                self.party_by_adjective.setdefault(lookup_key(adj), party.slug)
        self.party_kind = {p.slug: p.kind for p in taxonomy.parties}
        # Titles that make an otherwise unknown person a party's member: "Sen." -> the legislature.
        self.party_by_title = {t.rstrip("."): p.slug for p in taxonomy.parties for t in p.titles}
        # Leaders by title alone: folded title -> the parties listing it, the default first.
        self.leader_titles: dict[str, tuple[str, ...]] = {}
        for party in taxonomy.parties:
            for title in party.leader_titles:
                self.leader_titles[lookup_key(title)] = (
                    *self.leader_titles.get(lookup_key(title), ()),
                    party.slug,
                )
        self._leader_title_re = _pattern(
            [t for p in taxonomy.parties for t in p.leader_titles], re.IGNORECASE
        )
        # One matcher for people and parties: one pass over an article's words finds both.
        phrases: list[tuple[str, tuple[str, str, bool]]] = [
            (form, ("person", form, _is_proper(form))) for forms in self._all_forms for form in forms
        ]
        phrases += [
            (form, ("party", p.slug, _is_proper(form)))
            for p in taxonomy.parties
            for form in (p.name, *p.aliases)
        ]
        # A registry person's bare surname ("Lighthizer told ..."), so later pronouns can find them;
        # after the parties, so a surname that is also a party's name stays the party.
        phrases += [(s, ("surname", p.name, True)) for s, p in self.by_surname.items() if p is not None]
        self.names_matcher: PhraseMatcher[tuple[str, str, bool]] = PhraseMatcher(phrases)
        party_forms = [
            f for party in taxonomy.parties for f in (party.name, *party.aliases, *party.adjectives)
        ]
        self.party_re = _pattern(party_forms)

    _all_forms: list[tuple[str, ...]]

    def _add(self, person: KnownPerson, aliases: Iterable[str]) -> None:
        if not hasattr(self, "_all_forms"):
            self._all_forms = []
        self.people[person.name] = person
        forms = (person.name, *aliases)
        self._all_forms.append(forms)
        for form in forms:
            k = lookup_key(form)
            target = self.by_form if _is_proper(form) else self.by_role
            target.setdefault(k, person)
        if person.in_taxonomy:
            surnames = {lookup_key(person.name.split()[-1])}
            surnames.update(
                lookup_key(a.split()[-1]) for a in aliases if _is_proper(a) and len(a.split()) > 1
            )
            for s in surnames:
                if s in self.by_surname and self.by_surname[s] is not person:
                    self.by_surname[s] = None
                else:
                    self.by_surname[s] = person

    def scan(
        self, text: str
    ) -> tuple[
        list[tuple[int, int, KnownPerson]], list[tuple[int, int, str]], list[tuple[int, int, KnownPerson]]
    ]:
        """Registry people, parties and bare registry surnames named in ``text``; names need their capital."""
        people, parties, surnames = [], [], []
        for start, end, (kind, value, proper) in self.names_matcher.scan(text):
            first = text[start]
            if kind == "party":
                # "the Trump administration", "business groups"; not "us" the pronoun for "US"
                if first.isupper() or first == "t" or not proper:
                    parties.append((start, end, value))
                continue
            if kind == "surname":
                if first.isupper() and (known := self.people.get(value)):
                    surnames.append((start, end, known))
                continue
            if proper and not first.isupper():
                continue
            person = self.person(value)
            if person:
                people.append((start, end, person))
        return people, parties, surnames

    def leader_titles_in(self, text: str) -> list[tuple[int, int, tuple[str, ...]]]:
        """Leaders' titles in ``text`` with the parties that list each: (start, end, parties)."""
        out = []
        for m in self._leader_title_re.finditer(text):
            parties = self.leader_titles.get(lookup_key(one_line(m.group(0))))
            if parties:
                out.append((m.start(), m.end(), parties))
        return out

    def person(self, text: str) -> KnownPerson | None:
        """A registry person named exactly by ``text`` (full name, alias or role alias)."""
        k = lookup_key(text)
        return self.by_form.get(k) or self.by_role.get(k)

    def role_on(self, name: str, day: date | None, default: str | None) -> str | None:
        """A taxonomy person's role as of ``day``; ``default`` for anyone else."""
        found = self.defs.get(name)
        return found.role_on(day) if found else default

    def person_within(self, name: str) -> KnownPerson | None:
        """A registry person whose full name ends ``name``: "Businessman Donald Trump", "Lou Ellis Donald
        Trump" (a byline glued to a name) are Donald Trump, never a second person."""
        parts = name.split()
        for i in range(1, len(parts) - 1):
            found = self.by_form.get(lookup_key(" ".join(parts[i:])))
            if found is not None:
                return found
        return None

    def surname(self, word: str) -> KnownPerson | None:
        return self.by_surname.get(lookup_key(word))

    def party_of_role(self, role: str | None) -> str | None:
        """A person's party from the job an article gives them. A stakeholder named anywhere counts
        ("president of the Business Roundtable"); a country only when it qualifies a government job
        ("Mexico's economy minister", "consul general of Mexico"), not "Canadian Tire Foundation"."""
        if not role or any(w.lower() in PRESS_ROLES for w in re.findall(r"[\w-]+", role)):
            return None  # the press comments; it speaks for no party
        country = None
        for m in self.party_re.finditer(role):
            k = lookup_key(m.group(0))
            slug = self.party_by_alias.get(k) or self.party_by_adjective.get(k)
            if not slug:
                continue
            if self.party_kind.get(slug) != "country":
                return slug
            qualifies = _GOV_AFTER.match(role, m.end()) or _GOV_BEFORE.search(role, 0, m.start())
            if country is None and qualifies:
                country = slug
        return country

    def party_of_name(self, name: str) -> str | None:
        """The party an actor's name stands for: a party's alias, or a registry person's party."""
        k = lookup_key(name)
        if k in self.party_by_alias:
            return self.party_by_alias[k]
        person = self.by_form.get(k) or self.by_role.get(k)
        if person and person.party:
            return person.party
        known = self.by_surname.get(k)  # a taxonomy person's surname, even if an earlier article met "Trump"
        return known.party if known else None

    def party_of(self, text: str | None) -> str | None:
        """The party a role or label names: "Canada's foreign minister" -> canada, "the White House" -> us."""
        if not text:
            return None
        exact = self.party_by_alias.get(lookup_key(text))
        if exact:
            return exact
        best: tuple[int, str] | None = None
        for m in self.party_re.finditer(text):
            k = lookup_key(m.group(0))
            slug = self.party_by_alias.get(k) or self.party_by_adjective.get(k)
            if slug and (best is None or m.start() < best[0]):
                best = (m.start(), slug)
        return best[1] if best else None
