"""Correcting, verifying and hiding quotes, and keeping those fixes through re-extraction.

A fix is written twice in one transaction: onto the quote row (what answers read) and into a
``QuoteCorrection`` keyed to the article and the quote's span (offset + exact words). When an
article is re-extracted its quote rows are replaced; ``store.curation.reapply`` then finds each fix's
span among the new rows and applies it again, so no human correction is ever undone by a machine.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col
from sqlmodel import select as sm_select

from store.curation import audit
from store.curation.audit import AuditAction
from store.extract.text import one_line
from store.models import Party, Person, Quote, QuoteCorrection, QuoteTopic, Topic, utcnow
from store.revision import bump_data_revision

NAME_CHARS = 200
ROLE_CHARS = 300
REASON_CHARS = 300
# The quote fields a correction may carry, copied to the quote row as they are.
ROW_FIELDS = ("speaker_id", "speaker_label", "party_id", "direct", "in_scope", "verified", "hidden")
NTH = "nth"  # in a correction's fields: which occurrence of the words it was made on (0 = first)


class CurationError(ValueError):
    """The edit cannot be made (unknown quote, party, topic or person); the message says why."""


@dataclass(frozen=True)
class QuoteEdit:
    """What the Correct… form sets. ``new_speaker`` (with ``new_role``) wins over ``speaker_id``."""

    speaker_id: int | None
    new_speaker: str | None
    new_role: str | None
    party: str | None  # party slug, or None for no party
    topics: tuple[str, ...]
    direct: bool
    in_scope: bool


@dataclass(frozen=True)
class QuoteState:
    """A quote as the Correct… form shows it."""

    id: int
    text: str
    speaker_id: int | None
    speaker: str | None
    speaker_role: str | None
    party: str | None
    topics: tuple[str, ...]
    direct: bool
    in_scope: bool
    verified: bool
    hidden: bool


def quote_state(session: Session, *, quote_id: int) -> QuoteState | None:
    quote = session.get(Quote, quote_id)
    if quote is None or quote.id is None:
        return None
    person = session.get(Person, quote.speaker_id) if quote.speaker_id else None
    party = session.get(Party, quote.party_id) if quote.party_id else None
    return QuoteState(
        id=quote.id,
        text=quote.text,
        speaker_id=quote.speaker_id,
        speaker=person.name if person else quote.speaker_label,
        speaker_role=person.role if person else None,
        party=party.slug if party else None,
        topics=_topic_slugs(session, quote.id),
        direct=quote.direct,
        in_scope=quote.in_scope,
        verified=quote.verified,
        hidden=quote.hidden,
    )


def snapshot(state: QuoteState | None) -> dict[str, Any] | None:
    """The audit log's picture of a quote (its words clipped: the log is for who-changed-what)."""
    if state is None:
        return None
    return {
        "text": state.text[:200],
        "speaker": state.speaker,
        "speaker_id": state.speaker_id,
        "party": state.party,
        "topics": list(state.topics),
        "direct": state.direct,
        "in_scope": state.in_scope,
        "verified": state.verified,
        "hidden": state.hidden,
    }


def correct_quote(session: Session, *, quote_id: int, edit: QuoteEdit, actor: str) -> QuoteState:
    """Apply ``edit``, mark the quote verified, remember the fix by span, audit it; no commit."""
    quote = _quote(session, quote_id)
    before = quote_state(session, quote_id=quote_id)
    party_id = _party_id(session, edit.party)
    fields: dict[str, Any] = {
        "party_id": party_id,
        "direct": edit.direct,
        "in_scope": edit.in_scope,
        "verified": True,
        "topics": list(dict.fromkeys(edit.topics)),
    }
    if edit.new_speaker:
        fields["speaker_id"], fields["speaker_label"] = _person_id(session, edit, party_id), None
    elif edit.speaker_id is not None:
        if session.get(Person, edit.speaker_id) is None:
            raise CurationError("That speaker is no longer in the store; search again.")
        fields["speaker_id"], fields["speaker_label"] = edit.speaker_id, None
    _topic_ids(session, fields["topics"])  # refuse unknown topics before writing anything
    _apply(session, quote, fields)
    _remember(session, quote, fields, actor)
    after = quote_state(session, quote_id=quote_id)
    audit.record(
        session,
        actor=actor,
        action=AuditAction.QUOTE_CORRECT,
        target=f"quote:{quote_id}",
        before=snapshot(before),
        after=snapshot(after),
    )
    bump_data_revision(session)
    assert after is not None
    return after


def verify_quote(session: Session, *, quote_id: int, actor: str) -> QuoteState:
    return _flag(session, quote_id, {"verified": True}, actor, AuditAction.QUOTE_VERIFY, None)


def hide_quote(session: Session, *, quote_id: int, reason: str, actor: str) -> QuoteState:
    reason = one_line(reason)[:REASON_CHARS]
    if not reason:
        raise CurationError("Say why the quote is hidden, so the desk knows later.")
    return _flag(
        session, quote_id, {"hidden": True, "hidden_reason": reason}, actor, AuditAction.QUOTE_HIDE, reason
    )


def unhide_quote(session: Session, *, quote_id: int, actor: str) -> QuoteState:
    return _flag(
        session, quote_id, {"hidden": False, "hidden_reason": None}, actor, AuditAction.QUOTE_UNHIDE, None
    )


def is_hidden(session: Session, *, quote_id: int) -> bool:
    quote = session.get(Quote, quote_id)
    return quote is not None and quote.hidden


