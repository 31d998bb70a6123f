"""One article in, its quotes, speakers, topics and stances out: the pure core of ingestion.

``Extractor`` holds what is compiled once per run (registry, topic and stance patterns);
``extract`` is called per article and touches nothing outside its arguments.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from datetime import date, timedelta

from store.extract import lexicon as lx
from store.extract.attribution import Attribution, post_attribution, pre_attribution, sentence_attribution
from store.extract.cast import Cast
from store.extract.marks import Span, find_spans, mask
from store.extract.meaning import annotate
from store.extract.nps import Mention, classify
from store.extract.positions import QuoteStances, StanceFinder, actors_of
from store.extract.registry import KnownPerson, Registry
from store.extract.scope import ScopeReader
from store.extract.speakers import Speaker
from store.extract.statuses import StatusReader
from store.extract.text import normalise, paragraphs, sentence_spans
from store.extract.topics import TopicMatcher, TopicSpans
from store.extract.types import ArticleExtraction, ExtractedQuote
from store.taxonomy import PersonDef, Taxonomy

_TOKEN = re.compile(r"[\w’']+")
_CONFIDENCE = {
    "post": 0.92,
    "inverted": 0.92,
    "pre": 0.85,
    "participle": 0.75,
    "noun": 0.7,
    "according": 0.7,
    "sentence": 0.75,
    "inherited": 0.65,
}
_PARAPHRASE = re.compile(
    r"(?:(?:"
    + "|".join(re.escape(c) for c in lx.PARAPHRASE_HEDGES)
    + r")\s+(?:"
    + "|".join(re.escape(c) for c in lx.PARAPHRASE_VERBS)
    + r")|"
    + "|".join(re.escape(c) for c in lx.PARAPHRASE_CUES)
    + r")(?:\s+(?:to\s+)?[\w\s.’']{1,30})?[,:]?\s*$"
)
_SCARE = re.compile(
    r"\b(?:"
    + "|".join(re.escape(c) for c in lx.SCARE_CUES)
    + r")(?:\s+(?:it|them|the|a|an|its|his|her))?\s*[,(]?\s*$"
)
_SHORT = 4
_OPENING_MARKS = '"“'
_CREDIT = re.compile(r"^([A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+){1,3})(?:,\s*[^,.\n]{2,40})?\.?$")
# What comes before the title of a show, book or story in quotes: 'told "Fox News Sunday"', 'on
# CBS's "Face the Nation"', 'his book, "The Long Table"'.
_TITLE_BEFORE = re.compile(
    r"(?:\b(?:told|on|in|with|from|via|appeared\s+on|host\s+of|anchor\s+of|titled|headlined|called|"
    r"program|programme|show|series|book|memoir|film|documentary|article|story|column|op-ed|editorial|"
    r"essay|report|podcast|segment|headline|newsletter)|[’']s)\s*[,:]?\s*$"
)
# A link to another story before its quoted headline: "Related:", "READ MORE:", "Watch:".
_TEASER = re.compile(
    r"^(?:related|read(?:\s+more)?|more|watch|see(?:\s+also)?|also(?:\s+read)?|listen|video|opinion|"
    r"analysis|recommended|trending|top\s+stories|don['’]t\s+miss)\b[\s:—–-]*$",
    re.IGNORECASE,
)
# "Brandt:" or "Sen. Hal Brandt:" opening a subheading line.
_SUBHEAD = re.compile(r"^[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4}\s*:$")
_HEADLINE_END = re.compile(r"[.!?…,;:]['’)\]]*$")
_SMALL_WORDS = frozenset("a an the of and or in on for to at by with".split())


def _title_case(text: str) -> bool:
    ws = [w for w in _TOKEN.findall(text) if w.lower() not in _SMALL_WORDS]
    return (
        bool(ws) and all(w[:1].isupper() for w in ws) and not text.rstrip().endswith((".", "!", "?"))
    )  # a quote this short needs an attribution in its sentence, or it is a label


class Extractor:
    def __init__(self, taxonomy: Taxonomy, known_people: Iterable[PersonDef | KnownPerson] = ()) -> None:
        self.taxonomy = taxonomy
        self.registry = Registry(taxonomy, known_people)
        self.topics = TopicMatcher(taxonomy)
        self.stances = StanceFinder(taxonomy.statuses, self.registry.party_of_name)
        self.scope = ScopeReader(taxonomy)
        self.quote_stances = QuoteStances(self.registry.party_of_name)
        self.statuses = StatusReader(taxonomy.statuses)

    def extract(
        self, text: str, *, title: str | None = None, published: date | None = None
    ) -> ArticleExtraction:
        text = normalise(text)
        title = normalise(title) if title else None
        paras = paragraphs(text)
        spans = find_spans(text, paras)
        masked = mask(text, spans)
        quoted = [(s.start, s.end) for s in spans]
        named, parties, surnames = self.registry.scan(masked)
        cast = Cast(self.registry)
        cast.collect(masked, named, surnames)
        cast.add_possessive_bodies(masked)
        sentences = [s for p0, p1 in paras for s in sentence_spans(masked, p0, p1)]
        starts = [s[0] for s in sentences]
        all_topics = self.topics.spans(text)
        narration = all_topics.outside(quoted)
        quotes = _QuoteReader(
            text, masked, paras, spans, sentences, starts, cast, all_topics, published
        ).read()
        cues = self.scope.read(text, [start for start, _ in all_topics.found])
        in_scope = self.scope.article(cues, text, title)
        main = self.topics.article_topics(all_topics, title)
        actors = actors_of(parties, named, surnames, self.registry.party_of_name)
        quotes = annotate(
            quotes,
            spans,
            text,
            masked,
            paras,
            sentences,
            all_topics,
            narration,
            cues,
            self.scope.focused(cues, text, title),
            main,
        )
        people = tuple(
            sorted(
                {
                    (p.name, p.role, p.party)
                    for q in quotes
                    if q.speaker
                    for p in [cast.people.get(q.speaker)]
                    if p
                }
            )
        )
        return ArticleExtraction(
            text=text,
            title=title,
            published=published,
            nafta=in_scope,
            topics=main,
            quotes=tuple(quotes),
            statements=tuple(
                self.stances.statements(text, masked, actors, sentences, narration, all_topics, cues, main)
                + self.quote_stances.statements(quotes, text, sentences)
            ),
            statuses=tuple(self.statuses.read(text, masked, sentences, narration, cues)),
            people=people,
        )


class _QuoteReader:
    """Walks an article's quoted spans in order, keeping the last speaker for chained quotes."""

    def __init__(self, text, masked, paras, spans, sentences, starts, cast, topics, published) -> None:
        self.text, self.masked, self.paras, self.spans = text, masked, paras, spans
        self.sentences, self.starts = sentences, starts
        self.cast: Cast = cast
        self.topics: TopicSpans = topics
        self.published: date | None = published

    def _sentence(self, offset: int) -> tuple[int, int]:
        i = max(0, bisect.bisect_right(self.starts, offset) - 1)
        return self.sentences[i] if self.sentences else (0, len(self.text))

    def read(self) -> list[ExtractedQuote]:
        out: list[ExtractedQuote] = []
        last: tuple[int, Speaker | None] | None = None  # (paragraph, speaker) of the previous kept quote
        for i, span in enumerate(self.spans):
            s0, s1 = self._sentence(span.open_at)
            inner = self.text[span.start : span.end].strip()
            n_words = len(_TOKEN.findall(inner))
            if n_words == 0 or self._is_label(span, inner, n_words, s0) or self._is_headline(i, span, inner):
                continue
            nxt = self.spans[i + 1].open_at if i + 1 < len(self.spans) else s1
            limit = min(s1, nxt) if nxt > span.open_at else s1
            attribution = self._attribute(span, s0, s1, limit) or self._colon_intro(span)
            speaker: Speaker | None = None
            how = "none"
            if attribution:
                speaker = self.cast.resolve(attribution.mention, span.open_at)
                how = attribution.how
            elif n_words <= _SHORT and not self._quote_only_sentence(span, s0, s1):
                continue  # a short phrase in quotes with nobody saying it: a scare quote
            elif n_words <= 8 and _title_case(inner):
                continue  # a slogan or a title: "Make America Great Again"
            elif credit := self._credit_line(span):
                speaker, how = self.cast.resolve(credit, span.open_at), "credit"
            elif last and (last[0] == span.para or span.continues or self._follows(span, last[0])):
                speaker, how = last[1], "inherited"
            if speaker:
                self.cast.note_speaker(span.open_at, speaker)
            out.append(self._quote(span, inner, speaker, attribution, how, s0, s1))
            last = (span.para, speaker)
        return out

    def _is_headline(self, i: int, span: Span, inner: str) -> bool:
        """A quoted line standing alone is a headline, not a quote: a related-story link ('Related: "..."'),
        a section subheading echoing a quote from the body ('Brandt: "A win for farmers"'), or a title
        in quotes on a line of its own without the full stop a quoted sentence ends with."""
        if span.continues or span.close_at is None:
            return False
        p0, p1 = self.paras[span.para]
        head = self.masked[p0 : span.open_at].strip()
        tail = self.masked[span.close_at + 1 : p1].strip(" .,;:")
        if tail:
            return False
        if head and _TEASER.match(head):
            return True
        if head and not _SUBHEAD.match(head):
            return False
        if not _HEADLINE_END.search(inner) and not self.masked[span.close_at + 1 : p1].strip():
            return True  # no full stop: 'Brandt: "A win for farmers"', '"Inside the fight over autos"'
        return bool(head) and self._echoes(i, inner)

    def _echoes(self, i: int, inner: str) -> bool:
        """Do the words of span i come again inside another quote of the article?"""
        needle = " ".join(_TOKEN.findall(inner.lower()))
        for j, other in enumerate(self.spans):
            if j != i and needle in " ".join(_TOKEN.findall(self.text[other.start : other.end].lower())):
                return True
        return False

    def _colon_intro(self, span: Span) -> Attribution | None:
        """'Ochoa said:' closing one paragraph, the quote opening the next: the colon's subject."""
        if span.para == 0 or span.continues or span.open_at != self.paras[span.para][0]:
            return None
        p0, p1 = self.paras[span.para - 1]
        if not self.masked[p0:p1].endswith(":"):
            return None
        return pre_attribution(self.masked, self._sentence(p1 - 1)[0], p1)

    def _credit_line(self, span: Span) -> Mention | None:
        """Aggregator style: quote paragraphs, then a line that is only 'Name, Outlet'."""
        for p0, p1 in self.paras[span.para + 1 : span.para + 6]:
            line = self.text[p0:p1]
            if line[:1] in _OPENING_MARKS:
                continue
            m = _CREDIT.match(line)
            return classify(m.group(1).split()) if m else None
        return None

    def _follows(self, span: Span, last_para: int) -> bool:
        """A paragraph that is only a quote, right after a paragraph with a quote: same speaker."""
        if span.para != last_para + 1:
            return False
        head = self.text[self.text.rfind("\n", 0, span.open_at) + 1 : span.open_at].strip()
        return head == ""

    def _quote_only_sentence(self, span: Span, s0: int, s1: int) -> bool:
        before = self.masked[s0 : span.open_at].strip()
        after = self.masked[(span.close_at or span.end) + 1 : s1].strip(" .,\n")
        return not before and not after

    def _is_label(self, span: Span, inner: str, n_words: int, s0: int) -> bool:
        before = self.masked[max(s0, span.open_at - 60) : span.open_at].lower()
        if _PARAPHRASE.search(before):
            return True
        if n_words <= 8 and _title_case(inner.rstrip(".,!?;: ")) and _TITLE_BEFORE.search(before):
            return True  # 'told "Fox News Sunday"', 'CBS's "Face the Nation"', 'a book, "The Long Table"'

        if n_words > _SHORT:
            return False
        if _SCARE.search(before):
            return True
        letters = [c for c in inner if c.isalpha()]
        if letters and all(c.isupper() for c in letters):
            return True  # acronyms and shouted labels: "CUSMA"
        ws = _TOKEN.findall(inner)
        return (
            n_words <= 3 and all(w[:1].isupper() for w in ws) and not inner.rstrip().endswith((".", "!", "?"))
        )

    def _attribute(self, span: Span, s0: int, s1: int, limit: int) -> Attribution | None:
        if span.close_at is not None:
            post = post_attribution(self.masked, span.close_at, limit)
            if post:
                return post
        pre = pre_attribution(self.masked, s0, span.open_at)
        if pre:
            return pre
        if span.close_at is not None:
            later = sentence_attribution(self.masked, span.close_at, s1)
            if later:
                return later
            return self._next_sentence(span, s1)
        return None

    def _next_sentence(self, span: Span, s1: int) -> Attribution | None:
        """'"... full stop." Trudeau said.': an attribution left as a sentence of its own."""
        assert span.close_at is not None
        if self.masked[span.close_at + 1 : s1].strip() or s1 >= len(self.masked):
            return None
        n0, n1 = self._sentence(s1)
        if n0 != s1 or self.masked[n0:n1].lstrip()[:1] in _OPENING_MARKS or n1 - n0 > 120:
            return None
        return post_attribution(self.masked, s1 - 1, n1)

    def _quote(self, span, inner, speaker, attribution, how, s0, s1) -> ExtractedQuote:
        person = speaker.person if speaker else None
        label = None if person or not speaker or speaker.unnamed else speaker.label
        unnamed_label = speaker.label if speaker and speaker.unnamed else None
        context = attribution.context if attribution else None
        said_on = _weekday_date(attribution.weekday if attribution else None, self.published)
        topics = self.topics.between(min(s0, span.start), max(s1, span.end))
        confidence = _CONFIDENCE.get(how, 0.3)
        if attribution and attribution.mention.kind == "pronoun":
            confidence -= 0.1
        if speaker is None or speaker.unnamed:
            confidence = min(confidence, 0.5)
        return ExtractedQuote(
            text=inner,
            offset=span.start,
            speaker=person.name if person else label,
            speaker_label=label or unnamed_label,
            speaker_role=person.role if person else None,
            speaker_gender=person.gender if person else None,
            speaker_known=bool(person and person.known),
            party=speaker.party if speaker else None,
            topics=topics,
            context=context,
            said_on=said_on,
            direct=True,
            confidence=round(confidence, 2),
        )


def _weekday_date(weekday: str | None, published: date | None) -> date | None:
    if not weekday or not published:
        return None
    wanted = lx.WEEKDAYS.index(weekday.lower())
    back = (published.weekday() - wanted) % 7
    return published - timedelta(days=back)
