"""Party stances: in the reporter's words ("Canada and Mexico flatly rejected the proposal on autos") and
in a party's own ("We will not accept a sunset clause"). The wordings are named tables in
``store.extract.stance_rules`` (STANCES, NOMINAL_STANCES, FROM_STANCES, QUOTE_STANCES); this module
compiles them once and applies them. Chapter statuses are ``store.extract.statuses``.

The party of a statement is the grammatical actor of the stance: a party, a registry person (their
party) or a pronoun resolved to the nearest person or party before it; never a party merely named
elsewhere in the sentence. The topic is what the stance is about: the topics of the words after the
verb; for "such a provision", "these tariffs", the topic the story named last; failing both, the
sentence's own topic, at lower confidence. Headlines and link text never reach here (the title is not
read; lines without a closing full stop are skipped); a sentence about other business (U.S.-China) is
not read as a position on the negotiation.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from store.extract.registry import KnownPerson
from store.extract.scope import ScopeCues
from store.extract.stance_rules import (
    ANAPHORS,
    EXCLUSIONS,
    FORECASTERS,
    FROM_STANCES,
    MEASURES,
    MODALS,
    NOMINAL_STANCES,
    PACT_OBJECTS,
    PROCEDURAL,
    QUOTE_MIN_STRENGTH,
    QUOTE_PENALTIES,
    QUOTE_STANCES,
    STANCES,
    WITHDRAWAL_VERBS,
)
from store.extract.topics import TopicSpans
from store.extract.types import ExtractedQuote, PositionStatement, Stance

_LEAD = (
    # the actor's own relative clause ("the union, which has called for"), or an appositive about it
    # ("Canada, which buys most U.S. dairy exports,")
    r"(?:,?\s+(?:which|who)\s+|(?:,[^,]{1,80},)?\s+)"
    r"(?:(?:has|have|had|is|are|was|were|also|still|now|again|already|repeatedly|reportedly|on \w+day|"
    r"last week|this week|earlier|late \w+day|\w+ly)\s+){0,3}"
    # the actor reporting its own stance: "Ottawa has said it will not accept"
    r"(?:(?:said|says|made clear|insisted|argued|signaled|signalled) (?:that )?(?:it|he|she|they) )?"
)
_OBJECT_END = re.compile(
    r"[;:]|,\s+(?:but|while|although|though|so|because|as|which|under|amid|despite|and\s+(?:said|added))\b|"
    r"\s+but\s+|"
    r"\s+(?:after|before|when)\s+(?:he|she|it|they|the|[A-Z])"
)
# The condition of an offer or threat is not its object ("will ease its quotas if the U.S. drops its
# sunset clause"), when the object names a topic of its own.
_CONDITION_IN = re.compile(r"\s+(?:if|unless|provided)\s")
_PREPOSITION_BEFORE = re.compile(
    r"(?:\b(?:from|with|to|on|of|for|by|against|between|at|in|into|toward|towards|over|than|about)|['’]s?)\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
# A lowercase qualifier before a country's name makes it a part of the country, not the party.
COUNTRY_QUALIFIERS = (
    "corporate",
    "liberal",
    "conservative",
    "rural",
    "urban",
    "middle",
    "small-town",
    "working-class",
    "suburban",
    "northern",
    "southern",
    "western",
    "eastern",
    "central",
    "industrial",
    "blue-collar",
)
# A quantifier that denies the stance to the group: "few lawmakers wanted".
NEGATING_QUANTIFIERS = ("few", "no", "not all", "not many", "hardly any", "none of the")
_FEW = re.compile(rf"(?<![\w-])(?:{'|'.join(NEGATING_QUANTIFIERS)})\s+$", re.IGNORECASE)
# Before a group named in lowercase, a preposition may stand one adjective away: "of local farmers".
_PREPOSITION_ADJ_BEFORE = re.compile(
    r"\b(?:from|with|to|on|of|for|by|against|between|among|than|about)\s+(?:the\s+)?[a-z][\w-]*\s+$"
)
_NOT_THE_PARTY = re.compile(rf"\b(?:{'|'.join(COUNTRY_QUALIFIERS)})\s+$")
# A subject in a condition holds the stance only in that case: "If Canada refuses a fair deal, ...".
CONDITIONS = ("if", "unless", "even if", "in case", "whether")
_CONDITION = re.compile(rf"\b(?:{'|'.join(CONDITIONS)})\s+(?:the\s+)?$", re.IGNORECASE)
# "A and B", "A and some B": parties acting together; QUANTIFIERS may open the second.
QUANTIFIERS = ("some", "many", "most", "several", "other", "a few", "a number of", "fellow", "the")
_QUANT = "|".join(QUANTIFIERS)
_CONJUNCT = re.compile(rf"(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)(?:(?:{_QUANT})\s+)?")
# ... or a short lowercase noun phrase that is no party: "and some economists"
_OTHER_CONJUNCT = re.compile(rf"\s+and\s+(?:(?:{_QUANT})\s+)?(?:[a-z][\w-]*\s+){{0,1}}[a-z][\w-]*s(?=\s)")
# The actor's own first verb ("has often attacked", "blames"), before a second one after "and".
_OWN_VERB = re.compile(
    r"\s+(?:(?:has|have|had|is|was|also|still|long|often|\w+ly)\s+){0,3}[a-z]+(?:ed|s)\b[^.;:!?]*?(?=,?\s+and\s)"
)
_AND = re.compile(r",?\s+and(?=\s)")
SECOND_PREDICATE_REACH = 200  # characters after the first verb in which "and <stance>" may follow
# "after they", "once it": a pronoun opening a subordinate clause points at the group just named.
SUBORDINATORS = ("after", "once", "when", "because", "since", "until", "before", "as soon as")
_SUBORDINATE = re.compile(rf"\b(?:{'|'.join(SUBORDINATORS)})\s+$")
SAME_CLAUSE_REACH = 60  # characters from the group's name to the pronoun
# A sentence end or another plural noun phrase between the group and the pronoun: "they" may be it.
_OTHER_NOUN = re.compile(
    r"[.;!?]|\b(?:the|a|an|two|three|its|their|these|those|some|many|several)\s+(?:[\w-]+\s+)?[\w-]+s\b"
)
_RELATIVE = re.compile(r",?\s+(?:which|who)\s")
# The actor in a relative clause on the stance's object: "the 35% tariff on cars that the president has
# threatened would ...". Not after a verb of saying ("said that the president threatened": a complement).
REPORTING_VERBS = (
    "said",
    "says",
    "argued",
    "argues",
    "warned",
    "noted",
    "added",
    "insisted",
    "stated",
    "told",
)
_OBJECT_RELATIVE = re.compile(
    rf"(?<!\b{')(?<!'.join(f'{v} ' for v in REPORTING_VERBS)})\b(?:that|which)\s+(?:the\s+)?$"
)
# ... whose verb has no object of its own: the clause ends or the main verb follows
_NO_OBJECT = re.compile(
    r"\s*(?:[,.;:!?—–)]|(?:would|will|could|can|may|might|is|was|are|were|has|had|have|hit|hits|"
    r"remain|remains|remained|stay|stays|stayed|took|take|takes|went|go|goes)\b)"
)
OBJECT_REACH = 100  # characters before the relative pronoun in which the object's topic is read
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hey)\b")
_CLAUSE_OPENING = re.compile(r"(?:^|[.!?”\"\n]\s*|\bthat\s|\bsaid\s)$")
_LIST_SEP = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
_CLAUSE_END = re.compile(r"[.;:!?]|\s+(?:who|which|that|over|because|after|worried|saying)\b")
# The actor's name before a possessive stance: "the Trump administration’s push for".
_NAME_BEFORE = re.compile(r"((?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*|the\s+[\w.-]+(?:\s+[\w.-]+)?)$")
_PERSON_PRONOUNS = frozenset({"he", "she"})
_CLOSERS = '”"’)] \n'


def _alternation(table: dict[str, tuple[str, ...]]) -> str:
    return "|".join(f"(?P<{name.replace(' ', '_')}>{'|'.join(phrases)})" for name, phrases in table.items())


@dataclass(frozen=True)
class _Reading:
    """One article as the stance finder reads it: the text, its masked copy and sentences, the topic spans."""

    text: str
    masked: str
    sentences: Sequence[tuple[int, int]]
    starts: list[int]  # each sentence's first offset, for bisect
    narration: TopicSpans
    topics: TopicSpans
    cues: ScopeCues

    def reads(self, s0: int, s1: int) -> bool:
        """Not a headline, a caption or a link, nor a sentence about other business."""
        return ends_sentence(self.text, s0, s1) and self.cues.decide(s0, s1) is not False


@dataclass(frozen=True)
class Actor:
    start: int
    end: int
    party: str
    person: bool  # a person (or "he"/"she"), not a party or organisation
    pronoun: bool = False


class StanceFinder:
    """``party_of``: the party a name stands for ("the Trump administration", "Freeland"), or None."""

    def __init__(
        self, statuses: tuple[str, ...], party_of: Callable[[str], str | None] = lambda _: None
    ) -> None:
        self._party_of = party_of
        self._stance = re.compile(rf"{_LEAD}(?:{_alternation(STANCES)})\b")
        self._nominal = re.compile(rf"['’]s?\s+(?:\w+\s+)?(?:{_alternation(NOMINAL_STANCES)})\b")
        self._withdrawal = re.compile(rf"\s*(?:to\s+)?(?:formally\s+)?(?:{WITHDRAWAL_VERBS})\b")
        self._anaphor = re.compile(rf"\s*(?:{ANAPHORS})\b", re.IGNORECASE)
        self._demonstrative = re.compile(rf"\b(?:such|these|those)\b|\b(?:{MEASURES})\b")
        first = {w for phrases in STANCES.values() for p in phrases for w in _first_words(p)}
        stems = {w[:i] for w in first for i in range(3, len(w) + 1)} | _LEAD_WORDS
        prefixes = tuple(first)
        self._may_follow: Callable[[str], bool] = lambda word: (
            word in stems or word.startswith(prefixes) or word.endswith("ly")
        )
        self._measure = re.compile(rf"\b(?:{MEASURES})\b")
        self._main: tuple[str, ...] = ()
        self._from = re.compile(rf"\b(?:{_alternation(FROM_STANCES)})\b[^.;]{{0,80}}?\bfrom\s+(?:the\s+)?")
        nominal = _alternation(NOMINAL_STANCES)
        self._possessive = re.compile(rf"['’]s?\s+(?:\w+\s+)?(?:{nominal})\b")
        self._procedural = re.compile(rf"\s*(?:to\s+)?(?:{'|'.join(PROCEDURAL)})\b")
        self._withdrawal_in = re.compile(rf"\b(?:{WITHDRAWAL_VERBS})\b")
        self._modal = re.compile(MODALS)
        self._forecasters = re.compile(FORECASTERS, re.IGNORECASE)
        self._pact_object = re.compile(
            rf"\b(?:out of|{WITHDRAWAL_VERBS}|{EXCLUSIONS})\s+(?:{PACT_OBJECTS})\b", re.IGNORECASE
        )

    # ------------------------------------------------------------------ stances

    def statements(
        self,
        text: str,
        masked: str,
        actors: list[Actor],
        sentences: Sequence[tuple[int, int]],
        narration: TopicSpans,
        topics: TopicSpans,
        cues: ScopeCues,
        main: tuple[str, ...] = (),
    ) -> list[PositionStatement]:
        """``main``: the article's main topics, for a measure it refers to without naming ("the duties")."""
        self._main = main
        r = _Reading(text, masked, sentences, [s0 for s0, _ in sentences], narration, topics, cues)
        actors = sorted(actors + self._pronouns(masked, actors), key=lambda a: a.start)
        actor_starts = [a.start for a in actors]
        out: list[PositionStatement] = []
        for group, tail in _groups(masked, actors):
            actor = group[0]
            k = bisect.bisect_right(r.starts, actor.start) - 1
            if k < 0 or actor.party == "":
                continue
            s0, s1 = sentences[k]
            found = self._stance_at(masked, tail, s1) or self._second_predicate(
                masked, tail, s1, actor_starts
            )
            if found is None or not r.reads(s0, s1):
                continue
            relative = (
                _RELATIVE.match(masked, tail) is not None
            )  # "a priority for Democrats, who demanded ..."
            if _not_acting(masked, actor, s0, relative):
                continue
            out += self._group_statements(r, group, found, k, relative)
        out += self._reported(r)
        return _dedupe([s for s in out if s.confidence >= MIN_CONFIDENCE])

    def _group_statements(
        self, r: _Reading, group: list[Actor], found: tuple[str, int, int], k: int, relative: bool
    ) -> list[PositionStatement]:
        """The stance ``found`` after the actors of ``group`` (in sentence ``k``), on each of its topics."""
        stance, verb_start, verb_end = found
        s0, s1 = r.sentences[k]
        masked, sentence = r.masked, r.text[s0:s1].strip()
        if self._modal.match(masked, verb_start) and self._forecasters.search(masked, s0, s1):
            return []  # "analysts expect Trump will pull out": their forecast, not his stance
        object_topics = self._object_before(masked, group[0].start, verb_end, s0, r.narration)
        if object_topics:
            return [
                PositionStatement(a.party, t, sentence, stance, s0, 0.6) for a in group for t in object_topics
            ]
        # in the actor's relative clause, the object ends with the clause: "Lighthizer, who backs the
        # president's policy, is wary of auto tariffs" says nothing of his stance on autos
        comma = masked.find(",", verb_end, s1) if relative else -1
        end = comma if comma > 0 else s1
        return [
            PositionStatement(
                a.party, topic, sentence, stance, s0, round(confidence - (0.1 if a.pronoun else 0.0), 2)
            )
            for topic, confidence in self._topics(r, verb_start, verb_end, s0, end, k, stance)
            for a in group
        ]

    def _object_before(
        self, masked: str, at: int, verb_end: int, s0: int, narration: TopicSpans
    ) -> tuple[str, ...]:
        """The topics of the noun phrase a relative clause qualifies: "the tariff on imported cars that the
        president has threatened"; nothing unless the stance verb has no object of its own."""
        rel = _OBJECT_RELATIVE.search(masked, max(s0, at - 12), at)
        if rel is None or not _NO_OBJECT.match(masked, verb_end):
            return ()
        end = len(masked[: rel.start()].rstrip(", "))  # "the steel tariffs, which Canada opposes,"
        start = max(s0, end - OBJECT_REACH)
        comma = masked.rfind(",", start, end)
        return narration.between(comma + 1 if comma >= 0 else start, end)[:2]

    def _reported(self, r: _Reading) -> list[PositionStatement]:
        """Possessive ("the administration's push for a sunset clause") and "from" stances ("opposition
        to the tariffs from Ottawa")."""
        masked = r.masked
        found: list[tuple[str, str, int, int, bool]] = []  # (party, stance, verb start, verb end, from)
        for m in self._possessive.finditer(masked):
            name = _NAME_BEFORE.search(masked, max(0, m.start() - 60), m.start())
            party = self._name_party(name.group(1)) if name else None
            if party and m.lastgroup:
                found.append((party, m.lastgroup, m.start(m.lastgroup), m.end(), False))
        for m in self._from_hits(masked):
            stance = m.lastgroup or ""
            for party in self._parties_after(masked, m.end()):
                found.append((party, stance, m.start(stance), m.end(stance), True))
        out = []
        for party, stance, v0, v1, reported in found:
            k = bisect.bisect_right(r.starts, v0) - 1
            if k < 0:
                continue
            s0, s1 = r.sentences[k]
            if not r.reads(s0, s1):
                continue
            refs = s0 if reported else v1
            for topic, conf in self._topics(r, v0, v1, s0, s1, k, stance, refs):
                out.append(
                    PositionStatement(party, topic, r.text[s0:s1].strip(), stance, s0, round(conf - 0.05, 2))
                )
        return out

    def _from_hits(self, masked: str) -> list[re.Match[str]]:
        """ "from" stances, read only around each "from" (a scan of the whole text costs more)."""
        hits, at, last = [], masked.find(" from "), -1
        while at >= 0:
            for m in self._from.finditer(masked, max(last + 1, at - 120), at + 7):
                hits.append(m)
                last = m.end()
            at = masked.find(" from ", at + 6)
        return hits

    def _parties_after(self, masked: str, at: int) -> list[str]:
        """The parties listed after "from": "prominent congressional Republicans and business officials"."""
        clause = _CLAUSE_END.split(masked[at : at + 160], maxsplit=1)[0]
        out = []
        for chunk in _LIST_SEP.split(clause)[:4]:
            words = chunk.split()[:5]
            party = next(
                (
                    p
                    for n in range(len(words), 0, -1)
                    for i in range(len(words) - n + 1)
                    if (p := self._party_of(" ".join(words[i : i + n])))
                ),
                None,
            )
            if party is None:
                break
            out.append(party)
        return out

    def _name_party(self, name: str) -> str | None:
        words = name.split()
        for i in range(len(words)):
            party = self._party_of(" ".join(words[i:]))
            if party:
                return party
        return None

    def _stance_at(self, masked: str, at: int, s1: int) -> tuple[str, int, int] | None:
        m = self._stance.match(masked, at, s1)
        if m is None:
            m = self._nominal.match(masked, at, s1)
        if m is None or m.lastgroup is None:
            return None
        return m.lastgroup.replace("_", " "), m.start(m.lastgroup), m.end()

    def _second_predicate(
        self, masked: str, tail: int, s1: int, actor_starts: list[int]
    ) -> tuple[str, int, int] | None:
        """The stance in the actor's second verb phrase: "The president has often attacked NAFTA, ...,
        and had threatened to pull out of it". No other actor may come between (a new subject)."""
        own = _OWN_VERB.match(masked, tail, s1)
        if own is None:
            return None
        for joint in _AND.finditer(masked, own.end(), min(s1, own.end() + SECOND_PREDICATE_REACH)):
            if bisect.bisect_left(actor_starts, joint.start()) > bisect.bisect_right(actor_starts, tail):
                return None  # another party named on the way: it may be the second verb's subject
            found = self._stance_at(masked, joint.end(), s1)
            if found:
                return found
        return None

    def _topics(
        self,
        r: _Reading,
        verb_start: int,
        verb_end: int,
        s0: int,
        s1: int,
        k: int,
        stance: str,
        refs: int | None = None,
    ) -> list[tuple[str, float]]:
        """(topic, confidence) pairs: the object's, a back-reference's, or the sentence's own."""
        masked, narration, topics = r.masked, r.narration, r.topics
        cut = _OBJECT_END.search(masked, verb_end, s1)
        end = cut.start() if cut else s1
        condition = _CONDITION_IN.search(masked, verb_end, end)
        if condition and narration.between(verb_end, condition.start()):
            end = condition.start()
        if self._procedural.match(masked, verb_end, end):
            return []
        if (
            stance == "threatens"
            and (
                self._withdrawal.match(masked, verb_end, end)
                or self._withdrawal_in.search(masked, verb_start, verb_end)
            )
            # leaving the pact, not the Paris accord
            and ("withdrawal" in topics.between(s0, s1) or self._pact_object.search(masked, verb_start, end))
        ):
            return [("withdrawal", 0.6)]
        own = narration.between(verb_end, end)
        if stance == "threatens" and self._pact_object.search(masked, verb_end, end):
            # "said Mexico must sign or face exclusion from the pact"; and the demand's topic, if it has one
            # ("must accept the terms on dairy or be left out of the pact")
            return [("withdrawal", 0.6), *[(t, 0.6) for t in own if t != "withdrawal"][:1]]
        if own:
            return [(t, 0.6) for t in own[:2]]
        refs = verb_end if refs is None else refs
        if self._anaphor.match(masked, verb_end, end) or self._demonstrative.search(masked, refs, end):
            back_from = r.sentences[max(0, k - 2)][0]
            back = topics.last_before(back_from, s0)
            if back:
                return [(back, 0.4)]
            if self._main and self._measure.search(masked, refs, end):
                return [(self._main[0], 0.35)]  # "the duties": the measure the story is about
            return []
        before = narration.between(s0, verb_end)
        return [(before[0], 0.45)] if before else []

    def _pronouns(self, masked: str, actors: list[Actor]) -> list[Actor]:
        """ "He", "It" before a stance: the nearest person (or party) named before, within about two
        sentences. "It" and "they" only open a sentence or follow "said (that)"."""
        out = []
        starts = [a.start for a in actors]
        for m in _PRONOUN.finditer(masked):
            nxt = _NEXT_WORD.match(masked, m.end())
            if nxt is None or not self._may_follow(nxt.group(1).lower()):
                continue  # "he said", "it was": no stance verb can start here
            word = m.group(0).lower()
            want_person = word in _PERSON_PRONOUNS
            j = bisect.bisect_left(starts, m.start()) - 1
            subordinate = not want_person and _SUBORDINATE.search(masked, max(0, m.start() - 10), m.start())
            if subordinate:
                # "support from Democrats after they secured changes": the group just named, in the same
                # sentence, with no other plural noun between ("welcomed the envoys after they ...")
                if not self._stance.match(masked, m.end(), m.end() + 200) or j < 0:
                    continue
                between = masked[actors[j].end : m.start()]
                if actors[j].person or len(between) > SAME_CLAUSE_REACH or _OTHER_NOUN.search(between):
                    continue
                out.append(Actor(m.start(), m.end(), actors[j].party, False, pronoun=True))
                continue
            if not want_person and not _CLAUSE_OPENING.search(masked, max(0, m.start() - 6), m.start()):
                continue
            if not self._stance.match(masked, m.end(), m.end() + 200):
                continue
            while j >= 0 and m.start() - actors[j].end < 400:
                if actors[j].person == want_person:
                    out.append(Actor(m.start(), m.end(), actors[j].party, want_person, pronoun=True))
                    break
                j -= 1
        return out


