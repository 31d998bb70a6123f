"""Attribution as data: the ordered, named rules that decide whether a quoted span is a quote and who said it.

The quote reader walks ``RULES`` in order for every span in quotation marks. A "drop" rule that fires
leaves the span out of ``quotes`` (it is a label, a title or a headline, not words anyone said); a
"speaker" rule that fires decides the speaker, and its name is recorded on the quote
(``ExtractedQuote.rule``), so ``nafta-bot extract --explain`` can trace every speaker to the rule that
chose it. Changing the order here changes the extractor; ``tests/extract/test_rules.py`` reads this table.

A speaker rule's match may take a weaker form than the rule's own (a possessive noun, "according to"):
the recorded name is then ``rule:form`` and ``FORM_CONFIDENCE`` caps the confidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Rule:
    name: str
    kind: Literal["drop", "speaker"]
    confidence: float  # of a speaker chosen by this rule; 0 for drop rules
    example: str  # the kind of text the rule reads (invented)


RULES: tuple[Rule, ...] = (
    # Spans that are never quotes, whatever is around them.
    Rule("paraphrase", "drop", 0, "in effect telling Mexico, “take it or leave it”"),
    Rule("title", "drop", 0, "told “Meet the Voters”; his book, “The Long Table”; a hearing titled “…”"),
    Rule("sign-text", "drop", 0, "supporters in hats reading “Farms First”"),
    Rule("scare-cue", "drop", 0, "the so-called “sunset clause”"),
    Rule("acronym", "drop", 0, "“CUSMA”"),
    Rule("label", "drop", 0, "a capitalised label of 1-3 words: “Phase Two”"),
    Rule("headline", "drop", 0, "Related: “Inside the fight over autos” (a link or subheading)"),
    # Who said it: the first rule that names a speaker decides.
    Rule("after-quote", "speaker", 0.92, "“…,” Ostrander said. / “…,” said Hal Ostrander, a grower."),
    Rule("before-quote", "speaker", 0.85, "Ostrander said: “…” / Ostrander called the offer “…”"),
    Rule("later-in-sentence", "speaker", 0.75, "“serious” and “unhelpful,” the ministry said."),
    Rule("next-sentence", "speaker", 0.75, "“… at the table.” Ostrander said. (attribution on its own)"),
    Rule("colon-intro", "speaker", 0.85, "a paragraph ending “Ostrander said:”, the quote opening the next"),
    # Unattributed short spans are scare quotes or slogans, not quotes.
    Rule("scare-quote", "drop", 0, "a “historic” day (a few words nobody is said to have said)"),
    Rule("slogan", "drop", 0, "“Buy North American Now” (title-case words nobody is said to have said)"),
    Rule(
        "credit-line",
        "speaker",
        0.7,
        "quote paragraphs, then a line that is only “Hal Ostrander, Farm Weekly”",
    ),
    Rule("continued", "speaker", 0.65, "a quote that goes on from the same speaker's previous one"),
)
RULE_BY_NAME = {r.name: r for r in RULES}

# The forms a speaker rule's match can take (``Attribution.how``), with the confidence each allows.
FORM_CONFIDENCE = {
    "post": 0.92,
    "inverted": 0.92,
    "pre": 0.85,
    "participle": 0.75,
    "noun": 0.7,
    "according": 0.7,
    "sentence": 0.75,
}
# The form each speaker rule reads when its match is of its own kind: recorded as the bare rule name.
RULE_FORMS = {
    "after-quote": {"post", "inverted"},
    "before-quote": {"pre", "inverted"},
    "later-in-sentence": {"sentence"},
    "next-sentence": {"post", "inverted"},
    "colon-intro": {"pre", "inverted"},
}


def rule_name(rule: str, form: str | None) -> str:
    """'after-quote', or 'before-quote:noun' when the rule matched through a weaker form."""
    if form is None or form in RULE_FORMS.get(rule, ()):
        return rule
    return f"{rule}:{form}"


def confidence(rule: str, form: str | None) -> float:
    base = RULE_BY_NAME[rule].confidence
    return min(base, FORM_CONFIDENCE.get(form or "", base))
