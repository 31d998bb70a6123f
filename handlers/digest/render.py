"""A digest as Slack messages: a headline for the channel, and the detail in its thread when long.

Returns a list of message payloads (``{"text", "blocks"}``): the first goes to the channel, the
rest are replies in its thread, one per topic. Every piece of outside text is escaped and every
message goes through ``fit_message``, so Slack's limits hold whatever the news brings; sections
with more than fit say "and N more" and name the command that shows the rest.
"""

from __future__ import annotations

from collections.abc import Sequence

from handlers.digest.build import Digest, Section
from handlers.render import blockkit as bk
from handlers.render import wording as w
from handlers.render.slack import quote_block
from store.digests.rows import PositionChange, StatusMove

# Up to this many item blocks, the whole digest is one message; past it, detail goes in the thread.
INLINE_ITEMS = 12
# Shorter than in an answer (``handlers.render.slack``): INLINE_ITEMS quotes and changes must fit
# one message under Slack's ~12,000-character cap, where an answer holds five quotes.
DIGEST_QUOTE_CHARS = 900
DIGEST_SUMMARY_CHARS = 600
MAX_REPLIES = 15


def render_digest(digest: Digest) -> list[bk.Message]:
    headline = [bk.section(f"*NAFTA digest* — {_totals(digest)} {bk.escape(digest.since)}")]
    scope = _scope(digest)
    details = [_section_blocks(s) for s in digest.sections]
    if sum(len(d) for d in details) <= INLINE_ITEMS:
        blocks = headline + [b for d in details for b in d]
        return [_message(_fallback(digest), [*blocks, bk.context(scope)] if scope else blocks)]
    lines = [f"• *{bk.escape(s.name)}*: {_section_summary(s)}" for s in digest.sections]
    overview = [*headline, bk.section("\n".join(lines)), bk.context(scope, "Details in the thread.")]
    shown = digest.sections[:MAX_REPLIES]
    replies = [_message(f"{s.name}: {_section_summary(s)}", d) for s, d in zip(shown, details, strict=False)]
    if len(digest.sections) > MAX_REPLIES:
        rest = digest.sections[MAX_REPLIES - 1 :]
        note = f"And {len(rest)} more topics: " + ", ".join(s.name for s in rest)
        replies[-1] = _message(note, [bk.section(f"_{bk.escape(note)}._")])
    return [_message(_fallback(digest), overview), *replies]


def render_no_change(since: str) -> list[bk.Message]:
    text = f"NAFTA digest: nothing new {since}."
    return [_message(text, [bk.context(f"_NAFTA digest: nothing new {bk.escape(since)}._")])]


def _message(text: str, blocks: Sequence[bk.Block | None]) -> bk.Message:
    return {"text": bk.clip(bk.escape(text), bk.MESSAGE_TEXT), "blocks": bk.fit_message(list(blocks))}


def _totals(digest: Digest) -> str:
    parts = [
        _count(digest.quote_total, "new quote"),
        _count(digest.position_total, "position change"),
        _count(digest.status_total, "status move"),
    ]
    return ", ".join(p for p in parts if p)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}" if n else ""


def _fallback(digest: Digest) -> str:
    topics = ", ".join(s.name for s in digest.sections[:5])
    more = f" and {len(digest.sections) - 5} more topics" if len(digest.sections) > 5 else ""
    return f"NAFTA digest: {_totals(digest)} {digest.since} — {topics}{more}"


def _scope(digest: Digest) -> str:
    words = [*digest.only.topics, *digest.only.parties]
    return "Filtered to " + ", ".join(f"`{bk.escape(x)}`" for x in words) if words else ""


def _section_summary(section: Section) -> str:
    parts = [_count(section.quote_total, "quote"), _count(section.position_total, "position change")]
    parts += [
        f"status {bk.escape(s.old.status)} → {bk.escape(s.new.status)}"
        if s.old
        else f"status {bk.escape(s.new.status)}"
        for s in section.statuses
    ]
    return ", ".join(p for p in parts if p)


def _section_blocks(section: Section) -> list[bk.Block]:
    blocks: list[bk.Block] = [bk.section(f"*{bk.escape(section.name)}*")]
    blocks += [_status_block(s) for s in section.statuses]
    blocks += [_position_change_block(p) for p in section.positions]
    if section.position_total > len(section.positions):
        blocks.append(
            bk.context(f"_and {section.position_total - len(section.positions)} more position changes_")
        )
    blocks += [quote_block(q, limit=DIGEST_QUOTE_CHARS) for q in section.quotes]
    if section.quote_total > len(section.quotes):
        more = section.quote_total - len(section.quotes)
        hint = f" — `/nafta {section.slug}`" if section.slug else ""
        blocks.append(bk.context(f"_and {more} more quote{'s' if more != 1 else ''}{hint}_"))
    return blocks


def _status_block(move: StatusMove) -> bk.Block:
    change = (
        f"{bk.escape(move.old.status)} → *{bk.escape(move.new.status)}*"
        if move.old
        else (f"*{bk.escape(move.new.status)}*")
    )
    note = f"\n{bk.escape(bk.clip(w.readable(move.new.note), DIGEST_SUMMARY_CHARS))}" if move.new.note else ""
    source = move.new.source
    cite = bk.link(w.safe_url(source.url) if source else None, w.source_label(source))
    return bk.section(f"Status: {change} (as of {w.day(move.new.as_of)}){note}\n_{cite}_")


def _position_change_block(change: PositionChange) -> bk.Block:
    new, old = change.new, change.old
    label = f"*{bk.escape(new.party_name)}*"
    if old is None:
        shift = "new position"
    elif old.stance and new.stance and old.stance != new.stance:
        shift = f"{bk.escape(old.stance)} → {bk.escape(new.stance)}"
    else:
        shift = f"was: {bk.escape(bk.clip(w.readable(old.summary), DIGEST_SUMMARY_CHARS // 2))}"
    source = new.source
    cite = bk.link(w.safe_url(source.url) if source else None, w.position_source(new))
    summary = bk.escape(bk.clip(w.readable(new.summary), DIGEST_SUMMARY_CHARS))
    return bk.section(f"{label} ({shift}, as of {w.day(new.as_of)})\n→ {summary}\n_{cite}_")
