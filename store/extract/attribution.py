"""Who a quote is attributed to, read off the words around it: the wire forms

    "...," said Robert Lighthizer, the U.S. trade representative.
    "...," he told the committee.            Lighthizer said: "..."
    X called the offer "a workable start".     according to X, ...
    comments by a spokeswoman that "..."     quoted X as saying "..."

Everything here works on the masked text (quote interiors blanked), so words inside a quote never
look like an attribution. The result names a noun phrase; ``cast`` decides who it refers to.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from store.extract import lexicon as lx
from store.extract.marks import MASK
from store.extract.nps import Mention, classify, is_appositive, np_at_end, np_at_start, whole_np, words

_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*")
_QUOTED_AS = re.compile(r"\b(?:quoted|quoting|cited|citing)\s+(.{2,80}?)\s+as\s+(?:saying|telling|writing)\b")
_ACCORDING = re.compile(
    r"\b(?:[Aa]ccording\s+to|[Ii]n\s+the\s+words\s+of)\s+(?:(?:a|an|the)\s+)?(?:(?:\w+\s+)?(?:statement|release|letter|memo|note|report|post|"
    r"tweet|filing|transcript)s?\s+(?:from|by|issued\s+by)\s+)?"
)
_BY_NOUN = re.compile(
    r"\b(?:comments?|remarks?|statements?|testimony|tweets?|letter|warning|words)\b[^.;]{0,60}?\bby\s+"
)
_POSS_NOUN = re.compile(
    r"\b(his|her|their|its|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}[’']s?)\s+(?:[a-z-]+\s+){0,2}"
    r"(?:comments?|remarks?|statements?|musings?|tweets?|claims?|assertions?|warnings?|"
    r"pledges?|promises?|threats?|words|speech|letter|message|testimony)\b"
)
_CONTEXT = re.compile(
    r"^\s*(?:(?:on|last|this|early|late)\s+)?(?:[A-Z][a-z]+day\s+)?(?:(?:morning|afternoon|evening|night)\s+)?"
    r"((?:in|at|during|to|on|before|aboard|via)\s+(?:a|an|the|his|her|their)?\s*[^,.;]{2,70}?)"
    r"(?=\s+(?:that|to|about|when|as|after|before|because|if)\b|[,.;]|$)"
)
_TOLD = re.compile(r"^\s*([^,.;]{2,70})")
# Where the audience of "told ..." ends: a date, or the start of what was said or when.
_TOLD_END = re.compile(
    r"\s+(?:on|last|this)\s+[A-Z]|\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|"
    r"\s+(?:that|as|when|while|because|if)\b"
)
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_SPLIT_CHUNKS = re.compile(r",|\s—\s|\s–\s")
_PRE_LIMIT = 400


@dataclass(frozen=True)
class Attribution:
    mention: Mention
    how: str  # post, inverted, pre, participle, noun, according, sentence
    verb: str | None
    context: str | None
    weekday: str | None


def _verbs(text: str, start: int, end: int, post: bool = False) -> list[re.Match[str]]:
    """Speech verbs in text[start:end]: lowercase, or capitalised only when opening it ("Said Trump: ...")."""
    vocab = lx.SPEECH_VERBS | lx.POST_ONLY_VERBS if post else lx.SPEECH_VERBS
    found = []
    for m in _WORD.finditer(text, start, end):
        word = m.group(0)
        if word.lower() not in vocab:
            continue
        if word[0].isupper() and (
            word.lower() not in lx.INVERTING or text[start : m.start()].strip(' \n"“”')
        ):
            continue
        found.append(m)
    return found


_DOC = "|".join(sorted(lx.DOCUMENT_NOUNS, key=len, reverse=True))
_DOC_SUBJECT = re.compile(
    rf"^\s*(?:(?:in|on)\s+[^,]{{1,40}},\s*)?(?:the|a|an|this|that|its|his|her|their|one|another)\s+"
    rf"(?:[\w-]+\s+){{0,2}}?(?:{_DOC})\b",
    re.IGNORECASE,
)
_AUTHOR = re.compile(
    r"\b(?:in\s+the\s+name\s+of|(?:sent|issued|signed|released|posted|written|put\s+out)\s+by|from|by)\s+"
    r"(?=\S)|\b(?:on|in|to)\s+(?=(?:the\s+)?[A-Z][^,]{0,60}?[’']s?\s+(?:website|site|page|account|feed|blog|"
    r"name)\b)|\bin\s+(?=[A-Z][^,]{0,60}?[’']s?\s+name\b)"
)


_AUTHOR_END = re.compile(r"[’']s?\s+(?:website|site|page|account|feed|blog|name)\b|,|\s+(?:that|which)\s")


def _document_author(text: str) -> Mention | None:
    """'A statement posted on the White House website', 'the email, sent in Dana Cole's name', 'a
    release from Harbor Steel': the author of a written text that is the subject of a verb of saying.
    A document with no author in sight ("the statement read") is the "document" mention, for the cast
    to give to the body or person that just issued it."""
    doc = _DOC_SUBJECT.match(text)
    if not doc:
        return None
    rest = text[doc.end() :]
    for m in _AUTHOR.finditer(rest):
        phrase = _AUTHOR_END.split(rest[m.end() :], maxsplit=1)[0]
        tokens = np_at_start(phrase)
        while tokens and tokens[-1].lower() in lx.DOCUMENT_NOUNS:
            tokens.pop()
        found = classify(tokens)
        if found and found.kind != "pronoun":
            return found
    return Mention("document", doc.group(0).strip())


def _subject_before(text: str) -> Mention | None:
    """Subject of a verb from the words before it: skip appositives ("X, a soybean grower, said")."""
    document = _document_author(text)
    if document:
        return document
    chunks = _SPLIT_CHUNKS.split(text)
    while chunks and not chunks[-1].strip():
        chunks.pop()
    if not chunks:
        return None
    word = _last_word(chunks[-1])
    if word.lower() in lx.PRONOUNS:  # "..., which he said", "as she told"
        return classify([word])
    if word.lower() == "who":  # "X of the council, who called it ...": the last person named
        return Mention("relative", "who")
    if word.lower() in _JOINING:  # "X told the Courier and added": X's verb
        head = classify(np_at_start(chunks[-1]))
        if head or len(chunks) < 2:
            return head
        return _subject_before(text[: text.rfind(chunks[-1])])
    return _subject_in_chunks(chunks)


# A verb after one of these shares the subject of the verb before: "X told the Courier and added".
_JOINING = frozenset({"and", "or", "but"})


def _last_word(chunk: str) -> str:
    """The chunk's last word before the verb, past auxiliaries and time words ("he has long", "she on
    Tuesday"); "" when there is none."""
    ws = words(chunk)
    while ws and (ws[-1].lower() in lx.AUXILIARIES or ws[-1].lower() in lx.TIME_WORDS):
        ws.pop()
    return ws[-1] if ws else ""


