"""Reading the noun phrase that names a speaker: "Prairie State University economist Nils Brandvold",
"the foreign ministry's statement", "he", "a senior official".

Only the words right around an attribution verb are parsed, so a small grammar of news-copy noun
phrases is enough: determiners, capitalised names, titles, role words and possessives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from store.extract import lexicon as lx

WORD = re.compile(r"[^\s,;:()\[\]“”\"—–]+")
_POSSESSIVE = re.compile(r"['’]s?$")
_STATE_PARTY = re.compile(r"^[RDI]-[A-Z][A-Za-z.]*$")
_TRIM = ".,;:!?'’\""
_DETERMINERS = frozenset({"the", "a", "an"})
_CONNECTORS = frozenset({"of", "for", "on", "and", "&", "to"})  # "ambassador to Mexico"


@dataclass(frozen=True)
class Mention:
    """How an article refers to a speaker at one place.

    kind: "name" (capitalised name, maybe one word), "pronoun", "role" (a definite job or body:
    "the ministry", "the U.S. trade czar"), "unnamed" ("a senior official", "analysts").
    """

    kind: str
    text: str
    name: str | None = None
    role: str | None = None
    gender: str | None = None
    indefinite: bool = False


def is_cap(word: str) -> bool:
    return word[:1].isupper()


@lru_cache(maxsize=8192)
def _clean(word: str) -> str:
    """Strip punctuation a tokeniser leaves on, keeping the dot of "Sen.", "U.S." and initials."""
    bare = word.strip(_TRIM)
    if word.endswith(".") and bare and ("." in bare or len(bare) == 1 or f"{bare}." in _DOTTED):
        return bare + "."
    return bare


_DOTTED = lx.TITLE_WORDS | lx.HONORIFICS | frozenset({"Jr.", "Sr.", "St.", "Co.", "Inc.", "Corp."})


def words(text: str) -> list[str]:
    return WORD.findall(text)


@lru_cache(maxsize=8192)
def _is_name_word(w: str) -> bool:
    bare = w.rstrip(".")
    return (
        is_cap(w)
        and w not in lx.TITLE_WORDS
        and bare not in lx.TITLE_WORDS
        and w not in lx.TIME_WORDS
        and w not in lx.OPENERS
        and not (len(bare) > 1 and bare.isupper() and "." not in bare)  # acronyms: EPA, NAFTA
        and not _STATE_PARTY.match(w)
    )


def split_name(tokens: list[str]) -> tuple[list[str], list[str]]:
    """(title tokens, name tokens): the name is the trailing run of capitalised non-title words."""
    i = len(tokens)
    while i > 0 and (
        _is_name_word(tokens[i - 1]) or (tokens[i - 1] in lx.NAME_PARTICLES and i < len(tokens))
    ):
        i -= 1
    while i < len(tokens) and tokens[i] in lx.NAME_PARTICLES:
        i += 1
    return tokens[:i], tokens[i:]


@lru_cache(maxsize=8192)
def np_word(w: str) -> bool:
    low = w.lower()
    return (
        is_cap(w)
        or low in lx.ROLE_WORDS
        or (low.endswith("s") and low[:-1] in lx.ROLE_WORDS)  # "ambassadors", "governors"
        or low in lx.ORG_HEADS
        or low in lx.UNNAMED_HEADS
        or low in _DETERMINERS
        or low in lx.NAME_PARTICLES
        or low in _CONNECTORS
        or bool(_POSSESSIVE.search(w))
        or w[:1].isdigit()
        or low in {"more", "than", "some", "several", "many", "two", "three", "other", "u.s.", "us"}
    )


def np_at_end(text: str) -> list[str]:
    """The noun phrase that ends ``text`` (the words just before a verb), trailing time words dropped."""
    ws = [_clean(w) for w in words(text)]
    ws = [w for w in ws if w]
    if len(ws) > 1 and ws[-1].lower() in lx.SPEECH_NOUNS and _POSSESSIVE.search(ws[-2]):
        ws[-2:] = [_POSSESSIVE.sub("", ws[-2])]
    while ws and (
        ws[-1] in lx.TIME_WORDS
        or ws[-1].lower() in lx.TIME_WORDS
        or ws[-1].lower() in lx.AUXILIARIES
        or ws[-1][:1].isdigit()
        or (ws[-1].endswith("ly") and ws[-1].islower())
    ):
        ws.pop()
    out: list[str] = []
    for w in reversed(ws):
        if not np_word(w) or (out and w.lower() in lx.PRONOUNS):
            break
        out.append(w)
        if w.lower() in _DETERMINERS:
            break
    out.reverse()
    while out and out[0].lower() in _CONNECTORS:
        out.pop(0)
    if not out and ws and ws[-1].lower() in lx.PRONOUNS:
        out = [ws[-1]]
    return out


def whole_np(text: str) -> list[str]:
    """All of ``text`` (a subject before its verb) when it is one noun phrase whose head noun is missing
    from the word lists: "the senior staffer", "a coalition of Midwest grain exporters"."""
    ws = [w for w in (_clean(w) for w in words(text)) if w]
    while ws and ws[0].lower() in lx.LEADING_WORDS:
        ws.pop(0)
    head = np_at_start(" ".join(ws))
    rest = ws[len(head) :]
    if (
        head
        and head[0].lower() in _DETERMINERS
        and 1 <= len(rest) <= 2
        and all(w.isalpha() and w.islower() and w not in lx.AUXILIARIES for w in rest)
        and head[-1].lower() not in _CONNECTORS
    ):
        return head + rest
    return []


def np_at_start(text: str) -> list[str]:
    """The noun phrase that opens ``text`` (after an inverted verb, or a sentence's subject)."""
    ws = [_clean(w) for w in words(text)]
    ws = [w for w in ws if w]
    while ws and ws[0].lower() in lx.LEADING_WORDS:
        ws.pop(0)
    if ws and ws[0].lower() in lx.PRONOUNS:
        return ws[:1]
    out: list[str] = []
    for w in ws:
        if not np_word(w) or (w in lx.TIME_WORDS and out):
            break
        out.append(w)
        if _POSSESSIVE.search(w) and len(out) > 1 and not is_cap(w):
            break
    while out and out[-1].lower() in _CONNECTORS | _DETERMINERS:
        out.pop()
    return out


@lru_cache(maxsize=16384)
def classify_run(tokens: tuple[str, ...]) -> Mention | None:
    """``classify`` for a capitalised run of the text; runs repeat across articles, so answers are kept."""
    return classify(list(tokens))


def classify(tokens: list[str]) -> Mention | None:
    """Turn noun-phrase tokens into a Mention; None when they cannot name a speaker."""
    if not tokens:
        return None
    low = [t.lower() for t in tokens]
    if len(tokens) == 1 and low[0] in lx.PRONOUNS:
        return Mention("pronoun", tokens[0], gender=lx.PRONOUNS[low[0]])
    if _never_a_speaker(tokens, low):
        return None
    # "the foreign ministry's statement" names the ministry; "Canada's foreign minister" stays whole.
    if len(tokens) > 1 and _POSSESSIVE.search(tokens[-2]) and low[-1] in lx.SPEECH_NOUNS:
        return classify([*tokens[:-2], _POSSESSIVE.sub("", tokens[-2])])
    if low[-1] in lx.SPEECH_NOUNS:
        return None
    if _POSSESSIVE.search(tokens[-1]):
        return classify([*tokens[:-1], _POSSESSIVE.sub("", tokens[-1])])
    cleaned = _clean_tokens(tokens)
    if cleaned != tokens:
        return classify(cleaned)
    return _classify_clean(tokens, low)


def _never_a_speaker(tokens: list[str], low: list[str]) -> bool:
    """Words in a subject's place that name no speaker: "In", "His", "Sept" (capitalised only because a
    sentence starts there), "Rep.", "Sen." (a title whose name the crawl lost), "I", "we" (the article's
    own voice or a transcript)."""
    if len(tokens) == 1 and (
        tokens[0] in lx.OPENERS
        or low[0] in lx.POSSESSIVES
        or tokens[0] in lx.TIME_WORDS
        or tokens[0] in lx.TITLE_WORDS
        or tokens[0] in lx.HONORIFICS
    ):
        return True
    return low[0].replace("’", "'") in lx.FIRST_PERSON and not (len(tokens[0]) > 1 and tokens[0].isupper())


def _classify_clean(tokens: list[str], low: list[str]) -> Mention | None:
    """``classify`` for tokens already cleaned of punctuation and possessives."""
    text = " ".join(tokens)
    owned = _owned(tokens)
    if owned is not None:
        return owned if isinstance(owned, Mention) else None
    bare = [t for t in tokens if t.lower() not in _DETERMINERS]
    if not bare or " ".join(bare) in lx.PLACES or bare[-1] in lx.MUTE_HEADS or bare[-1] in lx.PLATFORMS:
        return None  # "Trump-friendly West Virginia", "the Harbor Value Fund", "Twitter" never speak
    affiliated = _name_of_org(tokens)
    if affiliated:
        return affiliated
    title, name = split_name(tokens)
    if len(tokens) > 2 and low[0] in {"a", "an", "the"} and low[1] in lx.GROUP_NOUNS:
        return Mention("role", text, role=text)  # "a group of former envoys to Mexico" keeps its name
    if title and title[-1].lower() in {"of", "for", "at", "from", "to"}:
        return Mention("role", text, role=text)  # "the Dairy Farmers of Ontario": a body, not "Ontario"
    if name and _names_a_person(low, title, name):
        return _name_mention(text, title, name)
    return _unnamed_or_role(tokens, low, text)


def _names_a_person(low: list[str], title: list[str], name: list[str]) -> bool:
    """The capitalised ``name`` after ``title`` is a person's, not a body's: no organisation word in the
    title unless a role or title word ends it, not "the X", no organisation word in the name."""
    org_context = any(t in lx.ORG_WORDS for t in title) and not (
        title and (title[-1].lower() in lx.ROLE_WORDS or title[-1].rstrip(".") in lx.TITLE_WORDS)
    )
    return not org_context and not (low[0] == "the" and not title) and not _org_name(name)


def _name_mention(text: str, title: list[str], name: list[str]) -> Mention:
    """A named person, with the role and gender the title words give ("Sen.", "Mrs.")."""
    name = _first_form(name)
    honorific = title[-1].lower() if title else ""
    gender = lx.HONORIFIC_GENDER.get(honorific)
    title = [t for t in title if t not in lx.OPENERS]
    role = " ".join(t for t in title if t.lower() not in lx.HONORIFIC_GENDER) or None
    return Mention("name", text, name=" ".join(name), role=role, gender=gender)


# Determiners and numbers that make a phrase indefinite: "a senior official", "two aides".
_INDEFINITE = frozenset({"a", "an", "some", "several", "many", "more", "two", "three", "other"})


def _unnamed_or_role(tokens: list[str], low: list[str], text: str) -> Mention | None:
    """A phrase that names no one: an unnamed source ("a senior official"), a job or body ("the ministry")."""
    head = low[-1]
    if head in lx.UNNAMED_HEADS and not any(is_cap(t) for t in tokens[1:] if t.lower() not in lx.ROLE_WORDS):
        return Mention("unnamed", text, role=text, indefinite=True)
    if low[0] in _INDEFINITE and (low[0] in {"a", "an"} or not is_cap(tokens[-1])):
        return Mention("unnamed", text, role=text, indefinite=True)  # "an Iowa Democrat", "two aides"
    if all(t.isupper() or _STATE_PARTY.match(t.strip("()")) for t in tokens):
        return None  # acronyms and "(R-Texas)" alone name nobody
    if (
        any(is_cap(t) for t in tokens)
        or head in lx.ORG_HEADS
        or head in lx.ROLE_WORDS
        or head in lx.UNNAMED_HEADS
    ):
        return Mention("role", text, role=text)
    return None


def _org_name(name: list[str]) -> bool:
    """Does a word of this capitalised run mark a body ("Harbor Steel Group")? A first name that is also
    such a word ("Bill Reinsch", "Mark Union") does not, when it opens a run of two words or more."""
    return any(
        n in lx.ORG_WORDS for i, n in enumerate(name) if not (i == 0 and len(name) > 1 and _first_name(n))
    )


def _first_name(word: str) -> bool:
    return word in lx.MALE_NAMES or word in lx.FEMALE_NAMES


_MODIFIER = re.compile(
    r"^[A-Z][\w.’']*-(?:friendly|based|backed|led|leaning|owned|run|allied|aligned|dominated|controlled|"
    r"born|bred|area|style|made|heavy|rich|dependent)$"
)
_GLUED_CAPS = re.compile(r"^([A-Z][a-z]{2,})[A-Z]{2,}$")
_TRAILING = frozenset({"and", "or", "&", "other", "others", "more", "some", "several", "many", "but"})


def _clean_tokens(tokens: list[str]) -> list[str]:
    """Drop what is never part of a speaker's name: crawler debris in capitals ("READ MORE"), party-state
    tags ("(D-Calif.)"), modifiers such as "Trump-friendly", and a trailing "and" or "other"."""
    out = []
    for t in tokens:
        if len(t) > 4 and t[-1].isupper() and not t.isupper():
            t = _GLUED_CAPS.sub(r"\1", t)  # "LoweMORE", "LoweGOP": a link's debris
        if t.isupper() and t in lx.CRAWLER_JUNK:
            continue
        if "-" in t and (_STATE_PARTY.match(t.strip("()")) or _MODIFIER.match(t)):
            continue
        out.append(t)
    while out and out[-1].lower() in _TRAILING:
        out.pop()
    return out


def _first_form(name: list[str]) -> list[str]:
    """A name the crawler doubled from a link's hover card ("Ann Lowe Ann Marie Lowe", "Lowe Ann Marie
    Lowe"): the first form."""
    if len(name) >= 3:
        for i in range(len(name) - 2):
            if name[i] == name[-1]:
                return name[: i + 1]
    return name


def _owned(tokens: list[str]) -> Mention | Literal[False] | None:
    """A possessive inside the phrase: "Mexico's Ana Varela" is Ana Varela; "Trump's Twitter account" is
    Trump. None when there is no such possessive, False when the phrase names nobody."""
    for i in range(len(tokens) - 2, -1, -1):
        if not (_POSSESSIVE.search(tokens[i]) and is_cap(tokens[i])):
            continue
        owner, rest = tokens[: i + 1], tokens[i + 1 :]
        if all(t in lx.PLATFORMS or t.lower() in lx.PLATFORMS or t.lower() in lx.SPEECH_NOUNS for t in rest):
            return classify([*owner[:-1], _POSSESSIVE.sub("", owner[-1])]) or False
        if not is_cap(rest[0]):
            return None
        found = classify(rest)
        if found and found.kind == "name" and found.name:  # "Vermont's Gause": Gause, as the article has it
            role = " ".join([*owner, *(found.role or "").split()])
            return Mention("name", " ".join(tokens), found.name, role, found.gender)
        return None
    return None


def _name_of_org(tokens: list[str]) -> Mention | None:
    """'Lucia Ferrante of the Ontario Manufacturers Council': a person, with the body as their role."""
    if tokens[0].lower() == "the":
        return None  # "The Dairy Farmers of Ontario" is a body
    for i, t in enumerate(tokens[:5]):
        if t in {"of", "from", "at"} and i >= 2:
            title, name = split_name(tokens[:i])
            if len(name) >= 2 and not _org_name(name):
                role = " ".join([*title, *tokens[i:]])
                return Mention("name", " ".join(tokens), name=" ".join(name), role=role)
            return None
    return None


@lru_cache(maxsize=8192)
def is_appositive(chunk: str) -> bool:
    """Does this comma-separated chunk describe the name before it ("a soybean grower", "R-Texas", "34")?"""
    ws = words(chunk)
    if not ws:
        return True
    first = ws[0]
    if first.lower() in lx.PRONOUNS:
        return False
    if first[:1].islower() or first[:1].isdigit() or _STATE_PARTY.match(first):
        return True
    if first.lower() in {"the", "a", "an"}:
        return True
    return bool(_POSSESSIVE.search(first) and len(ws) > 1 and ws[1][:1].islower())
