"""Read a question in plain words: what is asked (the intent) and about what (names, words, a window).

Pure and deterministic for a given ``today``, with no database. The steps, in order:
1. a quoted phrase is kept as search words; "U.S." and a possessive "'s" are tidied;
2. a time window is taken out ("in the last month" -> "30d", see ``when``);
3. names are found left to right, longest first: shorthand, then every name the store knows,
   the negotiation's own names ("NAFTA") set aside, another deal ("TPP") marked out of scope;
4. cue phrases (``cues``) are found among the words left; filler is dropped;
5. any word still unexplained may be a misspelt name ("guajrado", "softwod");
6. the intent follows from what was found (``_intent``).

    >>> read("what did freeland say about dairy this week", vocab)
    Reading(intent=<Intent.PERSON: 'person'>, topic='dairy', person=<Chrystia Freeland>, since='7d', ...)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from handlers.query import cues
from handlers.query.intent import Intent
from handlers.query.vocabulary import Match, PartyRef, PersonRef, TopicRef, Vocabulary, match_key
from handlers.query.when import find_window

FUZZY_CUTOFF = 80  # fuzz.ratio for a misspelt name: "diary" -> "dairy" is 80, "mexcio" -> "mexico" 83
FUZZY_MIN_CHARS = 5
_QUOTED = re.compile(r"[\"“”«»]([^\"“”«»]{2,200})[\"“”«»]|(?<!\w)['‘]([^'‘’]{2,200})['’](?!\w)")
_US = re.compile(
    r"(?<![\w.])(?:U\.S\.A\.|U\.S\.A|U\.S\.|U\.S|USA|US)(?![\w])|(?<![\w.])u\.s\.(?:a\.)?", re.UNICODE
)
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b", re.IGNORECASE)
_US_AFTER = frozenset({"the", "vs", "versus", "and"})  # lower-case "us" is the country only after these
_CUE_PHRASES = frozenset((*cues.LATEST_CUES, *cues.TIMELINE_CUES, *cues.HELP_CUES, *cues.TOPICS_CUES))
_LONGEST_CUE = max(c.count(" ") + 1 for c in _CUE_PHRASES)
_OUT_OF_SCOPE = frozenset(cues.OUT_OF_SCOPE)
_SEARCH_CUES = tuple(sorted(cues.SEARCH_CUES, key=len, reverse=True))
_TYPED_WORD = re.compile(r"[\w$%]+(?:['’.-][\w$%]+)*")
_SOFT_CUES = cues.ACTOR_CUES | cues.TIMELINE_WITH_HOW


@dataclass
class Reading:
    intent: Intent = Intent.UNKNOWN
    topic: TopicRef | None = None
    party: PartyRef | None = None
    person: PersonRef | None = None
    terms: str | None = None
    since: str | None = None
    out_of_scope: bool = False
    plain: bool = False  # asked as a sentence (question words, cues), not as the terse grammar
    suggestions: list[Match] = field(default_factory=list)


@dataclass
class _Found:
    """What the scan over the words turned up."""

    names: list[tuple[list[Match], bool]] = field(default_factory=list)  # (matches, fuzzy) in order
    cues: set[str] = field(default_factory=set)
    unexplained: list[str] = field(default_factory=list)
    content: str = ""  # the words that were not filler or cues, for suggestions
    filler: int = 0
    negotiation: bool = False  # the negotiation itself was named ("nafta", "the deal")
    out_of_scope: bool = False


def read(text: str, vocab: Vocabulary, *, today: date | None = None) -> Reading:
    """How ``text`` reads; see the module docstring for the steps."""
    quoted = _QUOTED.search(text)
    raw = _POSSESSIVE.sub("", _US.sub(" United States ", text))
    normal = match_key(raw)
    since, normal = find_window(normal, today)
    words = normal.split()
    search_words, words = _search_split(words, text, vocab)
    phrase = (quoted.group(1) or quoted.group(2)).strip() if quoted else ""
    if quoted and (search_words or not vocab.names(match_key(phrase))):  # not 'sunset' in scare quotes
        search_words = phrase
        words = find_window(match_key(raw.replace(quoted.group(0), " ")), today)[1].split()
    found = _scan(words, vocab)
    reading = Reading(since=since, terms=search_words, plain=bool(found.filler or found.cues or since))
    if found.out_of_scope:
        return Reading(out_of_scope=True)
    _choose_names(reading, found)
    reading.intent = _intent(reading, found, search_words)
    if reading.intent == Intent.UNKNOWN:
        phrase = found.content
        return Reading(suggestions=vocab.fuzzy(phrase, limit=3) if phrase else [])
    if reading.intent != Intent.SEARCH:
        reading.terms = None
    return reading


def _search_split(words: list[str], original: str, vocab: Vocabulary) -> tuple[str | None, list[str]]:
    """Words after "who said" or "did Trudeau say" are searched for, not read as names."""
    joined = " ".join(words)
    padded = f" {joined} "
    for cue in _SEARCH_CUES:
        at = padded.find(f" {cue} ")
        if at >= 0:
            before, after = joined[:at].split(), joined[at + len(cue) :].split()
            return _terms(after, original), before
    for i, word in enumerate(words):
        if word in cues.SAY_WORDS and any(w in cues.SAY_LEADS for w in words[:i]):
            after = [w for w in words[i + 1 :]]
            while after and after[0] in cues.SAY_SOFTENERS:
                after = after[1:]
            if after and after[0] not in cues.SAY_TOPIC_OPENERS and not _only_names(after, vocab):
                return _terms(after, original), words[:i]
    return None, words


def _only_names(words: list[str], vocab: Vocabulary) -> bool:
    """True when the words after "say" are just a topic ("did Ross say steel"), not a phrase to find."""
    return all(w in cues.FILLER or w in _CUE_PHRASES or vocab.names(w) for w in words)


def _terms(after: list[str], original: str) -> str | None:
    """The searched words as the user typed them (apostrophes, hyphens kept), without a leading article."""
    while after and after[0] in {"a", "an", "the", "that"}:
        after = after[1:]
    if not after:
        return None
    typed = [(m, match_key(m.group())) for m in _TYPED_WORD.finditer(original)]
    words = [(m, w) for m, folded in typed for w in folded.split()]  # one entry per normalised word
    n = len(after)
    for i in range(len(words) - n, -1, -1):
        if [w for _, w in words[i : i + n]] == after:
            return original[words[i][0].start() : words[i + n - 1][0].end()][:200]
    return " ".join(after)[:200]


def _scan(words: list[str], vocab: Vocabulary) -> _Found:
    found = _Found()
    taken: set[int] = set()  # positions read as a name or a cue
    unexplained: list[int] = []
    i = 0
    while i < len(words):
        step = _name_at(words, i, vocab, found) or _cue_at(words, i, found)
        if step:
            taken.update(range(i, i + step))
            i += step
            continue
        word = words[i]
        if " ".join(words[i : i + 2]) in _OUT_OF_SCOPE or word in _OUT_OF_SCOPE:
            found.out_of_scope = True
        elif word in _SOFT_CUES:
            found.filler += 1
            if word in cues.ACTOR_CUES or "how" in words:
                found.cues.add(word)
        elif word in cues.FILLER or word.isdigit() or len(word) == 1:
            found.filler += 1
        else:
            unexplained.append(i)
        i += 1
    _fuzzy_names(found, words, unexplained, taken, vocab)
    return found


def _name_at(words: list[str], i: int, vocab: Vocabulary, found: _Found) -> int:
    for n in range(min(vocab.longest, len(words) - i), 0, -1):
        key = " ".join(words[i : i + n])
        if key in vocab.other_deals:
            found.out_of_scope = True
            return n
        if key in vocab.ignored:
            found.negotiation = True
            return n
        if key == "us" and i > 0 and words[i - 1] not in _US_AFTER:
            continue  # "tell us about autos": the pronoun
        if matches := vocab.names(key):
            found.names.append((matches, False))
            return n
    return 0


def _cue_at(words: list[str], i: int, found: _Found) -> int:
    for n in range(min(_LONGEST_CUE, len(words) - i), 0, -1):
        key = " ".join(words[i : i + n])
        if key in _CUE_PHRASES:
            found.cues.add(key)
            return n
    return 0


def _fuzzy_names(
    found: _Found, words: list[str], unexplained: list[int], taken: set[int], vocab: Vocabulary
) -> None:
    """Misspelt names starting at an unexplained word: three or two words first ("ruls of origin",
    "intelectual property"), then the word alone ("guajrado"). What stays unexplained is kept."""
    found.content = " ".join(words[i] for i in unexplained)
    done: set[int] = set()
    for i in unexplained:
        if i in done:
            continue
        for n in (3, 2):
            span = range(i, i + n)
            if span.stop > len(words) or taken.intersection(span) or span[-1] not in unexplained:
                continue
            if matches := vocab.close_name(" ".join(words[i : i + n]), cutoff=FUZZY_CUTOFF + 5):
                found.names.append((matches, True))
                done.update(span)
                break
        else:
            if len(words[i]) >= FUZZY_MIN_CHARS and (
                matches := vocab.close_name(words[i], cutoff=FUZZY_CUTOFF)
            ):
                found.names.append((matches, True))
                done.add(i)
    found.unexplained = [words[i] for i in unexplained if i not in done]


def _choose_names(reading: Reading, found: _Found) -> None:
    """First topic, party and person named; a name that is both a topic and a party is settled by context."""
    plain = [ms for ms, _ in found.names if len({m.kind for m in ms}) == 1]
    has_topic = any(ms[0].kind == "topic" for ms in plain)
    has_party = any(ms[0].kind == "party" for ms in plain)
    asked_of_actor = bool(found.cues & cues.ACTOR_CUES)
    for matches, _fuzzy in found.names:
        kinds = {m.kind for m in matches}
        if len(kinds) > 1 and "person" not in kinds:
            prefer = "party" if has_topic or (asked_of_actor and not has_party) else "topic"
            matches = [m for m in matches if m.kind == prefer] or matches
        ref = matches[0].ref  # its type is the match's kind
        if isinstance(ref, TopicRef) and reading.topic is None:
            reading.topic = ref
        elif isinstance(ref, PartyRef) and reading.party is None:
            reading.party = ref
        elif isinstance(ref, PersonRef) and reading.person is None:
            reading.person = ref


def _intent(reading: Reading, found: _Found, search_words: str | None) -> Intent:
    named = reading.topic or reading.party or reading.person
    only_fuzzy = bool(found.names) and all(fuzzy for _, fuzzy in found.names)
    if search_words:
        reading.topic = reading.party = None
        return Intent.SEARCH
    if named and only_fuzzy and found.unexplained and not found.filler and not found.cues:
        return Intent.UNKNOWN  # "procurment rules": a guess plus words I don't know; suggest instead
    if reading.person:
        reading.party = None
        return Intent.TIMELINE if _has(found, cues.TIMELINE_CUES) or _how_changed(found) else Intent.PERSON
    if (reading.topic or reading.party) and (_has(found, cues.TIMELINE_CUES) or _how_changed(found)):
        return Intent.TIMELINE
    if named and _has(found, cues.LATEST_CUES):
        return Intent.LATEST
    if reading.topic:
        return Intent.TOPIC
    if reading.party:
        return Intent.PARTY
    if _has(found, cues.TOPICS_CUES):
        return Intent.TOPICS
    if _has(found, cues.LATEST_CUES) or (reading.since and not found.unexplained):
        return Intent.LATEST
    if _has(found, cues.HELP_CUES):
        return Intent.HELP
    if found.negotiation and not found.unexplained:
        return Intent.TOPICS  # "tell me about nafta": where every chapter stands
    return Intent.UNKNOWN


def _has(found: _Found, table: tuple[str, ...]) -> bool:
    return any(c in found.cues for c in table)


def _how_changed(found: _Found) -> bool:
    return bool(found.cues & cues.TIMELINE_WITH_HOW)
