"""Where digest subscriptions plug into the Slack surfaces, without this package depending on them.

The digest code lives in ``handlers.commands.subscriptions`` (written separately). It is imported
lazily: when it is absent, ``/nafta subscribe`` says digests are not available on this server and
App Home leaves its subscriptions section out, rather than pretending. The contract it fulfils:

    answer_subscription(text, *, engine, client, settings, team_id, channel_id, user_id) -> dict
        the reply to `/nafta subscribe|subscriptions|unsubscribe|pause|resume ...`, a Slack
        message dict with ``response_type`` "ephemeral";
    home_blocks(*, engine, team_id, user_id) -> list[dict]          (optional)
        Block Kit blocks listing this workspace's digest subscriptions for App Home.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from slack_sdk import WebClient

from handlers.runtime import Runtime

SUBSCRIPTIONS_MODULE = "handlers.commands.subscriptions"

NOT_AVAILABLE: dict[str, Any] = {
    "response_type": "ephemeral",
    "text": "Digest subscriptions are not available on this server yet. "
    "Everything else works: try `/nafta help`.",
}


def subscriptions_module() -> ModuleType | None:
    """The digest module, or None when it is not installed (a broken one raises, loudly)."""
    try:
        return importlib.import_module(SUBSCRIPTIONS_MODULE)
    except ModuleNotFoundError as error:
        if error.name == SUBSCRIPTIONS_MODULE:
            return None
        raise


def answer_subscription_command(
    runtime: Runtime, client: WebClient, text: str, *, team_id: str, channel_id: str, user_id: str
) -> dict[str, Any]:
    module = subscriptions_module()
    answer = getattr(module, "answer_subscription", None)
    if answer is None:
        return NOT_AVAILABLE
    return answer(
        text,
        engine=runtime.engine,
        client=client,
        settings=runtime.settings,
        team_id=team_id,
        channel_id=channel_id,
        user_id=user_id,
    )


def home_subscription_blocks(runtime: Runtime, *, team_id: str, user_id: str) -> list[dict[str, Any]]:
    """This workspace's subscriptions for App Home; empty (so the section is left out) until digests exist."""
    render = getattr(subscriptions_module(), "home_blocks", None)
    if render is None:
        return []
    return list(render(engine=runtime.engine, team_id=team_id, user_id=user_id))
