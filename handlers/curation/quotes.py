"""Listeners for the quote menu: Correct… and Hide… open forms, Verify saves at once; the forms' saves.

Every listener checks the editor list first, so a hand-made payload from anyone else is refused.
Forms open with the click's trigger_id while the click is being acknowledged (Slack allows 3 s);
saves are one transaction each (the change, its span record and its audit entry), then the answer
the editor clicked in is refreshed in the background.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlmodel import Session

from handlers.clicks import Click
from handlers.curation import blocks as b
from handlers.curation import forms
from handlers.curation.editors import REFUSAL, may_edit
from handlers.curation.menus import QUOTE_MENU, QuoteVerb, read_choice
from handlers.curation.notices import editor_click, notify
from handlers.curation.refresh import choicebook, click_context, refresh_answer, refresh_or_tell
from handlers.replies import sender, tell
from handlers.runtime import Runtime
from store.curation.quotes import (
    CurationError,
    correct_quote,
    hide_quote,
    quote_state,
    search_people,
    unhide_quote,
    verify_quote,
)
from store.db import write_session

log = logging.getLogger(__name__)

STALE = "That menu is from an older answer or a quote that is no longer stored. Run the command again."
GONE = "That quote is no longer in the store (its article was read again). Run the command again."
MAX_PEOPLE_OPTIONS = 50
UNHIDE_QUOTE = "unhide_quote"  # the button on a hidden quote's line in the change list
# Saves a submitted quote form (runtime, values, quote id, editor): its errors, {} once saved.
Save = Callable[[Runtime, dict[str, Any], int, str], forms.Errors]


@editor_click
def on_quote_menu(click: Click) -> None:
    runtime, respond = click.runtime, click.respond
    choice = read_choice(click.action)
    if choice is None:
        tell(respond, STALE)
        return
    meta = {"q": choice.quote_id, **click_context(click.body, choice.query)}
    if choice.verb == QuoteVerb.VERIFY:
        runtime.background(_verify, runtime, click.client, respond, meta, click.user)
        return
    with Session(runtime.engine) as session:
        state = quote_state(session, quote_id=choice.quote_id)
    if state is None:
        tell(respond, GONE)
        return
    if choice.verb == QuoteVerb.CORRECT:
        view = forms.correct_view(state, choicebook(runtime), meta)
    else:
        view = forms.hide_view(state, meta)
    try:
        click.client.views_open(trigger_id=str(click.body.get("trigger_id") or ""), view=view)
    except SlackApiError as error:
        log.warning("views.open for a quote form failed: %s", error.response.get("error"))
        tell(respond, "Slack did not open the form in time; please try the menu again.")


def _verify(runtime: Runtime, client: WebClient, respond: Respond, meta: dict[str, Any], user: str) -> None:
    try:
        with write_session(runtime.engine) as session:
            verify_quote(session, quote_id=int(meta["q"]), actor=user)
    except CurationError as error:
        tell(respond, str(error))
        return
    if not refresh_answer(runtime, client, meta):
        tell(respond, "Marked verified. Run the command again to see it.")


def _editable_form(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, runtime: Runtime
) -> dict[str, Any] | None:
    """The form's metadata when an editor submitted a live form; else None, the refusal already sent."""
    if not may_edit(runtime.settings.editors, client, sender(body)):
        ack(response_action="update", view=b.notice("Not an editor", REFUSAL))
        return None
    meta = b.metadata_of(view)
    if not isinstance(meta.get("q"), int):
        ack(response_action="update", view=b.notice("Form expired", STALE))
        return None
    return meta


def _quote_form(
    save: Callable[[Runtime, dict[str, Any], int, str], forms.Errors], done: str
) -> Callable[..., None]:
    """A view_submission listener for a quote form: ``save`` returns the form's errors, {} once saved."""

    def listener(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        runtime: Runtime = context["runtime"]
        meta = _editable_form(ack, body, view, client, runtime)
        quote_id = meta.get("q") if meta else None
        if meta is None or not isinstance(quote_id, int):
            return
        errors = save(runtime, _values(view), quote_id, sender(body))
        if errors:
            ack(response_action="errors", errors=errors)
            return
        ack()
        runtime.background(refresh_or_tell, runtime, client, meta, user=sender(body), done=done)

    listener.__name__ = listener.__qualname__ = f"on_{save.__name__}"
    return listener


def correct(runtime: Runtime, values: dict[str, Any], quote_id: int, actor: str) -> forms.Errors:
    edit, errors = forms.read_correction(values, choicebook(runtime))
    if edit is None:
        return errors
    return _apply(
        runtime, "speaker", lambda session: correct_quote(session, quote_id=quote_id, edit=edit, actor=actor)
    )


def hide(runtime: Runtime, values: dict[str, Any], quote_id: int, actor: str) -> forms.Errors:
    reason, errors = forms.read_reason(values)
    if reason is None:
        return errors
    return _apply(
        runtime, "reason", lambda session: hide_quote(session, quote_id=quote_id, reason=reason, actor=actor)
    )


def _apply(runtime: Runtime, block_id: str, change: Callable[[Session], object]) -> forms.Errors:
    """Make ``change`` in one write; the store refusing it is the form's error under ``block_id``."""
    try:
        with write_session(runtime.engine) as session:
            change(session)
    except CurationError as error:
        return {block_id: str(error)}
    return {}


on_correct_submit = _quote_form(correct, "Correction saved.")
on_hide_submit = _quote_form(hide, "Quote hidden.")


def on_speaker_options(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """The Correct… form's speaker search: people in the store whose name contains what was typed."""
    runtime: Runtime = context["runtime"]
    if not may_edit(runtime.settings.editors, client, sender(body)):
        ack(options=[])
        return
    with Session(runtime.engine) as session:
        people = search_people(session, text=str(body.get("value") or "")[:100], limit=MAX_PEOPLE_OPTIONS)
    ack(
        options=[
            b.option(f"{name}, {role}" if role else name, f"{forms.PERSON_PREFIX}{pid}")
            for pid, name, role in people
        ]
    )


@editor_click
def on_unhide(click: Click) -> None:
    raw = str(click.action.get("value") or "")
    if not raw.isdigit() or len(raw) > 12:
        notify(click, STALE)
        return
    try:
        with write_session(click.runtime.engine) as session:
            unhide_quote(session, quote_id=int(raw), actor=click.user)
    except CurationError as error:
        notify(click, str(error))
        return
    notify(click, f"Quote #{raw} is shown again in answers, digests and exports.")


def _values(view: dict[str, Any]) -> dict[str, Any]:
    values = (view.get("state") or {}).get("values")
    return values if isinstance(values, dict) else {}


def register(app: App) -> None:
    app.action(QUOTE_MENU)(on_quote_menu)
    app.action(UNHIDE_QUOTE)(on_unhide)
    app.view(forms.CORRECT_QUOTE)(on_correct_submit)
    app.view(forms.HIDE_QUOTE)(on_hide_submit)
    app.options(forms.SPEAKER_SEARCH)(on_speaker_options)
