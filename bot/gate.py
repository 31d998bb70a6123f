"""The gate every HTTP request from Slack passes before anything reads or parses it.

In order, each step cheaper than the next:

1. the signature headers: absent, malformed or older than five minutes is 401 before one byte of
   the body is read (so an unsigned request costs a few hundred bytes of headers);
2. the size: a ``Content-Length`` over ``MAX_BODY_BYTES`` is 413 before reading; a body without one
   is read in chunks and cut off at the cap, also 413;
3. the signature itself (HMAC-SHA256 over ``v0:{timestamp}:{body}``): 401;
4. only then the body is parsed, and its shape checked where Bolt's own code would trip over it
   (``payload_problem``): 400 with the reason, never a 500.

Every refusal is one log line, never a traceback.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

MAX_BODY_BYTES = 1_000_000
SIGNATURE_WINDOW_SECONDS = 300
_SIGNATURE = re.compile(r"^v0=[0-9a-f]{64}$")

# Fields Bolt reads as objects (dicts), lists or text when present.
_OBJECT_FIELDS = ("team", "user", "channel", "container", "view", "event", "enterprise", "message", "state")
_LIST_FIELDS = ("authorizations",)
_STRING_FIELDS = ("type", "command", "text", "response_url", "trigger_id", "callback_id", "team_id")


@dataclass(frozen=True)
class Refusal:
    status: int
    reason: str  # for the log line and the response body


def header_refusal(headers: dict[str, str], *, now: float | None = None) -> Refusal | None:
    """401 for a request whose signature headers cannot possibly verify; checked before the body."""
    stamp = headers.get("x-slack-request-timestamp", "")
    signature = headers.get("x-slack-signature", "")
    if not stamp or not signature:
        return Refusal(401, "unsigned")
    if not stamp.isdigit() or len(stamp) > 12 or not _SIGNATURE.match(signature):
        return Refusal(401, "malformed signature headers")
    if abs((time.time() if now is None else now) - int(stamp)) > SIGNATURE_WINDOW_SECONDS:
        return Refusal(401, "stale signature")
    return None


def length_refusal(headers: dict[str, str]) -> Refusal | None:
    declared = headers.get("content-length")
    if declared is None:
        return None
    if not declared.isdigit():
        return Refusal(400, "bad Content-Length")
    if int(declared) > MAX_BODY_BYTES:
        return Refusal(413, "request too large")
    return None


async def read_capped(chunks: AsyncIterator[bytes]) -> bytes | None:
    """The body, or None as soon as it passes ``MAX_BODY_BYTES`` (the rest is never read)."""
    parts: list[bytes] = []
    size = 0
    async for chunk in chunks:
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            return None
        parts.append(chunk)
    return b"".join(parts)


def signature_valid(secret: str, headers: dict[str, str], body: bytes) -> bool:
    stamp = headers.get("x-slack-request-timestamp", "")
    expected = hmac.new(secret.encode(), b"v0:" + stamp.encode() + b":" + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(f"v0={expected}", headers.get("x-slack-signature", ""))


def payload_problem(body: Any) -> str | None:
    """What is wrong with a verified body's shape, where Bolt would fail on it; None when fine.

    >>> payload_problem({"type": "block_actions", "actions": "x"})
    '`actions` is not a list of objects'
    """
    if not isinstance(body, dict) or not body:
        return "body is not a Slack payload"
    return _field_problem(body) or _kind_problem(body)


def _field_problem(body: dict[str, Any]) -> str | None:
    """A top-level field of the wrong type; Slack sends null for what does not apply, so null is fine."""
    expected: tuple[tuple[tuple[str, ...], type, str], ...] = (
        (_OBJECT_FIELDS, dict, "an object"),
        (_LIST_FIELDS, list, "a list"),
        (_STRING_FIELDS, str, "text"),
    )
    for names, kind, what in expected:
        for name in names:
            if body.get(name) is not None and not isinstance(body[name], kind):
                return f"`{name}` is not {what}"
    return None


def _kind_problem(body: dict[str, Any]) -> str | None:
    """What the payload's own type needs: actions with ids, an event with a type, a view with its ids."""
    kind = body.get("type")
    if kind == "block_actions":
        return _actions_problem(body.get("actions"))
    if kind == "event_callback":
        event = body.get("event")
        if not isinstance(event, dict) or not isinstance(event.get("type"), str):
            return "`event` has no type"
    if kind in ("view_submission", "view_closed"):
        view = body.get("view")
        if not isinstance(view, dict) or not all(
            isinstance(view.get(k), str) for k in ("callback_id", "type")
        ):
            return "`view` has no callback_id or type"
    return None


def _actions_problem(actions: Any) -> str | None:
    if not isinstance(actions, list) or not all(isinstance(a, dict) for a in actions):
        return "`actions` is not a list of objects"
    for action in actions:
        if not isinstance(action.get("action_id"), str) or not isinstance(action.get("block_id", ""), str):
            return "an action's ids are not text"
    return None


def damaged_click(body: dict[str, Any]) -> bool:
    """A verified click that names no action: nothing to run, but the clicker deserves a word."""
    return body.get("type") == "block_actions" and body.get("actions") == []
