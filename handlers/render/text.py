"""Answers as plain text for the terminal (``nafta-bot ask``) and for Slack's notification fallback."""

from __future__ import annotations

import textwrap
from functools import singledispatch

from handlers.query import answers as a
from handlers.render import wording as w
from handlers.render.help import HELP_EXAMPLES, HELP_LINES, QUESTION_EXAMPLES

WIDTH = 100
LABEL = 15


def _wrap(text: str, indent: int) -> list[str]:
    pad = " " * indent
    return textwrap.wrap(text, WIDTH, initial_indent=pad, subsequent_indent=pad) or [pad]


def _labelled(label: str, text: str) -> list[str]:
    lines = _wrap(text, LABEL + 2)
    lines[0] = f"  {label:<{LABEL}}" + lines[0][LABEL + 2 :]
    return lines


def _quote_lines(quotes: list) -> list[str]:
    lines = []
    for quote in quotes:
        lines += _wrap(w.quote_text(quote.text), 2)
        cite = f"— {w.speaker_line(quote)} · {w.quote_source(quote)}"
        if url := w.safe_url(quote.source.url):
            cite += f" · {url}"
        if note := w.trust_note(verified=quote.verified, confidence=quote.confidence):
            cite += f" ({note})"
        lines += _wrap(cite, 6)
    return lines


def _page_lines(page: a.QuotePage) -> list[str]:
    lines = _quote_lines(page.quotes)
    summary = w.range_label(page.offset, len(page.quotes), page.total)
    if page.remaining:
        summary += f" · {w.count_label(page.remaining)} more"
    return [*lines, f"  {summary}"]


def reading_and_text(answer: a.Answer) -> str:
    """The answer as text, after the line saying how a plain question was read (if it was one)."""
    text = render_text(answer)
    return f"{answer.query.reading}\n{text}" if answer.query.reading else text


@singledispatch
def render_text(answer: a.Answer) -> str:
    raise TypeError(f"no text renderer for {type(answer).__name__}")


@render_text.register
def _(answer: a.TopicAnswer) -> str:
    title = answer.topic.name + (f" — {answer.party.name}" if answer.party else "")
    lines = [f"{title} — {w.status_phrase(answer.status)}", f"  Chapter: {answer.topic.chapter}"]
    if answer.status and answer.status.note:
        lines += _wrap(f"Status: {answer.status.note} ({w.source_label(answer.status.source)})", 2)
    for position in answer.positions:
        lines += _labelled(position.party_name, position.summary)
        lines += _wrap(w.position_source(position), LABEL + 2)
    if not answer.positions:
        lines.append("  No party positions recorded yet.")
    lines += ["", *_page_lines(answer.page)]
    return "\n".join(lines)


@render_text.register
def _(answer: a.PersonAnswer) -> str:
    role = f", {answer.person.role}" if answer.person.role else ""
    party = f" ({answer.party.name})" if answer.party else ""
    return "\n".join([f"{answer.person.name}{role}{party}", *_page_lines(answer.page)])


@render_text.register
def _(answer: a.PartyAnswer) -> str:
    lines = [f"{answer.party.name} — latest positions"]
    for position in answer.positions:
        lines += _labelled(position.topic_name, position.summary)
        lines += _wrap(w.position_source(position), LABEL + 2)
    if not answer.positions:
        lines.append("  No positions recorded yet.")
    return "\n".join([*lines, "", *_page_lines(answer.page)])


@render_text.register
def _(answer: a.SearchAnswer) -> str:
    lines = [f"Search: {answer.words}"]
    for position in answer.positions:
        lines += _labelled(position.party_name, f"{position.topic_name}: {position.summary}")
        lines += _wrap(w.position_source(position), LABEL + 2)
    if answer.position_total:
        lines.append(f"  Positions: {w.count_label(answer.position_total)} matching")
    return "\n".join([*lines, *_page_lines(answer.quotes)])


@render_text.register
def _(answer: a.LatestAnswer) -> str:
    lines = ["Latest position changes"]
    for position in answer.positions:
        lines += _labelled(position.party_name, f"{position.topic_name}: {position.summary}")
        lines += _wrap(w.position_source(position), LABEL + 2)
    lines += ["", "Latest quotes", *_quote_lines(answer.quotes)]
    return "\n".join(lines)


@render_text.register
def _(answer: a.TopicsAnswer) -> str:
    lines = ["Tracked topics"]
    for topic in answer.topics:
        changed = f"last change {w.day(topic.last_change)}" if topic.last_change else "nothing recorded yet"
        status = topic.status.status if topic.status else "no status"
        lines.append(f"  {topic.slug:<22} {topic.name:<32} {status:<18} {changed}")
    return "\n".join(lines)


@render_text.register
def _(answer: a.HelpAnswer) -> str:
    lines = ["Ask where the NAFTA parties stand and who said what.", ""]
    lines += [f"  {usage:<42} {what}" for usage, what in HELP_LINES]
    lines += [
        "",
        "Examples: " + ", ".join(HELP_EXAMPLES),
        "Or ask in plain words: " + " · ".join(QUESTION_EXAMPLES),
        "Topics: " + ", ".join(t.slug for t in answer.topics),
    ]
    return "\n".join(lines)


@render_text.register
def _(answer: a.NotFoundAnswer) -> str:
    said = answer.query.text or "that"
    message = f"I don't track anything called “{said}”."
    if answer.suggestions:
        message += (
            " Did you mean: " + ", ".join(str(getattr(s.ref, "name", "")) for s in answer.suggestions) + "?"
        )
    return message + " Type `help` for what I know."


@render_text.register
def _(answer: a.ProblemAnswer) -> str:
    return answer.message