def _groups(masked: str, actors: list[Actor]) -> Iterator[tuple[list[Actor], int]]:
    """Actors named together act together ("Canada and Mexico rejected"): each group, with where the stance
    verb may start (after the last name, or after a conjunct that is no party)."""
    i = 0
    while i < len(actors):
        group = [actors[i]]
        tail = actors[i].end
        while i + 1 < len(actors) and _CONJUNCT.fullmatch(masked, tail, actors[i + 1].start):
            i += 1
            group.append(actors[i])
            tail = actors[i].end
        i += 1
        # "Business groups and some economists want ...": a conjunct that is no party holds nothing
        other = _OTHER_CONJUNCT.match(masked, tail)
        if other and not (i < len(actors) and actors[i].start < other.end()):
            tail = other.end()
        yield group, tail


def _not_acting(masked: str, actor: Actor, s0: int, relative: bool) -> bool:
    """The words before the actor (within sentence ``s0``) make it named, not acting; ``relative``: the
    actor's own relative clause follows ("a priority for Democrats, who demanded"), so it acts after all."""
    at = actor.start

    def before(pattern: re.Pattern[str], reach: int) -> bool:
        return pattern.search(masked, max(s0, at - reach), at) is not None

    return (
        # "corporate America", "rural Canada": a part of the country, not its government
        before(_NOT_THE_PARTY, 20)
        # "from Ottawa", "on Canada"
        or (not relative and before(_PREPOSITION_BEFORE, 30))
        # "few lawmakers wanted": a stance they do not hold
        or before(_FEW, 20)
        # "if Canada refuses": a case, not a stance
        or before(_CONDITION, 12)
        # "clips of local farmers complaining"
        or (not actor.pronoun and masked[at].islower() and before(_PREPOSITION_ADJ_BEFORE, 40))
    )


