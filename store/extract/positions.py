"""Stances in the reporter's own words: "Canada and Mexico flatly rejected the proposal",
"the Trump administration wants...". Stored as evidence with a confidence below a human's.

Also low-confidence hints at a chapter's state ("a sticking point", "reached agreement on").
Quote interiors are masked before this runs, so only narration counts.
"""

from __future__ import annotations

import re

from store.extract.registry import Registry, key
from store.extract.topics import TopicMatcher
from store.extract.types import PositionStatement, StatusSignal

_STANCES = {
    "demands": "wants|want|wanted|seeks|seek|sought|is seeking|are seeking|demands|demand|demanded|"
    "insists on|insisted on|pushed for|pushes for|is pushing for|are pushing for|pushing for|has pushed for|"
    "called for|calls for|is calling for|are calling for|proposed|proposes|has proposed|have proposed|"
    "is proposing",
    "opposes": "rejected|rejects|reject|has rejected|have rejected|opposes|oppose|opposed|balked at|balks at|"
    "refused|refuses|refuse|resisted|resists|resist|objected to|objects to|is against|are against|"
    "has resisted|have resisted|has refused|have refused|dismissed|pushed back on|pushed back against",
    "supports": "agreed to|agreed on|agrees to|accepted|accepts|accept|supports|support|supported|backs|"
    "backed|endorsed|endorses|is open to|are open to|has agreed to|have agreed to",
    "defends": "wants to keep|want to keep|defends|defended|defend|wants to protect|is defending|"
    "are defending|wants to preserve|want to preserve|protects",
    "threatens": "threatened|threatens|has threatened|is threatening",
}
_STATUS = {
    "agreed": r"reached (?:an |a )?(?:agreement|deal|consensus)|agreed on|struck a deal|settled on|resolved",
    "converging": r"close to (?:a deal|an agreement|resolving|agreement)|closer to|significant progress|"
    r"breakthroughs?|narrow(?:ed|ing)? (?:the |their )?(?:gap|differences)|converg\w+",
    "deadlocked": r"sticking points?|stumbling blocks?|impasse|deadlock(?:ed)?|stalled|at odds|far apart|"
    r"no progress|unresolved|logjam|stalemate",
    "proposals tabled": r"tabled (?:a |its |their )?proposals?|put forward (?:a |its )?proposals?|"
    r"unveiled (?:a |its )?proposals?|floated (?:a |the )?proposal",
}
_ADVERB = r"(?:\w+ly\s+)?"


class StanceFinder:
    def __init__(self, registry: Registry, topics: TopicMatcher, statuses: tuple[str, ...]) -> None:
        self.registry = registry
        self.topics = topics
        forms = {f for f, slug in registry.party_by_alias.items()}
        originals = sorted(
            {a for p in registry.taxonomy.parties for a in (p.name, *p.aliases)}, key=len, reverse=True
        )
        del forms
        party = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in originals)
        stances = "|".join(f"(?P<{name}>{alts})" for name, alts in _STANCES.items())
        self._re = re.compile(
            rf"(?<![\w’'-])(?P<p1>{party})(?:\s+and\s+(?P<p2>{party}))?,?\s+{_ADVERB}(?:{stances})\b",
        )
        self._status = {
            status: re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)
            for status, pattern in _STATUS.items()
            if status in statuses or not statuses
        }

    def statements(self, text: str, masked: str, sentences: list[tuple[int, int]]) -> list[PositionStatement]:
        out: list[PositionStatement] = []
        prev_topics: tuple[str, ...] = ()
        for s0, s1 in sentences:
            narration = masked[s0:s1]
            topics = self.topics.find(narration)
            for m in self._re.finditer(narration):
                stance = next(name for name in _STANCES if m.group(name))
                use, conf = (topics, 0.6) if topics else (prev_topics, 0.4)
                for group in ("p1", "p2"):
                    slug = m.group(group) and self.registry.party_by_alias.get(key(m.group(group)))
                    for topic in use[:2] if slug else ():
                        out.append(PositionStatement(slug, topic, text[s0:s1].strip(), stance, s0, conf))
            prev_topics = topics
        return _dedupe(out)

    def signals(self, text: str, masked: str, sentences: list[tuple[int, int]]) -> list[StatusSignal]:
        out: list[StatusSignal] = []
        for s0, s1 in sentences:
            narration = masked[s0:s1]
            for status, pattern in self._status.items():
                if pattern.search(narration):
                    topics = self.topics.find(narration)
                    for topic in topics[:2]:
                        out.append(StatusSignal(topic, status, text[s0:s1].strip(), s0, 0.3))
        return out


def _dedupe(items: list[PositionStatement]) -> list[PositionStatement]:
    seen, out = set(), []
    for item in items:
        k = (item.party, item.topic, item.offset)
        if k not in seen:
            seen.add(k)
            out.append(item)
    return out
