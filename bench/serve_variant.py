"""Diagnosis only: `nafta-bot serve` with parts of the request path switched off, to price each one.

Never a way to run the bot: switching these off drops guarantees the real server gives (an ack
within Slack's 3 s when the database hangs; an event loop that other requests can use meanwhile).
The first argument, ``--variant=A,B``, names what to switch off:

* ``inline``: the `/nafta` answer is computed on the dispatch thread with no deadline at all: the
  event loop awaits it without an ``AckRace`` (the deadline's bookkeeping is all this drops);
* ``loop``: Bolt's dispatch runs on the event loop, as Bolt's own Starlette adapter does, instead
  of on a worker thread (``bot.server.build_asgi``), and no deadline is kept;
* ``executor``: dispatch on a worker thread through a bare ``loop.run_in_executor``, no deadline;
* ``noping``: ``pool_pre_ping=False`` (a no-op since 2026-11-27: ``store.db`` pings only
  connections idle for a while).

    python -m bench.serve_variant --variant=inline,loop serve --http --port 3000
"""

from __future__ import annotations

import asyncio
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import Any


def _inline() -> None:
    from slack_bolt import BoltRequest, BoltResponse

    from bot.dispatch import dispatch
    from bot.server import ThreadDispatcher

    async def no_deadline(self: ThreadDispatcher, request: BoltRequest) -> BoltResponse:
        return await asyncio.wrap_future(self._others.submit(dispatch, self.app, request))

    ThreadDispatcher.__call__ = no_deadline  # type: ignore[method-assign]


def _no_ping() -> None:
    import store.db as db

    original = db.create_engine

    def engine_without_ping(url: Any, **options: Any) -> Any:
        options.pop("pool_pre_ping", None)
        return original(url, **options)

    db.create_engine = engine_without_ping  # type: ignore[assignment]


def _on_the_loop(executor: bool) -> None:
    from slack_bolt import BoltRequest
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    import bot.server as server
    from bot.dispatch import dispatch

    pool = ThreadPoolExecutor(max_workers=64, thread_name_prefix="dispatch")

    def build_asgi(app: Any, engine: Any, *_dispatcher: Any) -> Starlette:
        async def events(request: Request) -> Response:
            body = await request.body()
            headers = {k: [v] for k, v in request.headers.items()}
            bolt_request = BoltRequest(body=body.decode(), query=request.url.query, headers=headers)
            if executor:
                loop = asyncio.get_running_loop()
                reply = await loop.run_in_executor(pool, dispatch, app, bolt_request)
            else:
                reply = dispatch(app, bolt_request)
            return Response(reply.body, reply.status, reply.first_headers_without_set_cookie())

        return Starlette(routes=[Route("/slack/events", events, methods=["POST"])])

    server.build_asgi = build_asgi  # type: ignore[assignment]


def main() -> None:
    first = sys.argv[1] if len(sys.argv) > 1 else ""
    chosen = set(first.removeprefix("--variant=").split(",")) if first.startswith("--variant=") else set()
    args = sys.argv[2:] if chosen else sys.argv[1:]
    if "inline" in chosen:
        _inline()
    if "noping" in chosen:
        _no_ping()
    if "loop" in chosen or "executor" in chosen:
        _on_the_loop(executor="executor" in chosen)
    from bot.cli import main as cli

    sys.argv = ["nafta-bot", *args]
    cli()


if __name__ == "__main__":
    main()
