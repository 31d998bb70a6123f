"""Curated positions and chapter statuses from Slack: the shortcuts and buttons that open the forms,
the forms' saves, and the Edit…/Retract menu on curated entries in the change list.

Editing records a new row and retracts the one it replaces; retracting only flags the row. History
stays in the store and in the audit log (``store.curation.positions``).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlmodel import Session

from handlers.clicks import Click
from handlers.curation import blocks as b
from handlers.curation import forms
from handlers.curation.editors import REFUSAL, may_edit
from handlers.curation.notices import editor_click, notify
from handlers.curation.refresh import choicebook
from handlers.replies import sender
from handlers.runtime import Runtime
from store.curation.positions import (
    CURATED,
    PositionForm,
    StatusForm,
    position_form,
    record_position,
    record_status,
    retract,
    status_form,
)
from store.curation.quotes import CurationError
from store.db import write_session

log = logging.getLogger(__name__)


class Record(StrEnum):
    """What the two curation forms record; also the kind in a curated entry's menu value."""

    POSITION = "position"
    STATUS = "status"


class EntryVerb(StrEnum):
    """The choices in a curated entry's menu (``edit:position:12``)."""

    EDIT = "edit"
    RETRACT = "retract"


SHORTCUT_POSITION = "record_position"
SHORTCUT_STATUS = "set_status"
OPEN_POSITION = "open_record_position"  # App Home buttons
OPEN_STATUS = "open_set_status"
CURATED_MENU = "curated_menu"
GONE = "That entry was retracted, replaced or removed since; nothing was changed."


def record_view(runtime: Runtime, kind: Record, replaces: int | None = None) -> dict[str, Any] | None:
    """The blank (or, with ``replaces``, pre-filled) form; None when that entry cannot be edited."""
    book = choicebook(runtime)
    metadata: dict[str, Any] = {"replaces": replaces} if replaces else {}
    with Session(runtime.engine) as session:
        if kind == Record.POSITION:
            form = position_form(session, position_id=replaces) if replaces else None
            if replaces and form is None:
                return None
            return forms.position_view(book, form, metadata)
        status = status_form(session, status_id=replaces) if replaces else None
        if replaces and status is None:
            return None
        return forms.status_view(book, status, metadata)


def open_record_form(
    runtime: Runtime,
    client: WebClient,
    *,
    user: str,
    trigger_id: str,
    kind: Record,
    replaces: int | None = None,
) -> str | None:
    """Open the form for ``user``; returns why not (one line) or None when it opened."""
    if not may_edit(runtime.settings.editors, client, user):
        return REFUSAL
    view = record_view(runtime, kind, replaces)
    if view is None:
        return GONE
    try:
        client.views_open(trigger_id=trigger_id, view=view)
    except SlackApiError as error:
        log.warning("views.open for a %s form failed: %s", kind, error.response.get("error"))
        return "Slack did not open the form in time; please try again."
    return None


def _open_or_explain(runtime: Runtime, client: WebClient, body: dict[str, Any], kind: Record) -> None:
    trigger = str(body.get("trigger_id") or "")
    problem = open_record_form(runtime, client, user=sender(body), trigger_id=trigger, kind=kind)
    if problem:  # a global shortcut has no channel to answer in: say it in a small modal
        try:
            client.views_open(trigger_id=trigger, view=b.notice("nafta-bot", problem))
        except SlackApiError as error:
            log.warning("views.open for a notice failed: %s", error.response.get("error"))