def _subject_in_chunks(chunks: list[str]) -> Mention | None:
    """The subject in the comma-separated chunks before a verb, from the last, past appositives."""
    for i in range(len(chunks) - 1, -1, -1):
        chunk = chunks[i]
        ws = words(chunk)
        if not ws:
            continue
        if i > 0 and is_appositive(chunk) and any(_could_be_subject(c) for c in chunks[:i]):
            continue
        if ws[0].lower() == "including":
            continue
        found = classify(np_at_end(chunk)) or _described(whole_np(chunk)) or classify(np_at_start(chunk))
        if found:
            role = _appositive_role(chunks[i + 1 :])
            if role and found.kind == "name" and not found.role:
                found = Mention(found.kind, found.text, found.name, role, found.gender, found.indefinite)
            return found
        return None
    return None


def _described(tokens: list[str]) -> Mention | None:
    """A subject whose head noun no list knows: "the senior staffer", "a coalition of grain exporters".
    A job described by rank or past ("senior", "former") is an unnamed source; anything else a body."""
    found = classify(tokens)
    if found or not tokens:
        return found
    text = " ".join(tokens)
    if any(t.lower() in lx.ROLE_WORDS for t in tokens[1:-1]):
        return Mention("unnamed", text, role=text, indefinite=tokens[0].lower() != "the")
    return Mention("role", text, role=text)


_INTRO = frozenset(
    "on in at during after before earlier later meanwhile also but and however still separately since while "
    "when as despite amid asked speaking according".split()
)


# Conjunctions that may open a sentence before its subject: "But Sen. Dale Harkins, who ..., said".
_CONJUNCTIONS = frozenset("but and yet so still meanwhile however".split())


def _could_be_subject(chunk: str) -> bool:
    ws = words(chunk)
    if len(ws) > 1 and ws[0].lower() in _CONJUNCTIONS:
        ws = ws[1:]
    if not ws or ws[0].lower() in _INTRO:
        return False
    return classify(np_at_end(chunk)) is not None


def _appositive_role(chunks: list[str]) -> str | None:
    for chunk in chunks:
        c = chunk.strip()
        if (
            c
            and is_appositive(c)
            and not c[:1].isdigit()
            and not c.lower().startswith(("who", "which", "whose"))
        ):
            return c[:200]
    return None


_LATE_NAME = re.compile(r"^\s*(?:[a-z][\w-]*\s+){1,3}(?=[A-Z])")
_NOT_MODIFIERS = frozenset(
    "in on at to by for from with that the a an this last during after before as".split()
)