class QuoteStances:
    """A stance in a party's own words ("We will not accept a sunset clause"). When the quote reports
    another party's stance ("Mexico rejected it"), the speaker is not the actor, so it is left out;
    demands and threats name the other side by nature ("Canada must open its dairy market")."""

    def __init__(
        self,
        party_of_name: Callable[[str], str | None] = lambda _: None,
        topics_of: Callable[[str], tuple[str, ...]] = lambda _: (),
    ) -> None:
        """``topics_of``: the topics named in a stretch of text, for the penalty of a threat."""
        self._stance = re.compile(_alternation(QUOTE_STANCES))
        # a penalty wins over the demand it enforces: "Canada must sign by Friday or face exclusion"
        self._threat = re.compile(_alternation({"threatens": QUOTE_PENALTIES}))
        self._party_of = party_of_name
        self._topics_of = topics_of
        self._leave_pact = re.compile(
            rf"\b(?:{WITHDRAWAL_VERBS}|{EXCLUSIONS})\s+(?:{PACT_OBJECTS})\b", re.IGNORECASE
        )

    def statements(
        self, quotes: Sequence[ExtractedQuote], text: str, sentences: Sequence[tuple[int, int]]
    ) -> list[PositionStatement]:
        out = []
        starts = [s0 for s0, _ in sentences]
        for q in quotes:
            party = q.party or (self._party_of(q.speaker.split()[-1]) if q.speaker else None)
            strength = (q.topic_strengths or (1.0,))[0]
            if not (q.nafta and party) or strength < QUOTE_MIN_STRENGTH:
                continue
            m = self._threat.search(q.text) or self._stance.search(q.text)
            if m is None or m.lastgroup is None:
                continue
            topic = q.topics[0] if q.topics else None
            if m.lastgroup == "threatens":
                topic = self._penalty_topic(q.text[m.start() :]) or topic
            if topic is None:
                continue
            if m.lastgroup not in REPORTED_OK and self._other_party(q.text[: m.start()], party):
                continue
            k = max(0, bisect.bisect_right(starts, q.offset) - 1)
            s0, s1 = sentences[k] if sentences else (0, len(text))
            sentence = text[s0:s1].strip()
            confidence = round(0.3 + 0.2 * strength, 2)
            if m.lastgroup in MODAL_ONLY:
                confidence = min(confidence, MODAL_CONFIDENCE)
            out.append(PositionStatement(party, topic, sentence, m.lastgroup, s0, confidence))
        return out

    def _penalty_topic(self, penalty: str) -> str | None:
        """A threat is about its penalty: "or face exclusion from the pact" is withdrawal, "or pay a big
        border tax on cars" autos."""
        if self._leave_pact.search(penalty):
            return "withdrawal"
        named = self._topics_of(penalty)
        return named[0] if named else None

    def _other_party(self, words: str, own: str) -> bool:
        return any((p := self._party_of(w.group(0))) and p != own for w in _CAPITALISED.finditer(words))