def on_open_position(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """The global shortcut and App Home's button: the blank position form."""
    ack()
    _open_or_explain(context["runtime"], client, body, Record.POSITION)


def on_open_status(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """The global shortcut and App Home's button: the blank chapter-status form."""
    ack()
    _open_or_explain(context["runtime"], client, body, Record.STATUS)


def on_position_submit(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    _save(ack, body, view, client, context["runtime"], Record.POSITION)


def on_status_submit(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    _save(ack, body, view, client, context["runtime"], Record.STATUS)


def _save(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, runtime: Runtime, kind: Record
) -> None:
    user = sender(body)
    if not may_edit(runtime.settings.editors, client, user):
        ack(response_action="update", view=b.notice("Not an editor", REFUSAL))
        return
    replaces = b.metadata_of(view).get("replaces")
    if replaces is not None and not isinstance(replaces, int):
        ack(response_action="update", view=b.notice("Form expired", GONE))
        return
    values = (view.get("state") or {}).get("values") or {}
    today = datetime.now(UTC).date()
    book = choicebook(runtime)
    form: PositionForm | StatusForm | None
    if kind == Record.POSITION:
        form, errors = forms.read_position(values, book, today=today)
    else:
        form, errors = forms.read_status(values, book, today=today)
    if errors or form is None:
        ack(response_action="errors", errors=errors)
        return
    try:
        with write_session(runtime.engine) as session:
            done = _record(session, form, actor=user, replaces=replaces, book=book)
    except CurationError as error:
        ack(response_action="update", view=b.notice("Not saved", str(error)))
        return
    ack(
        response_action="update",
        view=b.notice("Saved", f"{done} The next answer shows it."),
    )


def _record(
    session: Session,
    form: PositionForm | StatusForm,
    *,
    actor: str,
    replaces: int | None,
    book: forms.Choicebook,
) -> str:
    """Record ``form`` (replacing entry ``replaces``, if any); returns what to tell the editor."""
    if isinstance(form, PositionForm):
        record_position(session, form=form, actor=actor, replaces=replaces)
        return f"Recorded: {_name(book.parties, form.party)} on {_name(book.topics, form.topic)}."
    record_status(session, form=form, actor=actor, replaces=replaces)
    return f"Recorded: {_name(book.topics, form.topic)} is {form.status}."


@editor_click
def on_curated_menu(click: Click) -> None:
    """Edit… or Retract on a curated entry listed by `/nafta changes` or App Home."""
    verb, kind, row_id = _parse_curated(click.action)
    if verb is None or kind is None or row_id is None:
        notify(click, "That menu is from an older version; run `/nafta changes` again.")
        return
    if verb == EntryVerb.EDIT:
        trigger = str(click.body.get("trigger_id") or "")
        if problem := open_record_form(
            click.runtime, click.client, user=click.user, trigger_id=trigger, kind=kind, replaces=row_id
        ):
            notify(click, problem)
        return
    try:
        with write_session(click.runtime.engine) as session:
            retract(session, kind=kind, row_id=row_id, actor=click.user, reason="retracted from Slack")
    except CurationError as error:
        notify(click, str(error))
        return
    notify(click, f"Retracted {kind} #{row_id}. Its history stays in the audit log.")


def curated_menu(kind: str, row_id: int) -> dict[str, Any]:
    """The overflow for one live curated entry (with a confirmation before retracting)."""
    return {
        "type": "overflow",
        "action_id": CURATED_MENU,
        "options": [
            b.option("Edit…", f"{EntryVerb.EDIT}:{kind}:{row_id}"),
            b.option("Retract", f"{EntryVerb.RETRACT}:{kind}:{row_id}"),
        ],
        "confirm": {
            "title": b.plain("Change a curated entry?"),
            "text": b.plain("Edit opens the form; Retract withdraws it (its history is kept).", 300),
            "confirm": b.plain("Go ahead"),
            "deny": b.plain("Cancel"),
        },
    }


def _parse_curated(action: dict[str, Any]) -> tuple[EntryVerb | None, Record | None, int | None]:
    value = str((action.get("selected_option") or {}).get("value") or "")
    parts = value.split(":")
    if len(parts) != 3 or parts[0] not in set(EntryVerb) or parts[1] not in set(Record):
        return None, None, None
    if not parts[2].isdigit() or len(parts[2]) > 12:
        return None, None, None
    return EntryVerb(parts[0]), Record(parts[1]), int(parts[2])


def _name(choices: forms.Choices, slug: str) -> str:
    return next((label for label, value in choices if value == slug), slug)


def register(app: App) -> None:
    app.shortcut(SHORTCUT_POSITION)(on_open_position)
    app.shortcut(SHORTCUT_STATUS)(on_open_status)
    app.action(OPEN_POSITION)(on_open_position)
    app.action(OPEN_STATUS)(on_open_status)
    app.action(CURATED_MENU)(on_curated_menu)
    app.view(forms.RECORD_POSITION)(on_position_submit)
    app.view(forms.SET_STATUS)(on_status_submit)


__all__ = ["CURATED", "curated_menu", "open_record_form", "register"]
