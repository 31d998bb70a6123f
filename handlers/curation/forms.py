"""The editor's forms: Correct a quote, Hide a quote, Record a position, Set a chapter status.

Builders are pure (values in, a modal view out); readers turn a submitted view's state into the value
the store takes, or a dict of block_id -> message for ``response_action: errors``. Every value is
checked and capped here, whatever the client claims to have enforced: a hand-made payload is held
to the same rules as the form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit

from handlers.curation import blocks as b
from handlers.render import blockkit as bk
from handlers.typed import typed_text
from store.curation.positions import STANCES, STATUSES, PositionForm, Source, StatusForm
from store.curation.quotes import NAME_CHARS, REASON_CHARS, ROLE_CHARS, QuoteEdit, QuoteState

CORRECT_QUOTE = "correct_quote"
HIDE_QUOTE = "hide_quote"
RECORD_POSITION = "record_position"
SET_STATUS = "set_status"
SPEAKER_SEARCH = "speaker"  # the external select's action_id, answered by the options listener
NO_PARTY = "-"
PERSON_PREFIX = "person:"
SUMMARY_CHARS = 1000
URL_CHARS = 2000
OUTLET_CHARS = 200
MAX_TOPICS = 20
EXCERPT_CHARS = 600
_LETTER = re.compile(r"[^\W\d_]")

Choices = list[tuple[str, str]]  # (label, value)
Errors = dict[str, str]


@dataclass(frozen=True)
class Choicebook:
    """What the selects offer: parties and topics as (name, slug), in the taxonomy's order."""

    parties: Choices
    topics: Choices


# ---------------------------------------------------------------------- quotes


def correct_view(state: QuoteState, book: Choicebook, metadata: dict[str, Any]) -> dict[str, Any]:
    speaker = (f"{state.speaker}", f"{PERSON_PREFIX}{state.speaker_id}") if state.speaker_id else None
    current = f"Now attributed to {state.speaker}." if state.speaker else "Now unattributed."
    blocks = [
        _excerpt(state.text),
        b.input_block(
            "speaker",
            "Speaker",
            b.external_select(SPEAKER_SEARCH, initial=speaker, placeholder="Search people"),
            optional=True,
            hint=current + " Leave empty to keep the speaker, or type a new name below.",
        ),
        b.input_block(
            "new_speaker",
            "Or a new speaker's name",
            b.text_input("name", max_length=NAME_CHARS),
            optional=True,
        ),
        b.input_block(
            "new_role", "The new speaker's role", b.text_input("role", max_length=ROLE_CHARS), optional=True
        ),
        _select_block("party", "Party", [("No party", NO_PARTY), *book.parties], state.party or NO_PARTY),
        b.input_block(
            "topics", "Topics", b.multi_select("topics", book.topics, initial=state.topics), optional=True
        ),
        b.input_block(
            "direct",
            "Quotation",
            b.radio(
                "direct",
                [("Direct (the speaker's exact words)", "direct"), ("Partial or paraphrase", "partial")],
                initial="direct" if state.direct else "partial",
            ),
        ),
        b.input_block(
            "scope",
            "Scope",
            b.checkbox("scope", "About the NAFTA negotiation", "in_scope", checked=state.in_scope),
            optional=True,
        ),
    ]
    return b.modal(CORRECT_QUOTE, "Correct a quote", blocks, metadata=metadata)


