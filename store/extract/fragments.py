"""Quoted words that are not a statement on their own: a few words with no verb, a slogan, text on a sign.

Such spans stay in ``quotes`` when an attribution gives them a speaker ('Ostrander called it "a
lifeline"' is a partial quote), but carry ``fragment=True`` so answers never show them alone.
Unattributed ones are dropped by the "scare-quote", "slogan" and "sign-text" rules.
"""

from __future__ import annotations

import re

from store.extract import lexicon as lx

_TOKEN = re.compile(r"[\w’']+")
FRAGMENT_MAX_WORDS = 3
# A participle or past form ("moving along nicely", "totally rigged") reads as a clause: kept as a quote.
_VERB_FORM = re.compile(r"^[a-z]{3,}(?:ing|ed)$")
_CONTRACTED = ("n't", "'re", "'ve", "'ll", "'m", "'d")
SLOGAN_MAX_WORDS = 8
# Words that make a few quoted words a clause: a finite verb form, a modal, a subject pronoun.
CLAUSE_WORDS = frozenset(
    "is are was were be been am 's 're 'm will would can could shall should must may might do does did "
    "have has had 've 'll 'd i we you he she they it this that there".split()
)
# Text carried on things rather than said: 'a hat reading "..."', 'signs that said "..."'.
_CARRIERS = "|".join(sorted(lx.SIGN_CARRIERS, key=len, reverse=True))
SIGN_BEFORE = re.compile(
    rf"\b(?:{_CARRIERS})\b[^.;]{{0,40}}?\b(?:read|reads|reading|said|saying|says|bearing|emblazoned\s+with|"
    rf"printed\s+with|with\s+the\s+words|declaring)\s*[,:]?\s*$",
    re.IGNORECASE,
)


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _TOKEN.findall(text)]


def is_fragment(text: str) -> bool:
    """1-3 words with no verb ("a lifeline", "very unfair"), or a slogan in title case with no full stop.

    >>> is_fragment("a total disaster"), is_fragment("we will win"), is_fragment("Farms First Always")
    (True, False, True)
    """
    if len(text.split()) > SLOGAN_MAX_WORDS:
        return False
    ws = _words(text)
    if not ws:
        return True
    if len(ws) <= FRAGMENT_MAX_WORDS:
        clause = any(w in CLAUSE_WORDS or w.endswith(_CONTRACTED) or _VERB_FORM.match(w) for w in ws)
        if not clause:
            return True
    if len(ws) <= SLOGAN_MAX_WORDS and not text.rstrip().endswith((".", "!", "?", ",")):
        caps = [w for w in _TOKEN.findall(text) if w.lower() not in lx.SMALL_WORDS]
        return bool(caps) and all(w[:1].isupper() for w in caps) and len(caps) > 1
    return False
