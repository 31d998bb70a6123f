"""Answers as Slack messages: Block Kit with a plain-text fallback, ready for chat.postMessage or respond().

Buttons carry the query they re-run in their ``value`` (``Query.to_value``), so they keep working
after a restart or on another replica: no state lives in memory between the answer and the click.
"""

from __future__ import annotations

from functools import singledispatch

from handlers.query import answers as a
from handlers.query.intent import Intent
from handlers.query.parse import Query
from handlers.render import blockkit as bk
from handlers.render import wording as w
from handlers.render.help import HELP_EXAMPLES, HELP_LINES, QUESTION_EXAMPLES
from handlers.render.text import reading_and_text, render_text
from store.answers.queries import PositionRow, QuoteRow

MORE_QUOTES = "more_quotes"
PICK_PARTY = "pick_party"
POST_TO_CHANNEL = "post_to_channel"
SHOW_TIMELINE = "show_timeline"
ALL_PARTIES = "all"
QUOTE_BLOCK = "quote:"  # block_id prefix of an answer's quote sections, where editors get a menu
# Five quotes of this size leave room for positions under Slack's ~12,000-character message cap;
# a longer quote is cut with an ellipsis (the full text stays in the store and in search).
QUOTE_CHARS = 1200
SUMMARY_CHARS = 1000


def render_message(answer: a.Answer) -> bk.Message:
    """The full message: ``{"text", "blocks", "response_type"}``, within every Block Kit limit."""
    blocks, keep_tail = _blocks(answer)
    if answer.query.reading:  # how a plain question was read, first, so a misreading shows
        blocks.insert(0, bk.context(bk.escape(answer.query.reading)))
    shareable = answer.default_visibility == a.IN_CHANNEL  # not help, "not found" or a problem
    if (
        shareable
        and answer.visibility == a.EPHEMERAL
        and answer.query.kind
        in {
            Intent.TOPIC,
            Intent.TIMELINE,
            Intent.PERSON,
            Intent.PARTY,
            Intent.SEARCH,
            Intent.LATEST,
        }
    ):
        blocks.append(bk.actions(bk.button("Post to channel", POST_TO_CHANNEL, answer.query.to_value())))
        keep_tail += 1
    fallback = bk.clip(bk.escape(reading_and_text(answer)), bk.MESSAGE_TEXT)
    return {
        "response_type": answer.visibility,
        "text": fallback,
        "blocks": bk.fit_message(blocks, keep_tail=keep_tail),
    }


def quote_block(quote: QuoteRow, *, limit: int = QUOTE_CHARS, tagged: bool = False) -> bk.Block:
    """One quote with its attribution and source link; digests show quotes the same way.

    ``tagged`` gives the section a ``quote:ID`` block_id (answers only: a digest may show a quote twice).
    """
    who = f"*{bk.escape(w.speaker_name(quote))}*{bk.escape(w.speaker_details(quote))}"
    cite = f"— {who} · {bk.link(w.safe_url(quote.source.url), w.quote_source(quote))}"
    if note := w.trust_note(verified=quote.verified, confidence=quote.confidence):
        cite += f" _({note})_"
    elif quote.verified:
        cite += " ✓ _verified_"
    block = bk.section(f"> {bk.escape(bk.clip(w.quote_text(quote.text), limit))}\n{cite}")
    return {**block, "block_id": f"{QUOTE_BLOCK}{quote.id}"} if tagged else block


def _position_block(position: PositionRow, label: str) -> bk.Block:
    source = position.source
    cite = bk.link(w.safe_url(source.url) if source else None, w.position_source(position))
    summary = bk.clip(w.readable(position.summary), SUMMARY_CHARS)
    text = f"*{bk.escape(w.readable(label))}*  {bk.escape(summary)}\n_{cite}_"
    if earlier := w.earlier_line(position):
        text += f"\n{bk.escape(bk.clip(earlier, SUMMARY_CHARS))}"
    return bk.section(text)