def read_correction(values: dict[str, Any], book: Choicebook) -> tuple[QuoteEdit | None, Errors]:
    errors: Errors = {}
    chosen = str(b.value_of(values, "speaker") or "")
    speaker_id = None
    if chosen:
        raw = chosen.removeprefix(PERSON_PREFIX)
        if not chosen.startswith(PERSON_PREFIX) or not raw.isdigit():
            errors["speaker"] = "Pick a speaker from the list."
        else:
            speaker_id = int(raw)
    name = typed_text(b.value_of(values, "new_speaker"))
    role = typed_text(b.value_of(values, "new_role"))
    if name and (len(name) > NAME_CHARS or not _LETTER.search(name)):
        errors["new_speaker"] = f"A name has letters and at most {NAME_CHARS} characters."
    if role and not name:
        errors["new_role"] = "A role goes with a new speaker's name."
    elif len(role) > ROLE_CHARS:
        errors["new_role"] = f"At most {ROLE_CHARS} characters."
    party = str(b.value_of(values, "party") or NO_PARTY)
    if party != NO_PARTY and party not in {slug for _, slug in book.parties}:
        errors["party"] = "Pick a party from the list."
    topics = b.value_of(values, "topics") or []
    known = {slug for _, slug in book.topics}
    if not isinstance(topics, list) or len(topics) > MAX_TOPICS or any(t not in known for t in topics):
        errors["topics"] = "Pick topics from the list."
    direct = b.value_of(values, "direct")
    if direct not in {"direct", "partial"}:
        errors["direct"] = "Say whether these are the speaker's exact words."
    if errors:
        return None, errors
    return (
        QuoteEdit(
            speaker_id=None if name else speaker_id,
            new_speaker=name or None,
            new_role=role or None,
            party=None if party == NO_PARTY else party,
            topics=tuple(topics),
            direct=direct == "direct",
            in_scope="in_scope" in (b.value_of(values, "scope") or []),
        ),
        {},
    )


def hide_view(state: QuoteState, metadata: dict[str, Any]) -> dict[str, Any]:
    blocks = [
        _excerpt(state.text),
        b.input_block(
            "reason",
            "Why hide it?",
            b.text_input("reason", max_length=REASON_CHARS, multiline=True),
            hint="Hidden quotes stay in the store but never appear in answers, digests or exports.",
        ),
    ]
    return b.modal(HIDE_QUOTE, "Hide a quote", blocks, submit="Hide", metadata=metadata)


def read_reason(values: dict[str, Any]) -> tuple[str | None, Errors]:
    reason = typed_text(b.value_of(values, "reason"))
    if not reason:
        return None, {"reason": "Say why, so the desk knows later."}
    if len(reason) > REASON_CHARS:
        return None, {"reason": f"At most {REASON_CHARS} characters."}
    return reason, {}


# ---------------------------------------------------------------------- positions and statuses


def position_view(book: Choicebook, form: PositionForm | None, metadata: dict[str, Any]) -> dict[str, Any]:
    blocks = [
        _select_block("party", "Party", book.parties, form.party if form else None),
        _select_block("topic", "Topic", book.topics, form.topic if form else None),
        _select_block(
            "stance", "Stance", [(s, s) for s in STANCES], form.stance if form else None, optional=True
        ),
        _prose_block("summary", "The position, in your words", form.summary if form else None),
        *_source_blocks(form.source if form else None),
    ]
    title = "Edit a position" if metadata.get("replaces") else "Record a position"
    return b.modal(RECORD_POSITION, title, blocks, metadata=metadata)


def read_position(
    values: dict[str, Any], book: Choicebook, *, today: date
) -> tuple[PositionForm | None, Errors]:
    errors: Errors = {}
    party = _pick(values, "party", book.parties, errors)
    topic = _pick(values, "topic", book.topics, errors)
    stance = b.value_of(values, "stance")
    if stance is not None and stance not in STANCES:
        errors["stance"] = "Pick a stance from the list."
    summary = _read_prose(values, "summary", errors, missing="Write the position in a sentence.")
    source = _read_source(values, errors, today)
    if errors:
        return None, errors
    assert party
    assert topic
    return PositionForm(party, topic, stance, summary, source), {}


def status_view(book: Choicebook, form: StatusForm | None, metadata: dict[str, Any]) -> dict[str, Any]:
    blocks = [
        _select_block("topic", "Topic", book.topics, form.topic if form else None),
        _select_block("status", "Status", [(s, s) for s in STATUSES], form.status if form else None),
        _prose_block("note", "What the source says", form.note if form else None, optional=True),
        *_source_blocks(form.source if form else None),
    ]
    title = "Edit a chapter status" if metadata.get("replaces") else "Set a chapter status"
    return b.modal(SET_STATUS, title, blocks, metadata=metadata)


