"""``create_app(settings, engine)``: the Bolt app, built once at start-up by ``serve`` and by tests.

Why ``process_before_response=True``: Bolt's default runs every listener on its pool while the
request thread polls for ``ack()`` every 10 ms, which adds ~10 ms to every reply and, worse, means
no ack at all once every pool thread is busy. With it on, the listener runs on the request thread
and its ack is the HTTP response. Our listeners therefore never do slow work before acking:

* `/nafta` computes its answer on the pool and waits at most ``answer_deadline`` (2 s) for it. In
  time, the answer *is* the ack (the fast path, no second request); late, the ack says "looking that
  up" and the answer follows through ``response_url``. The ack leaves within the deadline even
  when the database is stuck or every pool thread is busy.
* Buttons and events ack at once and hand their work to the pool (``Runtime.background``).

The pool (``settings.listener_threads``, default 16) is shared by all of that. It is sized on
purpose: large enough that one slow answer never holds up the next request, and within the
Postgres connection pool (10 + 20 overflow), so every worker can hold a connection at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from sqlalchemy import Engine

import handlers
from bot.config import Settings
from bot.webclient import make_web_client
from handlers.query.engine import Librarian
from handlers.runtime import Runtime

ANSWER_DEADLINE_SECONDS = 2.0


class _DropTokenNotice(logging.Filter):
    """Bolt warns that ``client`` wins over ``token`` whenever SLACK_BOT_TOKEN is set; that is intended."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


_DROP_TOKEN_NOTICE = _DropTokenNotice()


def create_app(
    settings: Settings,
    engine: Engine,
    *,
    socket_mode: bool = False,
    client: WebClient | None = None,
    pool: Executor | None = None,
    answer_deadline: float = ANSWER_DEADLINE_SECONDS,
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
        settings=settings,
        engine=engine,
        librarian=Librarian(engine),
        pool=pool,
        answer_deadline=answer_deadline,
    )

    @app.middleware
    def provide_runtime(context: BoltContext, next_: Callable[[], None]) -> None:
        context["runtime"] = runtime
        next_()

    handlers.register(app)
    return app
