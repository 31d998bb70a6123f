"""The store side of curation: corrections, hiding, curated positions, the audit log, and corrections
outliving re-extraction. Real databases (SQLite, or Postgres with TEST_DATABASE_URL)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from store.answers import queries as q
from store.answers.search import search
from store.curation.audit import recent_changes
from store.curation.positions import PositionForm, Source, StatusForm, record_position, record_status, retract
from store.curation.quotes import (
    CurationError,
    QuoteEdit,
    correct_quote,
    hide_quote,
    search_people,
    verify_quote,
)
from store.db import write_session
from store.digests.changes import Filter, filtered_quotes
from store.models import Person, Position, Quote, QuoteCorrection, TopicStatus
from testkit import factories
from tests.curation.conftest import PARTS, PARTS_UPDATED, ingest_parts, quotes_of, speaker_of

EDITOR = "U0EDITOR"


def edit(**changes: object) -> QuoteEdit:
    base = dict(
        speaker_id=None,
        new_speaker=None,
        new_role=None,
        party="canada",
        topics=("autos",),
        direct=True,
        in_scope=True,
    )
    return QuoteEdit(**{**base, **changes})  # type: ignore[arg-type]


def topic_quotes(engine: Engine, slug: str = "autos") -> list[q.QuoteRow]:
    with Session(engine) as session:
        return q.quotes_on_topic(session, topic_id=factories.topic_id(session, slug), limit=50)


def test_a_correction_changes_speaker_party_topics_marks_verified_and_is_audited(engine: Engine) -> None:
    ingest_parts(engine)
    with Session(engine) as session:
        first = quotes_of(session)[0]
        assert first.char_offset is not None
        assert first.char_offset > 0
    with write_session(engine) as session:
        after = correct_quote(
            session,
            quote_id=first.id,
            edit=edit(new_speaker="Morgan Okafor", new_role="president of the parts makers' association"),
            actor=EDITOR,
        )
    assert (after.speaker, after.party, after.topics, after.verified) == (
        "Morgan Okafor",
        "canada",
        ("autos",),
        True,
    )
    shown = [r for r in topic_quotes(engine) if r.id == first.id]
    assert shown
    assert shown[0].speaker == "Morgan Okafor"
    assert shown[0].verified
    assert shown[0].speaker_role == "president of the parts makers' association"
    with Session(engine) as session:
        (change,) = recent_changes(session)
    assert (change.actor, change.action, change.target) == (EDITOR, "quote.correct", f"quote:{first.id}")
    assert change.before is not None
    assert change.after is not None
    assert change.before["speaker"] == "Dana Whitcombe"
    assert change.after["speaker"] == "Morgan Okafor"
    assert change.before["topics"] == []
    assert change.after["topics"] == ["autos"]


def test_an_unknown_party_or_topic_or_quote_is_refused_and_nothing_is_written(engine: Engine) -> None:
    ingest_parts(engine)
    with Session(engine) as session:
        first = quotes_of(session)[0]
    for bad in (edit(party="atlantis"), edit(topics=("autos", "space mining"))):
        with pytest.raises(CurationError), write_session(engine) as session:
            correct_quote(session, quote_id=first.id, edit=bad, actor=EDITOR)
    with pytest.raises(CurationError, match="no longer"), write_session(engine) as session:
        verify_quote(session, quote_id=10_000_000, actor=EDITOR)
    with Session(engine) as session:
        assert session.get(Quote, first.id).verified is False  # type: ignore[union-attr]
        assert recent_changes(session) == []
        assert list(session.exec(select(QuoteCorrection))) == []


def test_hidden_quotes_leave_answers_search_and_digests_but_stay_stored(engine: Engine) -> None:
    with Session(engine) as session:
        kept = factories.quote(
            session,
            "Tariffs on steel hurt every parts plant we run.",
            speaker="Ines Marlowe",
            party="canada",
            topics=("autos",),
        )
        junk = factories.quote(
            session,
            "Tariffs on steel, tariffs on steel, tariffs on steel.",
            speaker="Ines Marlowe",
            party="canada",
            topics=("autos",),
        )
        kept_id, junk_id = kept.id, junk.id
    with write_session(engine) as session:
        hide_quote(session, quote_id=junk_id, reason="a chant, not a statement", actor=EDITOR)
    ids = [r.id for r in topic_quotes(engine)]
    assert kept_id in ids
    assert junk_id not in ids
    with Session(engine) as session:
        assert junk_id not in [r.id for r in q.newest_quotes(session, limit=50)]
        assert junk_id not in [r.id for r in search(session, words="tariffs steel", limit=50).quotes]
        assert kept_id in [r.id for r in search(session, words="tariffs steel", limit=50).quotes]
        digest = filtered_quotes(session, ids=[kept_id, junk_id], only=Filter())
        assert set(digest) == {kept_id}
        stored = session.get(Quote, junk_id)
        assert stored is not None
        assert stored.hidden
        (change,) = recent_changes(session)
        assert change.note == "a chant, not a statement"
    with pytest.raises(CurationError), write_session(engine) as session:
        hide_quote(session, quote_id=kept_id, reason="   ", actor=EDITOR)


def test_corrections_hidden_and_verified_flags_survive_the_article_being_read_again(engine: Engine) -> None:
    ingest_parts(engine)
    with Session(engine) as session:
        first, second = quotes_of(session)
        people = {p.name: p.id for p in session.exec(select(Person))}
    with write_session(engine) as session:
        correct_quote(session, quote_id=first.id, edit=edit(new_speaker="Morgan Okafor"), actor=EDITOR)
    with write_session(engine) as session:
        hide_quote(session, quote_id=second.id, reason="duplicate of an earlier line", actor="U0OTHER")
    ingest_parts(engine, PARTS_UPDATED)  # same URL, new text: the quote rows are replaced
    with Session(engine) as session:
        new_first, new_second = quotes_of(session)
        # New rows (SQLite may reuse the ids): their offsets are those of the updated text.
        assert new_first.char_offset == first.char_offset + len(PARTS_UPDATED) - len(PARTS)  # type: ignore[operator]
        assert speaker_of(session, new_first) == "Morgan Okafor"
        assert new_first.verified
        assert new_first.party_id == factories.party_id(session, "canada")
        assert new_second.hidden
        assert speaker_of(session, new_second) == "Dana Whitcombe"
        assert "Dana Whitcombe" in people
    shown = [r.id for r in topic_quotes(engine)]
    assert new_first.id in shown
    assert new_second.id not in shown


def test_two_editors_on_one_quote_the_later_save_wins_and_both_are_audited(engine: Engine) -> None:
    ingest_parts(engine)
    with Session(engine) as session:
        first = quotes_of(session)[0]
    with write_session(engine) as session:
        correct_quote(session, quote_id=first.id, edit=edit(party="us"), actor="U0FIRST")
    with write_session(engine) as session:
        correct_quote(session, quote_id=first.id, edit=edit(party="mexico", direct=False), actor="U0SECOND")
    with Session(engine) as session:
        changes = recent_changes(session)
        assert [c.actor for c in changes] == ["U0SECOND", "U0FIRST"]
        assert changes[0].before["party"] == "us"
        assert changes[0].after["party"] == "mexico"
    ingest_parts(engine, PARTS_UPDATED)
    with Session(engine) as session:
        again = quotes_of(session)[0]
        assert again.party_id == factories.party_id(session, "mexico")
        assert again.direct is False


def test_a_curated_position_is_current_until_edited_or_retracted_and_history_stays(engine: Engine) -> None:
    source = Source("https://example.test/ottawa-brief", date(2018, 11, 2), None)
    form = PositionForm("canada", "dairy", "concedes", "Offers a small new quota for U.S. milk.", source)
    with write_session(engine) as session:
        first = record_position(session, form=form, actor=EDITOR)
        first_id = first.id
    with Session(engine) as session:
        dairy, canada = factories.topic_id(session, "dairy"), factories.party_id(session, "canada")
        current = q.latest_positions(session, topic_id=dairy, party_ids=[canada])[0]
        assert (current.id, current.origin, current.verified) == (first_id, "curated", True)
        assert current.source is not None
        assert current.source.url == "https://example.test/ottawa-brief"
        assert current.source.outlet == "example.test"
    fixed = PositionForm(
        "canada", "dairy", "concedes", "Offers a small new quota for U.S. milk and cheese.", source
    )
    with write_session(engine) as session:
        second = record_position(session, form=fixed, actor=EDITOR, replaces=first_id)
        second_id = second.id
    with pytest.raises(CurationError, match="already"), write_session(engine) as session:
        record_position(session, form=fixed, actor=EDITOR, replaces=first_id)
    with Session(engine) as session:
        assert q.latest_positions(session, topic_id=dairy, party_ids=[canada])[0].id == second_id
    with write_session(engine) as session:
        retract(session, kind="position", row_id=second_id, actor=EDITOR)
    with Session(engine) as session:
        left = q.latest_positions(session, topic_id=dairy, party_ids=[canada])
        assert second_id not in [p.id for p in left]
        rows = list(session.exec(select(Position).where(Position.source == "curated")))
        assert sorted((p.id, p.retracted) for p in rows) == [(first_id, True), (second_id, True)]
        assert [c.action for c in recent_changes(session)] == [
            "position.retract",
            "position.edit",
            "position.record",
        ]


def test_a_curated_status_and_its_refusals(engine: Engine) -> None:
    source = Source("https://example.test/round-eight", date(2018, 12, 1), "Test Wire")
    with write_session(engine) as session:
        row = record_status(
            session, form=StatusForm("lumber", "deadlocked", "No movement.", source), actor=EDITOR
        )
        row_id = row.id
    with Session(engine) as session:
        status = q.latest_status(session, topic_id=factories.topic_id(session, "lumber"))
        assert status is not None
        assert (status.status, status.as_of) == ("deadlocked", date(2018, 12, 1))
    with pytest.raises(CurationError), write_session(engine) as session:
        record_status(session, form=StatusForm("lumber", "on fire", None, source), actor=EDITOR)
    with pytest.raises(CurationError), write_session(engine) as session:
        record_status(session, form=StatusForm("lumber", "agreed", None, None), actor=EDITOR)
    with write_session(engine) as session:
        retract(session, kind="status", row_id=row_id, actor=EDITOR, reason="wrong round")
    with Session(engine) as session:
        status = q.latest_status(session, topic_id=factories.topic_id(session, "lumber"))
        assert status is None or status.as_of != date(2018, 12, 1)
        assert session.get(TopicStatus, row_id).retracted  # type: ignore[union-attr]


def test_people_search_matches_part_of_a_name_and_treats_wildcards_literally(engine: Engine) -> None:
    with Session(engine) as session:
        factories.person(session, "Dana Whitcombe")
        session.commit()
        assert [name for _, name, _ in search_people(session, text="whitc")] == ["Dana Whitcombe"]
        assert search_people(session, text="%") == []
        assert search_people(session, text="_ana") == []


def test_a_fix_on_the_second_of_two_identical_quotes_stays_on_the_second(engine: Engine) -> None:
    twice = (
        'WASHINGTON — "We need a deal this year," said Carla Brightwater, a farm lobbyist.\n\n'
        "Lawmakers heard from growers.\n\n"
        '"We need a deal this year," said Hollis Pemberton, a dairy farmer.\n'
    )
    ingest_parts(engine, twice)
    with Session(engine) as session:
        first, second = quotes_of(session)
        assert first.text == second.text
    with write_session(engine) as session:
        hide_quote(session, quote_id=second.id, reason="said by a farmer, not a party", actor=EDITOR)
    # An update puts a long paragraph on top: the second's old offset is now nearer the first one.
    ingest_parts(engine, "OTTAWA — " + "A long new introduction to the story. " * 6 + "\n\n" + twice)
    with Session(engine) as session:
        again = quotes_of(session)
        assert [q.hidden for q in again] == [False, True]
        assert speaker_of(session, again[1]) == "Hollis Pemberton"


def test_words_differing_only_in_case_are_different_spans(engine: Engine) -> None:
    text = (
        '"Nobody wins a trade war like this one," said Carla Brightwater, a farm lobbyist.\n\n'
        'A grower put it bluntly: "nobody wins a trade war like this one," said Hollis Pemberton.\n'
    )
    ingest_parts(engine, text)
    with Session(engine) as session:
        _upper, lower = quotes_of(session)
    with write_session(engine) as session:
        verify_quote(session, quote_id=lower.id, actor=EDITOR)
    ingest_parts(engine, "OTTAWA — Updated.\n\n" + text)
    with Session(engine) as session:
        assert [q.verified for q in quotes_of(session)] == [False, True]
