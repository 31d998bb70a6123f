"""`/nafta subscribe | subscriptions | unsubscribe | pause | resume`: a channel's digests; the App Home list.

``is_digest_command`` tells the `/nafta` listener which texts are these, before the answer engine
sees them; ``answer_subscription`` returns the ephemeral message to show. Everything it needs is
passed in (engine, Slack client, ``DigestSettings``), so tests call it directly. Who may change a
channel's digests: everyone when ``settings.managers`` is empty; otherwise the users listed there,
plus workspace admins and owners if the list contains the word ``admins``. Listing is open to all.
Times are read in the asker's Slack time zone (``users.info``) unless ``tz=Area/City`` is given.

Filter words ("autos canada", "rules of origin") resolve to topic and party slugs by exact names,
slugs and synonyms only: a digest silently filtered by a guess would be worse than none. A word
that matches nothing is refused with the nearest names as suggestions.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import Engine
from sqlmodel import Session

from handlers.digest import DigestSettings
from handlers.digest.schedule import Schedule, ScheduleError, parse_schedule, zone
from handlers.query.parse import SUBSCRIPTION_WORDS
from handlers.query.vocabulary import PartyRef, TopicRef, Vocabulary, build_vocabulary
from handlers.render import blockkit as bk
from handlers.typed import typed_text
from store.db import write_session
from store.digests.changes import Filter, current_watermark
from store.digests.subscriptions import (
    SubscriptionRow,
    add_subscription,
    channel_subscriptions,
    remove_subscriptions,
    set_paused,
    workspace_subscriptions,
)
from store.revision import data_revision

log = logging.getLogger(__name__)

MAX_PER_CHANNEL = 10
HOME_ROWS = 25
MAX_PHRASE = 4
KINDS = ("topic", "party")
USAGE = (
    "`/nafta subscribe daily 08:30 [topics/parties] [tz=Area/City] [quiet|always]`, "
    "`/nafta subscribe weekly mon 08:30 ...`, `/nafta subscribe cron 0 8 * * 1-5 ...`, "
    "`/nafta subscriptions`, `/nafta unsubscribe [ID]`, `/nafta pause ID`, `/nafta resume ID`"
)


class RefusalError(Exception):
    """Something to tell the user instead of doing what they asked (mrkdwn)."""


def is_digest_command(text: str) -> bool:
    """Whether `/nafta TEXT` is a digest command: its first word, read as the answer engine reads it."""
    words = typed_text(text).split()
    return bool(words) and words[0].casefold() in SUBSCRIPTION_WORDS


def answer_subscription(
    text: str,
    *,
    engine: Engine,
    client: WebClient,
    settings: DigestSettings,
    team_id: str,
    channel_id: str,
    user_id: str,
    now: datetime | None = None,
) -> bk.Message:
    words = text.split()
    verb = words[0].casefold() if words else ""
    asker = _Asker(client, user_id)
    try:
        if verb == "subscriptions":
            return _reply(_list(engine, team_id, channel_id))
        if verb not in {"subscribe", "unsubscribe", "pause", "resume"}:
            return _reply(f"Digest commands: {USAGE}")
        if not _may_manage(asker, settings.managers):
            return _reply(
                "Only the people this workspace named as digest managers can change this channel's digests."
            )
        when = now or settings.clock().now()
        if verb == "subscribe":
            return _reply(_subscribe(words[1:], engine, asker, team_id, channel_id, when))
        return _reply(_change(verb, words[1:], engine, team_id, channel_id, when))
    except RefusalError as refusal:
        return _reply(str(refusal))


def _reply(mrkdwn: str) -> bk.Message:
    return {
        "response_type": "ephemeral",
        "text": bk.clip(mrkdwn, bk.MESSAGE_TEXT),
        "blocks": [bk.section(mrkdwn)],
    }


class _Asker:
    """The user behind the command, looked up in Slack at most once."""

    def __init__(self, client: WebClient, user_id: str) -> None:
        self.client = client
        self.user_id = user_id
        self._info: dict[str, Any] | None = None

    def info(self) -> dict[str, Any]:
        if self._info is None:
            try:
                self._info = dict(self.client.users_info(user=self.user_id).get("user") or {})
            except SlackApiError as error:
                log.warning("users.info for %s failed: %s", self.user_id, error.response.get("error"))
                self._info = {}
        return self._info


def _may_manage(asker: _Asker, managers: tuple[str, ...]) -> bool:
    if not managers or asker.user_id in managers:
        return True
    if "admins" in {m.casefold() for m in managers}:
        info = asker.info()
        return bool(info.get("is_admin") or info.get("is_owner") or info.get("is_primary_owner"))
    return False


def _subscribe(
    words: list[str], engine: Engine, asker: _Asker, team_id: str, channel_id: str, now: datetime
) -> str:
    tz_words = [w for w in words if w.casefold().startswith("tz=")]
    modes = [w.casefold() for w in words if w.casefold() in {"quiet", "always"}]
    rest = [w for w in words if w not in tz_words and w.casefold() not in {"quiet", "always"}]
    if tz_words:
        tz, note = tz_words[-1][3:], ""
    else:
        tz = asker.info().get("tz") or "UTC"
        note = (
            "" if asker.info().get("tz") else " (I could not read your Slack time zone; add `tz=Area/City`)"
        )
    try:
        zone(tz)
        schedule, filter_words = parse_schedule(rest, tz)
        with Session(engine) as session:
            only = resolve_filters(build_vocabulary(session, revision=data_revision(session)), filter_words)
    except (ScheduleError, FilterError) as error:
        raise RefusalError(f"{bk.escape(str(error))}\nUsage: {USAGE}") from None
    next_run = schedule.next_after(now)
    with write_session(engine) as session:
        if len(channel_subscriptions(session, team_id=team_id, channel_id=channel_id)) >= MAX_PER_CHANNEL:
            raise RefusalError(f"This channel already has {MAX_PER_CHANNEL} digests; unsubscribe one first.")
        sub = add_subscription(
            session,
            team_id=team_id,
            channel_id=channel_id,
            created_by=asker.user_id,
            kind=schedule.kind,
            spec=schedule.spec,
            tz=tz,
            topics=only.topics,
            parties=only.parties,
            post_when_empty=modes[-1:] == ["always"],
            next_run_at=next_run,
            watermark=current_watermark(session).to_json(),
            created_at=now,
        )
    log.info("channel %s subscribed to digest %s (%s %s %s)", channel_id, sub.id, sub.kind, sub.spec, tz)
    filters = ", ".join(f"`{f}`" for f in (*only.topics, *only.parties)) or "all topics"
    empty = (
        "a “no change” line when nothing happened" if sub.post_when_empty else "nothing when nothing changed"
    )
    return (
        f"Subscribed this channel to digest `#{sub.id}`: {schedule.describe()} ({tz}){note}, {filters}.\n"
        f"Next digest: *{local_time(next_run, tz)}*. It covers what arrives from now on, and posts {empty}."
    )


def _list(engine: Engine, team_id: str, channel_id: str) -> str:
    with Session(engine) as session:
        subs = channel_subscriptions(session, team_id=team_id, channel_id=channel_id)
    if not subs:
        return "This channel has no digests. Start one with `/nafta subscribe daily 08:30`."
    return "Digests in this channel:\n" + "\n".join(f"• {describe(s)}" for s in subs)


def _change(verb: str, words: list[str], engine: Engine, team_id: str, channel_id: str, now: datetime) -> str:
    ids = []
    for word in words:
        try:
            ids.append(int(word.lstrip("#")))
        except ValueError:
            raise RefusalError(
                f"“{bk.escape(word)}” is not a digest ID; `/nafta subscriptions` lists them."
            ) from None
    if verb != "unsubscribe" and len(ids) != 1:
        raise RefusalError(f"Which digest? e.g. `/nafta {verb} 3` (`/nafta subscriptions` lists them).")
    with write_session(engine) as session:
        mine = {s.id: s for s in channel_subscriptions(session, team_id=team_id, channel_id=channel_id)}
        unknown = [i for i in ids if i not in mine]
        if unknown:
            raise RefusalError(
                f"This channel has no digest `#{unknown[0]}`; `/nafta subscriptions` lists its digests."
            )
        if verb == "unsubscribe":
            targets = ids or list(mine)
            removed = remove_subscriptions(session, ids=targets)
            log.info("channel %s unsubscribed digests %s", channel_id, targets)
            if not removed:
                return "This channel has no digests to remove."
            plural = "s" if removed != 1 else ""
            return f"Removed {removed} digest{plural} from this channel: no more posts from them."
        sub = mine[ids[0]]
        if verb == "pause":
            set_paused(session, subscription_id=sub.id, paused=True, reason="paused by a person")
            return f"Paused digest `#{sub.id}`. `/nafta resume {sub.id}` starts it again."
        next_run = Schedule(sub.kind, sub.spec, sub.tz).next_after(now)
        set_paused(session, subscription_id=sub.id, paused=False, next_run_at=next_run)
        return (
            f"Resumed digest `#{sub.id}`. Next: *{local_time(next_run, sub.tz)}*, "
            "covering everything since its last digest."
        )


# ---------------------------------------------------------------- filter words


class FilterError(ValueError):
    """A filter word matched no topic or party; ``suggestions`` are slugs worth offering."""

    def __init__(self, word: str, suggestions: list[str]) -> None:
        self.word = word
        self.suggestions = suggestions
        hint = f" Did you mean {' or '.join(f'`{s}`' for s in suggestions)}?" if suggestions else ""
        super().__init__(f"I don't know a topic or party called “{word}”.{hint}")


def resolve_filters(vocab: Vocabulary, words: list[str]) -> Filter:
    """``["rules", "of", "origin", "canada"]`` -> Filter(topics=("rules-of-origin",), parties=("canada",))."""
    tokens = [t for word in words for t in word.split(",") if t]
    topics: list[str] = []
    parties: list[str] = []
    i = 0
    while i < len(tokens):
        for n in range(min(MAX_PHRASE, len(tokens) - i), 0, -1):
            match = vocab.exact(" ".join(tokens[i : i + n]), kinds=KINDS)
            if match:
                if isinstance(match.ref, TopicRef | PartyRef):
                    chosen = topics if isinstance(match.ref, TopicRef) else parties
                    if match.ref.slug not in chosen:
                        chosen.append(match.ref.slug)
                i += n
                break
        else:
            nearest = [
                m.ref.slug for m in vocab.fuzzy(tokens[i], limit=8) if isinstance(m.ref, TopicRef | PartyRef)
            ]
            raise FilterError(tokens[i], list(dict.fromkeys(nearest))[:3])
    return Filter(topics=tuple(topics), parties=tuple(parties))


# ---------------------------------------------------------------- how a subscription reads


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


def home_blocks(engine: Engine, *, team_id: str) -> list[bk.Block]:
    """The App Home's digest section: every subscription in the workspace, with its channel."""
    with Session(engine) as session:
        subs = workspace_subscriptions(session, team_id=team_id)
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
