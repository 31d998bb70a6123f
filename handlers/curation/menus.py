"""The editor's menu on each quote of an answer: Correct…, Verify, Hide….

The answer renderer tags each quote section with ``quote:ID``; ``with_quote_menus`` copies the message
and gives those sections an overflow menu. It runs only for editors, after rendering (the rendered
message is cached and shared, so it is never changed in place), and only on answers nobody else sees
(``private`` ones): a message in a channel looks the same to every reader, and non-editors must see no
edit controls. An editor who wants to fix a line asks with ``private``, fixes it, then posts the answer.
The section's block_id also carries the query the answer came from, so the message can be re-run and
refreshed after a change.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from handlers.query.intent import Intent
from handlers.query.parse import Query
from handlers.render import blockkit as bk
from handlers.render.slack import QUOTE_BLOCK

QUOTE_MENU = "quote_menu"
BLOCK_ID_CHARS = 255


class QuoteVerb(StrEnum):
    """The choices in a quote's menu; its option values are ``verb:quote_id``."""

    CORRECT = "correct"
    VERIFY = "verify"
    HIDE = "hide"


MENU_OPTIONS: tuple[tuple[str, QuoteVerb], ...] = (
    ("Correct…", QuoteVerb.CORRECT),
    ("Verify", QuoteVerb.VERIFY),
    ("Hide…", QuoteVerb.HIDE),
)


@dataclass(frozen=True)
class MenuChoice:
    verb: QuoteVerb
    quote_id: int
    query: Query | None  # the answer to refresh afterwards, when it could be carried


def with_quote_menus(message: bk.Message, query: Query) -> bk.Message:
    """A copy of ``message`` whose quote sections carry the editor's overflow menu."""
    blocks = message.get("blocks")
    if not blocks:
        return message
    value = query.to_value()
    fresh = copy.deepcopy(blocks)
    for block in fresh:
        block_id = str(block.get("block_id") or "")
        if block.get("type") != "section" or not block_id.startswith(QUOTE_BLOCK):
            continue
        quote_id = block_id.removeprefix(QUOTE_BLOCK).split("|", 1)[0]
        carried = f"{QUOTE_BLOCK}{quote_id}|{value}"
        block["block_id"] = carried if len(carried) <= BLOCK_ID_CHARS else f"{QUOTE_BLOCK}{quote_id}"
        block["accessory"] = {
            "type": "overflow",
            "action_id": QUOTE_MENU,
            "options": [
                {"text": {"type": "plain_text", "text": label}, "value": f"{verb}:{quote_id}"}
                for label, verb in MENU_OPTIONS
            ],
        }
    return {**message, "blocks": fresh}


def read_choice(action: dict[str, Any]) -> MenuChoice | None:
    """The menu choice in a block_actions payload, or None when it is not one we made."""
    value = str((action.get("selected_option") or {}).get("value") or "")
    verb, _, raw_id = value.partition(":")
    if verb not in set(QuoteVerb) or not raw_id.isdigit() or len(raw_id) > 12:
        return None
    block_id = str(action.get("block_id") or "")
    _, _, carried = block_id.partition("|")
    query = Query.from_value(carried) if carried else None
    if query is not None and query.kind == Intent.INVALID:
        query = None
    return MenuChoice(QuoteVerb(verb), int(raw_id), query)


def wants_menus(message: bk.Message) -> bool:
    """An answer with quotes that only its asker sees: the only kind an editor's menus may go on."""
    private = message.get("response_type") == "ephemeral"
    return private and any(
        str(b.get("block_id") or "").startswith(QUOTE_BLOCK) for b in message.get("blocks") or []
    )
