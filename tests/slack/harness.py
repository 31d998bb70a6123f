"""Reading what a user sees after a request to the running app.

``message_for`` reads the ack's body, or, when the ack only said "looking that up", what arrived at
the response_url; ``all_text``, ``buttons`` and ``posts_in`` pick the parts tests assert on.
"""

from __future__ import annotations

from typing import Any

import httpx

from testkit.fakeslack import FakeSlack
from testkit.waiting import wait_until

DEFERRED = "Looking that up"


def message_for(response: httpx.Response, fake: FakeSlack, name: str) -> dict[str, Any]:
    """What the asker sees: the ack's message, or the one delivered later to response_url ``name``."""
    assert response.status_code == 200, response.text
    acked = response.json()
    if DEFERRED not in str(acked.get("text", "")):
        return acked
    return fake.wait_for(f"response:{name}", timeout=60)[0].params


def all_text(message: Any) -> str:
    """Every string in a message (text, blocks, values), for "does the user see X" assertions."""
    if isinstance(message, dict):
        return "\n".join(all_text(v) for v in message.values())
    if isinstance(message, list):
        return "\n".join(all_text(v) for v in message)
    return message if isinstance(message, str) else ""


def buttons(message: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The interactive elements of a message by action_id, each with its block_id."""
    found: dict[str, dict[str, Any]] = {}
    for block in message.get("blocks") or []:
        for element in block.get("elements", []) if block.get("type") == "actions" else []:
            found[element["action_id"]] = {**element, "block_id": block.get("block_id", "")}
    return found


def posts_in(fake: FakeSlack, channel: str, count: int = 1, timeout: float = 30.0) -> list[Any]:
    """Wait until ``count`` successful chat.postMessage calls reached ``channel``; return them all."""

    def posted() -> list[Any]:
        calls = fake.calls_to("chat.postMessage", ok_only=True)
        found = [c for c in calls if c.params.get("channel") == channel]
        return found if len(found) >= count else []

    return wait_until(posted, timeout=timeout, what=f"{count} post(s) in {channel}")
