"""Answers a reporter can trust, pinned on hand-made stores: what is shown first, and what never is.

Every sentence, speaker label and outlet here is invented for the test.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from handlers.query.engine import Librarian
from handlers.render.text import render_text
from store.answers import ranking
from store.answers.ranking import Candidate
from testkit import factories


def _texts(engine: Engine, question: str) -> list[str]:
    answer = Librarian(engine, cache_size=0).ask(question)
    page = getattr(answer, "page", None)
    rows = page.quotes if page is not None else answer.quotes  # type: ignore[attr-defined]
    return [r.text for r in rows]


# ---------------------------------------------------------------- the ranking function


def test_weights_are_data_and_order_the_speaker_tiers() -> None:
    tiers = ["principal", "taxonomy", "named", "organisation", "unnamed"]
    weights = [ranking.SPEAKER_WEIGHTS[t] for t in tiers]
    assert weights == sorted(weights, reverse=True)
    assert len(set(weights)) == len(weights)
    assert set(ranking.WEIGHTS) == {"strength", "direct", "recency"}


def test_speaker_tier_reads_role_source_and_label() -> None:
    tier = ranking.speaker_tier
    assert tier(person_source="taxonomy", role="U.S. Trade Representative", label=None) == "principal"
    assert tier(person_source="taxonomy", role="Canada's chief NAFTA negotiator", label=None) == "principal"
    assert tier(person_source="taxonomy", role="White House press secretary", label=None) == "taxonomy"
    assert tier(person_source="taxonomy", role="President of the AFL-CIO", label=None) == "taxonomy"
    assert tier(person_source="extracted", role=None, label=None) == "named"
    assert tier(person_source=None, role=None, label="the Lumber Council of Ontario") == "organisation"
    assert tier(person_source=None, role=None, label="a senior official") == "unnamed"
    assert tier(person_source=None, role=None, label="people familiar with the talks") == "unnamed"
    assert tier(person_source=None, role=None, label=None) == "unnamed"


def _candidate(i: int, **changes: object) -> Candidate:
    base = dict(
        id=i,
        text=f"words number {i}",
        speaker_key=f"p:{i}",
        tier="named",
        direct=True,
        strength=1.0,
        day=date(2018, 9, 1),
        article_id=i,
    )
    base.update(changes)
    return Candidate(**base)  # type: ignore[arg-type]


def test_rank_prefers_strength_then_speaker_then_directness_then_recency() -> None:
    weak = _candidate(1, strength=0.5, tier="named")
    strong = _candidate(2, strength=1.0, tier="named")
    official = _candidate(3, strength=1.0, tier="unnamed")
    principal = _candidate(4, strength=1.0, tier="principal")
    paraphrase = _candidate(5, strength=1.0, tier="principal", direct=False)
    order = [c.id for c in ranking.rank([weak, strong, official, principal, paraphrase])]
    assert order == [4, 5, 2, 3, 1]
    older = _candidate(6, day=date(2017, 1, 1))
    newer = _candidate(7, day=date(2018, 1, 1))
    assert [c.id for c in ranking.rank([older, newer])] == [7, 6]


def test_an_undated_quote_is_not_sunk_below_older_dated_ones() -> None:
    oldest = _candidate(1, day=date(2017, 1, 1))
    newest = _candidate(2, day=date(2019, 1, 1))
    undated = _candidate(3, day=None)
    assert [c.id for c in ranking.rank([oldest, undated, newest])] == [2, 3, 1]


def test_dedupe_folds_the_same_words_whoever_they_are_put_to() -> None:
    words = "Our farmers will not pay for this agreement, not now and not ever."
    first = _candidate(1, text=words, speaker_key="p:1")
    copy = _candidate(2, text=words.upper(), speaker_key="l:an official")
    short = _candidate(3, text="Not now.", speaker_key="p:1")
    short_elsewhere = _candidate(4, text="not now", speaker_key="p:9")
    groups = ranking.dedupe([first, copy, short, short_elsewhere])
    assert [(g.best.id, g.others) for g in groups] == [(1, (2,)), (3, ()), (4, ())]


# ---------------------------------------------------------------- answers over a store


def test_topic_answer_shows_on_topic_negotiation_quotes_best_first(engine: Engine) -> None:
    with Session(engine) as session:
        factories.quote(
            session,
            "Softwood duties are a tax on every home built south of the border.",
            speaker="Chrystia Freeland",
            topics=("lumber",),
            published=date(2018, 6, 1),
        )
        factories.quote(
            session,
            "The mills are running at half speed this quarter.",
            label="a mill manager",
            topics=("lumber",),
            strength=0.5,
            published=date(2018, 8, 1),
        )
        factories.quote(
            session,
            "Lumber prices in China doubled.",
            speaker="Pat Trader",
            topics=("lumber",),
            in_scope=False,
        )
        factories.quote(session, "Lumber!", speaker="Pat Trader", topics=("lumber",), fragment=True)
        factories.quote(
            session, "Editors removed this.", speaker="Pat Trader", topics=("lumber",), hidden=True
        )
    shown = _texts(engine, "lumber")
    assert shown == [
        "Softwood duties are a tax on every home built south of the border.",
        "The mills are running at half speed this quarter.",
    ]
    text = render_text(Librarian(engine).ask("lumber"))
    assert "Quotes 1–2 of 2" in text


def test_person_party_and_latest_leave_out_what_answers_never_show(engine: Engine) -> None:
    with Session(engine) as session:
        for flags in ({"in_scope": False}, {"fragment": True}, {"hidden": True}):
            factories.quote(
                session,
                f"Hidden kind {sorted(flags)} said here.",
                speaker="Chrystia Freeland",
                topics=("lumber",),
                published=date(2020, 5, 1),
                **flags,  # type: ignore[arg-type]
            )
        factories.quote(
            session,
            "We will defend our lumber workers at every table.",
            speaker="Chrystia Freeland",
            topics=("lumber",),
            published=date(2018, 5, 1),
        )
    for question in ("freeland", "canada", "latest"):
        shown = _texts(engine, question)
        assert "We will defend our lumber workers at every table." in shown, question
        assert not [t for t in shown if t.startswith("Hidden kind")], question


def test_undated_quotes_take_their_article_date_and_still_appear(engine: Engine) -> None:
    with Session(engine) as session:
        for day in range(1, 10):
            factories.quote(
                session,
                f"Energy exports grew again in month {day}, as planned.",
                label="the pipeline association",
                topics=("energy",),
                published=date(2019, 1, day),
            )
        factories.quote(
            session,
            "Energy is the backbone of this continental bargain.",
            speaker="Ildefonso Guajardo",
            topics=("energy",),
            published=None,
        )
    shown = _texts(engine, "energy")
    assert shown[0] == "Energy is the backbone of this continental bargain."


def test_the_same_words_twice_make_one_line_with_both_sources(engine: Engine) -> None:
    words = "Digital trade rules must keep data flowing across all three borders."
    with Session(engine) as session:
        factories.quote(
            session, words, speaker="Robert Lighthizer", topics=("digital-trade",), outlet="Wire One"
        )
        factories.quote(
            session,
            words,
            label="the U.S. trade representative",
            topics=("digital-trade",),
            outlet="Wire Two",
        )
    text = render_text(Librarian(engine).ask("digital trade"))
    assert text.count("Digital trade rules must keep data flowing") == 1
    assert "Wire One" in text
    assert "Wire Two" in text
    assert "Quotes 1–1 of 1" in text


def test_latest_never_repeats_a_line(engine: Engine) -> None:
    words = "The steel tariffs must go before any signature, full stop."
    with Session(engine) as session:
        for outlet in ("Wire One", "Wire Two", "Wire Three"):
            factories.quote(
                session, words, speaker="Chrystia Freeland", topics=("steel-aluminum",), outlet=outlet
            )
        for party in ("canada", "mexico"):
            factories.position(
                session,
                party=party,
                topic="steel-aluminum",
                summary="Both neighbours want the steel tariffs lifted before signing.",
                as_of=date(2018, 10, 1),
            )
    text = render_text(Librarian(engine).ask("latest"))
    assert text.count("The steel tariffs must go before any signature") == 1
    assert text.count("Both neighbours want the steel tariffs lifted") == 1


def test_pages_past_the_ranked_slice_go_on_by_date_without_repeats(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from store.answers import candidates

    monkeypatch.setattr(candidates, "CANDIDATES", 5)
    with Session(engine) as session:
        for day in range(1, 9):
            factories.quote(
                session,
                f"Lumber quota talks went nowhere on day {day} of the round.",
                speaker="Pat Trader",
                topics=("lumber",),
                published=date(2018, 5, day),
            )
    librarian = Librarian(engine, cache_size=0)
    first = librarian.ask("lumber")
    second = librarian.run(first.query.page(5))
    shown = [q.text for q in first.page.quotes + second.page.quotes]  # type: ignore[attr-defined]
    assert len(shown) == len(set(shown)) == 8
    assert first.page.total == 8
    assert second.page.remaining == 0
