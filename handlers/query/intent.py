"""What a question asks for: the ``kind`` of a ``Query`` and the ``intent`` of a reading.

The values are what ``nafta-bot ask --explain`` prints and what a button's value carries (``"k"``),
so they never change; a member compares equal to its string.
"""

from __future__ import annotations

from enum import StrEnum


class Intent(StrEnum):
    HELP = "help"
    TOPICS = "topics"
    LATEST = "latest"
    SEARCH = "search"
    TOPIC = "topic"
    PERSON = "person"
    PARTY = "party"
    TIMELINE = "timeline"
    SUBSCRIPTION = "subscription"  # digest commands, answered by handlers.digest in Slack
    UNKNOWN = "unknown"
    INVALID = "invalid"  # unreadable input or a damaged button; ``problem`` says why
