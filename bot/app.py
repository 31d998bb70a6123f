"""``create_app(settings, engine)``: the Bolt app, built once at start-up by ``serve`` and by tests.

Why ``process_before_response=True``: Bolt's default runs every listener on its pool while the
request thread polls for ``ack()``, which delays every reply by up to one poll interval and, worse,
means no ack at all once every pool thread is busy. With it on, the listener runs on the request thread
and its ack is the HTTP response. Our listeners therefore never do slow work before acking:

* `/nafta` gets at most ``bot.server.ANSWER_DEADLINE_SECONDS`` (2 s) for its answer. In time, the
  answer *is* the ack (the fast path, no second request); late, the ack says "looking that up" and
  the answer follows through ``response_url``. The transport keeps that deadline, over HTTP and
  Socket Mode alike, and the answer is computed on the request's own dispatch thread
  (``bot.server.ThreadDispatcher``), so the ack leaves in time even when the database is stuck.
* Buttons and events ack at once and hand their work to the pool (``Runtime.background``).

The pool and the server's slash-command threads (``settings.listener_threads`` each, default
16) are sized on purpose: enough that one slow answer never holds up the next request, and within
the Postgres connection pool (10 + 30 overflow, ``store.db``), so every thread can hold a
connection at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware
from slack_sdk import WebClient
from sqlalchemy import Engine

import handlers
from bot.config import Settings
from bot.webclient import RetryingRespond, make_web_client
from handlers.query.engine import Librarian
from handlers.runtime import HandlerSettings, Runtime
from store.taxonomy import load_taxonomy


class _DropTokenNotice(logging.Filter):
    """Bolt warns that ``client`` wins over ``token`` whenever SLACK_BOT_TOKEN is set; that is intended."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


_DROP_TOKEN_NOTICE = _DropTokenNotice()


class _ProvideRuntime(Middleware):
    """Puts the ``Runtime`` into every request's context, as ``context["runtime"]``.

    A ``Middleware`` subclass rather than an ``@app.middleware`` function: Bolt inspects a
    function's parameters on every request to inject them, which costs more than the rest of it.
    """

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.max_wait = runtime.settings.max_retry_after_seconds

    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse | None:
        req.context["runtime"] = self.runtime
        if req.context.response_url:  # respond() that retries 429/5xx, then logs (bot.webclient)
            req.context["respond"] = RetryingRespond(
                response_url=req.context.response_url, max_wait=self.max_wait
            )
        return next()


def handler_settings(settings: Settings) -> HandlerSettings:
    """What the listeners need from ``settings``, as plain values: handlers never read ``Settings``."""
    return HandlerSettings(
        editors=settings.editors,
        allow_private_urls=settings.allow_private_urls,
        fetch_deadline_seconds=settings.fetch_deadline_seconds,
        store_retry_seconds=settings.store_retry_seconds,
        max_retry_after_seconds=settings.max_retry_after_seconds,
        taxonomy_path=settings.taxonomy_path,
    )


def create_app(
    settings: Settings,
    engine: Engine,
    *,
    socket_mode: bool = False,
    client: WebClient | None = None,
    pool: Executor | None = None,
) -> App:
    """A Bolt app answering from ``engine``; calls ``auth.test`` at SLACK_API_URL to check the token.

    ``socket_mode`` turns off request signing checks, which only apply to HTTP requests. Pass ``pool``
    to own its shutdown (``serve`` does, so late answers finish before the process exits).
    """
    logger = logging.getLogger("slack_bolt.App")
    logger.addFilter(_DROP_TOKEN_NOTICE)
    pool = pool or ThreadPoolExecutor(max_workers=settings.listener_threads, thread_name_prefix="listener")
    app = App(
        name="nafta-bot",
        logger=logger,
        client=client or make_web_client(settings),
        signing_secret=settings.slack_signing_secret or "",
        request_verification_enabled=not socket_mode,
        process_before_response=True,
        listener_executor=pool,
    )
    runtime = Runtime(
        settings=handler_settings(settings),
        engine=engine,
        librarian=Librarian(engine, taxonomy=load_taxonomy(settings.taxonomy_path)),
        pool=pool,
        digests=settings.digests(),
    )

    app.use(_ProvideRuntime(runtime))
    handlers.register(app)
    return app