def read_status(values: dict[str, Any], book: Choicebook, *, today: date) -> tuple[StatusForm | None, Errors]:
    errors: Errors = {}
    topic = _pick(values, "topic", book.topics, errors)
    status = b.value_of(values, "status")
    if status not in STATUSES:
        errors["status"] = "Pick a status from the list."
    note = _read_prose(values, "note", errors)
    source = _read_source(values, errors, today)
    if errors:
        return None, errors
    assert topic
    assert isinstance(status, str)
    return StatusForm(topic, status, note or None, source), {}


def check_url(url: str) -> str | None:
    """Why ``url`` cannot be a source (None when it can): http(s), a host, no spaces, at most 2,000 chars."""
    if len(url) > URL_CHARS:
        return f"At most {URL_CHARS} characters."
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname or any(c.isspace() for c in url):
        return "A web address starting with http:// or https://."
    return None


# ---------------------------------------------------------------------- helpers


def _excerpt(text: str) -> b.Block:
    return {"type": "context", "elements": [b.plain(f"“{bk.clip(text, EXCERPT_CHARS)}”", EXCERPT_CHARS + 2)]}


def _select_block(
    block_id: str, label: str, choices: Choices, initial: str | None, *, optional: bool = False
) -> b.Block:
    """An input block holding one static select, the block and its select both named ``block_id``."""
    return b.input_block(
        block_id, label, b.static_select(block_id, choices, initial=initial), optional=optional
    )


def _prose_block(block_id: str, label: str, initial: str | None, *, optional: bool = False) -> b.Block:
    """A few sentences in the editor's words, capped at ``SUMMARY_CHARS``."""
    element = b.text_input(block_id, max_length=SUMMARY_CHARS, multiline=True, initial=initial)
    return b.input_block(block_id, label, element, optional=optional)


def _read_prose(values: dict[str, Any], block_id: str, errors: Errors, *, missing: str = "") -> str:
    """What was typed in a ``_prose_block``; too long is an error, so is empty when ``missing`` says why."""
    text = typed_text(b.value_of(values, block_id))
    if not text and missing:
        errors[block_id] = missing
    elif len(text) > SUMMARY_CHARS:
        errors[block_id] = f"At most {SUMMARY_CHARS} characters."
    return text


def _source_blocks(source: Source | None) -> list[b.Block]:
    return [
        b.input_block(
            "url",
            "Source URL",
            b.text_input(
                "url", max_length=URL_CHARS, initial=source.url if source else None, placeholder="https://…"
            ),
        ),
        b.input_block(
            "date", "Source date", b.datepicker("date", initial=source.on.isoformat() if source else None)
        ),
        b.input_block(
            "outlet",
            "Outlet",
            b.text_input("outlet", max_length=OUTLET_CHARS, initial=source.outlet if source else None),
            optional=True,
        ),
    ]


def _read_source(values: dict[str, Any], errors: Errors, today: date) -> Source | None:
    url = typed_text(b.value_of(values, "url"))
    if problem := (check_url(url) if url else "The source's web address is required."):
        errors["url"] = problem
    raw_date = str(b.value_of(values, "date") or "")
    on = None
    try:
        on = date.fromisoformat(raw_date)
    except ValueError:
        errors["date"] = "The source's date is required."
    if on and on > today + timedelta(days=1):
        errors["date"] = "That date is in the future."
    outlet = typed_text(b.value_of(values, "outlet"))
    if len(outlet) > OUTLET_CHARS:
        errors["outlet"] = f"At most {OUTLET_CHARS} characters."
    if "url" in errors or on is None:
        return None
    return Source(url, on, outlet or None)


def _pick(values: dict[str, Any], block_id: str, choices: Choices, errors: Errors) -> str | None:
    chosen = b.value_of(values, block_id)
    if chosen not in {slug for _, slug in choices}:
        errors[block_id] = "Pick one from the list."
        return None
    return str(chosen)
