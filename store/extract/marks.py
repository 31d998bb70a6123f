"""Finding quoted spans: pairing opening and closing marks the way news copy uses them.

Curly and straight marks are mixed freely by scrapers ("“...." is common), so a mark is judged by
its neighbours, not by its shape alone. A quote that runs over several paragraphs repeats the
opening mark and omits the closing one; each paragraph becomes its own span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARK = re.compile(r"[\"“”]")
_OPEN_BEFORE = set(" \n([{—–-/:;,\u2026")
MASK = "\u2591"  # quote interiors become this, so nothing inside a quote reads as attribution


@dataclass
class Span:
    start: int  # first character inside the marks
    end: int  # one past the last character inside
    open_at: int
    close_at: int | None  # None when the paragraph ends inside the quote
    para: int
    continues: bool = False  # this paragraph continues an unclosed quote from the previous one


def _can_open(text: str, i: int, para_start: int) -> bool:
    ch = text[i]
    if ch == "”":
        return False
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if nxt.isspace():
        return False
    return ch == "“" or i == para_start or text[i - 1] in _OPEN_BEFORE


def _can_close(text: str, i: int, para_end: int) -> bool:
    ch = text[i]
    if ch == "“":
        return False
    prev = text[i - 1]
    if prev.isspace():
        return False
    return ch == "”" or i + 1 >= para_end or not text[i + 1].isalnum()


def find_spans(text: str, paras: list[tuple[int, int]]) -> list[Span]:
    spans: list[Span] = []
    unclosed_before = False
    for pi, (pstart, pend) in enumerate(paras):
        open_at: int | None = None
        para_spans: list[Span] = []
        for m in _MARK.finditer(text, pstart, pend):
            i = m.start()
            if open_at is None:
                if _can_open(text, i, pstart):
                    open_at = i
            elif _can_close(text, i, pend):
                para_spans.append(Span(open_at + 1, i, open_at, i, pi))
                open_at = None
            elif text[i] == "“":  # the last quote was never closed: it ends where this one opens
                para_spans.append(Span(open_at + 1, _rstrip(text, open_at + 1, i), open_at, None, pi))
                open_at = i
        if open_at is not None:
            para_spans.append(Span(open_at + 1, _rstrip(text, open_at + 1, pend), open_at, None, pi))
        if para_spans and unclosed_before and para_spans[0].open_at == pstart:
            para_spans[0].continues = True
        unclosed_before = bool(para_spans) and para_spans[-1].close_at is None
        spans.extend(s for s in para_spans if s.end > s.start)
    return spans


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


_KEEP_END = re.compile(r"[.?!,…]+$")


def mask(text: str, spans: list[Span]) -> str:
    """The text with quote interiors replaced by MASK, keeping their final punctuation for sentence ends."""
    if not spans:
        return text
    parts, pos = [], 0
    for s in spans:
        inner = text[s.start : s.end]
        keep = _KEEP_END.search(inner)
        cut = keep.start() if keep and keep.start() > 0 else len(inner)
        parts.append(text[pos : s.start])
        parts.append(MASK * cut)
        parts.append(inner[cut:])
        pos = s.end
    parts.append(text[pos:])
    return "".join(parts)
