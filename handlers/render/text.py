"""Answers as plain text for the terminal (``nafta-bot ask``) and for Slack's notification fallback."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from functools import singledispatch

from handlers.query import answers as a
from handlers.render import wording as w
from handlers.render.help import HELP_EXAMPLES, HELP_LINES, QUESTION_EXAMPLES
from store.answers.queries import PositionRow, QuoteRow

WIDTH = 100
LABEL = 15
TOPIC_COLUMNS = (22, 32, 18)  # slug, name, status in `topics`


def _wrap(text: str, indent: int) -> list[str]:
    """Lines of at most WIDTH, broken only at spaces: never inside a word, a hyphenated word or a URL.

    Only a single word longer than the line (a very long URL) may exceed it, alone on its line.
    """
    pad = " " * indent
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=pad,
        subsequent_indent=pad,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [pad]


def _labelled(label: str, text: str) -> list[str]:
    """'  Canada          text…', or the label on a line of its own when it is wider than its column."""
    label = w.readable(label)
    lines = _wrap(text, LABEL + 2)
    if len(label) >= LABEL:
        return [*_wrap(label, 2), *lines]
    lines[0] = f"  {label:<{LABEL}}" + lines[0][LABEL + 2 :]
    return lines


def _position_lines(position: PositionRow, label: str, text: str) -> list[str]:
    lines = _labelled(label, w.readable(text))
    lines += _wrap(w.position_source(position), LABEL + 2)
    if position.source and (url := w.safe_url(position.source.url)):
        lines += _wrap(url, LABEL + 2)
    if earlier := w.earlier_line(position):
        lines += _wrap(earlier, LABEL + 2)
    return lines


def _quote_lines(quotes: Sequence[QuoteRow]) -> list[str]:
    lines: list[str] = []
    for quote in quotes:
        lines += _wrap(w.quote_text(quote.text), 2)
        cite = f"— {w.speaker_line(quote)} · {w.quote_source(quote)}"
        if note := w.trust_note(verified=quote.verified, confidence=quote.confidence):
            cite += f" ({note})"
        lines += _wrap(cite, 6)
        if url := w.safe_url(quote.source.url):
            lines += _wrap(url, 6)
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
    if answer.status:
        note = f"{w.readable(answer.status.note)} " if answer.status.note else ""
        lines += _wrap(f"Status: {note}({w.status_source(answer.status)})", 2)
    for position in answer.positions:
        lines += _position_lines(position, position.party_name, position.summary)
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
        lines += _position_lines(position, position.topic_name, position.summary)
    if not answer.positions:
        lines.append("  No positions recorded yet.")
    return "\n".join([*lines, "", *_page_lines(answer.page)])


@render_text.register
def _(answer: a.SearchAnswer) -> str:
    lines = [f"Search: {answer.words}"]
    for position in answer.positions:
        lines += _position_lines(position, position.party_name, f"{position.topic_name}: {position.summary}")
    if answer.position_total:
        lines.append(f"  Positions: {w.count_label(answer.position_total)} matching")
    return "\n".join([*lines, *_page_lines(answer.quotes)])


@render_text.register
def _(answer: a.LatestAnswer) -> str:
    lines = ["Latest position changes"]
    for position in answer.positions:
        lines += _position_lines(position, position.party_name, f"{position.topic_name}: {position.summary}")
    lines += ["", "Latest quotes", *_quote_lines(answer.quotes)]
    return "\n".join(lines)


@render_text.register
def _(answer: a.TopicsAnswer) -> str:
    lines = ["Tracked topics"]
    slug_width, name_width, status_width = TOPIC_COLUMNS
    for topic in answer.topics:
        changed = f"last change {w.day(topic.last_change)}" if topic.last_change else "nothing recorded yet"
        status = w.readable(topic.status.status) if topic.status else "no status"
        if topic.status:
            changed += f" · status as of {w.day(topic.status.as_of)}, {w.status_source(topic.status)}"
        name = w.readable(topic.name)
        if len(topic.slug) > slug_width or len(name) > name_width or len(status) > status_width:
            lines += _wrap(f"{topic.slug} · {name}", 2)
            lines += _wrap(f"{status} · {changed}", 4)
            continue
        row = f"  {topic.slug:<{slug_width}} {name:<{name_width}} {status:<{status_width}}"
        if len(row) + 1 + len(changed) <= WIDTH:
            lines.append(f"{row} {changed}")
        else:
            lines += [row.rstrip(), *_wrap(changed, 4)]
    return "\n".join(lines)


@render_text.register
def _(answer: a.TimelineAnswer) -> str:
    title = answer.topic.name + (f" — {answer.party.name}" if answer.party else "")
    lines = [f"{title} — timeline, oldest first"]
    for event in answer.events:
        first, *rest = _wrap(f"{w.day(event.day)}  {w.event_line(event)}", 14)
        lines += [f"  {first.lstrip()}", *rest]
        lines += _wrap(w.event_source(event), 14)
    if not answer.events:
        lines.append("  No dated status moves or position changes recorded yet.")
    return "\n".join(lines)


@render_text.register
def _(answer: a.HelpAnswer) -> str:
    lines = ["Ask where the NAFTA parties stand and who said what.", ""]
    for usage, what in HELP_LINES:
        first = f"  {usage:<42} "
        lines += textwrap.wrap(
            what, WIDTH, initial_indent=first, subsequent_indent=" " * len(first), break_on_hyphens=False
        )
    lines += ["", *_wrap("Examples: " + ", ".join(HELP_EXAMPLES), 0)]
    lines += _wrap("Or ask in plain words: " + " · ".join(QUESTION_EXAMPLES), 0)
    lines += _wrap("Topics: " + ", ".join(t.slug for t in answer.topics), 0)
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
