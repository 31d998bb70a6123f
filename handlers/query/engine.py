"""From a query to an answer: the one place every surface (CLI, slash command, mention, button) asks.

``answer_query`` is a plain function over a session and a vocabulary. ``Librarian`` wraps it with
the engine: one short read-only connection per question, the vocabulary rebuilt only when the
store's revision moves, and answers (and their rendered messages) remembered per revision, so a new
question costs a handful of indexed reads and a repeated one a single row read.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlmodel import Session

from handlers.query import answers as a
from handlers.query.cache import DEFAULT_SIZE, RevisionCache
from handlers.query.parse import Query, parse
from handlers.query.vocabulary import Vocabulary, build_vocabulary
from handlers.query.when import since_date
from store import queries as q
from store.revision import REVISION_KEY
from store.search import search
from store.taxonomy import Taxonomy

PAGE_SIZE = 5
V = TypeVar("V")
_SQLITE_REVISION = "SELECT value FROM storemeta WHERE key = ?"
_POSTGRES_REVISION = "SELECT value FROM storemeta WHERE key = %s"
COUNTRY_ORDER = ("us", "canada", "mexico")

SUBSCRIPTION_ELSEWHERE = (
    "Digest subscriptions are made in a Slack channel: `/nafta subscribe daily 08:00 autos`. "
    "From the command line, `nafta-bot digest --channel C --dry-run` previews one."
)


def answer_query(session: Session, vocab: Vocabulary, query: Query) -> a.Answer:
    if narrows(query):
        return _narrowed(session, vocab, query)
    match query.kind:
        case "help":
            return a.HelpAnswer(query, topics=vocab.topics)
        case "topics":
            return a.TopicsAnswer(query, topics=q.topics_overview(session))
        case "latest":
            return a.LatestAnswer(
                query,
                quotes=q.newest_quotes(session, limit=PAGE_SIZE),
                positions=q.newest_positions(session, limit=PAGE_SIZE),
            )
        case "search":
            return _search(session, query)
        case "topic" if query.topic and vocab.topic(query.topic):
            return _topic(session, vocab, query)
        case "person" if query.person_id and vocab.person(query.person_id):
            return _person(session, vocab, query)
        case "party" if query.party and vocab.party(query.party):
            return _party(session, vocab, query)
        case "subscription":
            return a.ProblemAnswer(query, message=SUBSCRIPTION_ELSEWHERE)
        case "unknown" if query.problem:
            return a.ProblemAnswer(query, message=query.problem)
        case "unknown":
            return a.NotFoundAnswer(query, suggestions=list(query.suggestions))
        case "invalid":
            return a.ProblemAnswer(query, message=query.problem or "I couldn't read that.")
    return a.ProblemAnswer(query, message="That topic, party or person is no longer tracked.")


def _page(rows: list[q.QuoteRow], total: int, query: Query) -> a.QuotePage:
    return a.QuotePage(quotes=rows, total=total, offset=query.offset, page_size=PAGE_SIZE)


def _topic(session: Session, vocab: Vocabulary, query: Query) -> a.Answer:
    topic = vocab.topic(query.topic or "")
    assert topic is not None
    party = vocab.party(query.party) if query.party else None
    # Every party's newest position in one statement: it also tells which parties have one at all.
    newest = q.newest_position_per_pair(
        session, topic_ids=[topic.id], party_ids=[p.id for p in vocab.parties]
    )
    with_positions = {party_id for _, party_id in newest}
    ordered = _party_order(vocab, with_positions)
    shown = [party.id] if party else ordered
    party_id = party.id if party else None
    quotes = q.quotes_on_topic(
        session, topic_id=topic.id, party_id=party_id, offset=query.offset, limit=PAGE_SIZE
    )
    total = q.count_quotes_on_topic(session, topic_id=topic.id, party_id=party_id)
    choices = [p for p in vocab.parties if p.id in with_positions or p.slug in COUNTRY_ORDER]
    return a.TopicAnswer(
        query,
        topic=topic,
        party=party,
        status=q.latest_status(session, topic_id=topic.id),
        positions=[newest[(topic.id, p)] for p in shown if (topic.id, p) in newest],
        page=_page(quotes, total, query),
        parties=choices,
    )


def _party_order(vocab: Vocabulary, with_positions: set[int]) -> list[int]:
    """The three governments first, in the usual order, then stakeholders that have a position."""
    rank = {slug: i for i, slug in enumerate(COUNTRY_ORDER)}
    chosen = [p for p in vocab.parties if p.slug in rank or p.id in with_positions]
    chosen.sort(key=lambda p: (rank.get(p.slug, len(rank)), p.name))
    return [p.id for p in chosen]


def _person(session: Session, vocab: Vocabulary, query: Query) -> a.Answer:
    person = vocab.person(query.person_id or 0)
    assert person is not None
    quotes = q.quotes_by_person(session, person_id=person.id, offset=query.offset, limit=PAGE_SIZE)
    total = q.count_quotes_by_person(session, person_id=person.id)
    party = vocab.party(person.party_slug) if person.party_slug else None
    return a.PersonAnswer(query, person=person, party=party, page=_page(quotes, total, query))


def _party(session: Session, vocab: Vocabulary, query: Query) -> a.Answer:
    party = vocab.party(query.party or "")
    assert party is not None
    newest = q.newest_position_per_pair(session, topic_ids=[t.id for t in vocab.topics], party_ids=[party.id])
    positions = [newest[(t.id, party.id)] for t in vocab.topics if (t.id, party.id) in newest]
    positions.sort(key=lambda p: (p.as_of is None, -(p.as_of.toordinal() if p.as_of else 0)))
    quotes = q.quotes_by_party(session, party_id=party.id, offset=query.offset, limit=PAGE_SIZE)
    total = q.count_quotes_by_party(session, party_id=party.id)
    return a.PartyAnswer(query, party=party, positions=positions, page=_page(quotes, total, query))


def _search(session: Session, query: Query) -> a.Answer:
    result = search(session, words=query.words or "", limit=PAGE_SIZE, offset=query.offset)
    return a.SearchAnswer(
        query,
        words=query.words or "",
        quotes=_page(result.quotes, result.quote_total, query),
        positions=result.positions,
        position_total=result.position_total,
    )


# ---- plain questions (issue 11): a window, a person on a topic, "latest"/"timeline" on a name ----


def narrows(query: Query) -> bool:
    """True when the reading asks for less than the plain topic, person or party answer shows."""
    named = bool(query.topic or query.party or query.person_id)
    return bool(
        (query.kind == "search" and query.person_id)
        or (query.since and query.kind in {"topic", "person", "party", "latest", "timeline"})
        or (query.kind == "person" and query.topic)
        or (query.kind in {"latest", "timeline"} and named)
    )


def _narrowed(session: Session, vocab: Vocabulary, query: Query) -> a.Answer:
    """The usual answer for the name asked about, its quotes narrowed to every filter the reading has.

    A timeline is answered as its topic (or party, or person) until the timeline answer exists.
    """
    topic = vocab.topic(query.topic) if query.topic else None
    party = vocab.party(query.party) if query.party else None
    person = vocab.person(query.person_id) if query.person_id else None
    since = since_date(query.since)
    if query.kind == "search" and person:
        return _search_by(session, query, person.name)
    filters: dict[str, Any] = {
        "topic_id": topic.id if topic else None,
        "party_id": party.id if party and not person else None,
        "person_id": person.id if person else None,
        "since": since,
    }
    rows = q.quotes_narrowed(session, **filters, offset=query.offset, limit=PAGE_SIZE)
    page = _page(rows, q.count_quotes_narrowed(session, **filters), query)
    if person:
        own = vocab.party(person.party_slug) if person.party_slug else None
        return a.PersonAnswer(query, person=person, party=own, page=page)
    if topic:
        base = _topic(session, vocab, query)
        assert isinstance(base, a.TopicAnswer)
        return replace(base, page=page)
    if party:
        by_party = _party(session, vocab, query)
        assert isinstance(by_party, a.PartyAnswer)
        return replace(by_party, page=page)
    positions = q.positions_since(session, since=since) if since else q.newest_positions(session)
    return a.LatestAnswer(query, quotes=rows, positions=positions)


SEARCH_BY_POOL = 200  # matches read to find one speaker's; his or hers beyond them are not shown


def _search_by(session: Session, query: Query, speaker: str) -> a.Answer:
    """ "Did Trudeau say X": the search for X, keeping the quotes that person said."""
    found = search(session, words=query.words or "", limit=SEARCH_BY_POOL)
    theirs = [row for row in found.quotes if row.speaker == speaker]
    shown = theirs[query.offset : query.offset + PAGE_SIZE]
    return a.SearchAnswer(
        query,
        words=query.words or "",
        quotes=_page(shown, len(theirs), query),
        positions=[],
        position_total=0,
    )


class Librarian:
    """Answers questions against one engine, keeping vocabulary and recent answers until the store changes.

    A repeated question at an unchanged revision is answered from memory (one revision read and a
    lookup); any write, from any process, bumps the revision and so retires every cached answer.
    ``cache_size=0`` turns the answer cache off (the benchmarks use it to time the queries themselves).
    """

    def __init__(
        self, engine: Engine, *, cache_size: int = DEFAULT_SIZE, taxonomy: Taxonomy | None = None
    ) -> None:
        self.engine = engine
        self.taxonomy = taxonomy  # for the reader's shorthand; the bundled taxonomy when None
        self._reader = _reader(engine)
        self._sqlite = engine.dialect.name == "sqlite"
        self._vocab: Vocabulary | None = None
        self._lock = threading.Lock()
        self._queries: RevisionCache[Query] = RevisionCache(cache_size)
        self._answers: RevisionCache[a.Answer] = RevisionCache(cache_size)
        self._views: RevisionCache[tuple[a.Answer, Any]] = RevisionCache(cache_size)

    def ask(self, text: str) -> a.Answer:
        """Answer what a user typed, e.g. ``ask("autos canada")``."""
        revision = self.revision()
        return self._answer(self._parse(text, revision), revision)

    def run(self, query: Query) -> a.Answer:
        """Answer an already-parsed query, e.g. one rebuilt from a button's value."""
        return self._answer(query, self.revision())

    def ask_rendered(self, text: str, render: Callable[[a.Answer], V]) -> tuple[a.Answer, V]:
        """The answer to ``text`` and ``render(answer)``, e.g. ``ask_rendered("autos", render_message)``.

        A repeat at an unchanged revision neither queries nor renders again, so the rendered value
        is shared by every caller until the store changes: treat it as read-only.
        """
        revision = self.revision()
        query = self._parse(text, revision)
        key = (query, render)
        found = self._views.get(key, revision)
        if found is None:
            answer = self._answer(query, revision)
            found = (answer, render(answer))
            self._views.put(key, revision, found)
        return found

    def vocabulary(self) -> Vocabulary:
        """The names the store knows now (for readers of follow-ups, which need the previous query too)."""
        return self._vocabulary(self.revision())

    def revision(self) -> int:
        """The store's data revision, read before anything is looked up (so cached work is never older).

        The read goes straight to a pooled DBAPI connection: through SQLAlchemy's Connection (events,
        result objects, and on SQLite BEGIN and ROLLBACK) the same indexed read costs 2.5x (Postgres)
        to 10x (SQLite) as much, most of what a cached answer costs. Postgres reads it in autocommit,
        so one read is one round trip.
        """
        try:
            return self._read_revision()
        except _Disconnected:
            # The server dropped this connection (restart, failover), so likely every pooled one:
            # start again with fresh connections, once. (``store.db`` pings only idle connections.)
            self._reader.dispose()
            return self._read_revision()

    def _read_revision(self) -> int:
        raw = self._reader.raw_connection()
        driver: Any = raw.driver_connection
        autocommit = not self._sqlite
        try:
            if autocommit:
                driver.autocommit = True
            cursor = raw.cursor()
            cursor.execute(_SQLITE_REVISION if self._sqlite else _POSTGRES_REVISION, (REVISION_KEY,))
            row = cursor.fetchone()
            cursor.close()
        except self._reader.dialect.loaded_dbapi.Error as error:
            if self._reader.dialect.is_disconnect(error, driver, None):
                raw.invalidate(error)
                raise _Disconnected from error
            raise
        finally:
            if autocommit and raw.is_valid:
                driver.autocommit = False
            raw.close()
        return int(row[0]) if row else 0

    def _parse(self, text: str, revision: int) -> Query:
        # Remembered too: an unknown word or a typo goes through fuzzy matching over every name.
        query = self._queries.get(text, revision)
        if query is None:
            query = parse(text, self._vocabulary(revision))
            self._queries.put(text, revision, query)
        return query

    def _vocabulary(self, revision: int) -> Vocabulary:
        vocab = self._vocab
        if vocab is None or vocab.revision < revision:
            with self._lock:
                if self._vocab is None or self._vocab.revision < revision:
                    with Session(self._reader) as session:
                        self._vocab = build_vocabulary(session, revision=revision, taxonomy=self.taxonomy)
                vocab = self._vocab
        return vocab

    def _answer(self, query: Query, revision: int) -> a.Answer:
        answer = self._answers.get(query, revision)
        if answer is None:
            vocab = self._vocabulary(revision)
            # Read after the revision, so the answer is at least as new as the key it is kept under.
            with Session(self._reader) as session:
                answer = answer_query(session, vocab, query)
            self._answers.put(query, revision, answer)
        return answer


class _Disconnected(Exception):
    """The database server dropped the connection a read was made on."""


def _reader(engine: Engine) -> Engine:
    """The engine questions are read through.

    On Postgres, outside an explicit transaction: under READ COMMITTED each statement sees the
    latest commit either way, and leaving out BEGIN and ROLLBACK saves two of the four round trips
    a cached answer costs. SQLite keeps its transaction, which gives a question one snapshot.
    """
    return (
        engine if engine.dialect.name == "sqlite" else engine.execution_options(isolation_level="AUTOCOMMIT")
    )
