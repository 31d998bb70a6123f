"""Bundled knowledge: curated facts and exact quotes that ship with the bot, read from TOML.

Each file describes articles by their metadata (never their full text) with the quotes, positions
and topic statuses they support. Loaded once into an empty store; an article already present
(same content hash) is left alone, so a restart or a second process never duplicates anything.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from datetime import date
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any


@dataclass(frozen=True)
class QuoteFact:
    key: str
    text: str
    speaker: str
    topics: tuple[str, ...]
    context: str | None = None
    said_on: date | None = None
    direct: bool = True


@dataclass(frozen=True)
class PositionFact:
    party: str
    topic: str
    summary: str
    stance: str | None = None
    quote: str | None = None


@dataclass(frozen=True)
class StatusFact:
    topic: str
    status: str
    note: str | None = None
    quote: str | None = None


@dataclass(frozen=True)
class ArticleFacts:
    key: str
    title: str | None
    title_is_editorial: bool
    outlet: str | None
    published: date | None
    url: str | None
    quotes: tuple[QuoteFact, ...]
    positions: tuple[PositionFact, ...]
    statuses: tuple[StatusFact, ...]

    @property
    def content_hash(self) -> str:
        """Bundled articles have no body to hash, so their identity is their key."""
        return hashlib.sha256(f"bundled:{self.key}".encode()).hexdigest()


def bundled_files() -> list[Traversable]:
    folder = resources.files("store").joinpath("data/knowledge")
    return sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)


def load_knowledge(files: list[Traversable] | None = None) -> list[ArticleFacts]:
    articles: list[ArticleFacts] = []
    for file in files if files is not None else bundled_files():
        raw = tomllib.loads(file.read_text(encoding="utf-8"))
        articles.extend(_article(a, file.name) for a in raw.get("article", []))
    return articles


def _article(raw: dict[str, Any], origin: str) -> ArticleFacts:
    quotes = tuple(
        QuoteFact(
            key=q["key"],
            text=q["text"],
            speaker=q["speaker"],
            topics=tuple(q.get("topics", ())),
            context=q.get("context"),
            said_on=q.get("said_on"),
            direct=q.get("direct", True),
        )
        for q in raw.get("quote", [])
    )
    keys = {q.key for q in quotes}
    positions = tuple(PositionFact(**p) for p in raw.get("position", []))
    statuses = tuple(StatusFact(**s) for s in raw.get("status", []))
    for ref in [p.quote for p in positions] + [s.quote for s in statuses]:
        if ref and ref not in keys:
            raise ValueError(f"{origin}: evidence refers to unknown quote key {ref!r}")
    return ArticleFacts(
        key=raw["key"],
        title=raw.get("title"),
        title_is_editorial=raw.get("title_is_editorial", False),
        outlet=raw.get("outlet"),
        published=raw.get("published"),
        url=raw.get("url") or None,
        quotes=quotes,
        positions=positions,
        statuses=statuses,
    )
