"""Follow-ups in a thread: "and mexico?", "what about dairy", "earlier?", "more" refine the last reading.

``follow_up(previous, text, vocab)`` is pure: the previous query comes from the thread's memory
(``store.threads``), the result is what to answer and to remember next. A complete new question
("what did guajardo say about energy") replaces the previous reading instead of refining it.
"""

from __future__ import annotations

from dataclasses import replace

from handlers.query import cues
from handlers.query.intent import Intent
from handlers.query.parse import Query, describe_query, parse
from handlers.query.vocabulary import Vocabulary, match_key
from handlers.typed import typed_text

PAGE_SIZE = 5
REFINABLE = frozenset(
    {Intent.TOPIC, Intent.PERSON, Intent.PARTY, Intent.LATEST, Intent.TIMELINE, Intent.SEARCH}
)
_OPENERS = tuple(sorted(cues.FOLLOW_UP_OPENERS, key=len, reverse=True))


def follow_up(previous: Query | None, text: str, vocab: Vocabulary) -> Query:
    """What ``text`` asks, read in the light of the thread's ``previous`` query (None: a fresh question)."""
    query = parse(text, vocab)
    if (
        previous is None
        or previous.kind not in REFINABLE
        or query.kind in {Intent.SUBSCRIPTION, Intent.SEARCH}
    ):
        return query
    words = match_key(typed_text(text)).split()
    said = " ".join(words)
    if said in cues.MORE_CUES:
        return _described(previous.page(previous.offset + PAGE_SIZE), vocab, query)
    if said in cues.EARLIER_CUES:
        older = (
            replace(previous, since=None) if previous.since else previous.page(previous.offset + PAGE_SIZE)
        )
        return _described(older, vocab, query)
    opener = next((o for o in _OPENERS if said == o or said.startswith(o + " ")), None)
    bare_name = (
        query.kind in {Intent.TOPIC, Intent.PARTY, Intent.PERSON}
        and _names_one_thing(query)
        and len(words) <= 3
    )
    if query.kind in {Intent.UNKNOWN, Intent.INVALID, Intent.HELP, Intent.TOPICS} or not (
        opener or bare_name or _window_only(query)
    ):
        return query
    return _described(_merge(previous, query), vocab, query)


def _names_one_thing(query: Query) -> bool:
    return sum(bool(x) for x in (query.topic, query.party, query.person_id)) == 1


def _window_only(query: Query) -> bool:
    return bool(query.since) and not (query.topic or query.party or query.person_id)


def _merge(previous: Query, new: Query) -> Query:
    """The previous question with what the follow-up names swapped in."""
    person_id = new.person_id or (None if new.party else previous.person_id)
    party = new.party or (None if new.person_id else previous.party)
    topic = new.topic or previous.topic
    if previous.kind == Intent.SEARCH:
        kind = Intent.SEARCH
    elif new.kind in {Intent.LATEST, Intent.TIMELINE}:
        kind = new.kind
    elif person_id:
        kind = Intent.PERSON
    elif previous.kind in {Intent.LATEST, Intent.TIMELINE}:
        kind = previous.kind
    else:
        kind = Intent.TOPIC if topic else Intent.PARTY
    return Query(
        kind,
        topic=topic,
        party=party,
        person_id=person_id,
        words=previous.words if kind == Intent.SEARCH else None,
        since=new.since or previous.since,
    )


def _described(query: Query, vocab: Vocabulary, asked: Query) -> Query:
    return replace(query, text=asked.text, private=asked.private, reading=describe_query(query, vocab))