def _page_blocks(page: a.QuotePage, query: Query) -> tuple[list[bk.Block | None], bk.Block, bk.Block | None]:
    """The quotes, the "Quotes 1–5 of 60 · 55 more" line and the button for the next page."""
    summary = w.range_label(page.offset, len(page.quotes), page.total)
    if page.remaining:
        summary += f" · {w.count_label(page.remaining)} more"
    more = None
    if page.remaining:
        more = bk.button("More quotes", MORE_QUOTES, query.page(page.offset + len(page.quotes)).to_value())
    return [quote_block(q, tagged=True) for q in page.quotes], bk.context(summary), more


@singledispatch
def _blocks(answer: a.Answer) -> tuple[list[bk.Block | None], int]:
    return [bk.section(bk.escape(render_text(answer)))], 0


@_blocks.register
def _(answer: a.TopicAnswer) -> tuple[list[bk.Block | None], int]:
    title = answer.topic.name + (f" — {answer.party.name}" if answer.party else "")
    blocks: list[bk.Block | None] = [bk.header(f"{title} — {w.status_phrase(answer.status)}")]
    status = answer.status
    chapter = f"Chapter: {bk.escape(answer.topic.chapter)}"
    if status:
        detail = f"{bk.escape(w.readable(status.note))} " if status.note else ""
        blocks.append(bk.context(chapter, f"Status: {detail}_({bk.escape(w.status_source(status))})_"))
    else:
        blocks.append(bk.context(chapter))
    blocks += [_position_block(p, p.party_name) for p in answer.positions]
    if not answer.positions:
        who = answer.party.name if answer.party else "any party"
        blocks.append(bk.section(f"_No position recorded for {bk.escape(who)} on this topic yet._"))
    blocks.append(bk.divider())
    quotes, summary, more = _page_blocks(answer.page, answer.query)
    blocks += quotes
    options = [("All parties", ALL_PARTIES)] + [(p.name, p.slug) for p in answer.parties]
    picker = bk.select(
        "Party", PICK_PARTY, options, initial=answer.party.slug if answer.party else ALL_PARTIES
    )
    timeline = _timeline_button(answer)
    blocks += [summary, bk.actions(more, timeline, picker, block_id=f"topic:{answer.topic.slug}")]
    return blocks, 2


def _timeline_button(answer: a.TopicAnswer) -> bk.Block:
    """The "Timeline" button: the topic's (and the chosen party's) dated moves, oldest first."""
    query = Query(Intent.TIMELINE, topic=answer.topic.slug, party=answer.party.slug if answer.party else None)
    return bk.button("Timeline", SHOW_TIMELINE, query.to_value())


@_blocks.register
def _(answer: a.TimelineAnswer) -> tuple[list[bk.Block | None], int]:
    title = answer.topic.name + (f" — {answer.party.name}" if answer.party else "")
    lines = []
    for event in answer.events:
        url = w.safe_url(event.source.url) if event.source else None
        cite = bk.link(url, w.source_label(event.source))
        note = w.trust_note(verified=event.verified, confidence=event.confidence, origin=event.origin)
        lines.append(
            f"*{w.day(event.day)}* {bk.escape(bk.clip(w.event_line(event), SUMMARY_CHARS))} — _{cite}"
            + (f", {bk.escape(note)}_" if note else "_")
        )
    if not lines:
        lines.append("_No dated status moves or position changes recorded yet._")
    return [bk.header(f"{title} — timeline"), *_chunked(lines)], 0


@_blocks.register
def _(answer: a.PersonAnswer) -> tuple[list[bk.Block | None], int]:
    role = f", {answer.person.role}" if answer.person.role else ""
    party = f" ({answer.party.name})" if answer.party else ""
    quotes, summary, more = _page_blocks(answer.page, answer.query)
    return [bk.header(f"{answer.person.name}{role}{party}"), *quotes, summary, bk.actions(more)], 2


