"""Block Kit primitives that cannot produce a message Slack would reject.

Every constructor clips to Slack's published limits, and ``fit_message`` enforces the message-wide
ones (50 blocks, about 12,000 characters of text) by dropping whole blocks from the end and saying
so, rather than letting Slack answer ``invalid_blocks`` or ``msg_blocks_too_long``.
All text that came from outside (users, articles) goes through ``escape`` first: with ``&``, ``<``
and ``>`` escaped, nothing can become a mention (``<!channel>``), a user ping or a link.
"""

from __future__ import annotations

import html
from typing import Any, Literal, TypedDict

MAX_BLOCKS = 50
MAX_MODAL_BLOCKS = 100
SECTION_TEXT = 3000
HEADER_TEXT = 150
CONTEXT_TEXT = 2000
CONTEXT_ELEMENTS = 10
BUTTON_TEXT = 75
ACTION_VALUE = 2000
OPTION_TEXT = 75
OPTION_VALUE = 150
MAX_OPTIONS = 100
ACTION_ELEMENTS = 25
ACTION_ID = 255
MESSAGE_TEXT = 3000  # the notification fallback; Slack allows more, readers don't need it
TOTAL_TEXT = 12000

Block = dict[str, Any]


class Message(TypedDict, total=False):
    """A message as this app sends it: an ack or ``respond()`` reply, a ``chat.postMessage``, an update.

    Only the fields we set; mypy then catches a misspelt one (``"replace_orginal"``) that Slack would
    silently ignore.
    """

    text: str
    blocks: list[Block]
    response_type: Literal["ephemeral", "in_channel"]
    replace_original: bool
    delete_original: bool
    channel: str
    thread_ts: str
    user: str  # chat.postEphemeral: the one person who sees it
    unfurl_links: bool
    unfurl_media: bool


def escape(text: str) -> str:
    """Make untrusted text inert in mrkdwn and plain_text: no mentions, no links, no broadcast."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def link(url: str | None, label: str) -> str:
    """A mrkdwn link for a URL already checked by ``wording.safe_url``; else just the escaped label."""
    return f"<{url}|{escape(label)}>" if url else escape(label)


def header(text: str) -> Block:
    return {"type": "header", "text": {"type": "plain_text", "text": clip(text, HEADER_TEXT), "emoji": True}}


def section(mrkdwn: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip(mrkdwn, SECTION_TEXT)}}


def context(*mrkdwn: str) -> Block:
    elements = [{"type": "mrkdwn", "text": clip(t, CONTEXT_TEXT)} for t in mrkdwn if t][:CONTEXT_ELEMENTS]
    return {"type": "context", "elements": elements}


def divider() -> Block:
    return {"type": "divider"}


def button(text: str, action_id: str, value: str, *, style: str | None = None) -> Block:
    element = {
        "type": "button",
        "text": {"type": "plain_text", "text": clip(text, BUTTON_TEXT), "emoji": True},
        "action_id": action_id[:ACTION_ID],
        "value": value[:ACTION_VALUE],
    }
    if style:
        element["style"] = style
    return element


def select(
    placeholder: str, action_id: str, options: list[tuple[str, str]], *, initial: str | None = None
) -> Block:
    """A static select; ``options`` are (label, value) pairs, values at most 150 characters."""
    rendered = [
        {"text": {"type": "plain_text", "text": clip(label, OPTION_TEXT)}, "value": value[:OPTION_VALUE]}
        for label, value in options[:MAX_OPTIONS]
    ]
    element: Block = {
        "type": "static_select",
        "placeholder": {"type": "plain_text", "text": clip(placeholder, 150)},
        "action_id": action_id[:ACTION_ID],
        "options": rendered,
    }
    chosen = next((o for o in rendered if o["value"] == initial), None)
    if chosen:
        element["initial_option"] = chosen
    return element


def actions(*elements: Block | None, block_id: str | None = None) -> Block | None:
    present = [e for e in elements if e][:ACTION_ELEMENTS]
    if not present:
        return None
    block: Block = {"type": "actions", "elements": present}
    if block_id:
        block["block_id"] = block_id
    return block


def text_size(block: Block | list[Block]) -> int:
    """Characters of text a block carries, the measure behind Slack's msg_blocks_too_long."""
    if isinstance(block, dict):
        return sum(len(v) if k == "text" and isinstance(v, str) else text_size(v) for k, v in block.items())
    if isinstance(block, list):
        return sum(text_size(b) for b in block)
    return 0


def fit_message(
    blocks: list[Block | None], *, keep_tail: int = 0, max_blocks: int = MAX_BLOCKS
) -> list[Block]:
    """Drop blocks before the last ``keep_tail`` (e.g. the buttons) until the message fits Slack.

    A note says how many blocks were left out, so the reader knows the answer was shortened.
    """
    head = [b for b in blocks[: len(blocks) - keep_tail] if b]
    tail = [b for b in blocks[len(blocks) - keep_tail :] if b] if keep_tail else []
    dropped = 0
    note_room = 1
    while head and (
        len(head) + len(tail) + (note_room if dropped else 0) > max_blocks
        or text_size(head) + text_size(tail) + 120 > TOTAL_TEXT
    ):
        head.pop()
        dropped += 1
    if dropped:
        head.append(
            context(f"_{dropped} more item{'s' if dropped > 1 else ''} left out to fit Slack's limits._")
        )
    return head + tail


def visible_text(message: Message) -> str:
    """The text a reader sees, block by block, for a terminal (mrkdwn kept, ``&amp; &lt; &gt;`` decoded)."""
    lines: list[str] = []
    for block in message.get("blocks", []):
        if block.get("type") in {"section", "header"}:
            lines.append(block["text"]["text"])
        elif block.get("type") == "context":
            lines.extend(e["text"] for e in block["elements"])
    return html.unescape("\n".join(lines))
