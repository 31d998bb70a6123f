"""Storing articles and everything extracted from them: each article all-or-nothing.

Idempotent by URL and by content hash: the same article again adds nothing; an article whose URL is
known but whose text changed has its extracted rows replaced, except its quotes that are the same words
(same offset and text, or the same text moved): those rows are updated in place and keep their ids, and
quotes an editor verified or hid are left as they are. ``reextract=True`` does the same for an article
whose text did not change (after the rules changed). Each article is written inside its own
savepoint, so a failing article leaves no rows behind; with ``group`` > 1 several articles share one
commit (SQLite's full-text index pays a fixed price per commit), and a commit never waits longer
than ``group_seconds``. Lookups (parties, topics, people) are read once and kept in memory.

Several ingesters (and ``serve``) may write to one store at once. People another process added
since this one started are re-read under the write lock before an article's new speakers are
inserted, a unique-key race (Postgres, where there is no store-wide lock) rolls the article back to
its savepoint and retries it after re-reading, and a write lock that stays taken past SQLite's busy
timeout is waited for again rather than failing the article: every article ends up stored once.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Connection, Engine, RootTransaction, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from store.curation.reapply import reapply_corrections
from store.db import writer
from store.extract import ArticleExtraction
from store.extract.text import normalise_article
from store.ingest import rows as r
from store.ingest.bulk import CoreBulk, bulk_for
from store.ingest.sources import RawArticle
from store.models import utcnow
from store.revision import bump_data_revision

POSITIONAL = frozenset({"ordinal", "char_offset"})  # where a quote stands, not what anyone said of it
log = logging.getLogger(__name__)


class IngestOutcome(StrEnum):
    """What writing one article did."""

    ADDED = "added"
    UNCHANGED = "unchanged"
    UPDATED = "updated"


WRITE_ATTEMPTS = 4  # an article retried after a unique-key race with another writer
LOCK_ATTEMPTS = 10  # times SQLite's 30 s busy timeout is waited out before an article fails
_LOCKED = ("database is locked", "database is busy")


@dataclass(frozen=True)
class Outcome:
    status: IngestOutcome
    article_id: int | None
    quotes: int = 0
    new_people: int = 0
    statements: int = 0


class CommitFailedError(RuntimeError):
    """The shared commit of a group failed: none of ``names`` was stored."""

    def __init__(self, names: list[str], error: Exception) -> None:
        super().__init__(f"commit failed: {type(error).__name__}: {error}")
        self.names = names


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ArticleWriter:
    def __init__(
        self, engine: Engine, *, group: int = 1, group_seconds: float = 0.5, reextract: bool = False
    ) -> None:
        self.engine = engine
        self._writer = writer(engine)
        self.reextract = reextract
        self.group, self.group_seconds = max(1, group), group_seconds
        self._conn: Connection | None = None
        self._tx: RootTransaction | None = None
        self._bulk: CoreBulk | None = None
        self._article_people: list[str] = []
        self._opened = 0.0
        self._pending: list[str] = []  # names of articles written but not yet committed
        self._new_people: dict[str, tuple[int, int | None]] = {}  # met in the open transaction
        with engine.connect() as conn:
            self.parties = {slug: pid for pid, slug in conn.execute(select(r.PARTY.c.id, r.PARTY.c.slug))}
            self.topics = {slug: tid for tid, slug in conn.execute(select(r.TOPIC.c.id, r.TOPIC.c.slug))}
            self.people: dict[str, tuple[int, int | None]] = {}
            p = r.PERSON.c
            for pid, name, party_id in conn.execute(select(p.id, p.name, p.party_id)):
                self.people[name] = (pid, party_id)

    @property
    def pending(self) -> list[str]:
        """Articles written in the open transaction, not yet committed."""
        return list(self._pending)

    def is_stored(self, raw: RawArticle) -> bool:
        """Already stored with this very text (by hash): no need to extract it again."""
        digest = content_hash(normalise_article(raw.text))
        if self._conn is not None:
            return self._conn.execute(r.SAME_HASH, {"h": digest}).first() is not None
        with self.engine.connect() as conn:
            return conn.execute(r.SAME_HASH, {"h": digest}).first() is not None

    # ------------------------------------------------------------------ transactions

    def write(self, raw: RawArticle, result: ArticleExtraction) -> Outcome:
        """Store one article in its own savepoint; commits when the group is full or old enough.

        A unique-key race with another ingester (two processes meeting the same new speaker, or
        storing the same article) is retried after re-reading what the other one stored.
        """
        conn = self._open()
        assert self._bulk is not None
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            self._bulk.begin()
            try:
                outcome = self._write(conn, self._bulk, raw, result)
                self._bulk.commit()
                break
            except IntegrityError:
                self._bulk.rollback()
                self._forget_new_people()
                if attempt == WRITE_ATTEMPTS:
                    raise
                self._bulk.forget_ids()
                self._reload_people(conn, result)
            except BaseException:
                self._bulk.rollback()
                self._forget_new_people()
                if len(self._pending) == 0:
                    self.flush()  # nothing else waits on this transaction: release the write lock
                raise
        if outcome.status != IngestOutcome.UNCHANGED:
            self._pending.append(raw.name)
        if len(self._pending) >= self.group or time.monotonic() - self._opened >= self.group_seconds:
            self.flush()
        return outcome

    def flush(self) -> None:
        """Commit what is pending; on failure raise CommitFailedError naming the articles lost."""
        if self._conn is None or self._tx is None:
            return
        conn, tx, pending = self._conn, self._tx, self._pending
        self._conn, self._tx, self._pending, self._bulk = None, None, [], None
        try:
            if pending:
                bump_data_revision(conn)
            tx.commit()
        except Exception as error:
            self._new_people.clear()
            raise CommitFailedError(pending, error) from error
        finally:
            conn.close()
        self.people.update(self._new_people)
        self._new_people.clear()

    def close(self) -> None:
        self.flush()

    def _open(self) -> Connection:
        """The open write transaction, or a new one once the write lock is ours.

        Another writer may hold SQLite's lock past the busy timeout (a long ingest beside this one):
        that is waited out again, up to ``LOCK_ATTEMPTS`` times, instead of failing the article.
        """
        if self._conn is not None:
            return self._conn
        for attempt in range(1, LOCK_ATTEMPTS + 1):
            conn = self._writer.connect()
            try:
                tx = conn.begin()
            except OperationalError as error:
                conn.close()
                if attempt == LOCK_ATTEMPTS or not any(s in str(error).lower() for s in _LOCKED):
                    raise
                log.info("the store's write lock is taken by another writer; waiting for it")
                continue
            self._conn, self._tx, self._bulk = conn, tx, bulk_for(conn)
            self._opened = time.monotonic()
            return conn
        raise AssertionError("not reached")

    def _forget_new_people(self) -> None:
        """People inserted by the article just rolled back do not exist."""
        for name in self._article_people:
            self._new_people.pop(name, None)
        self._article_people = []

    # ------------------------------------------------------------------ one article

    def _write(self, conn: Connection, bulk: CoreBulk, raw: RawArticle, result: ArticleExtraction) -> Outcome:
        digest = content_hash(result.text)
        self._article_people = []
        found = bulk.lookup(digest, raw.url)
        same_text = next((row for row in found if row[1] == digest), None)
        if same_text and not self.reextract:
            return Outcome(IngestOutcome.UNCHANGED, same_text[0])
        existing = same_text or next((row for row in found if raw.url and row[2] == raw.url), None)
        values = {
            "title": (raw.title or result.title or "")[:500] or None,
            "title_is_editorial": raw.title_is_editorial,
            "outlet": raw.outlet,
            "url": raw.url,
            "published": raw.published,
            "body": result.text,
            "content_hash": digest,
            "source": "ingested",
            "in_scope": result.nafta,
        }
        matched: dict[int, tuple[int, bool]] = {}
        if existing:
            article_id = existing[0]
            matched = r.match_quotes(r.stored_quotes(conn, article_id), result.quotes)
            r.clear_extracted(
                conn,
                article_id,
                keep=[qid for qid, _ in matched.values()],
                keep_topics=[qid for qid, touched in matched.values() if touched],
            )
            bulk.forget_ids()
            if same_text:
                values = {k: v for k, v in values.items() if v is not None}  # keep what the store knows
            conn.execute(update(r.ARTICLE).where(r.ARTICLE.c.id == article_id).values(**values))
        else:
            article_id = bulk.insert_article({**values, "ingested_at": utcnow()})
        new_people = self._insert_people(bulk, result)
        quotes = self._insert_quotes(conn, bulk, article_id, raw, result, matched)
        if existing:
            reapply_corrections(conn, article_id)  # an editor's fixes outlive the rows they were made on
        positions = r.position_rows(result, article_id, raw.published, self.parties, self.topics)
        bulk.insert_many(r.POSITION, positions)
        bulk.insert_many(r.STATUS, r.status_rows(result, article_id, raw.published, self.topics))
        status = IngestOutcome.UPDATED if existing else IngestOutcome.ADDED
        return Outcome(status, article_id, quotes, new_people, len(positions))

    def _person(self, name: str) -> tuple[int, int | None] | None:
        return self.people.get(name) or self._new_people.get(name)

    def _insert_people(self, bulk: CoreBulk, result: ArticleExtraction) -> int:
        """One statement for every speaker of this article the store has not met yet.

        Names this process has not seen are first looked up in the store, under the write lock, so
        people another ingester added meanwhile are reused rather than inserted twice.
        """
        unseen = {q.speaker for q in result.quotes if q.speaker and not q.speaker_label} - set(self.people)
        unseen -= set(self._new_people)
        if unseen:
            self._reload_names(bulk.conn, sorted(unseen))
        rows: dict[str, r.Row] = {}
        for q in result.quotes:
            if q.speaker and not q.speaker_label and q.speaker not in rows and not self._person(q.speaker):
                rows[q.speaker] = r.person_row(q, self.parties.get(q.party or ""))
        ids = bulk.insert_with_ids(r.PERSON, list(rows.values()))
        for (name, row), person_id in zip(rows.items(), ids, strict=True):
            self._new_people[name] = (person_id, row["party_id"])
            self._article_people.append(name)
        return len(rows)

    def _insert_quotes(
        self,
        conn: Connection,
        bulk: CoreBulk,
        article_id: int,
        raw: RawArticle,
        result: ArticleExtraction,
        matched: dict[int, tuple[int, bool]],
    ) -> int:
        """Insert the new quotes in one statement; update the ones matched to a stored quote in place."""
        rows, fresh = [], []
        now = utcnow()
        for ordinal, q in enumerate(result.quotes):
            speaker_id, party_id = None, self.parties.get(q.party or "")
            if q.speaker and not q.speaker_label:
                found = self._person(q.speaker)
                assert found is not None
                speaker_id, party_id = found[0], party_id or found[1]
            row = r.quote_row(q, ordinal, article_id, speaker_id, party_id, raw.published, now)
            rows.append(row)
            if ordinal not in matched:
                fresh.append(row)
        new_ids = iter(bulk.insert_with_ids(r.QUOTE, fresh))
        links = []
        for ordinal, (q, row) in enumerate(zip(result.quotes, rows, strict=True)):
            if ordinal in matched:
                qid, touched = matched[ordinal]
                # An editor's quote keeps what they set; only where it stands in the new text moves.
                kept = POSITIONAL if touched else row.keys() - {"created_at", "verified"}
                changes = {k: v for k, v in row.items() if k in kept}
                conn.execute(update(r.QUOTE).where(r.QUOTE.c.id == qid).values(**changes))
                if touched:
                    continue
            else:
                qid = next(new_ids)
            links += r.topic_rows(q, qid, self.topics, raw.published, row["party_id"])
        bulk.insert_many(r.QUOTE_TOPIC, links)
        return len(rows)

    def _reload_people(self, conn: Connection, result: ArticleExtraction) -> None:
        self._reload_names(conn, [q.speaker for q in result.quotes if q.speaker and not q.speaker_label])

    def _reload_names(self, conn: Connection, wanted: list[str]) -> None:
        p = r.PERSON.c
        for pid, name, party_id in conn.execute(select(p.id, p.name, p.party_id).where(p.name.in_(wanted))):
            self.people[name] = (pid, party_id)
