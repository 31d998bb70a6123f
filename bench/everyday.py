"""The everyday questions a trade desk asks, shared by the quality check and the HTTP benchmark.

All of them resolve against the bundled taxonomy, so a benchmark never measures a miss by accident.
"""

from __future__ import annotations

TOPICS: tuple[str, ...] = (
    "autos",
    "dairy",
    "dispute settlement",
    "procurement",
    "intellectual property",
    "de minimis",
    "sunset clause",
    "steel",
    "lumber",
    "agriculture",
    "labour",
    "energy",
    "digital trade",
    "withdrawal",
)
PEOPLE: tuple[str, ...] = ("lighthizer", "freeland", "guajardo", "trudeau", "trump")
PARTIES: tuple[str, ...] = ("mexico", "canada", "us")