MIN_CONFIDENCE = 0.3  # below: a pronoun actor with a topic read from the story at large
# "We have to ...", "Mexico must ...": in a speaker's own words a demand is read from a modal verb alone,
# and on news such quotes are as often exhortation ("farmers have to buy more land") as a position.
# Kept, but under the bar at which answers show a machine-read position
# (store.answers.queries.SHOWN_CONFIDENCE).
MODAL_ONLY = frozenset({Stance.DEMANDS})
MODAL_CONFIDENCE = 0.45
# Quote stances that name the other side by nature: "Canada must ...", "Mexico will face tariffs".
REPORTED_OK = frozenset({Stance.DEMANDS, Stance.THREATENS})
_CAPITALISED = re.compile(r"\b[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*")


def actors_of(
    parties: list[tuple[int, int, str]],
    people: list[tuple[int, int, KnownPerson]],
    surnames: list[tuple[int, int, KnownPerson]],
    party_of_name: Callable[[str], str | None] = lambda _: None,
    text: str = "",
    titles: Sequence[tuple[int, int, tuple[str, ...]]] = (),
) -> list[Actor]:
    """Every party, and every registry person with a party, named in the text; the longest name wins
    where two overlap ("Donald Trump" over "Trump", "the Trump administration" over "Trump"). A person
    met in an earlier article without a party ("President Trump") takes the party of their surname's
    taxonomy person, so what is read does not depend on what was ingested before. A bare surname is
    not that person when the story names someone else of that surname ("Bernie Sanders" makes
    "Sanders" not the press secretary)."""
    named = [*people, *surnames]
    # a leader by title alone ("the prime minister") acts for the party; listed first, so it wins over
    # a person's alias of the same words ("the president" for one president, whichever the story is about)
    found, not_leaders = [], set()
    for s, e, candidates in titles:
        if _NOT_A_LEADER.match(text, e):
            not_leaders.add(s)  # "the president of the farm bureau"
            continue
        found.append(Actor(s, e, _leader_party(text[s:e], s, candidates, named), True))
    found += [Actor(s, e, slug, False) for s, e, slug in parties if s not in not_leaders]
    # unless the story names the person in full too ("President Trump" and "Melania Trump")
    others = _namesakes(text, {p.name for _, _, p in surnames} - {p.name for _, _, p in people})
    for s, e, p in (*people, *[f for f in surnames if f[2].name not in others]):
        if s in not_leaders:
            continue
        party = p.party or (party_of_name(p.name.split()[-1]) if not p.in_taxonomy else None)
        if party:
            found.append(Actor(s, e, party, True))
    found.sort(key=lambda a: (a.start, -(a.end - a.start)))
    out: list[Actor] = []
    for a in found:
        if out and a.start < out[-1].end:
            continue
        out.append(a)
    return out


