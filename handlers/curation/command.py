"""`/nafta record | changes | export`: the editor's sub-commands of `/nafta`.

``answer_curation`` returns the message the `/nafta` ack carries; an empty dict means "ack with
nothing" (the record form opened instead). Exports are built and uploaded after the ack, in the
background, so a big file never holds up Slack's 3-second deadline.

    /nafta record                  open the Record a position form
    /nafta record status           open the Set a chapter status form
    /nafta changes [7d]            the audit log since then (editors only, shown only to the asker)
    /nafta export autos [canada] [csv|md|json] [out-of-scope]   upload the topic's quotes as a file
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.webhook import WebhookClient
from sqlmodel import Session

from handlers.curation.changes import change_blocks
from handlers.curation.editors import REFUSAL, may_edit
from handlers.curation.quotes import UNHIDE_QUOTE
from handlers.curation.records import Record, curated_menu, open_record_form
from handlers.curation.spans import parse_since
from handlers.query.intent import Intent
from handlers.query.parse import parse
from handlers.query.vocabulary import build_vocabulary
from handlers.render import blockkit as bk
from handlers.runtime import Runtime
from store.curation.audit import Change, recent_changes
from store.curation.export import ExportError, build_export
from store.curation.formats import filename, render
from store.curation.positions import is_live_curated
from store.curation.quotes import is_hidden
from store.revision import data_revision

log = logging.getLogger(__name__)

CURATION_WORDS = frozenset({"record", "changes", "export"})
FORMAT_WORDS: dict[str, str] = {"csv": "csv", "md": "md", "markdown": "md", "json": "json"}
OUT_OF_SCOPE_WORDS = frozenset({"out-of-scope", "--include-out-of-scope", "all-scope"})
MAX_CHANGES = 40
EXPORT_USAGE = (
    "`/nafta export TOPIC [PARTY] [csv|md|json] [out-of-scope]`, e.g. `/nafta export autos canada md`"
)


def is_curation(text: str) -> bool:
    words = text.split()
    return bool(words) and words[0].casefold() in CURATION_WORDS


def answer_curation(runtime: Runtime, client: WebClient, command: dict[str, Any]) -> bk.Message:
    words = str(command.get("text") or "").split()
    verb, rest = words[0].casefold(), words[1:]
    user = str(command.get("user_id") or "")
    if verb == "export":
        return _export(runtime, client, rest, command)
    if not may_edit(runtime.settings.editors, client, user):
        return _reply(REFUSAL)
    if verb == "record":
        kind = Record.STATUS if rest and rest[0].casefold() in {"status", "statuses"} else Record.POSITION
        trigger = str(command.get("trigger_id") or "")
        problem = open_record_form(runtime, client, user=user, trigger_id=trigger, kind=kind)
        return _reply(problem) if problem else {}
    return _changes(runtime, rest)


def change_list(runtime: Runtime, *, since: datetime | None, limit: int) -> list[dict[str, Any]]:
    """The change lines as blocks: live curated entries with their Edit…/Retract menu, quotes still
    hidden with an Unhide button."""
    live: set[str] = set()
    with Session(runtime.engine) as session:
        changes: list[Change] = recent_changes(session, since=since, limit=limit)
        for change in changes:
            kind, _, raw_id = change.target.partition(":")
            if not raw_id.isdigit() or change.target in live:
                continue
            if (kind in set(Record) and is_live_curated(session, kind=kind, row_id=int(raw_id))) or (
                change.action == "quote.hide" and is_hidden(session, quote_id=int(raw_id))
            ):
                live.add(change.target)
    return change_blocks(changes, live=live, menu=_entry_menu)


def _entry_menu(kind: str, row_id: int) -> dict[str, Any]:
    if kind == "quote":
        return bk.button("Unhide", UNHIDE_QUOTE, str(row_id))
    return curated_menu(kind, row_id)


def _changes(runtime: Runtime, rest: list[str]) -> bk.Message:
    span = rest[0] if rest else "7d"
    try:
        since = parse_since(span, datetime.now(UTC))
    except ValueError as error:
        return _reply(f"{bk.escape(str(error))}. Try `/nafta changes 7d`.")
    blocks = change_list(runtime, since=since, limit=MAX_CHANGES)
    if not blocks:
        return _reply(f"No changes since {since:%Y-%m-%d %H:%M} UTC.")
    head = bk.header(f"Changes to the record since {since:%Y-%m-%d %H:%M} UTC")
    return {
        "response_type": "ephemeral",
        "text": f"{len(blocks)} change(s) to the record",
        "blocks": bk.fit_message([head, *blocks]),
    }


def _export(runtime: Runtime, client: WebClient, words: list[str], command: dict[str, Any]) -> bk.Message:
    fmt = next((FORMAT_WORDS[w.casefold()] for w in words if w.casefold() in FORMAT_WORDS), "csv")
    out_of_scope = any(w.casefold() in OUT_OF_SCOPE_WORDS for w in words)
    subject = [
        w for w in words if w.casefold() not in FORMAT_WORDS and w.casefold() not in OUT_OF_SCOPE_WORDS
    ]
    if not subject:
        return _reply(f"Export which topic? {EXPORT_USAGE}")
    with Session(runtime.engine) as session:
        query = parse(" ".join(subject), build_vocabulary(session, revision=data_revision(session)))
    if query.kind != Intent.TOPIC or not query.topic:
        return _reply(f"I can export a topic, optionally for one party. {EXPORT_USAGE}")
    channel = str(command.get("channel_id") or "")
    runtime.background(
        upload_export,
        runtime,
        client,
        channel=channel,
        topic=query.topic,
        party=query.party,
        fmt=fmt,
        out_of_scope=out_of_scope,
        response_url=str(command.get("response_url") or ""),
    )
    return _reply(f"Preparing the `{query.topic}` export ({fmt})… it will appear in this channel.")


def upload_export(
    runtime: Runtime,
    client: WebClient,
    *,
    channel: str,
    topic: str,
    party: str | None,
    fmt: str,
    out_of_scope: bool,
    response_url: str,
) -> None:
    """Build the file and upload it: files.getUploadURLExternal, the upload, files.completeUploadExternal."""
    try:
        with Session(runtime.engine) as session:
            export = build_export(session, topic=topic, party=party, include_out_of_scope=out_of_scope)
        content = render(export, fmt)
        client.files_upload_v2(
            channel=channel,
            content=content,
            filename=filename(export, fmt),
            title=f"{export.topic_name} — nafta-bot export",
            initial_comment=f"{len(export.quotes)} quote(s) on {export.topic_name}"
            + (f" for {export.party_name}" if export.party_name else "")
            + ", with sources. Hidden quotes are left out.",
        )
    except (ExportError, SlackClientError) as error:
        reason = error.response.get("error") if isinstance(error, SlackApiError) else str(error)
        log.warning("export of %s failed: %s", topic, reason)
        if response_url:
            WebhookClient(response_url).send_dict(
                {
                    "response_type": "ephemeral",
                    "text": f"The export failed: {reason}. Is the bot in this channel?",
                }
            )


def _reply(text: str) -> bk.Message:
    return {"response_type": "ephemeral", "text": bk.clip(text, bk.MESSAGE_TEXT)}
