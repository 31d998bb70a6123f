"""The people and bodies one article talks about, and who a mention ("he", "Marchetti", "the ministry") means.

An article introduces someone once ("Lena Marchetti, a tariff specialist at the Lakeshore
Policy Institute") and then uses the surname, a pronoun or the job; the cast remembers the introduction
so every later reference resolves to the full name, role and party.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from store.extract import lexicon as lx
from store.extract.nps import classify_run, is_appositive, np_at_start, np_word, words
from store.extract.phrases import fold_in_place
from store.extract.registry import KnownPerson, Registry, lookup_key
from store.extract.roles import clean_role
from store.extract.speakers import LEAD, MENTION, SPOKE, SUBJECT, Person, Resolution

_CAP = r"[A-ZÀ-ÖØ-Þ]"
_NAME_TOKEN = (
    r"(?:(?:Jr|Sr|St|Mr|Mrs|Ms|Dr|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Sgt|Capt|Adm|Prof|Rev)\.(?=\s)"
    rf"|{_CAP}[\w’'\-]*(?<!\.)|(?:[A-Z]\.){{1,3}})"
)
_NAME_RUN = re.compile(
    rf"(?<![\w’'.-]){_NAME_TOKEN}(?:\s+(?:(?:de|la|del|van|von|bin|da|dos|di|du|le)\s+)?{_NAME_TOKEN})*"
)
_WORD_BEFORE = re.compile(r"([A-Z][\w’'.-]*) $")  # a capitalised word right before, no comma between
_STATE_PARTY = re.compile(r"^\s*\(?[RDI]-[A-Z]")
_WHO = re.compile(r",\s+who\s")
# Verbs that make a capitalised run next to them a speaker; "states" or "claims" could be nouns.
_CLEAR_SPEECH = frozenset(
    "said says told tells added adds wrote tweeted asked explained argued warned".split()
)
_APPOSITIVE_END = re.compile(r",|;|\s—\s|(?<=[a-z]{3})\.\s")  # not at "Sen. " or "Inc. "


@dataclass
class Cast(Resolution):
    registry: Registry
    people: dict[str, Person] = field(default_factory=dict)
    surnames: dict[str, Person | None] = field(default_factory=dict)
    # (offset, person, strength); a negative strength is -(end of the name) - 1, measured when first needed
    timeline: list[tuple[int, Person, int]] = field(default_factory=list)
    bodies: list[tuple[int, str, str | None]] = field(default_factory=list)  # (offset, label, party)
    masked: str = ""

    # ------------------------------------------------------------------ building

    def collect(
        self,
        masked: str,
        known_people: list[tuple[int, int, KnownPerson]],
        known_surnames: list[tuple[int, int, KnownPerson]] | None = None,
    ) -> None:
        """Meet everyone the article names outside quotes, in order (registry matches already found)."""
        self.masked = masked
        for start, end, known in known_people:
            form = masked[start:end]
            definite = not form[:1].isupper() or form.lower().startswith("the ")
            if definite and masked.startswith(" of", end):  # "the president of Mexico" is someone else
                continue
            person = self._known(known)
            title = _role_before(masked[max(0, start - 60) : start])
            if title and title not in person.titles:
                person.titles.append(title)
            self.timeline.append((start, person, -end - 1))
        for m in _NAME_RUN.finditer(masked):
            self._consider_run(masked, m)
        self._index_surnames()
        self._scan_surnames(masked)
        for start, end, known in known_surnames or ():
            self._known_surname(masked, start, end, known)
        self.timeline.sort(key=lambda t: t[0])

    def _measure(self, start: int, end: int) -> int:
        return _strength(self.masked, start, end)

    def _known(self, known: KnownPerson) -> Person:
        person = self.people.get(known.name)
        if person is None:
            person = Person(known.name, known.role, known.party, known.gender, known.in_taxonomy)
            self.people[known.name] = person
        return person

    def _consider_run(self, masked: str, m: re.Match[str]) -> None:
        """A capitalised run outside quotes: a body, a person named by surname, or a person introduced."""
        run = m.group(0)
        if " " not in run:
            if run in lx.ORG_WORDS:
                self._add_body(m.start(), run, masked)
            elif _WHO.match(masked, m.end()) and run not in lx.OPENERS and not run.isupper():
                self._single_name(m.start(), run)  # "Okonkwo, who chairs the state trade council, ..."
            return
        tokens = words(run)
        found = classify_run(tuple(tokens))
        if found is None or found.kind != "name":
            if found is not None and any(t in lx.ORG_WORDS for t in tokens):
                self._add_body(m.start(), run, masked)
            return
        name = (found.name or "").split()
        if not self._may_be_new_person(name):
            return
        title = tokens[: len(tokens) - len(name)]
        intro = _introduction(masked, m.start(), m.end(), title)
        if intro is not None:
            person = self._introduce(" ".join(name), intro)
            self.timeline.append((m.start() + len(" ".join(title)), person, -m.end() - 1))

    def _may_be_new_person(self, name: list[str]) -> bool:
        """Two to four words, no date, and not a registry person or party."""
        full = " ".join(name)
        if not name or self.registry.person(full) or self.registry.person_within(full):
            return False
        if len(name) < 2 or len(name) > 4 or any(t in lx.TIME_WORDS for t in name):
            return False
        return lookup_key(full) not in self.registry.party_by_alias

    def _introduce(self, full: str, intro: _Introduction) -> Person:
        """The person ``full``, met for the first time or given the role the article now states."""
        role, appositive = intro.role, intro.appositive
        person = self.people.get(full)
        if person is None:
            role_text = _join_role(role, appositive)
            party = self.registry.party_of_role(role_text)
            if party is None and role:  # "Iowa Sen. Dale Harkins": the title right before the name
                party = self.registry.party_by_title.get(role.split()[-1].rstrip("."))
            gender = lx.HONORIFIC_GENDER.get(intro.word_before.lower())
            person = Person(full, role_text, party, gender, False)
            self.people[full] = person
        elif not person.role and (role or appositive):
            person.role = _join_role(role, appositive)
            person.party = person.party or self.registry.party_of_role(person.role)
        return person

    def _known_surname(self, masked: str, start: int, end: int, known: KnownPerson) -> None:
        """'Lighthizer told the panel ...' with no full name before: the registry person, unless the word
        is part of a longer name ("Bernie Sanders") or the article names someone else with that surname."""
        glued = _WORD_BEFORE.search(masked, max(0, start - 30), start)
        if glued and glued.group(1) not in lx.TITLE_WORDS | lx.HONORIFICS | lx.OPENERS:
            return
        surname = masked[start:end]
        k = lookup_key(surname)
        if k in self.surnames and getattr(self.surnames[k], "name", None) != known.name:
            return
        if known.name not in self.people and self._someone_else(known.name, surname):
            return
        person = self._known(known)
        self.timeline.append((start, person, -end - 1))

    def _single_name(self, offset: int, name: str) -> None:
        """A person the article names by surname only; later "he"/"she" and "Okonkwo said" find them."""
        if self.registry.person(name) or lookup_key(name) in self.registry.party_by_alias:
            return
        full = self.full_name(name)  # the article may give the full name elsewhere
        known = self.registry.person(full) if full else self.registry.surname(name)
        person = self._known(known) if known else self.people.setdefault(full or name, Person(full or name))
        self.timeline.append((offset, person, -(offset + len(name)) - 1))

    def _add_body(self, offset: int, text: str, masked: str) -> None:
        label = text.strip()
        start = offset
        possessive = re.search(
            r"(\w[\w.]*[’']s)\s+(?:[a-z-]+\s+){0,2}$", masked[max(0, offset - 40) : offset]
        )
        if possessive and not label[:1].isupper():
            label = masked[offset - len(possessive.group(0)) : offset] + label
            start = offset - len(possessive.group(0))
        self.bodies.append((start, label, self.registry.party_of(label)))

    def add_possessive_bodies(self, masked: str) -> None:
        """'Mexico's foreign ministry', 'the Canadian government': bodies named through their party."""
        for m in _BODY.finditer(masked):
            self.bodies.append((m.start(), m.group(0), self.registry.party_of(m.group(0))))
        for m in _GROUP.finditer(
            masked
        ):  # "A group of former envoys to Mexico ...": a speaker in its own right
            tokens = np_at_start(masked[m.start() : m.start() + 160])
            if len(tokens) > 3:
                label = " ".join(tokens[1:])
                party = None if "former" in tokens else self.registry.party_of_role(label)
                self.bodies.append((m.start(), label, party))
        self.bodies.sort(key=lambda b: b[0])

    def _index_surnames(self) -> None:
        for person in self.people.values():
            parts = person.name.split()
            forms = {parts[-1]}
            if len(parts) > 2:
                forms.add(" ".join(parts[-2:]))
            for form in forms:
                k = lookup_key(form)
                if k in self.surnames and self.surnames[k] is not person:
                    self.surnames[k] = None
                else:
                    self.surnames[k] = person

    def _scan_surnames(self, masked: str) -> None:
        """Every later "Marchetti" or "de la Garza" of someone the article introduced, for pronouns."""
        forms = [form for form, person in self.surnames.items() if person is not None]
        if not forms:
            return
        low = fold_in_place(masked)
        if low is None:
            return
        # str.find per form, longest first (a few forms per article: cheaper than compiling a pattern)
        taken: list[tuple[int, int]] = []
        for form in sorted(forms, key=len, reverse=True):
            i = low.find(form)
            while i >= 0:
                j = i + len(form)
                alone = (i == 0 or not _word_char(low[i - 1])) and (j == len(low) or not _word_char(low[j]))
                if alone and not any(a < j and i < b for a, b in taken):
                    taken.append((i, j))
                    person = self.surnames.get(form)
                    if person is not None and masked[i].isupper():
                        self.timeline.append((i, person, -j - 1))
                i = low.find(form, i + 1)


