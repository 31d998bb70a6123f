"""How the extractor read each quoted span, for ``nafta-bot extract --explain``: the rules tried in order,
the one that decided, the sentence it read, and why other people named there were not the speaker."""

from __future__ import annotations

from dataclasses import dataclass, field

from store.extract.rules import RULE_BY_NAME
from store.extract.speakers import LEAD, MENTION, SPOKE, SUBJECT, Resolution
from store.extract.text import one_line
from store.extract.types import ExtractedQuote

# Why a person named in the quote's sentence was not taken, by how the sentence uses the name.
WHY_NOT = {
    MENTION: "named as an object, after a preposition or as a possessive, not as a subject",
    SUBJECT: "a subject in the sentence, but not of the verb of saying the rule read",
    LEAD: "the sentence's subject, but the verb of saying has another subject",
    SPOKE: "speaks in the sentence, but these words are attributed to someone else",
}


@dataclass
class QuoteTrace:
    offset: int
    text: str
    sentence: str
    steps: list[tuple[str, str | None, bool]] = field(default_factory=list)  # (rule, what it read, resolved)
    dropped_by: str | None = None
    quote: ExtractedQuote | None = None
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (name, why not)

    def step(self, rule: str, read: str | None, resolved: bool = False) -> None:
        self.steps.append((rule, read, resolved))

    def dropped(self, rule: str) -> None:
        self.dropped_by = rule

    def finish(self, quote: ExtractedQuote, cast: Resolution, s0: int, s1: int) -> None:
        """Record the quote and every other person the sentence names, with the reason they lost."""
        self.quote = quote
        seen = {quote.speaker}
        for at, person, strength in cast.timeline:
            if not s0 <= at < s1 or person.name in seen:
                continue
            seen.add(person.name)
            self.rejected.append((person.name, WHY_NOT.get(cast._rank(at, strength), WHY_NOT[MENTION])))
        for at, label, _party in cast.bodies:
            if s0 <= at < s1 and label not in seen and label != quote.speaker_label:
                seen.add(label)
                self.rejected.append((label, "a body named in the sentence, not the subject of the verb"))


def explain_block(n: int, trace: QuoteTrace) -> str:
    """One readable block per quoted span."""
    text = _clip(trace.text, 110)
    lines = [f"{n:>3}. “{text}”"]
    if trace.dropped_by:
        lines.append(f"     not a quote — rule {trace.dropped_by}")
        lines.append(f"     sentence: {_clip(trace.sentence, 160)}")
        return "\n".join(lines)
    q = trace.quote
    assert q is not None
    who = q.speaker or (f"unnamed: {q.speaker_label}" if q.speaker_label else "no speaker")
    extra = ", ".join(x for x in (q.party, q.speaker_role) if x)
    lines.append(f"     speaker: {who}" + (f" ({_clip(extra, 80)})" if extra else ""))
    lines.append(
        f"     rule: {q.rule or '(none matched)'}  confidence {q.confidence:.2f}"
        + ("  fragment: not shown alone" if q.fragment else "")
    )
    lines.append(f"     sentence: {_clip(trace.sentence, 160)}")
    for rule, read, resolved in trace.steps:
        if read is None:
            continue
        verdict = "chosen" if resolved else "names nobody the article introduced"
        lines.append(f"     read by {rule}: {read!r} — {verdict}")
    tried = [rule for rule, read, _ in trace.steps if read is None and RULE_BY_NAME[rule].kind == "speaker"]
    if tried:
        lines.append(f"     tried first, no match: {', '.join(tried)}")
    for name, why in trace.rejected:
        lines.append(f"     not {name}: {why}")
    return "\n".join(lines)


def _clip(text: str, n: int) -> str:
    text = one_line(text)
    return text if len(text) <= n else text[: n - 1] + "…"
