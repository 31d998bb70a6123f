"""Stances in the reporter's own words: "Canada and Mexico flatly rejected the proposal",
"the administration wants...". Stored as evidence with a confidence below a human's.

Also low-confidence hints at a chapter's state ("a sticking point", "reached agreement on").
Quote interiors are masked before this runs, so only narration counts.
"""

from __future__ import annotations

import bisect
import re

from store.extract.registry import Registry
from store.extract.topics import TopicSpans
from store.extract.types import PositionStatement, StatusSignal

# Order matters: the first alternative that matches wins ("wants to keep" before "wants").
_STANCES = {
    "opposes": "will not accept|won't accept|cannot accept|can't accept|does not want|doesn't want|"
    "refuses to accept|rejected|rejects|reject|rejecting|opposes|oppose|opposed|opposing|balked at|balks at|"
    "balking at|refused|refuses|refuse|refusing|resisted|resists|resist|resisting|objected to|objects to|"
    "against|dismissed|pushed back on|pushed back against|pushing back on|pushing back against",
    "defends": "wants to keep|want to keep|wants to protect|want to protect|wants to preserve|"
    "want to preserve|defends|defended|defend|defending|protects|protecting",
    "demands": "wants|want|wanted|seeks|seek|sought|seeking|demands|demand|demanded|demanding|insists on|"
    "insisted on|insisting on|pushed for|pushes for|pushing for|called for|calls for|calling for",
    "proposes": "proposed|proposes|proposing|offered|offers|offering|tabled|floated|put forward",
    "supports": "agreed to|agreed on|agrees to|accepted|accepts|accept|accepting|supports|support|supported|"
    "supporting|backs|backed|backing|endorsed|endorses|open to|willing to",
    "threatens": "threatened|threatens|threatening",
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
_AUX = r"(?:(?:has|have|had|is|are|was|were|also|still|now)\s+){0,2}"
_ASIDE = r"(?:,\s+(?:however|meanwhile|in turn|for its part|for their part|by contrast),)?"


class StanceFinder:
    def __init__(self, registry: Registry, statuses: tuple[str, ...]) -> None:
        self.registry = registry
        stances = "|".join(f"(?P<{name}>{alts})" for name, alts in _STANCES.items())
        self._stance = re.compile(rf"{_ASIDE},?\s+{_ADVERB}{_AUX}{_ADVERB}(?:{stances})\b")
        wanted = [(f"s{i}", status, p) for i, (status, p) in enumerate(_STATUS.items()) if status in statuses]
        self._status_names = {group: status for group, status, _ in wanted}
        alternatives = "|".join(f"(?P<{group}>{p})" for group, _, p in wanted)
        # Case-sensitive on purpose: IGNORECASE makes this scan several times slower, and a hint
        # missed at the start of a sentence costs little.
        self._status = re.compile(rf"\b(?:{alternatives})\b") if wanted else None

    def statements(
        self,
        text: str,
        masked: str,
        found: list[tuple[int, int, str]],
        sentences: list[tuple[int, int]],
        topics: TopicSpans,
    ) -> list[PositionStatement]:
        out: list[PositionStatement] = []
        starts = [s0 for s0, _ in sentences]
        for i, (start, end, slug) in enumerate(found):
            parties = [slug]
            tail = end
            if i + 1 < len(found) and masked[end : found[i + 1][0]] == " and ":
                parties.append(found[i + 1][2])
                tail = found[i + 1][1]
            m = self._stance.match(masked, tail)
            if not m:
                continue
            k = bisect.bisect_right(starts, start) - 1
            if k < 0:
                continue
            s0, s1 = sentences[k]
            use, conf = topics.between(s0, s1), 0.6
            if not use and k > 0:
                use, conf = topics.between(*sentences[k - 1]), 0.4
            stance = next(name for name in _STANCES if m.group(name))
            for party in parties:
                for topic in use[:2]:
                    out.append(PositionStatement(party, topic, text[s0:s1].strip(), stance, s0, conf))
        return _dedupe(out)

    def signals(
        self, text: str, masked: str, sentences: list[tuple[int, int]], topics: TopicSpans
    ) -> list[StatusSignal]:
        out: list[StatusSignal] = []
        if self._status is None:
            return out
        starts = [s0 for s0, _ in sentences]
        for m in self._status.finditer(masked):
            k = bisect.bisect_right(starts, m.start()) - 1
            if k < 0:
                continue
            s0, s1 = sentences[k]
            status = self._status_names[m.lastgroup or ""]
            for topic in topics.between(s0, s1)[:2]:
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
