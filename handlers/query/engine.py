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
from handlers.query.intent import Intent
from handlers.query.parse import Query, parse
from handlers.query.vocabulary import Vocabulary, build_vocabulary
from handlers.query.when import since_date
from store.answers import candidates as c
from store.answers import queries as q
from store.answers.search import search
from store.answers.standing import one_line_per_sentence, positions_that_hold, timeline
from store.revision import DisconnectedError, read_data_revision
from store.taxonomy import Taxonomy

PAGE_SIZE = 5
V = TypeVar("V")
COUNTRY_ORDER = ("us", "canada", "mexico")

SUBSCRIPTION_ELSEWHERE = (
    "Digest subscriptions are made in a Slack channel: `/nafta subscribe daily 08:00 autos`. "
    "From the command line, `nafta-bot digest --channel C --dry-run` previews one."
)


def answer_query(session: Session, vocab: Vocabulary, query: Query) -> a.Answer:
    if narrows(query):
        return _narrowed(session, vocab, query)
    answer = _about_a_name(session, vocab, query) or _not_about_a_name(session, vocab, query)
    return answer or a.ProblemAnswer(query, message="That topic, party or person is no longer tracked.")


def _about_a_name(session: Session, vocab: Vocabulary, query: Query) -> a.Answer | None:
    """A topic, timeline, person or party the vocabulary still knows; None for anything else."""
    match query.kind:
        case Intent.TOPIC if query.topic and vocab.topic(query.topic):
            return _topic(session, vocab, query)
        case Intent.TIMELINE if query.topic and vocab.topic(query.topic):
            return _timeline(session, vocab, query)
        case Intent.PERSON if query.person_id and vocab.person(query.person_id):
            return _person(session, vocab, query)
        case Intent.PARTY if query.party and vocab.party(query.party):
            return _party(session, vocab, query)
    return None


def _not_about_a_name(session: Session, vocab: Vocabulary, query: Query) -> a.Answer | None:
    match query.kind:
        case Intent.HELP:
            return a.HelpAnswer(query, topics=vocab.topics)
        case Intent.TOPICS:
            return a.TopicsAnswer(query, topics=q.topics_overview(session))
        case Intent.LATEST:
            return a.LatestAnswer(
                query,
                quotes=c.page(session, c.latest_slice(session), offset=0, limit=PAGE_SIZE),
                positions=_distinct(q.newest_positions(session, limit=2 * PAGE_SIZE))[:PAGE_SIZE],
            )
        case Intent.SEARCH:
            return _search(session, query)
        case Intent.SUBSCRIPTION:
            return a.ProblemAnswer(query, message=SUBSCRIPTION_ELSEWHERE)
        case Intent.UNKNOWN if query.problem:
            return a.ProblemAnswer(query, message=query.problem)
        case Intent.UNKNOWN:
            return a.NotFoundAnswer(query, suggestions=list(query.suggestions))
        case Intent.INVALID:
            return a.ProblemAnswer(query, message=query.problem or "I couldn't read that.")
    return None


def _page(
    session: Session,
    found: c.Slice,
    query: Query,
    *,
    count: Callable[[], int],
    by_date: Callable[[int, int], list[q.QuoteRow]],
) -> a.QuotePage:
    """A page of ranked lines; past the ranked slice, pages go on by date (``store.answers.candidates``)."""
    total = c.line_total(found, count() if found.bounded else 0)
    if query.offset < len(found.groups) or not found.bounded:
        rows = c.page(session, found, offset=query.offset, limit=PAGE_SIZE)
    else:
        rows = by_date(c.CANDIDATES + query.offset - len(found.groups), PAGE_SIZE)
    return a.QuotePage(quotes=rows, total=total, offset=query.offset, page_size=PAGE_SIZE)


def _speaker_page(
    session: Session,
    found: c.Slice,
    query: Query,
    *,
    person_id: int | None = None,
    party_id: int | None = None,
) -> a.QuotePage:
    """A page of one person's quotes or one party's: past the ranked slice, theirs by date."""
    return _page(
        session,
        found,
        query,
        count=lambda: q.count_quotes_by(session, person_id=person_id, party_id=party_id),
        by_date=lambda o, n: q.quotes_by(session, person_id=person_id, party_id=party_id, offset=o, limit=n),
    )


