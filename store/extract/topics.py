"""Topics from the taxonomy's synonyms, found once per article and then looked up by span.

A synonym is a cue, not a proof: "steel" in a border-wall "steel barrier" is not steel tariffs, a
"withdrawal" from the Iran deal is not NAFTA withdrawal. Ambiguous cues therefore pass a sense check
(``SENSES``: trade words that must stand near them, contexts that rule them out), and a cue inside a
proper name ("Auto Alliance", "American Iron and Steel Institute") names an organisation, not a topic.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from store.extract.phrases import PhraseMatcher
from store.taxonomy import Taxonomy


@dataclass(frozen=True)
class Sense:
    """``needs``: a word near the cue that shows the trade sense (None: no need); ``unless``: a nearby
    context that shows another sense. Both are regexes over the lowercased window around the cue."""

    needs: str | None = None
    unless: str | None = None
    window: int = 90  # characters each side of the cue


_TRADE = r"tariff|duty|duties|import|export|trade|quota|nafta|usmca|cusma|agreement|deal|pact|negotiat|talks"
# Other things one withdraws from or terminates: the Iran deal, the Paris accord, troops, a contract.
_OTHER_DEALS = (
    r"iran|paris|troops?|syria|afghanistan|nuclear|climate|\btpp\b|trans-pacific|\bwto\b|world trade organi"
)
_PACT = r"nafta|usmca|cusma|trade (?:deal|pact|agreement)|free trade|the (?:pact|agreement|deal)"

# "expire" and kin: the pact's own term ("the deal would expire after 16 years"), not a waiver's or a visa's.
_EXPIRY_NEEDS = r"pact|agreement|deal|nafta|usmca|cusma|review|renew|sunset|clause|term"
_EXPIRY_UNLESS = (
    r"exemption|waiver|patent|copyright|visa|lease|deadline|tariffs? expir|permit|licen[cs]e|mandate|"
    r"funding|spending|ceasefire|truce|term of office|his term|her term"
)
# Cue (lowercased synonym) -> its sense check. Cues not listed here count wherever they stand.
SENSES: dict[str, Sense] = {
    "steel": Sense(
        _TRADE + r"|aluminum|aluminium|metals?|section 232|producers|mills|industry|industries",
        r"steel (?:barrier|slat|fence|wall|bollard|beam|cage|nerves?)|border wall|of steel",
    ),
    "aluminum": Sense(None, r"aluminum (?:foil|can|bat|siding)"),
    "metals": Sense(_TRADE + r"|steel|alumin", r"precious metals|heavy metals"),
    "withdrawal": Sense(_PACT, _OTHER_DEALS, 250),
    "withdraw": Sense(_PACT, _OTHER_DEALS, 250),
    "withdrawing": Sense(_PACT, _OTHER_DEALS, 250),
    "terminate": Sense(_PACT, r"iran|nuclear|employ|contract|pregnan", 250),
    "termination": Sense(_PACT, r"iran|nuclear|employ|contract|pregnan", 250),
    "terminating": Sense(_PACT, r"iran|nuclear|employ|contract|pregnan", 250),
    "pull out": Sense(_PACT, _OTHER_DEALS, 250),
    "pulling out": Sense(_PACT, _OTHER_DEALS, 250),
    "exit": Sense(_PACT, r"brexit|exit poll|iran|paris", 250),
    "rip up": Sense(_PACT, _OTHER_DEALS, 250),
    "scrap": Sense(_PACT, _OTHER_DEALS + r"|scrap (?:metal|yard|heap|paper)", 250),
    "scrapping": Sense(_PACT, _OTHER_DEALS + r"|scrapping (?:metal|plans?|the idea)", 250),
    "energy": Sense(
        None,
        r"same energy|energy level|his energy|her energy|their energy|positive energy|"
        r"negative energy|political energy|energy (?:in the room|behind)|enthusiasm",
    ),
    "gas": Sense(None, r"tear gas|gas station|gas chamber|gassed|gas prices? at the pump|nerve gas"),
    "oil": Sense(None, r"olive oil|oil paint|snake oil"),
    "electricity": Sense(_TRADE + r"|energy|grid|export|power sector", None),
    "digital": Sense(
        r"trade|e-commerce|commerce|data|services|platform|tech",
        r"digital (?:currenc|dollar|money|asset|coin|token|payment)|crypto|bitcoin|blockchain|"
        r"digital (?:media|camera|ad|age)",
    ),
    "internet": Sense(r"trade|e-commerce|commerce|data|services|platform|tariff|duty", None),
    "workers": Sense(r"wage|union|labou?r|collective|organi[sz]|standards|rights|pay\b|\$\d+", None),
    "produce": Sense(r"fresh|seasonal|fruit|vegetable|grower|farm", None),
    "timber": Sense(r"lumber|softwood|tariff|duty|duties|export|import", None),
    "forestry": Sense(r"lumber|softwood|tariff|duty|duties|export|import", None),
    "sunset": Sense(r"clause|provision|review|expir|years?|pact|agreement|deal|nafta|terminat", None),
    "disputes": Sense(r"trade|panel|investor|chapter|tribunal|settle|resolution|mechanism|arbitra", None),
    "arbitration": Sense(r"trade|panel|investor|chapter|tribunal|dispute|nafta", None),
    "vehicle": Sense(None, r"vehicle for|a vehicle to|investment vehicle|electoral vehicle"),
    "vehicles": Sense(None, r"investment vehicles"),
    "farm": Sense(None, r"farm team|bought the farm|server farm|troll farm|bet the farm"),
    "pipelines": Sense(None, r"talent pipeline|pipeline of"),
    "patent": Sense(None, r"patent leather|patently"),
    "buy american": Sense(
        None, r"buy american (?:soybeans|products|goods|farm|pork|beef|corn|wheat|crops|cars|lng)"
    ),
    # Everyday descriptions of a chapter (the taxonomy's ``described``): counted only near the pact.
    "truck": Sense(None, r"truck(?:er|ing| driver|load)|food truck|fire truck|tow truck|mail truck"),
    "trucks": Sense(None, r"truckers|trucking|food trucks|fire trucks|tow trucks"),
    "expire": Sense(_EXPIRY_NEEDS, _EXPIRY_UNLESS, 60),
    "expires": Sense(_EXPIRY_NEEDS, _EXPIRY_UNLESS, 60),
    "expiry": Sense(_EXPIRY_NEEDS, _EXPIRY_UNLESS, 60),
    "expiration": Sense(_EXPIRY_NEEDS, _EXPIRY_UNLESS, 60),
    "16-year": Sense(_EXPIRY_NEEDS, r"16-year-old", 60),
    "16 years": Sense(
        _EXPIRY_NEEDS + r"|last|lasts?|run", r"ago|old|prison|sentence|served|past 16|for 16", 60
    ),
    "sixteen years": Sense(_EXPIRY_NEEDS + r"|last|lasts?|run", r"ago|old|prison|sentence|served", 60),
    "every six years": Sense(r"review|renew|extend|pact|agreement|deal|nafta|usmca", None, 60),
    "wage": Sense(
        r"worker|labou?r|union|hour|factor|earn|mexic|minimum",
        r"wag(?:e|ed|ing) (?:a |an )?(?:war|campaign|battle|fight)",
    ),
    "unionize": Sense(None, r"unionize (?:the|their) (?:newsroom|campus)"),
    "online shoppers": Sense(r"duty|tariff|tax|threshold|limit|customs|\$\d", None),
    "small parcels": Sense(r"duty|tariff|tax|threshold|limit|customs|\$\d", None),
    "biologic": Sense(r"drug|medicine|pharma|patent|protection|exclusivity|years", None),
    "store data": Sense(r"local|server|cross-border|digital|compan|country", None),
}
_NAME_BRIDGE = frozenset({"of", "for", "de"})  # "Federation of Agriculture": still inside the name


class TopicMatcher:
    """Two-letter synonyms ("IP") count only in capitals, so "ip" inside ordinary prose never does."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        phrases = [(form, t.slug) for t in taxonomy.topics for form in (t.name, *t.synonyms, *t.described)]
        self._short = {form.upper() for form, _ in phrases if len(form) <= 2}
        self._matcher = PhraseMatcher(phrases)
        self._senses = {
            cue: (
                re.compile(sense.needs) if sense.needs else None,
                re.compile(sense.unless) if sense.unless else None,
                sense.window,
            )
            for cue, sense in SENSES.items()
        }

    def spans(self, text: str, *, names: bool = True) -> TopicSpans:
        """``names=False`` for headlines, whose every word is capitalised."""
        found = []
        low: str | None = None
        for start, end, slug in self._matcher.scan(text):
            cue = text[start:end]
            if end - start <= 2 and cue not in self._short:
                continue
            if names and _in_name(text, start, end):
                continue
            check = self._senses.get(cue.lower().rstrip("."))
            if check:
                if low is None:
                    low = text.lower()
                needs, unless, width = check
                window = low[max(0, start - width) : end + width]
                if (needs and not needs.search(window)) or (unless and unless.search(window)):
                    continue
            found.append((start, slug))
        return TopicSpans(found)

    def find(self, text: str) -> tuple[str, ...]:
        return self.spans(text, names=False).between(0, len(text))

    def article_topics(self, spans: TopicSpans, title: str | None, limit: int = 5) -> tuple[str, ...]:
        """Main topics: named in the title, or at least twice in the body."""
        counts = Counter(slug for _, slug in spans.found)
        in_title = set(self.find(title or ""))
        ranked = sorted(set(counts) | in_title, key=lambda s: (s not in in_title, -counts[s], s))
        return tuple(s for s in ranked if s in in_title or counts[s] >= 2)[:limit]


