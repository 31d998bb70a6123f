"""Turn what someone typed after ``/nafta`` into a ``Query``: pure, no database, no Slack.

Plain questions are read by ``handlers.query.reader`` ("what did freeland say about dairy this week");
the terse grammar below keeps working as it always has (words are case-insensitive, typos and
synonyms resolve):
    (nothing) | help            usage
    topics                      tracked topics and their status
    latest                      newest quotes and position changes
    search WORDS                full-text search
    TOPIC [PARTY]               e.g. "autos", "rules of origin canada"
    TOPIC [PARTY] timeline      dated status moves and position changes, e.g. "dairy canada history"
    PERSON                      e.g. "lighthizer"
    PARTY                       e.g. "mexico"
    subscribe ... | subscriptions | unsubscribe ... | pause ... | resume ...   (digests, Slack only)
A trailing "private" or "-p" asks for an answer only the asker sees.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

from handlers.query.intent import Intent
from handlers.query.reader import Reading, read
from handlers.query.vocabulary import Match, Vocabulary, match_key
from handlers.query.when import describe
from handlers.typed import typed_text

MAX_QUERY_CHARS = 500
HELP_WORDS = {"help", "?", "usage", "commands"}
TOPICS_WORDS = {"topics", "list", "chapters"}
SEARCH_WORDS = {"search", "find"}
TIMELINE_WORDS = {"timeline", "history"}
SUBSCRIPTION_WORDS = {"subscribe", "subscriptions", "unsubscribe", "pause", "resume"}
PRIVATE_FLAGS = {"private", "-p", "--private"}
BUTTON_KINDS = frozenset(
    {
        Intent.TOPIC,
        Intent.PERSON,
        Intent.PARTY,
        Intent.SEARCH,
        Intent.LATEST,
        Intent.TOPICS,
        Intent.HELP,
        Intent.TIMELINE,
    }
)  # what a button or menu may ask again


@dataclass(frozen=True)
class Query:
    kind: Intent
    text: str = ""
    topic: str | None = None
    party: str | None = None
    person_id: int | None = None
    words: str | None = None
    offset: int = 0
    private: bool = False
    problem: str | None = None
    since: str | None = None  # a window: "7d" back from today, or a start date "2018-03-01"
    reading: str | None = field(default=None, compare=False)  # "Freeland on dairy, last 7 days"
    suggestions: tuple[Match, ...] = field(default=(), compare=False)

    def page(self, offset: int) -> Query:
        return replace(self, offset=max(0, offset))

    def to_value(self) -> str:
        """Compact JSON for a Slack button's value (max 2,000 chars), so a click works after a restart."""
        data = {
            "k": self.kind,
            "t": self.topic,
            "p": self.party,
            "id": self.person_id,
            "w": self.words,
            "s": self.since,
        }
        data = {k: v for k, v in data.items() if v is not None}
        if self.offset:
            data["o"] = self.offset
        return json.dumps(data, separators=(",", ":"))[:2000]

    @classmethod
    def from_value(cls, value: str) -> Query:
        """Rebuild a query from a button value; anything malformed becomes an ``invalid`` query."""
        try:
            data = json.loads(value)
            kind = str(data["k"])
            offset = int(data.get("o", 0))
        except (ValueError, KeyError, TypeError):
            return cls(Intent.INVALID, problem="That button's data is unreadable; run the command again.")
        if kind not in BUTTON_KINDS:
            return cls(Intent.INVALID, problem="That button is from an older version; run the command again.")
        words = data.get("w")
        return cls(
            kind=Intent(kind),
            topic=_opt_str(data.get("t")),
            party=_opt_str(data.get("p")),
            person_id=data.get("id") if isinstance(data.get("id"), int) else None,
            words=_opt_str(words),
            text=_opt_str(words) or "",
            offset=max(0, offset),
            since=_opt_str(data.get("s")),
        )


def _opt_str(value: object) -> str | None:
    return str(value)[:200] if value not in (None, "") else None


def parse(raw: str, vocab: Vocabulary) -> Query:
    text = typed_text(raw, limit=MAX_QUERY_CHARS)
    words = text.split()
    private = bool(words) and words[-1].casefold() in PRIVATE_FLAGS
    if private:
        words = words[:-1]
    text = " ".join(words)
    query = _parse_words(text, words, vocab)
    return replace(query, text=text, private=private)


