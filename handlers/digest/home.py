"""How a subscription reads to people: one line for `/nafta subscriptions`, a section for the App Home."""

from __future__ import annotations

from datetime import datetime

from handlers.digest.schedule import Schedule, zone
from handlers.render import blockkit as bk
from store.subscriptions import SubscriptionRow

HOME_ROWS = 25


def local_time(instant: datetime | None, tz: str) -> str:
    """'Mon 3 Sep 2018 08:30 EDT' in ``tz``."""
    if instant is None:
        return "never"
    local = instant.astimezone(zone(tz))
    return f"{local:%a} {local.day} {local:%b %Y %H:%M %Z}"


def describe(sub: SubscriptionRow, *, channel: bool = False) -> str:
    """'`#3` daily at 08:30 (America/Toronto) · autos, canada · next Mon 3 Sep 2018 08:30 EDT' (mrkdwn)."""
    schedule = Schedule(sub.kind, sub.spec, sub.tz)
    parts = [
        f"`#{sub.id}`" + (f" <#{sub.channel_id}>" if channel else ""),
        f"{schedule.describe()} ({sub.tz})",
    ]
    filters = [*sub.topics, *sub.parties]
    parts.append(", ".join(filters) if filters else "all topics")
    if sub.post_when_empty:
        parts.append("posts “no change” too")
    if sub.paused:
        parts.append(f"*paused*{f' ({bk.escape(sub.paused_reason)})' if sub.paused_reason else ''}")
    else:
        parts.append(f"next {local_time(sub.next_run_at, sub.tz)}")
    return " · ".join(parts)


def home_blocks(subs: list[SubscriptionRow]) -> list[bk.Block]:
    """The App Home's digest section: every subscription in the workspace, with its channel."""
    blocks: list[bk.Block] = [bk.header("Digest subscriptions")]
    if not subs:
        blocks.append(
            bk.context("No channel gets a digest yet. In a channel: `/nafta subscribe daily 08:30 autos`.")
        )
        return blocks
    lines = [f"• {describe(s, channel=True)}" for s in subs[:HOME_ROWS]]
    for start in range(0, len(lines), 10):
        blocks.append(bk.section("\n".join(lines[start : start + 10])))
    if len(subs) > HOME_ROWS:
        blocks.append(
            bk.context(
                f"_and {len(subs) - HOME_ROWS} more; `/nafta subscriptions` in a channel lists its own._"
            )
        )
    blocks.append(
        bk.context(
            "Manage with `/nafta unsubscribe ID`, `/nafta pause ID`, `/nafta resume ID` in the channel."
        )
    )
    return blocks