def search_people(session: Session, *, text: str, limit: int = 20) -> list[tuple[int, str, str | None]]:
    """People whose name contains ``text`` (case-insensitive), known speakers first: (id, name, role)."""
    words = one_line(text)[:NAME_CHARS]
    statement = sm_select(Person.id, Person.name, Person.role).order_by(
        col(Person.source) != "taxonomy", col(Person.name)
    )
    if words:
        statement = statement.where(col(Person.name).ilike(f"%{_like_escape(words)}%", escape="\\"))
    return [(pid, name, role) for pid, name, role in session.exec(statement.limit(limit)) if pid is not None]


# ---------------------------------------------------------------------- helpers


def _quote(session: Session, quote_id: int) -> Quote:
    quote = session.get(Quote, quote_id)
    if quote is None:
        raise CurationError("That quote is no longer in the store (the article was re-read); ask again.")
    return quote


def _flag(
    session: Session, quote_id: int, fields: dict[str, Any], actor: str, action: AuditAction, note: str | None
) -> QuoteState:
    quote = _quote(session, quote_id)
    before = quote_state(session, quote_id=quote_id)
    _apply(session, quote, {k: v for k, v in fields.items() if k in ROW_FIELDS})
    _remember(session, quote, fields, actor)
    after = quote_state(session, quote_id=quote_id)
    audit.record(
        session,
        actor=actor,
        action=action,
        target=f"quote:{quote_id}",
        before=snapshot(before),
        after=snapshot(after),
        note=note,
    )
    bump_data_revision(session)
    assert after is not None
    return after


def _apply(session: Session, quote: Quote, fields: dict[str, Any]) -> None:
    for key in ROW_FIELDS:
        if key in fields:
            setattr(quote, key, fields[key])
    session.add(quote)
    session.flush()
    assert quote.id is not None
    links = list(session.exec(sm_select(QuoteTopic).where(QuoteTopic.quote_id == quote.id)))
    if "topics" in fields:
        for link in links:
            session.delete(link)
        session.flush()
        for topic_id in _topic_ids(session, fields["topics"]):
            session.add(
                QuoteTopic(
                    quote_id=quote.id,
                    topic_id=topic_id,
                    reported_on=quote.reported_on,
                    party_id=quote.party_id,
                    in_scope=quote.in_scope,
                )
            )
    else:
        for link in links:
            link.party_id, link.in_scope = quote.party_id, quote.in_scope
            session.add(link)
    session.flush()


def _remember(session: Session, quote: Quote, fields: dict[str, Any], actor: str) -> None:
    """Merge ``fields`` into the correction for this quote's span (one row per span)."""
    found = session.exec(
        sm_select(QuoteCorrection).where(
            QuoteCorrection.article_id == quote.article_id,
            col(QuoteCorrection.char_offset).is_(None)
            if quote.char_offset is None
            else QuoteCorrection.char_offset == quote.char_offset,
            QuoteCorrection.text == quote.text,
        )
    ).first()
    if found is None:
        found = QuoteCorrection(
            article_id=quote.article_id, char_offset=quote.char_offset, text=quote.text, updated_by=actor
        )
    found.fields = {**found.fields, **fields, NTH: _occurrence(session, quote)}
    found.updated_by, found.updated_at = actor[:32], utcnow()
    session.add(found)
    session.flush()


def _occurrence(session: Session, quote: Quote) -> int:
    """Which occurrence of its words in the article this quote is: 0 for the first, 1 for the second…"""
    same = session.exec(
        sm_select(Quote.id, Quote.char_offset).where(
            Quote.article_id == quote.article_id, Quote.text == quote.text
        )
    ).all()
    ranked = sorted(same, key=lambda r: (r[1] or 0, r[0]))
    return next((n for n, (quote_id, _) in enumerate(ranked) if quote_id == quote.id), 0)


def _party_id(session: Session, slug: str | None) -> int | None:
    if not slug:
        return None
    found = session.exec(sm_select(Party.id).where(Party.slug == slug)).first()
    if found is None:
        raise CurationError(f"There is no party called {slug!r}.")
    return found


def _topic_ids(session: Session, slugs: Iterable[str]) -> list[int]:
    wanted = list(slugs)
    found = dict(session.exec(sm_select(Topic.slug, Topic.id).where(col(Topic.slug).in_(wanted))).all())
    missing = [s for s in wanted if s not in found]
    if missing:
        raise CurationError(f"There is no topic called {missing[0]!r}.")
    return [topic_id for s in wanted if (topic_id := found[s]) is not None]


def _topic_slugs(session: Session, quote_id: int) -> tuple[str, ...]:
    rows = session.exec(
        sm_select(Topic.slug)
        .join(QuoteTopic, col(QuoteTopic.topic_id) == Topic.id)
        .where(QuoteTopic.quote_id == quote_id)
        .order_by(col(Topic.sort_order))
    )
    return tuple(rows)


def _person_id(session: Session, edit: QuoteEdit, party_id: int | None) -> int:
    name = one_line(edit.new_speaker or "")[:NAME_CHARS]
    found = session.exec(sm_select(Person).where(Person.name == name)).first()
    if found is None:
        found = Person(name=name, role=(edit.new_role or None), party_id=party_id, source="editor")
    elif edit.new_role and not found.role:
        found.role = edit.new_role[:ROLE_CHARS]
    session.add(found)
    session.flush()
    assert found.id is not None
    return found.id


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
