"""The usage text shown by `help`, by ``nafta-bot ask --help`` and in the README: one list, kept here."""

from __future__ import annotations

HELP_LINES: tuple[tuple[str, str], ...] = (
    ("TOPIC [PARTY]", "state of play: status, each party's position, latest quotes"),
    ("PERSON", "a person's latest quotes, e.g. lighthizer"),
    ("PARTY", "a party's latest positions and quotes, e.g. mexico"),
    ("search WORDS", "full-text search over quotes and positions"),
    ("latest", "newest quotes and position changes"),
    ("topics", "tracked topics with their status"),
    ("subscribe daily HH:MM [TOPIC...]", "digest of what changed, posted to this channel"),
    (
        "subscribe weekly DAY HH:MM [TOPIC...]",
        "weekly digest (times in your Slack time zone, or tz=Area/City)",
    ),
    ("subscribe cron M H DOM MON DOW [TOPIC...]", "digest on a five-field cron schedule"),
    ("subscriptions", "this channel's digest subscriptions"),
    ("unsubscribe [ID]", "stop one subscription, or all of this channel's"),
    ("pause ID | resume ID", "hold or restart a subscription"),
    ("help", "this list"),
    ("... private  (or -p)", "show the answer only to you"),
)

HELP_EXAMPLES: tuple[str, ...] = (
    "autos",
    "autos canada",
    "rules of origin",
    "lighthizer",
    "search dairy quotas",
)

# Plain questions work too (slash command, mention, DM, assistant panel); shown by help and the README.
QUESTION_EXAMPLES: tuple[str, ...] = (
    "what is canada's position on dairy?",
    "what did freeland say about dairy this week?",
    "anything new on autos in the last month?",
    "how has the US stance on ROO evolved since 2017?",
    "who said “no deal is better than a bad deal”?",
)
