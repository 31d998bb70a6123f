"""A click on a button or menu as one value, for listeners that share what they do with it.

Bolt passes a listener its arguments by parameter name; ``on_click`` keeps those names in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from handlers.replies import sender
from handlers.runtime import Runtime


@dataclass(frozen=True)
class Click:
    runtime: Runtime
    body: dict[str, Any]
    action: dict[str, Any]
    respond: Respond
    client: WebClient

    @property
    def user(self) -> str:
        return sender(self.body)


def on_click(work: Callable[[Click], None]) -> Callable[..., None]:
    """A Bolt action listener that acks at once, then hands ``work`` the click.

    No ``functools.wraps``: Bolt would read ``work``'s parameters through ``__wrapped__``.
    """

    def listener(
        ack: Ack,
        body: dict[str, Any],
        action: dict[str, Any],
        respond: Respond,
        client: WebClient,
        context: BoltContext,
    ) -> None:
        ack()
        work(Click(context["runtime"], body, action, respond, client))

    listener.__name__ = listener.__qualname__ = work.__name__
    return listener