@_blocks.register
def _(answer: a.PartyAnswer) -> tuple[list[bk.Block | None], int]:
    blocks: list[bk.Block | None] = [bk.header(f"{answer.party.name} — latest positions")]
    blocks += [_position_block(p, p.topic_name) for p in answer.positions]
    if not answer.positions:
        blocks.append(bk.section("_No positions recorded yet._"))
    quotes, summary, more = _page_blocks(answer.page, answer.query)
    return [*blocks, bk.divider(), *quotes, summary, bk.actions(more)], 2


@_blocks.register
def _(answer: a.SearchAnswer) -> tuple[list[bk.Block | None], int]:
    blocks: list[bk.Block | None] = [bk.header(f"Search: {bk.escape(answer.words)}")]
    blocks += [_position_block(p, f"{p.party_name} · {p.topic_name}") for p in answer.positions]
    if answer.position_total:
        blocks.append(bk.context(f"Positions: {w.count_label(answer.position_total)} matching"))
    quotes, summary, more = _page_blocks(answer.quotes, answer.query)
    return [*blocks, *quotes, summary, bk.actions(more)], 2


@_blocks.register
def _(answer: a.LatestAnswer) -> tuple[list[bk.Block | None], int]:
    blocks: list[bk.Block | None] = [bk.header("Latest on the NAFTA talks")]
    blocks += [_position_block(p, f"{p.party_name} · {p.topic_name}") for p in answer.positions]
    blocks.append(bk.divider())
    blocks += [quote_block(q, tagged=True) for q in answer.quotes]
    if not answer.quotes and not answer.positions:
        blocks.append(bk.section("_Nothing recorded yet._"))
    return blocks, 0


@_blocks.register
def _(answer: a.TopicsAnswer) -> tuple[list[bk.Block | None], int]:
    lines = []
    for topic in answer.topics:
        status = topic.status.status if topic.status else "no status"
        changed = f"last change {w.day(topic.last_change)}" if topic.last_change else "nothing recorded yet"
        lines.append(f"• *{bk.escape(topic.name)}* (`{topic.slug}`) — {bk.escape(status)}, {changed}")
    return [bk.header("Tracked topics"), *_chunked(lines)], 0


@_blocks.register
def _(answer: a.HelpAnswer) -> tuple[list[bk.Block | None], int]:
    usage = [f"`/nafta {bk.escape(u)}` — {bk.escape(what)}" for u, what in HELP_LINES]
    examples = ", ".join(f"`/nafta {e}`" for e in HELP_EXAMPLES)
    topics = ", ".join(f"`{t.slug}`" for t in answer.topics)
    return [
        bk.header("nafta-bot: who stands where in the NAFTA talks"),
        *_chunked(usage),
        bk.context(f"Examples: {examples}"),
        bk.context("Or ask in plain words: " + " · ".join(f"`{bk.escape(q)}`" for q in QUESTION_EXAMPLES)),
        bk.context(f"Topics: {topics}"),
    ], 0


@_blocks.register
def _(answer: a.NotFoundAnswer) -> tuple[list[bk.Block | None], int]:
    said = bk.escape(answer.query.text or "that")
    text = f"I don't track anything called “{said}”."
    if answer.suggestions:
        text += (
            " Did you mean " + " or ".join(f"*{bk.escape(_name(s.ref))}*" for s in answer.suggestions) + "?"
        )
    return [bk.section(text), bk.context("Type `/nafta help` for everything I can answer.")], 0


def _name(ref: object) -> str:
    return str(getattr(ref, "name", ""))


def _chunked(lines: list[str]) -> list[bk.Block | None]:
    """Pack lines into as few sections as fit, each under the 3,000-character limit."""
    blocks: list[bk.Block | None] = []
    current: list[str] = []
    for line in lines:
        if current and len("\n".join([*current, line])) > bk.SECTION_TEXT:
            blocks.append(bk.section("\n".join(current)))
            current = []
        current.append(line)
    if current:
        blocks.append(bk.section("\n".join(current)))
    return blocks