def _distinct(positions: list[q.PositionRow]) -> list[q.PositionRow]:
    """No sentence twice: not as two parties' positions, not as the same party's twice."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for row in one_line_per_sentence(positions):
        key = (row.party_slug, " ".join(row.summary.casefold().split()))
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept


def _topic(session: Session, vocab: Vocabulary, query: Query) -> a.Answer:
    topic = vocab.topic(query.topic or "")
    assert topic is not None
    party = vocab.party(query.party) if query.party else None
    # Every party's position that holds, in two statements: it also tells which parties have one.
    held = positions_that_hold(session, topic_ids=[topic.id], party_ids=[p.id for p in vocab.parties])
    with_positions = {party_id for _, party_id in held}
    ordered = _party_order(vocab, with_positions)
    shown = [party.id] if party else ordered
    party_id = party.id if party else None
    page = _page(
        session,
        c.topic_slice(session, topic_id=topic.id, party_id=party_id),
        query,
        count=lambda: q.count_quotes_on_topic(session, topic_id=topic.id, party_id=party_id),
        by_date=lambda o, n: q.quotes_on_topic(
            session, topic_id=topic.id, party_id=party_id, offset=o, limit=n
        ),
    )
    choices = [p for p in vocab.parties if p.id in with_positions or p.slug in COUNTRY_ORDER]
    return a.TopicAnswer(
        query,
        topic=topic,
        party=party,
        status=q.latest_status(session, topic_id=topic.id),
        positions=_distinct([held[(topic.id, p)] for p in shown if (topic.id, p) in held]),
        page=page,
        parties=choices,
    )


def _timeline(session: Session, vocab: Vocabulary, query: Query) -> a.Answer:
    topic = vocab.topic(query.topic or "")
    assert topic is not None
    party = vocab.party(query.party) if query.party else None
    events = timeline(session, topic_id=topic.id, party_id=party.id if party else None)
    return a.TimelineAnswer(query, topic=topic, party=party, events=events)


def _party_order(vocab: Vocabulary, with_positions: set[int]) -> list[int]:
    """The three governments first, in the usual order, then stakeholders that have a position."""
    rank = {slug: i for i, slug in enumerate(COUNTRY_ORDER)}
    chosen = [p for p in vocab.parties if p.slug in rank or p.id in with_positions]
    chosen.sort(key=lambda p: (rank.get(p.slug, len(rank)), p.name))
    return [p.id for p in chosen]


def _person(session: Session, vocab: Vocabulary, query: Query) -> a.Answer:
    person = vocab.person(query.person_id or 0)
    assert person is not None
    page = _speaker_page(session, c.person_slice(session, person_id=person.id), query, person_id=person.id)
    party = vocab.party(person.party_slug) if person.party_slug else None
    return a.PersonAnswer(query, person=person, party=party, page=page)


def _party(session: Session, vocab: Vocabulary, query: Query) -> a.Answer:
    party = vocab.party(query.party or "")
    assert party is not None
    held = positions_that_hold(session, topic_ids=[t.id for t in vocab.topics], party_ids=[party.id])
    positions = [held[(t.id, party.id)] for t in vocab.topics if (t.id, party.id) in held]
    positions.sort(key=lambda p: (p.as_of is None, -(p.as_of.toordinal() if p.as_of else 0)))
    page = _speaker_page(session, c.party_slice(session, party_id=party.id), query, party_id=party.id)
    return a.PartyAnswer(query, party=party, positions=positions, page=page)


def _search(session: Session, query: Query) -> a.Answer:
    result = search(session, words=query.words or "", limit=PAGE_SIZE, offset=query.offset)
    return a.SearchAnswer(
        query,
        words=query.words or "",
        quotes=a.QuotePage(result.quotes, result.quote_total, query.offset, PAGE_SIZE),
        positions=result.positions,
        position_total=result.position_total,
    )


# ---- plain questions (issue 11): a window, a person on a topic, "latest"/"timeline" on a name ----


def narrows(query: Query) -> bool:
    """True when the reading asks for less than the plain topic, person or party answer shows."""
    named = bool(query.topic or query.party or query.person_id)
    return bool(
        (query.kind == Intent.SEARCH and query.person_id)
        or (query.since and query.kind in {Intent.TOPIC, Intent.PERSON, Intent.PARTY, Intent.LATEST})
        or (query.kind == Intent.PERSON and query.topic)
        or (query.kind == Intent.LATEST and named)
        or (query.kind == Intent.TIMELINE and named and not (query.topic and not query.person_id))
    )


def _narrowed(session: Session, vocab: Vocabulary, query: Query) -> a.Answer:
    """The usual answer for the name asked about, its quotes narrowed to every filter the reading has.

    A timeline of a person or of a party alone is answered as that person's or party's quotes; a
    topic's timeline (with or without a party) has its own answer.
    """
    topic = vocab.topic(query.topic) if query.topic else None
    party = vocab.party(query.party) if query.party else None
    person = vocab.person(query.person_id) if query.person_id else None
    since = since_date(query.since)
    if query.kind == Intent.SEARCH and person:
        return _search_by(session, query, person.name)
    filters: dict[str, Any] = {
        "topic_id": topic.id if topic else None,
        "party_id": party.id if party and not person else None,
        "person_id": person.id if person else None,
        "since": since,
    }
    rows = q.quotes_narrowed(session, **filters, offset=query.offset, limit=PAGE_SIZE)
    page = _listed(rows, q.count_quotes_narrowed(session, **filters), query)
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


def _listed(rows: list[q.QuoteRow], total: int, query: Query) -> a.QuotePage:
    """A page of lines already chosen and ordered by the query that found them."""
    return a.QuotePage(quotes=rows, total=total, offset=query.offset, page_size=PAGE_SIZE)


SEARCH_BY_POOL = 200  # matches read to find one speaker's; his or hers beyond them are not shown


def _search_by(session: Session, query: Query, speaker: str) -> a.Answer:
    """ "Did Trudeau say X": the search for X, keeping the quotes that person said."""
    found = search(session, words=query.words or "", limit=SEARCH_BY_POOL)
    theirs = [row for row in found.quotes if row.speaker == speaker]
    shown = theirs[query.offset : query.offset + PAGE_SIZE]
    return a.SearchAnswer(
        query,
        words=query.words or "",
        quotes=_listed(shown, len(theirs), query),
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
        """The store's data revision, read before anything is looked up (so cached work is never older)."""
        try:
            return read_data_revision(self._reader)
        except DisconnectedError:
            # The server dropped this connection (restart, failover), so likely every pooled one:
            # start again with fresh connections, once. (``store.db`` pings only idle connections.)
            self._reader.dispose()
            return read_data_revision(self._reader)

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


def _reader(engine: Engine) -> Engine:
    """The engine questions are read through.

    On Postgres, outside an explicit transaction: under READ COMMITTED each statement sees the
    latest commit either way, and leaving out BEGIN and ROLLBACK saves two of the four round trips
    a cached answer costs. SQLite keeps its transaction, which gives a question one snapshot.
    """
    return (
        engine if engine.dialect.name == "sqlite" else engine.execution_options(isolation_level="AUTOCOMMIT")
    )
