"""Is a quote about the negotiation? ``nafta`` false for China, Iran, a summit's other business.

Three kinds of cue, found once per article:
- the pact's own names (``PACT_NAMES``): a quote naming NAFTA is about it, whatever else it says;
- the partners (the taxonomy's country parties) and the topics' cues: trade among the three countries;
- subjects that are other business (``OFF_SUBJECTS``): China, Iran, a summit, immigration, impeachment.

A quote is read outward until something decides: its own words, its sentence, the quote it continues,
its paragraph, the paragraphs around it (nearest first), and finally the article. At each step the
pact's names decide "in"; otherwise other business decides "out" unless two of the three countries are
named with it ("Mexico will not pay for the wall" is out, as is "the U.S. wants China to buy more
soybeans"); otherwise partners or topics decide "in".
Nothing at all (a "we'll see" after a quote about China) reads on. So inside a NAFTA paragraph, a quote
that says nothing either way is in scope.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from store.extract.phrases import trie_pattern
from store.extract.types import PositionStatement
from store.taxonomy import Taxonomy

# The agreement's names, and wording that can only mean the three-country pact.
PACT_NAMES: tuple[str, ...] = (
    "NAFTA",
    "Nafta",
    "USMCA",
    "CUSMA",
    "T-MEC",
    "North American Free Trade",
    "North American trade",
    "United States-Mexico-Canada",
    "U.S.-Mexico-Canada",
    "trilateral",
    "Trilateral",
    "three countries",
    "three nations",
    "three-country",
    "North American partners",
)

# Other business, by subject; proper names match with their capital, common nouns either way.
OFF_SUBJECTS: dict[str, tuple[str, ...]] = {
    "china": ("China", "Chinese", "Beijing", "Xi Jinping", "President Xi", "Xi", "Huawei"),
    "iran": ("Iran", "Iranian", "Tehran"),
    "russia": ("Russia", "Russian", "Russians", "Putin", "Kremlin", "Moscow", "Ukraine", "Ukrainian"),
    "north korea": ("North Korea", "North Korean", "Pyongyang", "Kim Jong Un", "Kim Jong-un"),
    "middle east": (
        "Saudi",
        "Khashoggi",
        "crown prince",
        "Syria",
        "Syrian",
        "Israel",
        "Israeli",
        "Turkey",
        "Istanbul",
    ),
    "other trade partners": ("Brexit", "European Union", "Japan", "Japanese", "South Korea", "Britain"),
    "other trade pacts": ("Trans-Pacific Partnership", "TPP"),
    "summits": ("G-20", "G20", "G-7", "G7", "NATO"),
    "immigration": (
        "border wall",
        "the wall",
        "a wall",
        "border security",
        "immigration",
        "immigrants",
        "migrants",
        "migrant caravan",
        "asylum",
        "deportation",
        "DACA",
    ),
    "domestic politics": (
        "impeachment",
        "impeach",
        "Mueller",
        "shutdown",
        "funeral",
        "Kavanaugh",
        "campaign",
        "campaigns",
    ),
}
# A partner's name inside another region's name is not the partner: "Latin American", "South America".
NOT_PARTNER_AFTER: tuple[str, ...] = ("Latin", "South", "Central", "Pan")
_OUTWARD = 2  # paragraphs read on each side before the article decides
ARTICLE_MIN_PARTNER_MENTIONS = 3
# A story mainly about the pact names it at least twice, and once per 2,500 characters.
FOCUSED_MIN_PACT = 2
FOCUSED_CHARS_PER_MENTION = 2500
# A stance read in a story about other business (a campaign, China, a budget fight) names a party and a
# topic word, but is seldom that party's stance in the talks; unless its sentence names the pact or a
# partner other than the actor, its confidence is cut under the bar answers show machine-read lines at.
OFF_NEGOTIATION_DISCOUNT = 0.7


def _alternation(forms: Iterable[str]) -> str:
    """One regex for all forms, shaped as a trie (much faster in ``re`` than a flat alternation)."""
    variants: set[str] = set()
    for form in forms:
        variants.add(form)
        if form[:1].islower():
            variants.add(form[:1].upper() + form[1:])
    # No look-behind at the front: it would stop ``re`` from skipping ahead to a possible first letter;
    # ``_starts`` checks the character before each hit instead.
    return rf"(?:{trie_pattern(variants)})(?![\w-])"


def _starts(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Hits of ``pattern`` that begin a word."""
    return [m for m in pattern.finditer(text) if not m.start() or not _wordish(text[m.start() - 1])]


def _wordish(ch: str) -> bool:
    return ch.isalnum() or ch in "_-"


