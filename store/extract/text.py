"""Text as it comes from feeds and scrapers, made uniform before anything looks for quotes.

Offsets reported by the extractor refer to the normalised text, which is also what gets stored.
"""

from __future__ import annotations

import html
import re
import unicodedata

from store.extract.debris import remove_debris

_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_TRAILING = re.compile(r"[ ]+\n")
_MANY_BLANKS = re.compile(r"\n{3,}")
_MARKS = str.maketrans(
    {
        "\u201e": "\u201c",  # low double mark opens a quote in some copy
        "\u201f": "\u201c",
        "\u00ab": "\u201c",
        "\u00bb": "\u201d",
        "\u2033": '"',
        "\uff02": '"',
        "\u201a": "\u2018",
        "\u201b": "\u2018",
        "\u2032": "\u2019",
    }
)
_ODD_MARKS = re.compile("[\u201e\u201f\u00ab\u00bb\u2033\uff02\u201a\u201b\u2032]")
_TEX_OPEN = re.compile(r"``")
_TEX_CLOSE = re.compile(r"''")
_DOUBLE_HYPHEN = re.compile(r"(?<=\S) ?-- ?(?=\S)")
# A crawl glitch: no space after a quote's closing mark ('do that.”Ambrose said'), which would join
# the quote to the next sentence and its subject.
_GLUED_CLOSE = re.compile(r"[.!?,…]”(?=[A-Z])")


def one_line(text: str) -> str:
    """The words on one line, single-spaced: how names, reasons and summaries are stored and compared."""
    return " ".join(text.split())


def normalise_article(text: str) -> str:
    """Unicode NFC, plain spaces, entities decoded, hover-card debris gone, one blank line between paragraphs.

    >>> normalise_article("Trade&nbsp;talks&#8212;again")
    'Trade talks—again'
    """
    if "&" in text:
        text = html.unescape(text)
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    if _ODD_MARKS.search(text):
        text = text.translate(_MARKS)
    if "’’" in text or "‘‘" in text:
        text = text.replace("‘‘", "\u201c").replace("’’", "\u201d")
    if "``" in text:
        text = _TEX_CLOSE.sub("\u201d", _TEX_OPEN.sub("\u201c", text))
    if "--" in text:
        text = _DOUBLE_HYPHEN.sub(" — ", text)
    text = remove_debris(text)
    if "”" in text:
        text = _GLUED_CLOSE.sub(r"\g<0> ", text)
    text = _TRAILING.sub("\n", text)
    text = _MANY_BLANKS.sub("\n\n", text)
    return text.strip()


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: split on blank lines, or on newlines when there are none."""
    sep = "\n\n" if "\n\n" in text else "\n"
    spans, pos = [], 0
    for part in text.split(sep):
        stripped = part.strip()
        if stripped:
            start = pos + part.index(stripped[0])
            spans.append((start, start + len(stripped)))
        pos += len(part) + len(sep)
    return spans


# A sentence ends at . ! ? (maybe followed by closing marks) before a capital or an opening mark, except
# after the abbreviations news copy puts before names and dates. After "U.S." or an initial it ends only
# when an ordinary sentence opener follows ("...in the U.S. The talks"), not a name ("T.J. Voss") nor
# a partial quote ('the U.S. "will not wait"').
_ABBREV = frozenset(
    "Mr Mrs Ms Dr Sen Rep Gov Gen Lt Col Sgt Capt Adm Cmdr Jr Sr St Inc Co Corp Ltd No vs Prof Rev Hon "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mt Ft Pres Gens Reps Sens Messrs approx est".split()
)
_OPENERS = frozenset(
    "the a an but and he she it they we i in on at as if this that these those there his her its their "
    "our after before when while so yet still some many most one two three four five both all".split()
)
_END = re.compile(r"[.!?…]+[\"”’')\]]*\s+(?=([\"“‘(\[]?)([A-Za-z0-9\u2591]+))")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")


def _is_boundary(text: str, m: re.Match[str]) -> bool:

    nxt = m.group(2)
    if not (nxt[0].isupper() or nxt[0].isdigit() or m.group(1)):
        return False
    if text[m.start()] != ".":
        return True
    before = _WORD_BEFORE.search(text, max(0, m.start() - 12), m.start())
    if not before:
        return True
    word = before.group(1)
    if word.rstrip(".") in _ABBREV:
        return False
    if len(word) == 1 or "." in word:  # an initial or U.S.
        return nxt.casefold() in _OPENERS  # 'the U.S. "will not wait"' goes on
    return True


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence (start, end) pairs inside text[start:end]; quote interiors should already be masked."""
    spans, pos = [], start
    for m in _END.finditer(text, start, end):
        if _is_boundary(text, m):
            spans.append((pos, m.end()))
            pos = m.end()
    if pos < end:
        spans.append((pos, end))
    return spans
