"""Hover-card and link debris that scrapers leave in article text, removed before anything reads it.

Some sites put a card behind every politician's name: the scraper then gives the name, the person's full
name glued to the title of a related story, and the card's "MORE" link:

    ... said Sen. Hal Brandt Harold James BrandtFarm groups push for deal MORE (R-Iowa), who ...

which must read "said Sen. Hal Brandt (R-Iowa), who ...", or the glued "BrandtFarm" becomes a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_TOKEN = r"[A-Z][\w'’.-]*"
# A name, then a longer form of it (the same given name, maybe in brackets after the formal one; the same
# surname last) whose last word is the
# same surname, glued to the next word ("Hal Brandt Harold James BrandtFarm", "Ann Lowe Ann LoweTalks")
# or followed by a headline that ends in the card's "MORE" ("Ann Lowe Ann Lowe Talks stall MORE").
_CARD_WORD = rf"(?:{_TOKEN}|\({_TOKEN}\))"
HOVER_CARD = re.compile(
    rf"(?<![\w'’])(?P<name>(?P<given>{_TOKEN})(?: {_TOKEN}){{0,2}}? (?P<sur>[A-Z][\w'’-]+))"
    rf"(?P<card>(?: {_CARD_WORD}){{0,4}}? (?P=sur))(?P<glued>[A-Z0-9\"“‘'$])?(?(glued)| (?=[A-Z0-9\"“‘']))"
)
# A surname glued to the next word ("BrandtFarm"): cheap to find, and needed by every card without a link.
# Names with an inner capital after one letter ("McNeil", "LaSalle") do not match.
_GLUED = re.compile(r"[a-z]{2}[A-Z][a-z]")
# The card's link ends with "MORE" in capitals, within a headline's length of the glued name.
_CARD_END = re.compile(r" ?MORE\b")
_NAME_REACH = 160  # a name and its card's longer form fit in this many characters
_CARD_REACH = 700  # a card may list several headlines before its "MORE"
# A lone "MORE" left in running text by such a card: "to convict Hal Brandt MORE, a former aide".
LONE_MORE = re.compile(r"(?<=[a-z’'.)]) MORE(?=[\s,.;:)])")


def remove_debris(text: str) -> str:
    """The text without hover cards and their "MORE" links; other text is untouched.

    >>> remove_debris("said Sen. Hal Brandt Harold James BrandtFarm groups push MORE (R-Iowa).")
    'said Sen. Hal Brandt (R-Iowa).'
    """
    linked = " MORE" in text
    if not linked and not _GLUED.search(text):
        return text
    out, pos, at = [], 0, 0
    for m in _cards(text, linked):
        if m.start() < at:
            continue
        at = m.start() + 1
        glued = m.group("glued") is not None
        card = m.group("card").split()
        if not glued and m.group("given") not in card and f"({m.group('given')})" not in card:
            continue  # "Ann Lowe Ann Lowe Talks" must at least repeat the given name to be a card
        cut = m.start("card")
        line_end = text.find("\n", m.end())
        limit = min(m.end() + _CARD_REACH, line_end if line_end >= 0 else len(text))
        end = _CARD_END.search(text, m.end("card"), limit)
        if not end and not glued:
            continue  # no card link: leave it to the reader
        out.append(text[pos:cut])
        if end:
            pos = end.end()
        else:
            out.append(" ")  # no link text found: only unglue the name from what follows
            pos = m.end("card")
        at = pos
    out.append(text[pos:])
    text = "".join(out)
    return LONE_MORE.sub("", text) if linked else text


def _cards(text: str, linked: bool) -> Iterator[re.Match[str]]:
    """Candidate cards in order. Without any "MORE" link only glued cards can exist, so only the words just
    before each glued capital are searched (most of an article is never looked at)."""
    if linked:
        at = 0
        while m := HOVER_CARD.search(text, at):
            yield m
            at = m.start() + 1
        return
    for glue in _GLUED.finditer(text):
        end = glue.start() + 2  # where the surname ends and the next word begins
        at = max(0, end - _NAME_REACH)
        while m := HOVER_CARD.search(text, at, end + 1):
            if m.end("card") == end:
                yield m
                break
            at = m.start() + 1
