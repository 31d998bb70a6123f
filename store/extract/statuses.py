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
from store.extract.stance_rules import DEAL_CONTENTS, DEAL_DONE, PAST_MARKERS, STATUSES
from store.extract.topics import TopicSpans
from store.extract.types import StatusSignal

STATUS_CONFIDENCE = 0.45  # read from wording, never as sure as an editor's record


class StatusReader:
    def __init__(self, statuses: tuple[str, ...]) -> None:
        wanted = {k: v for k, v in STATUSES.items() if k in statuses}
        alternatives = "|".join(
            f"(?P<{name.replace(' ', '_')}>{'|'.join(phrases)})" for name, phrases in wanted.items()
        )
        self._status = re.compile(rf"\b(?:{alternatives})\b") if wanted else None
        self._contents = re.compile(rf"\b(?:{'|'.join(DEAL_CONTENTS)})\b") if "agreed" in statuses else None
        self._done = re.compile(rf"\b(?:{'|'.join(DEAL_DONE)})\b")
        self._past = re.compile(PAST_MARKERS)

    def read(
        self,
        text: str,
        masked: str,
        sentences: Sequence[tuple[int, int]],
        narration: TopicSpans,
        cues: ScopeCues,
    ) -> list[StatusSignal]:
        out: list[StatusSignal] = []
        if self._status is None:
            return out
        low = masked.lower()
        if len(low) != len(masked):
            low = "".join(c.lower()[:1] for c in masked)
        starts = [s0 for s0, _ in sentences]
        # A status needs a topic in its sentence: only those sentences are read.
        topical = sorted({bisect.bisect_right(starts, at) - 1 for at, _ in narration.found} - {-1})
        hits: list[tuple[int, str]] = []
        contents: list[tuple[int, str]] = []
        for k in topical:
            s0, s1 = sentences[k]
            hits += [
                (m.start(), (m.lastgroup or "").replace("_", " ")) for m in self._status.finditer(low, s0, s1)
            ]
            if self._contents:
                contents += [(m.start(), "agreed") for m in self._contents.finditer(low, s0, s1)]
        if not hits and not contents:
            return out
        done = bool(self._done.search(low))  # read only now: most stories have no status wording at all
        if done:
            hits += contents
        seen = set()
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
                    out.append(StatusSignal(topic, status, text[s0:s1].strip(), s0, STATUS_CONFIDENCE))
        if done:  # a story that reports the deal done: what it says was agreed is where the topic stands
            settled = {s.topic for s in out if s.status == "agreed"}
            out = [s for s in out if s.status == "agreed" or s.topic not in settled]
        return out


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
