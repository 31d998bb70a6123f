"""Every name a user can ask by: topics, parties and people with the spellings stored for them.

The question reader (``handlers.query.vocabulary``) builds its lookups from these plain rows, so it
never reads the tables itself. People met during ingestion are here too, after the taxonomy's own.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from store.models import Party, Person, Topic


@dataclass(frozen=True)
class TopicName:
    id: int
    slug: str
    name: str
    chapter: str
    synonyms: tuple[str, ...]


@dataclass(frozen=True)
class PartyName:
    id: int
    slug: str
    name: str
    kind: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class PersonName:
    id: int
    name: str
    role: str | None
    party_slug: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Names:
    topics: list[TopicName]  # in the taxonomy's order
    parties: list[PartyName]
    people: list[PersonName]  # the taxonomy's people first, then those met in articles, oldest first


def askable_names(session: Session) -> Names:
    """Three reads: every topic, party and person, with the aliases stored for each."""
    parties = {p.id: p for p in session.exec(select(Party))}
    topics = [
        TopicName(_id(t.id), t.slug, t.name, t.chapter, tuple(t.synonyms))
        for t in session.exec(select(Topic).order_by(col(Topic.sort_order)))
    ]
    people = []
    for person in session.exec(select(Person).order_by(col(Person.source).desc(), col(Person.id))):
        party = parties.get(person.party_id) if person.party_id else None
        slug = party.slug if party else None
        people.append(PersonName(_id(person.id), person.name, person.role, slug, tuple(person.aliases)))
    return Names(
        topics=topics,
        parties=[PartyName(_id(p.id), p.slug, p.name, p.kind, tuple(p.aliases)) for p in parties.values()],
        people=people,
    )


def _id(value: int | None) -> int:
    assert value is not None, "a stored row has an id"
    return value
