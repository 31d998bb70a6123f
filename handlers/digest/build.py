"""Turn what arrived into a digest: sections per topic, in taxonomy order, each item shown once.

A quote touching several topics is shown under the first one the reader asked for (or the first in
the taxonomy), so a digest never repeats itself. Within a section, quotes are ranked as every answer
ranks them (``store.answers.ranking``: strength on the section's topic, speaker, directness, recency), the
same words reported twice count once, and off-negotiation, hidden and fragment quotes are left out.
Only the first few items of a section are loaded in full; the rest are counted, for "and N more".
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from store.answers.candidates import ids_slice, page
from store.answers.queries import QuoteRow
from store.digests.changes import Arrivals, Filter, filtered_quotes, filtered_rows
from store.digests.rows import (
    PositionChange,
    StatusMove,
    position_changes,
    status_moves,
    topic_ids,
    topic_order,
)

SHOW_PER_SECTION = 8
OTHER = "Other"


@dataclass(frozen=True)
class Section:
    slug: str | None
    name: str
    statuses: list[StatusMove]
    positions: list[PositionChange]
    position_total: int
    quotes: list[QuoteRow]
    quote_total: int


@dataclass(frozen=True)
class Digest:
    since: str  # "since Mon 2018-09-03 08:30 EDT", "in the last 7 days"
    only: Filter
    sections: list[Section]

    @property
    def quote_total(self) -> int:
        return sum(s.quote_total for s in self.sections)

    @property
    def position_total(self) -> int:
        return sum(s.position_total for s in self.sections)

    @property
    def status_total(self) -> int:
        return sum(len(s.statuses) for s in self.sections)

    def __bool__(self) -> bool:
        return bool(self.sections)


def build_digest(
    session: Session, *, arrivals: Arrivals, only: Filter, since: str, show: int = SHOW_PER_SECTION
) -> Digest:
    quotes = filtered_quotes(session, ids=arrivals.quote, only=only)
    position_ids = filtered_rows(session, kind="position", ids=arrivals.position, only=only)
    status_ids = filtered_rows(session, kind="status", ids=arrivals.status, only=only)
    order = topic_order(session)
    ids_by_slug = topic_ids(session)
    wanted = [slug for slug, _ in order if slug in only.topics] or [slug for slug, _ in order]

    quote_ids_by_topic: dict[str | None, list[int]] = {}
    for quote_id, slugs in quotes.items():
        home = next((s for s in wanted if s in slugs), None)
        quote_ids_by_topic.setdefault(home, []).append(quote_id)
    positions = position_changes(session, ids=position_ids)
    statuses = status_moves(session, ids=status_ids)

    sections = []
    for slug, name in [*order, (None, OTHER)]:
        ranked = ids_slice(
            session, ids=quote_ids_by_topic.get(slug, []), topic_id=ids_by_slug.get(slug) if slug else None
        )
        topic_positions = [p for p in positions if p.new.topic_slug == slug]
        topic_statuses = [s for s in statuses if s.topic_slug == slug]
        if not (ranked.groups or topic_positions or topic_statuses):
            continue
        sections.append(
            Section(
                slug=slug,
                name=name,
                statuses=topic_statuses,
                positions=topic_positions[:show],
                position_total=len(topic_positions),
                quotes=page(session, ranked, offset=0, limit=show),
                quote_total=len(ranked.groups),
            )
        )
    return Digest(since=since, only=only, sections=sections)