# After a title: it is someone else's ("the president of the chamber", "the president at Ford").
_NOT_A_LEADER = re.compile(r"\s+(?:of|at|for)\b|['’]s\b")


def _leader_party(
    title: str, at: int, candidates: tuple[str, ...], named: Sequence[tuple[int, int, KnownPerson]]
) -> str:
    """The party of a title several parties list: that of the person of this title the story names,
    the nearest before it first ("López Obrador ... The president" is Mexico's); else the default."""
    if len(candidates) == 1:
        return candidates[0]
    head = title.split()[-1].lower()
    holders = sorted(
        ((s, p.party) for s, _, p in named if p.party in candidates and head in (p.role or "").lower()),
        key=lambda h: (h[0] > at, -h[0] if h[0] < at else h[0]),
    )
    return holders[0][1] or candidates[0] if holders else candidates[0]


def _namesakes(text: str, names: set[str]) -> set[str]:
    """The names among ``names`` whose surname the text also gives with another first name."""
    out = set()
    for name in names:
        words = name.split()
        for m in re.finditer(rf"\b([A-Z][a-z]+)\s+{re.escape(words[-1])}\b", text):
            if _SENTENCE_START.search(text, max(0, m.start() - 4), m.start()):
                continue  # "Despite Trump's threats": a sentence's first word, not a first name
            if m.group(1) not in words and m.group(1) not in NOT_FIRST_NAMES:
                out.add(name)
                break
    return out


