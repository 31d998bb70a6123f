"""One article in, its quotes, speakers, topics and stances out: the pure core of ingestion.

``Extractor`` holds what is compiled once per run (registry, topic and stance patterns);
``extract`` is called per article and touches nothing outside its arguments.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from store.extract import lexicon as lx
from store.extract import rules
from store.extract.attribution import Attribution, post_attribution, pre_attribution, sentence_attribution
from store.extract.cast import Cast
from store.extract.explain import QuoteTrace
from store.extract.fragments import SIGN_BEFORE as _SIGN_BEFORE
from store.extract.fragments import is_fragment
from store.extract.marks import Span, find_spans, mask
from store.extract.meaning import annotate
from store.extract.nps import Mention, classify
from store.extract.positions import QuoteStances, StanceFinder, actors_of
from store.extract.registry import KnownPerson, Registry, lookup_key
from store.extract.rules import RULES
from store.extract.scope import ScopeReader, weigh_statements
from store.extract.speakers import Speaker
from store.extract.statuses import StatusReader
from store.extract.text import normalise_article, paragraphs, sentence_spans
from store.extract.topics import TopicMatcher, TopicSpans
from store.extract.types import ArticleExtraction, ExtractedQuote
from store.taxonomy import PersonDef, Taxonomy

_TOKEN = re.compile(r"[\w’']+")
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
    r"essay|report|podcast|segment|headline|newsletter|hearing|bill|conference|panel|summit|speech)|[’']s)"
    r"\s*[,:]?\s*$"
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
_FIRST_PERSON = re.compile(r"\b(?:I|I['’](?:m|ve|d|ll)|me|my|myself|mine)\b")
_NOT_A_COUNTRY = "a country never says “I”: these are a person's words"
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
        self.quote_stances = QuoteStances(self.registry.party_of_name, self.topics.find)
        self.statuses = StatusReader(
            taxonomy.statuses,
            # a group named in one word (farmers, automakers) is who benefits, not what
            tuple(
                {
                    a.lower()
                    for p in taxonomy.parties
                    if p.kind != "country"
                    for a in p.aliases
                    if " " not in a
                }
            ),
        )

    def extract(
        self,
        text: str,
        *,
        title: str | None = None,
        published: date | None = None,
        traces: list[QuoteTrace] | None = None,
    ) -> ArticleExtraction:
        """``traces``, when given, receives how each quoted span was read (``extract --explain``)."""
        text = normalise_article(text)
        title = normalise_article(title) if title else None
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
            text, masked, paras, spans, sentences, starts, cast, all_topics, published, traces
        ).read()
        cues = self.scope.read(text, [start for start, _ in all_topics.found])
        in_scope = self.scope.article(cues, text, title)
        main = self.topics.article_topics(all_topics, title)
        actors = actors_of(
            parties,
            named,
            surnames,
            self.registry.party_of_name,
            masked,
            self.registry.leader_titles_in(masked),
        )
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
            statements=weigh_statements(
                self.stances.statements(text, masked, actors, sentences, narration, all_topics, cues, main)
                + self.quote_stances.statements(quotes, text, sentences),
                cues,
                in_scope,
            ),
            statuses=tuple(self.statuses.read(text, masked, sentences, narration, cues, all_topics)),
            people=people,
        )


@dataclass(frozen=True)
class _Span:
    """One quoted span with the sentence around it, as the rules read it."""

    i: int
    span: Span
    inner: str
    n_words: int
    s0: int
    s1: int
    limit: int  # where an attribution after the closing mark must end: the sentence or the next quote


# What a rule reads in a quoted span: a yes/no for drop rules; an attribution, a mention or the previous
# quote's speaker (or nothing) for speaker rules.
_Finding = bool | Attribution | Mention | Speaker | None


class _Decision(NamedTuple):
    """How a kept quote was attributed: the deciding rule and the attribution's form (``Attribution.how``),
    both None when no rule named a speaker."""

    rule: str | None
    form: str | None
    speaker: Speaker | None
    attribution: Attribution | None


class _QuoteReader:
    """Walks an article's quoted spans in order, keeping the last speaker for chained quotes."""

    def __init__(
        self,
        text: str,
        masked: str,
        paras: list[tuple[int, int]],
        spans: list[Span],
        sentences: list[tuple[int, int]],
        starts: list[int],
        cast: Cast,
        topics: TopicSpans,
        published: date | None,
        traces: list[QuoteTrace] | None,
    ) -> None:
        self.text, self.masked, self.paras, self.spans = text, masked, paras, spans
        self.traces = traces
        self.sentences, self.starts = sentences, starts
        self.cast = cast
        self.topics = topics
        self.published = published

    def _sentence(self, offset: int) -> tuple[int, int]:
        i = max(0, bisect.bisect_right(self.starts, offset) - 1)
        return self.sentences[i] if self.sentences else (0, len(self.text))

    def read(self) -> list[ExtractedQuote]:
        """Walk ``RULES`` in order for each quoted span: a drop rule leaves it out, a speaker rule decides."""
        out: list[ExtractedQuote] = []
        self.last: tuple[int, Speaker | None] | None = None  # (paragraph, speaker) of the previous kept quote
        handlers = self._handlers()
        for i, span in enumerate(self.spans):
            s0, s1 = self._sentence(span.open_at)
            inner = self.text[span.start : span.end].strip()
            n_words = len(_TOKEN.findall(inner))
            if n_words == 0:
                continue
            nxt = self.spans[i + 1].open_at if i + 1 < len(self.spans) else s1
            q = _Span(i, span, inner, n_words, s0, s1, min(s1, nxt) if nxt > span.open_at else s1)
            trace = (
                QuoteTrace(span.start, inner, self.text[s0:s1].strip()) if self.traces is not None else None
            )
            decided = self._decide(q, handlers, trace)
            if trace is not None and self.traces is not None:
                self.traces.append(trace)
            if decided is None:
                continue
            if decided.speaker:
                self.cast.note_speaker(span.open_at, decided.speaker)
            quote = self._quote(q, decided)
            if trace is not None:
                trace.finish(quote, self.cast, s0, s1)
            out.append(quote)
            self.last = (span.para, decided.speaker)
        return out

    def _handlers(self) -> dict[str, Callable[[_Span], _Finding]]:
        """What each rule of ``RULES`` reads, by rule name."""
        return {
            "paraphrase": self._paraphrase,
            "title": self._title,
            "sign-text": self._sign_text,
            "scare-cue": self._scare_cue,
            "acronym": self._acronym,
            "label": self._label,
            "headline": lambda q: self._is_headline(q.i, q.span, q.inner),
            "after-quote": self._after_quote,
            "before-quote": lambda q: pre_attribution(self.masked, q.s0, q.span.open_at),
            "later-in-sentence": self._later_in_sentence,
            "next-sentence": lambda q: (
                self._next_sentence(q.span, q.s1) if q.span.close_at is not None else None
            ),
            "colon-intro": lambda q: self._colon_intro(q.span),
            "scare-quote": lambda q: (
                q.n_words <= _SHORT and not self._quote_only_sentence(q.span, q.s0, q.s1)
            ),
            "slogan": lambda q: q.n_words <= 8 and _title_case(q.inner),
            "credit-line": lambda q: self._credit_line(q.span),
            "continued": self._continued,
        }

    def _decide(
        self, q: _Span, handlers: dict[str, Callable[[_Span], _Finding]], trace: QuoteTrace | None
    ) -> _Decision | None:
        """How a kept quote was attributed; None when a drop rule fires. When no rule names a speaker,
        the quote is kept without one."""
        for rule in RULES:
            found = handlers[rule.name](q)
            if not found:
                if trace is not None:
                    trace.step(rule.name, None)
                continue
            if rule.kind == "drop":
                if trace is not None:
                    trace.dropped(rule.name)
                return None
            decision = self._speaker_from(rule.name, found, q, trace)
            if decision is not None:
                return decision
        return _Decision(None, None, None, None)

    def _speaker_from(
        self, rule: str, found: _Finding, q: _Span, trace: QuoteTrace | None
    ) -> _Decision | None:
        """The speaker a speaker rule's finding names; None when it names none and the next rule is tried."""
        if isinstance(found, Attribution):
            speaker = self.cast.resolve(found.mention, q.span.open_at)
            if speaker and self._country_for_a_person(speaker, q.inner):
                if trace is not None:
                    trace.step(rule, found.mention.text, False)
                    trace.rejected.append((speaker.label or "", _NOT_A_COUNTRY))
                return None
            if trace is not None:
                trace.step(rule, found.mention.text, speaker is not None)
            return _Decision(rule if speaker else None, found.how, speaker, found)
        if isinstance(found, Mention):
            speaker = self.cast.resolve(found, q.span.open_at)
            if trace is not None:
                trace.step(rule, found.text, speaker is not None)
            return None if speaker is None else _Decision(rule, None, speaker, None)
        assert isinstance(found, Speaker)
        if trace is not None:
            trace.step(rule, "the previous quote's speaker", True)
        return _Decision(rule, None, found, None)

    def _country_for_a_person(self, speaker: Speaker, inner: str) -> bool:
        """A country read as the speaker of words in the first person singular: a person said them."""
        if speaker.person is not None or not speaker.label or speaker.unnamed:
            return False
        registry = self.cast.registry
        slug = registry.party_by_alias.get(lookup_key(speaker.label))
        return bool(slug and registry.party_kind.get(slug) == "country" and _FIRST_PERSON.search(inner))

    def _paraphrase(self, q: _Span) -> bool:
        return bool(_PARAPHRASE.search(self._before(q)))

    def _title(self, q: _Span) -> bool:
        """'told "Fox News Sunday"', 'CBS's "Face the Nation"', 'a book, "The Long Table"'."""
        bare = q.inner.rstrip(".,!?;: ")
        return q.n_words <= 14 and _title_case(bare) and bool(_TITLE_BEFORE.search(self._before(q)))

    def _sign_text(self, q: _Span) -> bool:
        return bool(_SIGN_BEFORE.search(self._before(q)))

    def _scare_cue(self, q: _Span) -> bool:
        return q.n_words <= _SHORT and bool(_SCARE.search(self._before(q)))

    def _acronym(self, q: _Span) -> bool:
        if q.n_words > _SHORT:
            return False
        letters = [c for c in q.inner if c.isalpha()]
        return bool(letters) and all(c.isupper() for c in letters)

    def _label(self, q: _Span) -> bool:
        ws = _TOKEN.findall(q.inner)
        return (
            q.n_words <= 3
            and all(w[:1].isupper() for w in ws)
            and not q.inner.rstrip().endswith((".", "!", "?"))
        )

    def _before(self, q: _Span) -> str:
        return self.masked[max(q.s0, q.span.open_at - 60) : q.span.open_at].lower()

    def _after_quote(self, q: _Span) -> Attribution | None:
        if q.span.close_at is None:
            return None
        return post_attribution(self.masked, q.span.close_at, q.limit)

    def _later_in_sentence(self, q: _Span) -> Attribution | None:
        if q.span.close_at is None:
            return None
        return sentence_attribution(self.masked, q.span.close_at, q.s1)

    def _continued(self, q: _Span) -> Speaker | None:
        last = self.last
        if last and (last[0] == q.span.para or q.span.continues or self._follows(q.span, last[0])):
            return last[1]
        return None

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

    def _next_sentence(self, span: Span, s1: int) -> Attribution | None:
        """'"... full stop." Trudeau said.': an attribution left as a sentence of its own."""
        assert span.close_at is not None
        if self.masked[span.close_at + 1 : s1].strip() or s1 >= len(self.masked):
            return None
        n0, n1 = self._sentence(s1)
        if n0 != s1 or self.masked[n0:n1].lstrip()[:1] in _OPENING_MARKS or n1 - n0 > 120:
            return None
        found = post_attribution(self.masked, s1 - 1, n1)
        return found if found and not _reports_more(self.masked[n0:n1], found) else None

    def _quote(self, q: _Span, decided: _Decision) -> ExtractedQuote:
        span, inner, s0, s1 = q.span, q.inner, q.s0, q.s1
        rule, form, speaker, attribution = decided
        person = speaker.person if speaker else None
        label = None if person or not speaker or speaker.unnamed else speaker.label
        unnamed_label = speaker.label if speaker and speaker.unnamed else None
        context = attribution.context if attribution else None
        said_on = _weekday_date(attribution.weekday if attribution else None, self.published)
        topics = self.topics.between(min(s0, span.start), max(s1, span.end))
        confidence = rules.confidence(rule, form) if rule else 0.3
        if attribution and attribution.mention.kind == "pronoun":
            confidence -= 0.1
        if speaker is None or speaker.unnamed:
            confidence = min(confidence, 0.5)
        return ExtractedQuote(
            text=inner,
            offset=span.start,
            speaker=person.name if person else label,
            speaker_label=label or unnamed_label,
            speaker_role=self.cast.role_on(person, self.published) if person else None,
            speaker_gender=person.gender if person else None,
            speaker_known=bool(person and person.known),
            party=speaker.party if speaker else None,
            topics=topics,
            context=context,
            said_on=said_on,
            direct=True,
            confidence=round(confidence, 2),
            rule=rules.rule_name(rule, form) if rule else None,
            fragment=is_fragment(inner),
        )


# Words that open what a sentence reports after its verb ("Ambrose said the state would wait"): such a
# sentence is news of its own, not an attribution left over for the quote before it.
_REPORTED_OPENERS = frozenset("that the a an he she it they we i there this these his her their its".split())


def _reports_more(sentence: str, found: Attribution) -> bool:
    verb = re.search(rf"\b{re.escape(found.verb or '')}\b", sentence) if found.verb else None
    if verb is None:
        return False
    rest = _TOKEN.findall(sentence[verb.end() :])
    if found.verb and found.verb.lower() in {"told", "tells", "tell"}:
        return len(rest) > 10
    return len(rest) > 10 or bool(rest and rest[0].lower() in _REPORTED_OPENERS)


def _weekday_date(weekday: str | None, published: date | None) -> date | None:
    if not weekday or not published:
        return None
    wanted = lx.WEEKDAYS.index(weekday.lower())
    back = (published.weekday() - wanted) % 7
    return published - timedelta(days=back)
