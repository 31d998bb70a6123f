"""The negotiation's vocabulary (parties, people, topics) read from a TOML file.

The taxonomy is data so that a deployment can follow another negotiation without touching code:
point ``NAFTA_TAXONOMY`` at its own file, or at a file with ``extends = "bundled"`` to add to ours.
Everything here is plain frozen dataclasses so the extractor and the parser can use it without a
database; ``store.bootstrap`` mirrors it into the tables.
"""

from __future__ import annotations

import tomllib
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

BUNDLED = "bundled"

# A TOML table as ``tomllib`` returns it; its entries are checked by ``_entries`` and ``_build``.
Table = dict[str, Any]


class TaxonomyError(ValueError):
    """The taxonomy file cannot be used; the message names the file and, when known, the line.

    ``entry`` is the ``[[section]]`` table and its 1-based index the error is about, so the line can be found.
    """

    def __init__(self, message: str, entry: tuple[str | None, int] = (None, 0)) -> None:
        super().__init__(message)
        self.entry = entry


@dataclass(frozen=True)
class PartyDef:
    slug: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    shorthand: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()  # a title before a name that makes the person a member: "Sen."
    # a leader named by title alone acts for the party: "the prime minister"; see Registry.leader_titles
    leader_titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class DatedRole:
    """A role someone held from one date (inclusive) until another (exclusive); open ends are None."""

    role: str
    start: date | None = None
    until: date | None = None

    def holds_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.until is None or day < self.until)


@dataclass(frozen=True)
class PersonDef:
    name: str
    party: str | None
    role: str | None
    gender: str | None = None
    aliases: tuple[str, ...] = ()
    shorthand: tuple[str, ...] = ()
    role_from: date | None = None  # the dates of ``role``; other roles go in ``roles``
    role_until: date | None = None
    roles: tuple[DatedRole, ...] = ()

    def role_on(self, day: date | None) -> str | None:
        """The role as of ``day`` (an article's date): "Canada's Foreign Affairs Minister" in 2018, not 2020.
        Undated articles get ``role``; a date no listed role covers gets None rather than a wrong job."""
        if day is None:
            return self.role
        if self.role and DatedRole(self.role, self.role_from, self.role_until).holds_on(day):
            return self.role
        return next((r.role for r in self.roles if r.holds_on(day)), None)

    @property
    def surname(self) -> str:
        """Last word of the name, the form news copy uses on second reference ("Mr. Lighthizer")."""
        return self.name.split()[-1]


@dataclass(frozen=True)
class TopicDef:
    slug: str
    name: str
    chapter: str
    synonyms: tuple[str, ...] = ()
    shorthand: tuple[str, ...] = ()
    # How the news describes the chapter's content ("unionization", "expire after 16 years"): read only
    # by the extractor, never by the question reader.
    described: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReaderDef:
    """What the question reader may ignore (the negotiation's own names) or must refuse (other deals)."""

    negotiation_names: tuple[str, ...] = ()
    other_deals: tuple[str, ...] = ()


@dataclass(frozen=True)
class Taxonomy:
    negotiation: str
    statuses: tuple[str, ...]
    parties: tuple[PartyDef, ...]
    people: tuple[PersonDef, ...]
    topics: tuple[TopicDef, ...]
    reader: ReaderDef = ReaderDef()
    _party_by_slug: dict[str, PartyDef] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._party_by_slug.update({p.slug: p for p in self.parties})

    def party(self, slug: str | None) -> PartyDef | None:
        return self._party_by_slug.get(slug or "")

    def topic(self, slug: str) -> TopicDef | None:
        return next((t for t in self.topics if t.slug == slug), None)