# a sentence's end, not a title's abbreviation ("Sen. Bernie Sanders", "Mr. Trump")
_SENTENCE_START = re.compile(r"(?:^|(?<![A-Z][a-z])(?<![A-Z][a-z]{2})[.!?]\s*|[”\"]\s*|\n\s*)$")
# Capitalised words before a surname that are a title or a sentence's first word, not a first name.
NOT_FIRST_NAMES = frozenset(
    "Mr Mrs Ms Miss Dr Sen Senator Rep Representative President Secretary Minister Prime Gov Governor "
    "Chairman Chairwoman Speaker Vice Leader Ambassador Judge Justice Director Adviser Advisor Press "
    "The When After Before But And As If While Said Says Asked Told Then Now So Secretaries "
    "Commerce Treasury Trade Foreign Economy Agriculture Labor Labour Energy Finance House Senate White "
    "Republican Democrat Democratic Former Deputy Acting General Attorney Chief".split()
)


_NEXT_WORD = re.compile(r"\s+(\w+)")
# Words that may stand between an actor and its stance verb (see _LEAD); "-ly" adverbs are added per word.
_LEAD_WORDS = frozenset(
    "has have had is are was were also still now again already repeatedly reportedly on last this "
    "earlier late".split()
)


def _first_words(pattern: str) -> set[str]:
    """The words a stance phrase can begin with: "(?:dropped|abandoned) its" -> {dropped, abandoned}."""
    out: set[str] = set()
    for alternative in top_level(pattern):
        if alternative.startswith("(?:"):
            out |= _first_words(alternative[3 : _group_end(alternative)])
        else:
            word = re.match(r"[a-z']+", alternative)
            if word:
                out.add(word.group(0))
    return out


def _group_end(pattern: str) -> int:
    """Index of the parenthesis closing the group that opens ``pattern``."""
    depth = 0
    for i, ch in enumerate(pattern):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0:
            return i
    return len(pattern)


def top_level(pattern: str) -> list[str]:
    """The alternatives of a pattern at the outermost level: "a|b(?:c|d)" -> ["a", "b(?:c|d)"]."""
    out, depth, current = [], 0, ""
    for ch in pattern:
        depth += ch == "("
        depth -= ch == ")"
        if ch == "|" and depth == 0:
            out.append(current)
            current = ""
        else:
            current += ch
    return [*out, current]


def ends_sentence(text: str, s0: int, s1: int) -> bool:
    """A sentence ends with a full stop (after any closing marks); headlines and link text do not."""
    end = text[s0:s1].rstrip(_CLOSERS)
    return end[-1:] in (".", "!", "?", "…")


def _dedupe(items: list[PositionStatement]) -> list[PositionStatement]:
    seen, out = set(), []
    for item in items:
        k = (item.party, item.topic, item.offset)
        if k not in seen:
            seen.add(k)
            out.append(item)
    return out