_WORD_BEFORE = re.compile(r"([\w’'.&-]+)\s+$")
_WORD_AFTER = re.compile(r"^\s+([\w’'.&-]+)")


def _in_name(text: str, start: int, end: int) -> bool:
    """A capitalised cue inside a run of capitalised words, mid-sentence: part of an organisation's
    name ("the Auto Alliance", "the Canadian Federation of Agriculture"), not a mention of the topic.
    An all-capitals neighbour ("NAFTA Chapter 19") is an acronym, not a name."""
    if not text[start : start + 1].isupper() or text[start:end].isupper():
        return False
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    after = _WORD_AFTER.match(text[end : end + 40])
    if after and _name_word(after.group(1)):
        return True
    if before:
        word = before.group(1)
        if word.lower() in _NAME_BRIDGE:
            before = _WORD_BEFORE.search(text, max(0, before.start() - 40), before.start())
            word = before.group(1) if before else ""
        if _name_word(word) and not word.endswith("."):
            return True
    return False


def _name_word(word: str) -> bool:
    return word[:1].isupper() and not word.isupper() and word.isalpha()


class TopicSpans:
    """Topic mentions of one text by offset, so any span's topics are two bisects away."""

    def __init__(self, found: list[tuple[int, str]]) -> None:
        self.found = found
        self._starts = [start for start, _ in found]

    def outside(self, spans: list[tuple[int, int]]) -> TopicSpans:
        """Only the mentions outside ``spans``: the reporter's narration, without the quotes."""
        return TopicSpans([(s, slug) for s, slug in self.found if not any(a <= s < b for a, b in spans)])

    def between(self, start: int, end: int) -> tuple[str, ...]:
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        if hi - lo == 1:
            return (self.found[lo][1],)
        counts: dict[str, int] = {}
        for _, slug in self.found[lo:hi]:
            counts[slug] = counts.get(slug, 0) + 1
        return tuple(sorted(counts, key=lambda k: -counts[k]))

    def last_before(self, start: int, end: int) -> str | None:
        """The topic mentioned last in [start, end): what "such a provision" at ``end`` refers back to."""
        hi = bisect.bisect_left(self._starts, end)
        if hi and self.found[hi - 1][0] >= start:
            return self.found[hi - 1][1]
        return None
