"""The audit log as the desk reads it: one line per change, newest first, with what moved.

    `2018-03-21 14:02` <@U0EDITOR> corrected quote #12 — speaker: Jane Roe → John Doe; party: none → canada

Live curated positions and statuses get the Edit…/Retract menu (editors only see this list).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from handlers.render import blockkit as bk
from store.curation.audit import AuditAction, Change

ACTION_WORDS: dict[str, str] = {
    AuditAction.QUOTE_CORRECT: "corrected",
    AuditAction.QUOTE_VERIFY: "verified",
    AuditAction.QUOTE_HIDE: "hid",
    AuditAction.QUOTE_UNHIDE: "unhid",
    AuditAction.POSITION_RECORD: "recorded",
    AuditAction.POSITION_EDIT: "edited",
    AuditAction.POSITION_RETRACT: "retracted",
    AuditAction.STATUS_SET: "set",
    AuditAction.STATUS_EDIT: "edited",
    AuditAction.STATUS_RETRACT: "retracted",
    AuditAction.ARTICLE_INGEST: "added from Slack",
}
# Fields the line leaves out: the words of a quote are shown once, not as a change.
QUIET_FIELDS = frozenset({"text", "speaker_id", "source"})
VALUE_CHARS = 80


def describe(change: Change) -> str:
    """One line of mrkdwn for a change (all stored text escaped)."""
    verb = ACTION_WORDS.get(change.action, change.action)
    kind, _, row_id = change.target.partition(":")
    what = f"{kind} #{row_id}" if row_id else kind
    line = f"`{change.at:%Y-%m-%d %H:%M}` <@{bk.escape(change.actor)}> {bk.escape(verb)} {bk.escape(what)}"
    if detail := _detail(change):
        line += f" — {detail}"
    if change.note:
        line += f" _({bk.escape(bk.clip(change.note, 200))})_"
    return line


def plain_line(change: Change) -> str:
    """The same line for a terminal (`nafta-bot audit`), without Slack markup."""
    verb = ACTION_WORDS.get(change.action, change.action)
    detail = _detail(change, markup=False)
    note = f" ({change.note})" if change.note else ""
    return (
        f"{change.at:%Y-%m-%d %H:%M} {change.actor} {verb} {change.target}"
        + (f" — {detail}" if detail else "")
        + note
    )


def _detail(change: Change, *, markup: bool = True) -> str:
    before, after = change.before or {}, change.after or {}
    show = bk.escape if markup else (lambda s: s)
    if not before and after:
        parts = [str(after[k]) for k in ("party", "topic", "stance", "status") if after.get(k)]
        summary = after.get("summary") or after.get("note") or after.get("url") or ""
        head = " · ".join(parts)
        return show(bk.clip(f"{head}: {summary}" if head and summary else head or str(summary), 240))
    moved = [
        f"{key}: {_value(before.get(key))} → {_value(after.get(key))}"
        for key in dict.fromkeys([*before, *after])
        if key not in QUIET_FIELDS and before.get(key) != after.get(key)
    ]
    return show(bk.clip("; ".join(moved), 400))


def _value(value: Any) -> str:
    if value is None or value == []:
        return "none"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return bk.clip(str(value), VALUE_CHARS)


def change_blocks(
    changes: list[Change], *, live: set[str], menu: Callable[[str, int], dict[str, Any]]
) -> list[dict[str, Any]]:
    """A section per change; the newest line of each ``live`` target ("position:7") gets
    ``menu(kind, id)`` as its accessory."""
    blocks = []
    given: set[str] = set()
    for change in changes:
        block = bk.section(describe(change))
        if change.target in live and change.target not in given:
            given.add(change.target)
            kind, _, row_id = change.target.partition(":")
            block["accessory"] = menu(kind, int(row_id))
        blocks.append(block)
    return blocks