def fold(text: str) -> str:
    """Case- and accent-insensitive form used for every name comparison ("Peña" == "pena")."""
    if text.isascii():
        return text.casefold().strip()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Read the bundled taxonomy, or ``path`` (replacing it, or extending it with ``extends = "bundled"``)."""
    bundled = _read_bundled()
    if path is None:
        return _build(bundled)
    where = Path(path).expanduser()
    try:
        text = where.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or type(error).__name__
        raise TaxonomyError(f"taxonomy file {where}: cannot read it ({reason})") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TaxonomyError(f"taxonomy file {where}: not valid TOML: {error}") from None
    if raw.get("extends") == BUNDLED:
        raw = _merge(bundled, raw)
    try:
        return _build(raw)
    except TaxonomyError as error:
        raise TaxonomyError(f"taxonomy file {where}: {error}{_line_of(text, error)}") from None
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise TaxonomyError(f"taxonomy file {where}: {type(error).__name__}: {error}") from None


def _line_of(text: str, error: TaxonomyError) -> str:
    """' (line N)' for the table an entry error is about, found by counting ``[[section]]`` headers."""
    section, index = error.entry
    if section is None:
        return ""
    seen = 0
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip().replace(" ", "") == f"[[{section}]]":
            seen += 1
            if seen == index:
                return f" (line {number})"
    return ""


def _read_bundled() -> Table:
    text = resources.files("store").joinpath("data/taxonomy.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _merge(base: Table, extra: Table) -> Table:
    merged = dict(base)
    for key in ("negotiation", "statuses"):
        if key in extra:
            merged[key] = extra[key]
    if "reader" in extra:
        merged["reader"] = dict(base.get("reader", {})) | extra["reader"]
    for section, key in (("party", "slug"), ("person", "name"), ("topic", "slug")):
        entries = {e[key]: e for e in base.get(section, [])}
        entries.update({e[key]: e for e in extra.get(section, [])})
        merged[section] = list(entries.values())
    return merged


def _entries(raw: Table, section: str, required: tuple[str, ...]) -> list[Table]:
    """The ``[[section]]`` tables, each checked for its required keys (string values)."""
    entries = raw.get(section, [])
    if not isinstance(entries, list):
        raise TaxonomyError(f"`{section}` must be a list of [[{section}]] tables")
    for index, entry in enumerate(entries, 1):
        problem = None
        if not isinstance(entry, dict):
            problem = f"[[{section}]] entry {index} is not a table"
        else:
            missing = [key for key in required if not isinstance(entry.get(key), str) or not entry[key]]
            if missing:
                problem = f"[[{section}]] entry {index} needs a text `{missing[0]}`"
        if problem:
            raise TaxonomyError(problem, entry=(section, index))
    return entries


def _build(raw: Table) -> Taxonomy:
    _entries(raw, "party", ("slug", "name"))
    _entries(raw, "person", ("name",))
    _entries(raw, "topic", ("slug", "name"))
    parties = tuple(
        PartyDef(
            slug=p["slug"],
            name=p["name"],
            kind=p.get("kind", "stakeholder"),
            aliases=tuple(p.get("aliases", ())),
            adjectives=tuple(p.get("adjectives", ())),
            shorthand=tuple(p.get("shorthand", ())),
            titles=tuple(p.get("titles", ())),
            leader_titles=tuple(p.get("leader_titles", ())),
        )
        for p in raw.get("party", [])
    )
    slugs = {p.slug for p in parties}
    people = []
    for p in raw.get("person", []):
        if p.get("party") and p["party"] not in slugs:
            raise TaxonomyError(f"{p['name']!r} names unknown party {p['party']!r}")
        people.append(
            PersonDef(
                name=p["name"],
                party=p.get("party"),
                role=p.get("role"),
                gender=p.get("gender"),
                aliases=tuple(p.get("aliases", ())),
                shorthand=tuple(p.get("shorthand", ())),
                role_from=p.get("role_from"),
                role_until=p.get("role_until"),
                roles=tuple(DatedRole(r["role"], r.get("from"), r.get("until")) for r in p.get("roles", ())),
            )
        )
    topics = tuple(
        TopicDef(
            slug=t["slug"],
            name=t["name"],
            chapter=t.get("chapter", t["name"]),
            synonyms=tuple(t.get("synonyms", ())),
            shorthand=tuple(t.get("shorthand", ())),
            described=tuple(t.get("described", ())),
        )
        for t in raw.get("topic", [])
    )
    if not topics:
        raise TaxonomyError("at least one [[topic]] is required")
    return Taxonomy(
        negotiation=raw.get("negotiation", ""),
        statuses=tuple(raw.get("statuses", ())),
        parties=parties,
        people=tuple(people),
        topics=topics,
        reader=ReaderDef(
            negotiation_names=tuple(raw.get("reader", {}).get("negotiation_names", ())),
            other_deals=tuple(raw.get("reader", {}).get("other_deals", ())),
        ),
    )
