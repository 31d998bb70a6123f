"""A counter that changes whenever the knowledge changes, so readers can cache answers safely.

Every writer (bootstrap, ingestion, editors) calls ``bump_revision`` inside its transaction; a
reader compares ``current_revision`` with the one its cache was built at. One indexed row read is
far cheaper than rebuilding an answer, and it is correct across processes sharing the database.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session

from store.models import StoreMeta

REVISION_KEY = "data_revision"


def current_revision(session: Session) -> int:
    row = session.get(StoreMeta, REVISION_KEY)
    return int(row.value) if row else 0


def bump_revision(session: Session) -> int:
    """Increase the revision by one within the caller's transaction and return the new value."""
    updated = session.execute(
        text("UPDATE storemeta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = :k"),
        {"k": REVISION_KEY},
    )
    if updated.rowcount == 0:  # type: ignore[attr-defined]
        session.add(StoreMeta(key=REVISION_KEY, value="1"))
        session.flush()
        return 1
    session.expire_all()
    return current_revision(session)
