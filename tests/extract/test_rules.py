"""Invariants of the rules as data: the attribution table, the word lists, where negotiation facts live."""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

import pytest

from store.extract import lexicon as lx
from store.extract import rules
from store.extract.extractor import Extractor
from store.taxonomy import load_taxonomy

EXTRACT = Path(rules.__file__).parent

# Lists that must never share a word: a word in both would be read two contradictory ways.
MUST_BE_DISJOINT = [
    ("OPENERS", "TITLE_WORDS"),
    ("PRONOUNS", "ORG_HEADS"),
    ("PRONOUNS", "ROLE_WORDS"),
    ("SPEECH_VERBS", "ROLE_WORDS"),
    ("SPEECH_VERBS", "ORG_HEADS"),
    ("SPEECH_VERBS", "UNNAMED_HEADS"),
    ("MALE_NAMES", "FEMALE_NAMES"),
    ("CRAWLER_JUNK", "TITLE_WORDS"),
    ("PLACES", "OUTLETS"),
    ("SIGN_CARRIERS", "ORG_HEADS"),
    ("SIGN_CARRIERS", "ROLE_WORDS"),
    ("MUTE_HEADS", "OUTLETS"),
]
# Overlaps that are meant, each read apart by the code: "Bill" is a first name and a law; "Virginia" a
# first name and a state.
KNOWN_OVERLAPS = {("MALE_NAMES", "ORG_WORDS"): {"Bill"}, ("FEMALE_NAMES", "PLACES"): {"Virginia"}}


def _lists() -> dict[str, object]:
    return {
        n: getattr(lx, n)
        for n in dir(lx)
        if n.isupper() and isinstance(getattr(lx, n), frozenset | tuple | dict)
    }


def test_no_word_list_repeats_an_entry() -> None:
    """Checked in the source, since a frozenset hides a repeat: every literal list of the lexicon."""
    tree = ast.parse((EXTRACT / "lexicon.py").read_text(encoding="utf-8"))
    repeats = {}
    for node in tree.body:
        if not isinstance(node, ast.Assign):
            continue
        value = node.value
        if isinstance(value, ast.Dict):  # a mapping's keys are its entries
            value = ast.Tuple(elts=[k for k in value.keys if k is not None])
        strings = [
            c.value for c in ast.walk(value) if isinstance(c, ast.Constant) and isinstance(c.value, str)
        ]
        is_forms = isinstance(node.value, ast.Call) and getattr(node.value.func, "id", "") == "_forms"
        entries = [w for s in strings for w in s.split()] if is_forms else strings
        twice = [w for w, n in Counter(entries).items() if n > 1]
        if twice:
            repeats[node.targets[0].id] = twice  # type: ignore[attr-defined]
    assert repeats == {}


def test_a_repeated_word_is_refused_when_the_lexicon_loads() -> None:
    with pytest.raises(ValueError, match="repeats"):
        lx._forms("said told", "said")


@pytest.mark.parametrize(("a", "b"), MUST_BE_DISJOINT)
def test_lists_that_must_be_disjoint_are(a: str, b: str) -> None:
    lists = _lists()
    assert set(lists[a]) & set(lists[b]) == set()  # type: ignore[call-overload]


def test_known_overlaps_are_only_the_documented_words() -> None:
    lists = _lists()
    for (a, b), words in KNOWN_OVERLAPS.items():
        assert set(lists[a]) & set(lists[b]) == words  # type: ignore[call-overload]


def test_the_rule_table_is_ordered_named_and_each_rule_has_a_handler() -> None:
    names = [r.name for r in rules.RULES]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z]+(?:-[a-z]+)*", n) for n in names)
    assert all(r.confidence == 0 for r in rules.RULES if r.kind == "drop")
    assert all(0 < r.confidence <= 1 for r in rules.RULES if r.kind == "speaker")
    reader_source = (EXTRACT / "extractor.py").read_text(encoding="utf-8")
    handled = set(re.findall(r'^\s+"([a-z-]+)": ', reader_source, re.MULTILINE))
    assert handled == set(names)


def test_every_attribution_form_has_a_confidence() -> None:
    source = (EXTRACT / "attribution.py").read_text(encoding="utf-8")
    forms = set(re.findall(r'Attribution\([^,]+, "([a-z]+)"', source))
    assert forms
    assert forms <= set(rules.FORM_CONFIDENCE)


def test_recorded_rule_names_come_from_the_table() -> None:
    text = (
        "Hal Ostrander, a grain farmer, was blunt.\n\n“We are done waiting,” Ostrander said. "
        "“The spring is close.”"
        "\n\nOstrander called the offer “a lifeline” and added: “Let us plant.”"
    )
    quotes = Extractor(load_taxonomy()).extract(text).quotes
    recorded = {q.rule.split(":")[0] for q in quotes if q.rule}
    assert recorded
    assert recorded <= {r.name for r in rules.RULES if r.kind == "speaker"}
    assert [q.rule for q in quotes] == ["after-quote", "continued", "before-quote", "before-quote"]


def test_negotiation_facts_live_only_in_the_taxonomy() -> None:
    """No party slug of the bundled negotiation is written into the extraction or ingest code."""
    slugs = {p.slug for p in load_taxonomy().parties} - lx.FIRST_PERSON  # "us" the pronoun
    sources = [*EXTRACT.glob("*.py"), *(EXTRACT.parent / "ingest").glob("*.py")]
    found = {
        (path.name, slug)
        for path in sources
        for slug in slugs
        if re.search(rf"""["']{re.escape(slug)}["']""", path.read_text(encoding="utf-8"))
    }
    assert found == set()
