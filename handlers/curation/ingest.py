"""*Add to nafta-bot*: a message shortcut that reads the articles linked in a Slack message.

The shortcut is acked at once; fetching and extraction run in the background, then the editor gets
an ephemeral reply: what was added (articles, quotes, speakers, statements) or why each link failed.
Only http(s) links to public addresses are fetched: a link whose host is (or resolves to) a loopback,
private, link-local or otherwise reserved address is refused, so nobody can make the bot probe the
internal network by posting a link. Tests with a local web server turn that off with
``settings.allow_private_urls``.
"""

from __future__ import annotations

import functools
import ipaddress
import logging
import re
import socket
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from handlers.clicks import Click
from handlers.curation.notices import refuse_non_editor
from handlers.replies import sender, tell
from handlers.runtime import Runtime
from store.curation import audit
from store.curation.audit import AuditAction
from store.db import write_session
from store.ingest.fetch import make_fetcher, read_url
from store.ingest.pipeline import ingest
from store.taxonomy import Taxonomy, load_taxonomy

log = logging.getLogger(__name__)

ADD_TO_BOT = "add_to_nafta_bot"
MAX_LINKS = 10
_SLACK_LINK = re.compile(r"<(https?://[^|>\s]+)(?:\|[^>]*)?>", re.I)
_BARE_LINK = re.compile(r"(?<![<|])\bhttps?://[^\s<>|]+", re.I)

Resolver = Callable[[str], list[str]]


def message_links(message: dict[str, Any]) -> list[str]:
    """The links in a message, in order, each once: from its text (``<url|label>``) and its blocks."""
    found: list[str] = []
    text = str(message.get("text") or "")
    found += _SLACK_LINK.findall(text)
    found += _BARE_LINK.findall(_SLACK_LINK.sub(" ", text))
    found += [url for url in _block_links(message.get("blocks") or []) if url]
    cleaned = (u.replace("&amp;", "&").rstrip(".,;)") for u in found)  # Slack escapes & in text
    return list(dict.fromkeys(cleaned))[:MAX_LINKS]


def _block_links(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if node.get("type") == "link" and isinstance(node.get("url"), str):
            yield node["url"]
        for value in node.values():
            yield from _block_links(value)
    elif isinstance(node, list):
        for value in node:
            yield from _block_links(value)


def _resolve(host: str) -> list[str]:
    return [str(info[4][0]) for info in socket.getaddrinfo(host, None)]


def url_problem(url: str, *, allow_private: bool = False, resolve: Resolver = _resolve) -> str | None:
    """Why the bot will not fetch ``url`` (None when it will)."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return "not an http(s) link"
    if parts.username or parts.password:
        return "links with a user name or password are not fetched"
    try:
        addresses = [parts.hostname] if _is_ip(parts.hostname) else resolve(parts.hostname)
    except (OSError, UnicodeError):
        return "the host name does not resolve"
    if not addresses:
        return "the host name does not resolve"
    if allow_private:
        return None
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if not ip.is_global or ip.is_multicast:
            return "it points at a private, loopback or link-local address"
    return None


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


@functools.lru_cache(maxsize=4)
def _taxonomy(path: str | None) -> Taxonomy:
    return load_taxonomy(path)


def ingest_links(runtime: Runtime, links: list[str], *, user: str) -> str:
    """Fetch and store ``links``; the one-paragraph report for the editor (mrkdwn-safe plain text)."""
    allow = runtime.settings.allow_private_urls
    refused = [(url, problem) for url in links if (problem := url_problem(url, allow_private=allow))]
    wanted = [url for url in links if url not in {u for u, _ in refused}]
    lines = [f"• {url} — not fetched: {problem}" for url, problem in refused]
    if wanted:
        # Every hop, redirects and feed entries included, is checked again at connect time.
        fetcher = make_fetcher(
            deadline=runtime.settings.fetch_deadline_seconds, allow_private=wanted if allow else ()
        )
        try:
            items = [item for url in wanted for item in read_url(fetcher, url)]
        finally:
            fetcher.close()
        summary = ingest(runtime.engine, _taxonomy(runtime.settings.taxonomy_path), items, group=1)
        stored = summary.added + summary.updated
        lines.insert(
            0,
            f"Read {len(wanted)} link(s): {summary.added} article(s) added, {summary.updated} updated, "
            f"{summary.unchanged} already known; {summary.quotes} quote(s), "
            f"{summary.speakers} new speaker(s), {summary.statements} statement(s).",
        )
        lines += [f"• {failure.name} — failed: {failure.reason}" for failure in summary.failures]
        with write_session(runtime.engine) as session:
            audit.record(
                session,
                actor=user,
                action=AuditAction.ARTICLE_INGEST,
                target=f"links:{len(wanted)}",
                after={
                    "links": wanted[:MAX_LINKS],
                    "stored": stored,
                    "quotes": summary.quotes,
                    "failed": [f.name for f in summary.failures][:MAX_LINKS],
                },
            )
    return "\n".join(lines)


def _run(runtime: Runtime, respond: Respond, links: list[str], user: str) -> None:
    try:
        report = ingest_links(runtime, links, user=user)
    except Exception:
        log.exception("adding links from Slack failed")
        report = "Reading those links failed on our side; please try again later."
    tell(respond, report, what="an add-links report")


def on_add_to_bot(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext
) -> None:
    runtime: Runtime = context["runtime"]
    ack()
    if refuse_non_editor(Click(runtime, body, {}, respond, client)):
        return
    user = sender(body)
    links = message_links(body.get("message") or {})
    if not links:
        respond({"response_type": "ephemeral", "text": "That message has no links to read."})
        return
    runtime.background(_run, runtime, respond, links, user)


def register(app: App) -> None:
    app.message_shortcut(ADD_TO_BOT)(on_add_to_bot)