def _subject_after(text: str) -> Mention | None:
    """Subject of an inverted verb ('said Hal Ostrander, a soybean grower') with its appositive role."""
    chunks = _SPLIT_CHUNKS.split(text)
    found = classify(np_at_start(chunks[0]))
    if found is None:  # 'said outgoing Vermont Representative Gil Sorensen'
        lead = _LATE_NAME.match(chunks[0])
        if lead and not set(lead.group(0).split()) & _NOT_MODIFIERS:
            found = classify(np_at_start(chunks[0][lead.end() :]))
    if (found is None or found.kind in {"unnamed", "role"}) and len(chunks) > 1:
        named = classify(np_at_start(chunks[1]))  # 'said one of the negotiators, Pilar Ochoa'
        if named and named.kind == "name" and named.name and " " in named.name:
            role = chunks[0].strip()[:200] or None
            return Mention("name", named.text, named.name, named.role or role, named.gender)
    if found and found.kind == "name" and not found.role:
        role = _appositive_role(chunks[1:2])
        if role:
            found = Mention(found.kind, found.text, found.name, role, found.gender, found.indefinite)
    return found


def _main_subject(text: str) -> Mention | None:
    """The subject of a sentence's main clause, for participles: 'Canada replied Friday, saying: ...'."""
    chunks = [c for c in _SPLIT_CHUNKS.split(text) if any(w.strip(MASK) for w in words(c))]
    for chunk in chunks:
        if words(chunk)[0].lower() in _INTRO and len(chunks) > 1:
            continue
        return classify(np_at_start(chunk.replace(MASK, " ")))
    return None


def _context(text: str, verb: str) -> tuple[str | None, str | None]:
    day = _WEEKDAY.search(text[:60])
    weekday = day.group(1) if day else None
    if verb.lower() in {"told", "tells", "tell", "telling"}:
        m = _TOLD.match(text)
        if m:
            obj = _TOLD_END.split(m.group(1))[0].strip()
            if obj and obj.split()[0].lower() not in {"that", "him", "her", "them", "me", "us", "you"}:
                return f"{verb} {obj}"[:200], weekday
    m = _CONTEXT.match(text)
    if m:
        phrase = re.split(
            r"\s+(?:on|last|this)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)", m.group(1)
        )[0].strip()
        if phrase.split()[0] in {"in", "at", "during", "to", "before", "aboard", "via"}:
            return phrase[:200], weekday
    if verb.lower() in {"tweeted", "wrote", "posted"}:
        return verb.lower(), weekday
    return None, weekday


def post_attribution(text: str, close_at: int, limit: int) -> Attribution | None:
    """'"...," Trump said.' / '"...," said Hal Ostrander, ...' right after the closing mark."""
    start = close_at + 1
    lead = re.match(r"[\s,—–-]*", text[start:limit])
    start += lead.end() if lead else 0
    for m in _verbs(text, start, min(limit, start + 220), post=True)[:2]:
        before = text[start : m.start()]
        if len(words(before)) > 14:
            return None
        after = text[m.end() : limit]
        if not words(before):
            mention = _subject_after(after)
            if mention:
                ctx, day = _context(_after_subject(after), m.group(0))
                return Attribution(mention, "inverted", m.group(0), ctx, day)
            return None
        if not _starts_with_subject(before):
            return None
        mention = _subject_before(before)
        if mention:
            ctx, day = _context(after, m.group(0))
            return Attribution(mention, "post", m.group(0), ctx, day)
        return None
    acc = _ACCORDING.match(text, start, limit)
    if acc:
        mention = _subject_after(text[acc.end() : limit])
        if mention:
            return Attribution(mention, "according", None, None, None)
    return None


def _starts_with_subject(text: str) -> bool:
    """After a closing mark, is the next thing a noun phrase ("Trump", "the group") and not more of the
    sentence ("in investigations into ..., and said")?"""
    first = _SPLIT_CHUNKS.split(text, maxsplit=1)[0]
    ws = [w for w in words(first) if w.lower() not in lx.TIME_WORDS and w.lower() not in lx.AUXILIARIES]
    if not ws:
        return True
    if ws[0].lower() in lx.PRONOUNS:
        return len(ws) <= 2
    if whole_np(first):
        return True  # "the senior staffer"
    return len(np_at_start(first)) >= len([w for w in ws if not (w.endswith("ly") and w.islower())])


def _after_subject(text: str) -> str:
    parts = _SPLIT_CHUNKS.split(text, maxsplit=1)
    return parts[1] if len(parts) > 1 else ""


def pre_attribution(text: str, sent_start: int, open_at: int) -> Attribution | None:
    """'Lighthizer said: "..."', 'X called the deal "...', 'quoted X as saying "...'."""
    start = max(sent_start, open_at - _PRE_LIMIT)
    pre = text[start:open_at]
    found = [hit for form in PRE_FORMS for hit in form(pre)]
    if not found:
        found = _colon_intro(pre)
    if not found:
        return None
    return max(found, key=lambda f: f[0])[1]  # the nearest to the quote; on a tie, the earlier form


