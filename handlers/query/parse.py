"""Turn what someone typed after ``/nafta`` into a ``Query``: pure, no database, no Slack.

Grammar (words are case-insensitive, typos and synonyms resolve):
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
import unicodedata
from dataclasses import dataclass, field, replace

from handlers.query.vocabulary import RESOLVE_SCORE, Match, Vocabulary, normalize_phrase

MAX_QUERY_CHARS = 500
HELP_WORDS = {"help", "?", "usage", "commands"}
TOPICS_WORDS = {"topics", "list", "chapters"}
LATEST_WORDS = {"latest", "news", "new", "recent"}
SEARCH_WORDS = {"search", "find"}
TIMELINE_WORDS = {"timeline", "history"}
SUBSCRIPTION_WORDS = {"subscribe", "subscriptions", "unsubscribe", "pause", "resume"}
PRIVATE_FLAGS = {"private", "-p", "--private"}


@dataclass(frozen=True)
class Query:
    kind: str  # help, topics, latest, search, topic, timeline, person, party, subscription, unknown, invalid
    text: str = ""
    topic: str | None = None
    party: str | None = None
    person_id: int | None = None
    words: str | None = None
    offset: int = 0
    private: bool = False
    problem: str | None = None
    suggestions: tuple[Match, ...] = field(default=(), compare=False)

    def page(self, offset: int) -> Query:
        return replace(self, offset=max(0, offset))

    def to_value(self) -> str:
        """Compact JSON for a Slack button's value (max 2,000 chars), so a click works after a restart."""
        data = {"k": self.kind, "t": self.topic, "p": self.party, "id": self.person_id, "w": self.words}
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
            return cls("invalid", problem="That button's data is unreadable; run the command again.")
        if kind not in {"topic", "timeline", "person", "party", "search", "latest", "topics", "help"}:
            return cls("invalid", problem="That button is from an older version; run the command again.")
        words = data.get("w")
        return cls(
            kind=kind,
            topic=_opt_str(data.get("t")),
            party=_opt_str(data.get("p")),
            person_id=data.get("id") if isinstance(data.get("id"), int) else None,
            words=_opt_str(words),
            text=_opt_str(words) or "",
            offset=max(0, offset),
        )


def _opt_str(value: object) -> str | None:
    return str(value)[:200] if value not in (None, "") else None


def clean_text(raw: str) -> str:
    """Drop control and format characters, normalise Unicode, collapse spaces, cap the length."""
    text = unicodedata.normalize("NFKC", raw or "")
    text = "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in text)
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def parse(raw: str, vocab: Vocabulary) -> Query:
    text = clean_text(raw)
    words = text.split()
    private = bool(words) and words[-1].casefold() in PRIVATE_FLAGS
    if private:
        words = words[:-1]
    text = " ".join(words)
    query = _parse_words(text, words, vocab)
    return replace(query, text=text, private=private)


def _parse_words(text: str, words: list[str], vocab: Vocabulary) -> Query:
    if not words:
        return Query("help")
    head, rest = words[0].casefold(), " ".join(words[1:])
    if head in HELP_WORDS:
        return Query("help")
    if head in TOPICS_WORDS and not rest:
        return Query("topics")
    if head in LATEST_WORDS:
        return _resolve(normalize_phrase(rest).split(), vocab) if rest else Query("latest")
    if head in SEARCH_WORDS:
        if not normalize_phrase(rest):
            return Query("invalid", problem="Search for what? Try `search dairy quotas`.")
        return Query("search", words=rest[:200])
    if head in SUBSCRIPTION_WORDS:
        return Query("subscription", words=text)
    phrase = normalize_phrase(text).split()
    if len(phrase) > 1 and phrase[-1] in TIMELINE_WORDS:
        query = _resolve(phrase[:-1], vocab)
        return replace(query, kind="timeline") if query.kind == "topic" else query
    return _resolve(phrase, vocab)


def _resolve(words: list[str], vocab: Vocabulary) -> Query:
    if not words:
        return Query("invalid", problem="That had no letters or numbers in it. Try `autos` or `help`.")
    party, words = _split_party(words, vocab)
    phrase = " ".join(words)
    match = vocab.exact(phrase) or _confident_fuzzy(phrase, vocab)
    if match is None:
        return Query("unknown", suggestions=tuple(vocab.fuzzy(phrase, limit=3)))
    if match.kind == "topic":
        return Query("topic", topic=match.ref.slug, party=party.ref.slug if party else None)  # type: ignore[union-attr]
    if match.kind == "person":
        return Query("person", person_id=match.ref.id)
    if party is None:
        return Query("party", party=match.ref.slug)  # type: ignore[union-attr]
    return Query("unknown", suggestions=tuple(vocab.fuzzy(phrase, limit=3)))


def _split_party(words: list[str], vocab: Vocabulary) -> tuple[Match | None, list[str]]:
    """Peel a party off the end ("autos canada") or the front ("canada autos") of a longer phrase."""
    for n in (3, 2, 1):
        if len(words) > n:
            tail = vocab.exact(" ".join(words[-n:]), kinds=("party",))
            if tail and not vocab.exact(" ".join(words)):
                return tail, words[:-n]
            head = vocab.exact(" ".join(words[:n]), kinds=("party",))
            if head and not vocab.exact(" ".join(words)):
                return head, words[n:]
    return None, words


def _confident_fuzzy(phrase: str, vocab: Vocabulary) -> Match | None:
    found = vocab.fuzzy(phrase, limit=2)
    if not found or found[0].score < RESOLVE_SCORE:
        return None
    if len(found) > 1 and found[1].score >= found[0].score - 2 and found[1].ref != found[0].ref:
        return None  # two names equally close: suggest, don't guess
    return found[0]
