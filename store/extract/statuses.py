"""Where talks on a chapter stand, as the story says it: "negotiators closed the chapter on energy" ->
energy agreed; "the two sides remain far apart on dairy" -> dairy deadlocked. Wordings in
``store.extract.stance_rules`` (STATUSES; DEAL_CONTENTS and DEAL_DONE for what a reported deal contains).

A status is read in the clause that names the topic; only sentences naming a topic are read. In a story
that reports a deal done, what the deal contains is "agreed", and an earlier "sticking point" on a topic
the deal settled is history, not where the topic stands.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from store.extract.positions import ends_sentence
from store.extract.scope import ScopeCues
from store.extract.stance_rules import (
    DEAL_CONTENT_COPULAS,
    DEAL_CONTENT_END,
    DEAL_CONTENT_LISTS,
    DEAL_CONTENT_VERBS,
    DEAL_DONE,
    DEAL_EFFECTS,
    DEAL_HYPOTHETICAL,
    DEAL_NAMES,
    DEAL_PRONOUNS,
    DEAL_SUBJECTS,
    NOT_CONTENTS,
    PAST_MARKERS,
    STATUSES,
)
from store.extract.topics import TopicSpans
from store.extract.types import StatusSignal

# Read from wording, never as sure as an editor's record. A deal reported reached on a topic ("reached a
# deal to lift the steel tariffs", "closed the chapter on energy") is sure enough to count as where the
# topic stands (``store.answers.queries.STATUS_CONFIDENT``); "progress" and "sticking points" are not.
STATUS_CONFIDENCE: dict[str, float] = {"agreed": 0.6}
STATUS_CONFIDENCE_OTHER = 0.45
# What a concluded deal is said to contain, in a story that reports it done: sure enough to count as
# where the topic stands (``store.answers.queries.STATUS_CONFIDENT``).
CONTENTS_CONFIDENCE = 0.65
CONTENTS_MAX_TOPICS = 5


def _inflect(verb: str) -> str:
    """ "include" -> "include|includes", "carry" -> "carry|carries", "put in place" -> "puts? in place"."""
    head, _, rest = verb.partition(" ")
    if head.endswith("y") and head[-2:-1] not in "aeiou":
        third = head[:-1] + "ies"
    elif head.endswith(("s", "sh", "ch", "x")):
        third = head + "es"
    else:
        third = head + "s"
    tail = f" {rest}" if rest else ""
    return f"(?:{head}|{third}){tail}"


def content_pattern() -> str:
    """A deal's subject and verb of content, or a content-listing wording; the match ends where the list
    of contents begins."""
    verbs = "|".join(_inflect(v) for v in sorted(DEAL_CONTENT_VERBS, key=len, reverse=True))
    subjects = "|".join(DEAL_SUBJECTS)
    aux = r"(?:(?:also|now|would|will|effectively|further|still)\s+){0,2}"
    return (
        rf"(?:(?P<subject>{subjects})(?:,[^,]{{1,60}},)?\s+{aux}(?:{verbs}|{DEAL_CONTENT_COPULAS})|"
        rf"{'|'.join(DEAL_CONTENT_LISTS)})\b"
    )


class StatusReader:
    """``beneficiaries``: the names of parties (lowercased), which in a deal's contents say who benefits
    ("gives U.S. farmers more access to Canada's dairy market" is dairy, not farm trade at large)."""

    def __init__(self, statuses: tuple[str, ...], beneficiaries: tuple[str, ...] = ()) -> None:
        self._beneficiaries = beneficiaries
        wanted = {k: v for k, v in STATUSES.items() if k in statuses}
        alternatives = "|".join(
            f"(?P<{name.replace(' ', '_')}>{'|'.join(phrases)})" for name, phrases in wanted.items()
        )
        self._status = re.compile(rf"\b(?:{alternatives})\b") if wanted else None
        self._contents = re.compile(rf"\b{content_pattern()}") if "agreed" in statuses else None
        verbs = "|".join(_inflect(v) for v in DEAL_CONTENT_VERBS)
        self._continued = re.compile(rf"(?:{'|'.join(DEAL_PRONOUNS)})\s+(?:also\s+)?(?:{verbs})\b")
        self._content_end = re.compile(DEAL_CONTENT_END)
        self._effects = re.compile(DEAL_EFFECTS)
        self._hypothetical = re.compile(DEAL_HYPOTHETICAL)
        self._done = re.compile(rf"\b(?:{'|'.join(DEAL_DONE)})\b|{DEAL_NAMES}")
        self._past = re.compile(PAST_MARKERS)

    def read(
        self,
        text: str,
        masked: str,
        sentences: Sequence[tuple[int, int]],
        narration: TopicSpans,
        cues: ScopeCues,
        topics: TopicSpans | None = None,
    ) -> list[StatusSignal]:
        """``topics``: every topic mention, quotes included (an official's "what the deal does is ...");
        ``narration`` without the quotes, for the status wordings."""
        out: list[StatusSignal] = []
        if self._status is None:
            return out
        low = _lower(masked)
        starts = [s0 for s0, _ in sentences]
        # A status needs a topic in its sentence: only those sentences are read.
        topical = sorted({bisect.bisect_right(starts, at) - 1 for at, _ in narration.found} - {-1})
        hits: list[tuple[int, str]] = []
        for k in topical:
            s0, s1 = sentences[k]
            hits += [
                (m.start(), (m.lastgroup or "").replace("_", " ")) for m in self._status.finditer(low, s0, s1)
            ]
        contents = self._contents_of(text, sentences, starts, topics or narration, cues, set())
        if not hits and not contents:
            return out  # most stories have no status wording at all: the deal-done test is skipped
        done = bool(self._done.search(low))
        seen: set[tuple[str, str, int]] = set()
        if done:
            out += contents
            seen.update((c.topic, c.status, c.offset) for c in contents)
        for at, status in sorted(hits):
            k = bisect.bisect_right(starts, at) - 1
            if k < 0:
                continue
            s0, s1 = sentences[k]
            if not ends_sentence(text, s0, s1) or cues.decide(s0, s1) is False:
                continue
            if done and status != "agreed" and self._past.search(low, s0, s1):
                continue  # history: the deal that the story reports has settled it
            c0, c1 = _clause(low, at, s0, s1)
            for topic in narration.between(c0, c1)[:3]:
                if (topic, status, s0) not in seen:
                    seen.add((topic, status, s0))
                    confidence = STATUS_CONFIDENCE.get(status, STATUS_CONFIDENCE_OTHER)
                    out.append(StatusSignal(topic, status, text[s0:s1].strip(), s0, confidence))
        if done:  # a story that reports the deal done: what it says was agreed is where the topic stands
            settled = {s.topic for s in out if s.status == "agreed"}
            out = [s for s in out if s.status == "agreed" or s.topic not in settled]
        return sorted(out, key=lambda s: s.offset)

    def _contents_of(
        self,
        text: str,
        sentences: Sequence[tuple[int, int]],
        starts: list[int],
        topics: TopicSpans,
        cues: ScopeCues,
        seen: set[tuple[str, str, int]],
    ) -> list[StatusSignal]:
        """What the concluded deal contains, read in the sentences that name a topic (quotes included)."""
        out: list[StatusSignal] = []
        if self._contents is None:
            return out
        low = _lower(text)
        topical = sorted({bisect.bisect_right(starts, at) - 1 for at, _ in topics.found} - {-1})
        previous = -2  # the last sentence that listed contents: "It also ..." continues it
        for k in topical:
            s0, s1 = sentences[k]
            found = []
            if _CONTENT_HINT.search(low, s0, s1):  # a cheap test first: the big pattern is slow to scan
                found = [m for m in self._contents.finditer(low, s0, s1) if self._asserted(low, m, s0)]
            if not found and previous == k - 1:
                lead = _LEAD_IN.match(low, s0, s1)
                m = self._continued.match(low, lead.end() if lead else s0, s1)
                found = [m] if m else []
            if not found or not ends_sentence(text, s0, s1) or cues.decide(s0, s1) is False:
                continue
            previous = k
            for m in found:
                cut = self._content_end.search(low, m.end(), s1)
                named = topics.between(m.end(), cut.start() if cut else s1)
                for topic in self._contents_named(named, topics, low, m.end(), cut.start() if cut else s1):
                    if (topic, "agreed", s0) not in seen:
                        seen.add((topic, "agreed", s0))
                        out.append(
                            StatusSignal(topic, "agreed", text[s0:s1].strip(), s0, CONTENTS_CONFIDENCE)
                        )
        return out

    def _contents_named(
        self, named: tuple[str, ...], topics: TopicSpans, low: str, start: int, end: int
    ) -> list[str]:
        """The topics a content list names, leaving out those named only by who benefits."""
        by_what = {
            slug
            for at, slug in topics.found
            if start <= at < end and not (self._beneficiaries and low.startswith(self._beneficiaries, at))
        }
        return [t for t in named if t in by_what and t not in NOT_CONTENTS][:CONTENTS_MAX_TOPICS]

    def _asserted(self, low: str, m: re.Match[str], s0: int) -> bool:
        """Said of the deal as it stands: not "if the deal includes", not "critics of the new agreement"."""
        if self._hypothetical.search(low, max(s0, m.start() - 40), m.start()):
            return False
        if self._effects.match(low, m.end()):
            return False
        return not (m.group("subject") and _OBJECT_OF.search(low, max(s0, m.start() - 12), m.start()))


def _lower(text: str) -> str:
    low = text.lower()
    return low if len(low) == len(text) else "".join(c.lower()[:1] for c in text)


_CONTENT_HINT = re.compile(
    r"agreement|deal|pact|accord|usmca|cusma|t-mec|nafta|changes|rules|provisions|terms|among"
)
_LEAD_IN = re.compile(r"[\s“\"‘']*(?:(?:and|but|also|in addition|besides|plus),?\s+)?")
_OBJECT_OF = re.compile(r"\b(?:of|from|to|on|with|for|about|against|into|than|in|by|over)\s+$")
_CLAUSE_BREAK = re.compile(r",\s+(?:and|but|while|although|whereas)\s+|;\s+|\s+but\s+")


def _clause(low: str, at: int, s0: int, s1: int) -> tuple[int, int]:
    """The clause of a sentence around offset ``at``: "closed the chapter on energy" in "..., and
    Canada rejected the demand on dairy" is not about dairy."""
    start, end = s0, s1
    for m in _CLAUSE_BREAK.finditer(low, s0, s1):
        if m.end() <= at:
            start = m.end()
        elif m.start() > at:
            end = m.start()
            break
    return start, end
