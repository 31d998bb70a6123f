"""Who may change the record: the Slack user IDs in ``settings.editors`` (NAFTA_EDITORS), plus workspace
admins and owners when the list holds the word ``admins`` (read through ``users.info``, remembered for a
few minutes so a busy editor does not cost a Web API call per click).

Checked on the server for every edit action, view submission and shortcut: hiding the controls from
non-editors is a courtesy, not the protection.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

log = logging.getLogger(__name__)

ADMIN_CACHE_SECONDS = 300.0
ADMINS_WORD = "admins"
REFUSAL = (
    "Only the desk's editors can change the record. Ask an editor (or a workspace admin, to be added to "
    "NAFTA_EDITORS) if something here looks wrong."
)

_lock = threading.Lock()
_admins: dict[str, tuple[float, bool]] = {}  # user ID -> (when read, is admin or owner)


def may_edit(editors: tuple[str, ...], client: WebClient, user_id: str, *, now: float | None = None) -> bool:
    """True when ``user_id`` is listed, or is a workspace admin/owner and ``admins`` is listed."""
    if not user_id or not editors:
        return False
    if user_id in editors:
        return True
    if ADMINS_WORD not in {e.casefold() for e in editors}:
        return False
    return _is_admin(client, user_id, time.monotonic() if now is None else now)


def _is_admin(client: WebClient, user_id: str, now: float) -> bool:
    with _lock:
        found = _admins.get(user_id)
    if found and now - found[0] < ADMIN_CACHE_SECONDS:
        return found[1]
    try:
        user: dict[str, Any] = dict(client.users_info(user=user_id).get("user") or {})
    except SlackApiError as error:
        log.warning("users.info for %s failed: %s", user_id, error.response.get("error"))
        return False  # not remembered: the next click asks again
    admin = bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"))
    with _lock:
        _admins[user_id] = (now, admin)
    return admin