class ScopeReader:
    def __init__(self, taxonomy: Taxonomy) -> None:
        self._country = {
            form: party.slug
            for party in taxonomy.parties
            if party.kind == "country"
            for form in (party.name, *party.aliases, *party.adjectives)
            if form[:1].isupper() and len(form) > 2  # "US" in capitals is fine; "us" never
        }
        self._pact = re.compile(_alternation(PACT_NAMES))
        self._partner = re.compile(_alternation(self._country))
        self._not_partner = re.compile(rf"\b(?:{'|'.join(NOT_PARTNER_AFTER)})\s$")
        self._off = re.compile(_alternation(f for forms in OFF_SUBJECTS.values() for f in forms))

    def read(self, text: str, topic_starts: Sequence[int]) -> ScopeCues:
        countries = [
            (m.start(), self._country.get(m.group(0), ""))
            for m in _starts(self._partner, text)
            if not self._not_partner.search(text, max(0, m.start() - 9), m.start())
        ]
        return ScopeCues(
            [m.start() for m in _starts(self._pact, text)],
            sorted([at for at, _ in countries] + list(topic_starts)),
            [m.start() for m in _starts(self._off, text)],
            countries,
        )

    def focused(self, cues: ScopeCues, text: str, title: str | None) -> bool:
        """Mainly about the negotiation: the pact in the title, or named often for the story's length.
        In such a story a quote that says nothing either way is taken to be about it; in a story that
        only touches the pact, such a quote is not."""
        if title and _starts(self._pact, title):
            return True
        pact = cues.count(0, len(text))[0]
        return pact >= FOCUSED_MIN_PACT and pact * FOCUSED_CHARS_PER_MENTION >= len(text)

    def article(self, cues: ScopeCues, text: str, title: str | None) -> bool:
        """About the negotiation: the pact named in the title or twice in the body; or its partners
        named often, more often than other business. Partners are counted without the country the
        story names most (every U.S. politics story names the U.S.): "Canada" and "Mexico" in a story
        from Washington, "the U.S." and "Mexico" in one from Ottawa."""
        if self.focused(cues, text, title):
            return True
        pact, _near, off = cues.count(0, len(text))
        if pact >= 2:
            return True
        per_country = Counter(slug for _, slug in cues.countries_in(0, len(text)))
        others = sum(per_country.values()) - max(per_country.values(), default=0)
        return pact + others >= ARTICLE_MIN_PARTNER_MENTIONS and pact + others > off


class ScopeCues:
    """Offsets of the three kinds of cue in one article, counted per span by bisection."""

    def __init__(
        self, pact: list[int], near: list[int], off: list[int], countries: list[tuple[int, str]]
    ) -> None:
        self.pact, self.near, self.off = pact, near, off
        self._all = (pact, near, off)
        self._countries = countries
        self._country_starts = [at for at, _ in countries]

    def count(self, start: int, end: int) -> tuple[int, int, int]:
        pact, near, off = (bisect.bisect_left(xs, end) - bisect.bisect_left(xs, start) for xs in self._all)
        return pact, near, off

    def decide(self, start: int, end: int) -> bool | None:
        """True (about the negotiation), False (other business) or None (the span says nothing)."""
        pact, near, off = self.count(start, end)
        if pact:
            return True
        if off:  # other business named: only two of the three countries together keep it in
            return len(self.countries(start, end)) >= 2
        if near:
            return True
        return None

    def countries(self, start: int, end: int) -> set[str]:
        return {slug for _, slug in self.countries_in(start, end)}

    def countries_in(self, start: int, end: int) -> list[tuple[int, str]]:
        lo = bisect.bisect_left(self._country_starts, start)
        hi = bisect.bisect_left(self._country_starts, end)
        return self._countries[lo:hi]

    def quote(
        self,
        spans: Sequence[tuple[int, int]],
        paragraph: int,
        paras: Sequence[tuple[int, int]],
        continues: bool | None,
        article: bool,
    ) -> bool:
        """``spans``: the quote's words, then its sentence. ``continues``: the flag of the quote this one
        continues (same speaker, same paragraph), or None."""
        for start, end in spans:
            found = self.decide(start, end)
            if found is not None:
                return found
        if continues is not None:
            return continues
        for distance in range(_OUTWARD + 1):
            for k in dict.fromkeys((paragraph - distance, paragraph + distance)):
                if 0 <= k < len(paras):
                    found = self.decide(*paras[k])
                    if found is not None:
                        return found
        return article


def weigh_statements(
    statements: Sequence[PositionStatement], cues: ScopeCues, article_in_scope: bool
) -> tuple[PositionStatement, ...]:
    """The statements with their confidence cut when the story is off the negotiation and the sentence
    itself never names the pact or another partner. Kept, not dropped: search and the JSON still have them.
    """
    if article_in_scope:
        return tuple(statements)
    weighed = []
    for s in statements:
        start, end = s.offset, s.offset + len(s.text)
        pact = cues.count(start, end)[0]
        if not pact and not (cues.countries(start, end) - {s.party}):
            s = replace(s, confidence=round(s.confidence * OFF_NEGOTIATION_DISCOUNT, 2))
        weighed.append(s)
    return tuple(weighed)
