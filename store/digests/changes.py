"""What arrived in the store since a digest last looked: new quotes, position changes, status moves.

"Since" is a watermark of row ids, not a time, because ids only grow and every process sees the
same ones. One subtlety on Postgres: ids are handed out when a row is inserted but become visible
when its transaction commits, so a slow ingester can commit id 10 after id 11 has already been
digested. The watermark therefore also remembers the ids below its high mark that were missing
when it was taken (``pending``) and looks for them again next time, for ``GAP_GRACE``; ids
abandoned by a rolled-back transaction simply expire. Quotes written while a digest is being
built land above the high mark read, so they go into the next digest, never into neither.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from store.answers.queries import shown_position, visible
from store.models import Party, Position, Quote, QuoteTopic, Topic, TopicStatus

GAP_GRACE = timedelta(minutes=30)
MAX_PENDING = 1000  # a huge jump in a sequence (e.g. after a crash) is not worth tracking id by id
_CHUNK = 500
KINDS: dict[str, Any] = {"quote": Quote, "position": Position, "status": TopicStatus}
_ARRIVED = {"quote": Quote.created_at, "position": Position.recorded_at, "status": TopicStatus.recorded_at}


@dataclass(frozen=True)
class Watermark:
    """Per kind: the highest id digested, and ids below it not yet visible (id -> when first missed)."""

    last: dict[str, int] = field(default_factory=dict)
    pending: dict[str, dict[int, float]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "last": dict(self.last),
            "pending": {k: [[i, t] for i, t in sorted(v.items())] for k, v in self.pending.items() if v},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Watermark:
        data = data or {}
        pending = {k: {int(i): float(t) for i, t in v} for k, v in (data.get("pending") or {}).items()}
        return cls(last={k: int(v) for k, v in (data.get("last") or {}).items()}, pending=pending)


@dataclass(frozen=True)
class Arrivals:
    """Row ids that arrived, per kind, in id order."""

    quote: list[int]
    position: list[int]
    status: list[int]

    def __bool__(self) -> bool:
        return bool(self.quote or self.position or self.status)


def current_watermark(session: Session) -> Watermark:
    """Everything already in the store counts as read: where a new subscription starts."""
    last = {kind: session.exec(select(func.max(model.id))).one() or 0 for kind, model in KINDS.items()}
    return Watermark(last=last)


def arrivals_since_mark(session: Session, *, mark: Watermark, now: datetime) -> tuple[Arrivals, Watermark]:
    """Ids that became visible since ``mark``, and the watermark to store once they are digested."""
    found: dict[str, list[int]] = {}
    last: dict[str, int] = {}
    pending: dict[str, dict[int, float]] = {}
    stamp = now.timestamp()
    for kind, model in KINDS.items():
        floor = mark.last.get(kind, 0)
        waiting = mark.pending.get(kind, {})
        fresh = list(session.exec(select(model.id).where(col(model.id) > floor).order_by(col(model.id))))
        late = _existing(session, model, waiting)
        top = fresh[-1] if fresh else floor
        gaps = _gaps(floor, top, fresh)
        still = {i: t for i, t in waiting.items() if i not in late and stamp - t < GAP_GRACE.total_seconds()}
        still.update({i: stamp for i in gaps[-MAX_PENDING:]})
        found[kind] = sorted(late) + fresh
        last[kind] = top
        pending[kind] = dict(sorted(still.items())[-MAX_PENDING:])
    return Arrivals(**found), Watermark(last=last, pending=pending)


def _gaps(floor: int, top: int, fresh: list[int]) -> list[int]:
    """Ids between the old and new high marks that were not visible (in flight, or rolled back)."""
    if top - floor <= len(fresh):
        return []
    low = max(floor + 1, top - 10 * MAX_PENDING)
    return sorted(set(range(low, top)) - set(fresh))


def arrivals_since_time(session: Session, *, since: datetime) -> Arrivals:
    """Ids stored at or after ``since`` (for an on-demand digest, ``nafta-bot digest --since 7d``)."""
    found = {}
    for kind, model in KINDS.items():
        statement = select(model.id).where(_ARRIVED[kind] >= since).order_by(col(model.id))
        found[kind] = list(session.exec(statement))
    return Arrivals(**found)


def _existing(session: Session, model: Any, ids: Iterable[int]) -> set[int]:
    present: set[int] = set()
    for chunk in _chunks(sorted(ids)):
        present.update(session.exec(select(model.id).where(col(model.id).in_(chunk))))
    return present


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


# ---------------------------------------------------------------- filtering and grouping


@dataclass(frozen=True)
class Filter:
    """Topic and party slugs a digest is limited to; empty means no limit on that axis."""

    topics: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()


def filtered_quotes(session: Session, *, ids: list[int], only: Filter) -> dict[int, list[str]]:
    """The quotes among ``ids`` that pass ``only``, each with its topic slugs in taxonomy order.

    Only quotes an answer would show: about the negotiation, not hidden, not a bare fragment.
    """
    party_ids = _ids_for(session, Party, only.parties)
    kept: dict[int, list[str]] = {}
    for chunk in _chunks(ids):
        statement = select(Quote.id).where(col(Quote.id).in_(chunk), *visible())
        if party_ids is not None:
            statement = statement.where(col(Quote.party_id).in_(party_ids))
        kept.update({i: [] for i in session.exec(statement) if i is not None})
    for chunk in _chunks(sorted(kept)):
        rows = session.exec(
            select(QuoteTopic.quote_id, Topic.slug)
            .join(Topic, col(Topic.id) == QuoteTopic.topic_id)
            .where(col(QuoteTopic.quote_id).in_(chunk))
            .order_by(col(Topic.sort_order))
        )
        for quote_id, slug in rows:
            kept[quote_id].append(slug)
    if only.topics:
        kept = {i: slugs for i, slugs in kept.items() if set(slugs) & set(only.topics)}
    return kept


def filtered_rows(session: Session, *, kind: str, ids: list[int], only: Filter) -> list[int]:
    """Positions or statuses (``kind``) among ``ids`` that pass ``only`` (statuses belong to no party).

    Positions are those an answer would show (``shown_position``): none the extractor barely read.
    """
    model = KINDS[kind]
    topic_ids = _ids_for(session, Topic, only.topics)
    party_ids = _ids_for(session, Party, only.parties) if model is Position else None
    kept: list[int] = []
    for chunk in _chunks(ids):
        statement = select(model.id).where(col(model.id).in_(chunk), col(model.retracted).is_(False))
        if topic_ids is not None:
            statement = statement.where(col(model.topic_id).in_(topic_ids))
        if party_ids is not None:
            statement = statement.where(col(model.party_id).in_(party_ids))
        if model is Position:
            statement = statement.where(shown_position())
        kept.extend(session.exec(statement.order_by(col(model.id))))
    return kept


def _ids_for(session: Session, model: Any, slugs: tuple[str, ...]) -> list[int] | None:
    if not slugs:
        return None
    return list(session.exec(select(model.id).where(col(model.slug).in_(slugs))))