class _Introduction(NamedTuple):
    """How the article introduces a new name: a title or role before it, an appositive after it."""

    role: str | None
    appositive: str | None
    word_before: str  # an honorific here gives the gender: "Mrs."


def _introduction(masked: str, start: int, end: int, title: list[str]) -> _Introduction | None:
    """The name at masked[start:end] (after ``title``, its own title words) introduced as a person; None
    when nothing says it is one (no title, role, appositive or verb of saying next to it)."""
    before = masked[max(0, start - 60) : start]
    after = masked[end : end + 160]
    prev_word = (words(before) or [""])[-1]
    role = " ".join(title) if title else None
    if prev_word.lower() in lx.ROLE_WORDS and not title:
        role = _role_before(before)
    evidence = bool(title) or prev_word.lower() in lx.ROLE_WORDS or prev_word in lx.HONORIFICS
    appositive = _appositive(after)
    next_word = (words(after) or [""])[0]
    if appositive or next_word.lower() in _CLEAR_SPEECH or prev_word.lower() in _CLEAR_SPEECH:
        evidence = True
    return _Introduction(role, appositive, prev_word) if evidence else None


def _appositive(after: str) -> str | None:
    """ "…, a tariff specialist at the institute," or "…, R-Iowa,": what the article says the name is."""
    if not after.startswith(","):
        return None
    chunk = _APPOSITIVE_END.split(after[1:], maxsplit=1)[0]
    if chunk.strip() and (is_appositive(chunk) or _STATE_PARTY.match(chunk)):
        return chunk.strip()
    return None