# An attribution found before a quote, with the offset that says how near the quote it is.
_Hit = tuple[int, Attribution]


def _quoted_as(pre: str) -> list[_Hit]:
    """'quoted X as saying'."""
    out = []
    for m in _QUOTED_AS.finditer(pre):
        mention = classify(np_at_start(m.group(1)))
        if mention:
            out.append((m.end(), Attribution(mention, "pre", "quoted", None, None)))
    return out


def _according_to(pre: str) -> list[_Hit]:
    """'according to X, ...'."""
    out = []
    for m in _ACCORDING.finditer(pre):
        mention = classify(np_at_start(pre[m.end() :].split(",")[0]))
        if mention:
            out.append((m.start(), Attribution(mention, "according", None, None, None)))
    return out


def _noun_by(pre: str) -> list[_Hit]:
    """'comments by a spokeswoman that'."""
    out = []
    for m in _BY_NOUN.finditer(pre):
        mention = classify(np_at_start(pre[m.end() :].split(",")[0].split(" that ")[0]))
        if mention and _noun_owns(pre[m.end() :]):
            out.append((m.end(), Attribution(mention, "noun", None, None, None)))
    return out


def _possessive_noun(pre: str) -> list[_Hit]:
    """'his remarks that', "Freeland's warning:"."""
    out = []
    for m in _POSS_NOUN.finditer(pre):
        if not _noun_owns(pre[m.end() :]):
            continue  # 'X said Y's remarks were "plain wrong"': the words are X's verdict, not Y's
        owner = re.sub(r"[’']s?$", "", m.group(1))
        gender = lx.POSSESSIVES.get(owner.lower(), "x")
        if gender != "x":
            pron = {"m": "he", "f": "she"}.get(gender or "", "they" if owner.lower() == "their" else "it")
            mention = classify([pron])
        else:
            mention = classify(np_at_end(owner))
        if mention:
            out.append((m.end(), Attribution(mention, "noun", None, None, None)))
    return out


def _last_verb(pre: str) -> list[_Hit]:
    """'Lighthizer said: ', 'X called the deal': the last speech verb that has a subject."""
    for m in reversed(_verbs(pre, 0, len(pre))):
        attribution = _verb_attribution(pre, m)
        if attribution:
            return [(m.end(), attribution)]
    return []


def _colon_intro(pre: str) -> list[_Hit]:
    """'Guajardo struck a calmer note: "...': the sentence's subject, when no other form matched."""
    if not pre.rstrip().endswith(":"):
        return []
    mention = _document_author(pre) or _main_subject(pre.rstrip()[:-1])
    return [(len(pre), Attribution(mention, "participle", None, None, None))] if mention else []


# The forms of an attribution before a quote, in the order that breaks a tie between two as near.
PRE_FORMS: tuple[Callable[[str], list[_Hit]], ...] = (
    _quoted_as,
    _according_to,
    _noun_by,
    _possessive_noun,
    _last_verb,
)


_PREDICATE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|seemed|seems|sounded|sounds|appeared|remains?|remained)\b|\bas\s*$"
)


def _noun_owns(rest: str) -> bool:
    """Do the words after "Y's remarks" lead into their content ("that ...", ":", "about X, that")
    rather than into a verdict on them ("were", "as")?"""
    return not _PREDICATE.search(rest.split(" that ", 1)[0])


def _verb_attribution(pre: str, m: re.Match[str]) -> Attribution | None:
    verb = m.group(0)
    before, after = pre[: m.start()], pre[m.end() :]
    ctx, day = _context(after, verb)
    if not words(before) or (words(before)[-1].lower() in {"and", "but"} and verb[:1].isupper()):
        mention = _subject_after(after)
        return Attribution(mention, "inverted", verb, ctx, day) if mention else None
    if verb.lower() in lx.PARTICIPLES:
        mention = _main_subject(before)
        return Attribution(mention, "participle", verb, ctx, day) if mention else None
    mention = _subject_before(before)
    return Attribution(mention, "pre", verb, ctx, day) if mention else None


def sentence_attribution(text: str, close_at: int, sent_end: int) -> Attribution | None:
    """A later attribution in the same sentence: '"serious" and ... "via the press," the ministry said.'"""
    for m in _verbs(text, close_at + 1, sent_end):
        before = text[close_at + 1 : m.start()]
        cut = max(before.rfind("\u201d"), before.rfind('"'))
        chunk = before[cut + 1 :] if cut >= 0 else before
        mention = _subject_before(chunk) if words(chunk) else _subject_after(text[m.end() : sent_end])
        if mention:
            ctx, day = _context(text[m.end() : sent_end], m.group(0))
            return Attribution(mention, "sentence", m.group(0), ctx, day)
    return None
