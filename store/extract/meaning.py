"""What each quote is about: its topics (with a strength) and whether it is about the negotiation.

Topics, strongest first:
- the quote's own words (strength ``OWN``): "a tariff on cars" is about autos;
- otherwise the reporter's words in its sentence, leaving out the attribution after the quote
  ("..., said Jo Reyes, a beef farmer" does not make the quote about agriculture) (``SENTENCE``);
- otherwise the quote it continues, the same speaker in the same paragraph (``CONTINUED``);
- otherwise, when it points back at a measure ("these tariffs", "this path"), the article's main topic.
A general remark about the talks ("we are making progress") gets none.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace

from store.extract.marks import Span
from store.extract.scope import ScopeCues
from store.extract.topics import TopicSpans
from store.extract.types import ExtractedQuote

OWN, SENTENCE, CONTINUED, ARTICLE = 1.0, 0.5, 0.5, 0.3
# Words that point back at a measure the story has described ("the tariffs", "this path", "today's
# announcement"): such a quote takes the article's main topic (strength ``ARTICLE``).
BACK_REFERENCES: tuple[str, ...] = (
    "the tariffs",
    "these tariffs",
    "those tariffs",
    "the duties",
    "carve-outs",
    "carve-out",
    "exemption",
    "exemptions",
    "exclusions",
    "retaliation",
    "this path",
    "this risk",
    "the move",
    "this move",
    "today's announcement",
    "today’s announcement",
    "the announcement",
    "this decision",
    "the decision",
)
_BACK_REFERENCE = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in BACK_REFERENCES) + r")\b", re.IGNORECASE
)
MAX_OWN, MAX_SENTENCE = 2, 1  # most quotes are about one topic; two only when both are named
# What follows a quote when it is only the attribution: '..." said Ortiz, a grain farmer.'
_ATTRIBUTION_TAIL = re.compile(
    r"[\s,.;:—–-]*(?:[^.;]{0,80}?\b(?:said|says|told|added|adds|wrote|writes|tweeted|noted|explained|"
    r"argued|warned|asked|according\s+to|stated|continued|insisted)\b)"
)


def annotate(
    quotes: Sequence[ExtractedQuote],
    spans: Sequence[Span],
    text: str,
    masked: str,
    paras: Sequence[tuple[int, int]],
    sentences: Sequence[tuple[int, int]],
    topics: TopicSpans,
    narration: TopicSpans,
    cues: ScopeCues,
    focused: bool,
    main_topics: tuple[str, ...],
) -> list[ExtractedQuote]:
    by_start = {s.start: s for s in spans}
    starts = [s0 for s0, _ in sentences]
    out: list[ExtractedQuote] = []
    prev: tuple[Span, ExtractedQuote] | None = None
    for q in quotes:
        span = by_start.get(q.offset)
        if span is None:  # not from this article's spans: leave it as it came
            out.append(q)
            continue
        i = max(0, bisect.bisect_right(starts, span.open_at) - 1)
        s0, s1 = sentences[i] if sentences else (0, len(text))
        close = span.close_at if span.close_at is not None else span.end
        tail_end = s1
        if _ATTRIBUTION_TAIL.match(masked, close + 1, s1):
            tail_end = close + 1
        own = topics.between(span.start, span.end)[:MAX_OWN]
        continued = prev if prev and _continues(prev, span, q) else None
        if own:
            found = tuple((slug, OWN) for slug in own)
        elif lead := _merge(narration.between(s0, span.open_at), narration.between(close + 1, tail_end)):
            found = tuple((slug, SENTENCE) for slug in lead[:MAX_SENTENCE])
        elif continued:
            found = tuple((slug, CONTINUED) for slug in continued[1].topics)
        else:
            found = ()
        nafta = cues.quote(
            [(span.start, span.end), (s0, tail_end)],  # the sentence without the attribution after it
            span.para,
            paras,
            continued[1].nafta if continued else None,
            focused,
        )
        if not found and nafta and main_topics and _BACK_REFERENCE.search(text, s0, s1):
            found = ((main_topics[0], ARTICLE),)
        q = replace(
            q, topics=tuple(s for s, _ in found), topic_strengths=tuple(w for _, w in found), nafta=nafta
        )
        out.append(q)
        prev = (span, q)
    return out


def _continues(prev: tuple[Span, ExtractedQuote], span: Span, q: ExtractedQuote) -> bool:
    """The same speaker, in the same paragraph or the paragraph a multi-paragraph quote runs on into."""
    before, quote = prev
    same_place = span.para == before.para or span.continues
    return bool(same_place and q.speaker and q.speaker == quote.speaker)


def _merge(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(a + b))