def _word_char(ch: str) -> bool:

    return ch.isalnum() or ch in "_'"


_BODY = re.compile(
    r"(?:\b[A-Z][\w.]*[’']s|\bthe\s+(?:[A-Z][a-z]+)\s*)\s+(?:[a-z-]+\s+){0,2}"
    r"(?:ministry|department|government|embassy|office|administration|agency|council)\b"
)


_GROUP = re.compile(rf"\b[Aa]n?\s+(?:{'|'.join(sorted(lx.GROUP_NOUNS))})\s+of\s")


# Lowercase words before a name that leave it free to be a subject: conjunctions, "said", role words.
_FREE_BEFORE = frozenset(
    "and or but that while when as because since although though if so then also where whereas after before "
    "said says added adds wrote noted warned argued explained meanwhile however still "
    "who whom whose".split()
)
_OBJECT_AFTER = frozenset(
    "of and or in on at to for with from by as the a an that over about into than against between "
    "among via per under toward towards".split()
)
_INTRO_PHRASE = re.compile(r"^(?:[A-Z][\w’'-]*(?:\s+[\w’'.-]+){0,7},|[A-Z][a-z]+,?)$")


def _strength(masked: str, start: int, end: int) -> int:
    """How strongly a name at masked[start:end] can be the antecedent of a later "he"/"she":
    SPOKE when it is the subject of a verb of saying ("Harlan said the bill would fail"), LEAD when it
    is a sentence's subject ("Harlan, a Republican from Iowa, emerged frustrated"), SUBJECT for a
    subject further into a sentence, MENTION for an object, a possessive or a name after a preposition
    ("a study by Martin Feld", "Trump's decision", "met Gov. Marsh")."""
    lead_in = _lead_in(masked, start)
    prev = lead_in.split()[-1].strip(",;:") if lead_in.split() else ""
    if prev and prev[:1].islower() and prev.lower() not in _FREE_BEFORE:
        return MENTION  # after a preposition or a verb: an object
    rest = masked[end : end + 160]
    if rest[:1] in "’'":
        return MENTION  # possessive
    if rest.startswith(","):
        if re.match(r",\s+who\s", rest):
            return SUBJECT
        end_of = _APPOSITIVE_END.search(rest, 1)
        if not end_of or end_of.group(0) not in {",", " — "} or not is_appositive(rest[1 : end_of.start()]):
            return MENTION
        rest = rest[end_of.end() :]
    ws = words(rest[:40])
    if not ws:
        return MENTION
    w = ws[0].lower()
    if not ws[0][:1].islower() or w in _OBJECT_AFTER:
        return MENTION
    while ws and ws[0].lower() in lx.AUXILIARIES:
        ws.pop(0)
    if ws and ws[0].lower() in _CLEAR_SPEECH:
        return SPOKE
    if not lead_in.strip() or _INTRO_PHRASE.match(lead_in.strip()):
        return LEAD
    return SUBJECT


_ROLE_JOINERS = frozenset({"of", "and", "for", "on", "&"})


def _lead_in(masked: str, start: int) -> str:
    """The sentence before a name, less the titles and roles that belong to the name."""
    window = masked[max(0, start - 160) : start]
    cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "), window.rfind("\n"))
    tokens = window[cut + 1 :].split()
    while tokens and not tokens[-1].endswith(","):
        token = tokens[-1].strip('("“')
        if not token or not np_word(token) or token.lower() in _ROLE_JOINERS:
            break
        tokens.pop()
    return " ".join(tokens)


def _role_before(before: str) -> str | None:
    ws = words(before)
    out = []
    for w in reversed(ws):
        if np_word(w) and w.lower() not in {"of", "and", "for", "on", "&"}:
            out.append(w)
        else:
            break
    out.reverse()
    while out and out[0].lower() in {"the", "a", "an"}:
        out.pop(0)
    return " ".join(out) or None


def _join_role(role: str | None, appositive: str | None) -> str | None:
    role, appositive = clean_role(role), clean_role(appositive)
    if role and appositive:
        return f"{role}, {appositive}"[:300]
    found = role or appositive
    return found[:300] if found else None