OUT_OF_SCOPE = (
    "I can't answer that: I only follow the {negotiation}. Ask about a topic (`autos`, `dairy`), "
    "a party (`canada`), a person (`lighthizer`), or `help` for more."
)


def _parse_words(text: str, words: list[str], vocab: Vocabulary) -> Query:
    if not words:
        return Query(Intent.HELP)
    head, rest = words[0].casefold(), " ".join(words[1:])
    if head in HELP_WORDS and not rest:
        return Query(Intent.HELP)
    if head in TOPICS_WORDS and not rest:
        return Query(Intent.TOPICS)
    if head in SEARCH_WORDS:
        if not match_key(rest):
            return Query(Intent.INVALID, problem="Search for what? Try `search dairy quotas`.")
        return Query(Intent.SEARCH, words=rest[:200])
    if head in SUBSCRIPTION_WORDS:
        return Query(Intent.SUBSCRIPTION, words=text)
    if not match_key(text):
        return Query(Intent.INVALID, problem="That had no letters or numbers in it. Try `autos` or `help`.")
    return from_reading(read(text, vocab), vocab)


def from_reading(reading: Reading, vocab: Vocabulary) -> Query:
    """The query a reading asks for; out-of-scope and unreadable questions say so honestly."""
    if reading.out_of_scope:
        return Query(
            Intent.UNKNOWN, problem=OUT_OF_SCOPE.format(negotiation=vocab.negotiation or "negotiation")
        )
    if reading.intent == Intent.UNKNOWN:
        return Query(Intent.UNKNOWN, suggestions=tuple(reading.suggestions))
    query = Query(
        reading.intent,
        topic=reading.topic.slug if reading.topic else None,
        party=reading.party.slug if reading.party else None,
        person_id=reading.person.id if reading.person else None,
        words=reading.terms,
        since=reading.since,
    )
    narrowed = reading.since or (reading.person and reading.topic)
    return replace(query, reading=describe_query(query, vocab)) if reading.plain or narrowed else query


def describe_query(query: Query, vocab: Vocabulary) -> str:
    """One line saying how a question was read, so a misreading shows: "Freeland on dairy, last 7 days"."""
    topic_ref = vocab.topic(query.topic) if query.topic else None
    person = vocab.person(query.person_id) if query.person_id else None
    party = vocab.party(query.party) if query.party else None
    topic = topic_ref.name.lower() if topic_ref else None
    who = person.name.split()[-1] if person else party.name if party else None
    match query.kind:
        case Intent.SEARCH:
            subject = f"quotes with “{query.words}”" + (f" by {who}" if who else "")
        case Intent.HELP:
            subject = "help"
        case Intent.TOPICS:
            subject = "the tracked topics"
        case _:
            subject = f"{who} on {topic}" if who and topic else who or topic or "everything"
            if query.kind == Intent.LATEST:
                subject = f"latest: {subject}"
            elif query.kind == Intent.TIMELINE:
                subject = f"how it moved: {subject}"
    window = describe(query.since)
    page = f", from no. {query.offset + 1}" if query.offset else ""
    return f"Read as: {subject}" + (f", {window}" if window else "") + page


EXPLAIN_INTENTS = {Intent.INVALID: Intent.UNKNOWN}  # --explain has no "invalid"


def explain(raw: str, vocab: Vocabulary) -> dict[str, str | None]:
    """How ``raw`` is read, in the shape of ``nafta-bot ask --explain``: names as the store knows them.

    >>> explain("freeland on dairy this week", vocab)
    {"intent": "person", "topic": "dairy", "party": None, "person": "Chrystia Freeland", "terms": None,
     "since": "7d"}
    """
    query = parse(raw, vocab)
    person = vocab.person(query.person_id) if query.person_id else None
    return {
        "intent": EXPLAIN_INTENTS.get(query.kind, query.kind).value,
        "topic": query.topic,
        "party": query.party,
        "person": person.name if person else None,
        "terms": query.words if query.kind == Intent.SEARCH else None,
        "since": query.since,
    }
