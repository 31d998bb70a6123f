"""Answering inside a thread (mention thread, DM, assistant panel): follow-ups and feedback buttons.

The thread's last reading lives in the database (``store.threads``), so a follow-up is understood by
any replica and after a restart. Thread answers carry 👍/👎 buttons whose value holds the question,
its reading and the items shown, so a vote needs no other state.
"""

from __future__ import annotations

import json
from typing import Any

from handlers.query import answers as a
from handlers.query.followup import REFINABLE, follow_up
from handlers.query.intent import Intent
from handlers.query.parse import Query
from handlers.query.vocabulary import Vocabulary
from handlers.render import blockkit as bk
from handlers.render.slack import render_message
from handlers.runtime import Runtime
from store.threads import recall_reading, remember_reading

VOTE_UP = "feedback_up"
VOTE_DOWN = "feedback_down"
QUESTION_CHARS = 500


def answer_in_thread(runtime: Runtime, *, channel: str, thread: str, text: str) -> a.Answer:
    """Answer ``text`` as asked in this thread, then remember how it was read for the next follow-up."""
    stored = recall_reading(runtime.engine, channel=channel, thread_ts=thread)
    previous = Query.from_value(stored) if stored else None
    vocab = runtime.librarian.vocabulary()
    query = follow_up(previous if previous and previous.kind != Intent.INVALID else None, text, vocab)
    answer = runtime.librarian.run(query)
    if query.kind in REFINABLE:
        remember_reading(runtime.engine, channel=channel, thread_ts=thread, query=query.to_value())
    return answer


def reading_of(query: Query, vocab: Vocabulary) -> dict[str, Any]:
    """The reading in ``ask --explain``'s shape, as stored with a vote."""
    person = vocab.person(query.person_id) if query.person_id else None
    return {
        "intent": query.kind.value,
        "topic": query.topic,
        "party": query.party,
        "person": person.name if person else None,
        "terms": query.words if query.kind == Intent.SEARCH else None,
        "since": query.since,
    }


def item_ids(answer: a.Answer) -> list[int]:
    """The quotes an answer showed, in order."""
    page = getattr(answer, "page", None) or getattr(answer, "quotes", None)
    rows = page.quotes if isinstance(page, a.QuotePage) else page or []
    return [row.id for row in rows][:10]


def thread_message(answer: a.Answer, *, question: str, vocab: Vocabulary) -> bk.Message:
    """The Block Kit answer, with 👍/👎 under it when it is an answer (not help or a problem)."""
    message = render_message(answer)
    if answer.query.kind in REFINABLE and len(message["blocks"]) < bk.MAX_BLOCKS:
        value = json.dumps(
            {"q": question[:QUESTION_CHARS], "r": reading_of(answer.query, vocab), "i": item_ids(answer)},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        buttons = bk.actions(
            bk.button("👍 Helpful", VOTE_UP, value),
            bk.button("👎 Misread", VOTE_DOWN, value),
            block_id="feedback",
        )
        if buttons is not None:
            message["blocks"] = [*message["blocks"], buttons]
    return message
