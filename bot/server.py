"""Serving Slack: HTTP (uvicorn, ``POST /slack/events`` and ``GET /healthz``) or Socket Mode.

Bolt's own Starlette adapter calls the synchronous ``App.dispatch`` on the event loop, so one
request waiting for its answer would stall every other. Here each request is dispatched on a
worker thread (``ThreadDispatcher``) and the loop stays free. A slash command computes its answer
on that thread while the transport keeps Slack's deadline: if the answer is not back within
``ANSWER_DEADLINE_SECONDS`` it acks "looking that up" and the thread delivers the answer through
``response_url`` once it has it (``handlers.deadline.AckRace`` decides which). Socket Mode keeps
the deadline the same way, through the same ``ThreadDispatcher``, waiting on its own thread instead
of the event loop. The ack leaves in time however long the database takes.

Before any of that, ``bot.gate`` checks the signature headers, the size and the signature, reading
at most ``MAX_BODY_BYTES`` and parsing nothing until the request is verified.

``serve`` owns the lifecycle: build the app, start the digest scheduler (``handlers.digest.scheduler``),
serve until SIGTERM or SIGINT, then stop taking requests, let late answers finish, stop the scheduler.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import socket
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import anyio
import uvicorn
from slack_bolt import Ack, App, BoltRequest, BoltResponse
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.socket_mode.internals import build_headers, send_response
from slack_sdk.socket_mode.client import BaseSocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from sqlalchemy import Engine
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from bot import gate
from bot.app import create_app
from bot.config import Settings
from bot.dispatch import dispatch
from bot.webclient import RetryingRespond, make_web_client
from handlers.deadline import LOOKING_IT_UP, RACE_KEY, AckRace, ack_with
from handlers.digest.scheduler import build_scheduler
from handlers.render.blockkit import Message
from store.db import store_problem
from store.revision import data_revision

log = logging.getLogger(__name__)

requests_log = logging.getLogger("nafta.requests")

ANSWER_DEADLINE_SECONDS = 2.0  # a slash command's answer, before the ack says "looking that up"
OTHER_THREADS = 64  # buttons and events in flight at once; their listeners ack at once
MAX_BODY_BYTES = gate.MAX_BODY_BYTES
HEALTH_TIMEOUT_SECONDS = 2.0
DAMAGED_CLICK: Message = {
    "response_type": "ephemeral",
    "replace_original": False,
    "text": "Sorry, that click reached me damaged, so I could not act on it. Run the command again.",
}


def database_answers(engine: Engine) -> bool:
    """A real read of a table (the data revision), so a locked or unreachable database shows up
    (``SELECT 1`` would not), and, for SQLite, a file that is missing, replaced or read-only
    (``store_problem``)."""
    problem = store_problem(engine)
    if problem:
        log.warning("health check: %s", problem)
        return False
    try:
        with engine.connect() as conn:
            data_revision(conn)
        return True
    except Exception as error:
        reason = str(error).strip().splitlines()[0][:200] if str(error).strip() else ""
        log.warning("health check: the database did not answer: %s %s", type(error).__name__, reason)
        return False


class ThreadDispatcher:
    """Runs ``dispatch`` off the caller's thread and acks a slash command within ``deadline`` seconds.

    Slash commands compute their answer on the dispatch thread, so they get ``command_threads``
    of their own, sized like the listener pool against the database's connection pool; a command
    waiting for a free thread is still acked in time, and answered once it gets one. Buttons and
    events ack at once and have their own threads, so busy commands never hold up their acks.
    HTTP awaits the answer on the event loop (``await dispatcher(request)``); Socket Mode waits on
    its own thread (``dispatcher.answer(request)``). Both race the same way (``_race``).
    """

    def __init__(
        self,
        app: App,
        *,
        command_threads: int,
        other_threads: int = OTHER_THREADS,
        deadline: float = ANSWER_DEADLINE_SECONDS,
    ) -> None:
        self.app, self.deadline = app, deadline
        self._commands = ThreadPoolExecutor(command_threads, thread_name_prefix="command")
        self._others = ThreadPoolExecutor(other_threads, thread_name_prefix="dispatch")

    async def __call__(self, request: BoltRequest) -> BoltResponse:
        started = time.perf_counter()
        if not request.body.get("command"):
            return await asyncio.wrap_future(self._others.submit(dispatch, self.app, request, started))
        race, answering = self._race(request, started)
        answered = asyncio.wrap_future(answering)
        done, _ = await asyncio.wait((answered,), timeout=self.deadline)
        if done or not race.give_up():
            return await answered
        return _looking_it_up()  # the dispatch thread delivers the answer through respond()

    def answer(self, request: BoltRequest) -> BoltResponse:
        """What ``await self(request)`` gives, waited for on this thread (Socket Mode's)."""
        started = time.perf_counter()
        if not request.body.get("command"):
            return dispatch(self.app, request, started)
        race, answering = self._race(request, started)
        try:
            return answering.result(self.deadline)
        except TimeoutError:
            if race.give_up():
                return _looking_it_up()
            return answering.result()  # the answer won by a hair: it is being returned now

    def _race(self, request: BoltRequest, started: float) -> tuple[AckRace, Future[BoltResponse]]:
        """Start a command's dispatch with an ``AckRace`` in its context, for the waiter to give up on."""
        race = request.context[RACE_KEY] = AckRace()
        return race, self._commands.submit(dispatch, self.app, request, started)

    def submit(self, work: Callable[..., Any], /, *args: Any) -> None:
        """Run ``work`` off the event loop, on the buttons-and-events threads."""
        self._others.submit(work, *args)

    def shutdown(self) -> None:
        """Stop taking requests; wait for answers still being computed, including late ones."""
        self._others.shutdown(wait=True)
        self._commands.shutdown(wait=True)


def _looking_it_up() -> BoltResponse:
    """The ack a slash command gets when its answer missed the deadline."""
    return ack_with(Ack(), LOOKING_IT_UP)  # type: ignore[no-untyped-call, unused-ignore]


def _refused(refusal: gate.Refusal, started: float) -> Response:
    took = (time.perf_counter() - started) * 1000
    requests_log.info("slack request -> %s rejected: %s in %.0f ms", refusal.status, refusal.reason, took)
    return PlainTextResponse(refusal.reason, status_code=refusal.status)


def build_asgi(
    app: App, engine: Engine, dispatcher: ThreadDispatcher, *, signing_secret: str | None = None
) -> Starlette:
    """The ASGI app ``serve`` runs under uvicorn; the caller shuts ``dispatcher`` down after it."""
    secret = signing_secret if signing_secret is not None else getattr(app, "_signing_secret", "")

    async def slack_events(request: Request) -> Response:
        started = time.perf_counter()
        headers = {k.lower(): v for k, v in request.headers.items()}
        refusal = gate.header_refusal(headers) or gate.length_refusal(headers)
        if refusal:
            return _refused(refusal, started)
        body = await gate.read_capped(request.stream())
        if body is None:
            return _refused(gate.Refusal(413, "request too large"), started)
        if not gate.signature_valid(secret, headers, body):
            return _refused(gate.Refusal(401, "bad signature"), started)
        try:
            bolt_request = BoltRequest(
                body=body.decode("utf-8"),
                query=request.url.query,
                headers={k: [v] for k, v in request.headers.items()},
            )
            problem = gate.payload_problem(bolt_request.body)
        except Exception as error:  # bad UTF-8, bad JSON, a payload Bolt cannot even read
            problem = f"unreadable body ({type(error).__name__})"
        if problem:
            return _refused(gate.Refusal(400, problem), started)
        if gate.damaged_click(bolt_request.body):
            _apologise(dispatcher, bolt_request.body)
            return _refused(gate.Refusal(200, "a click without an action (apologised)"), started)
        bolt_response = await dispatcher(bolt_request)
        return Response(
            status_code=bolt_response.status,
            content=bolt_response.body,
            headers=bolt_response.first_headers_without_set_cookie(),
        )

    async def healthz(_request: Request) -> Response:
        healthy = False
        with anyio.move_on_after(HEALTH_TIMEOUT_SECONDS):
            healthy = await anyio.to_thread.run_sync(database_answers, engine, abandon_on_cancel=True)
        return JSONResponse(
            {"database": "ok" if healthy else "unavailable"}, status_code=200 if healthy else 503
        )

    return Starlette(
        routes=[
            Route("/slack/events", slack_events, methods=["POST"]),
            Route("/healthz", healthz, methods=["GET"]),
        ]
    )


def _apologise(dispatcher: ThreadDispatcher, body: dict[str, Any]) -> None:
    """Tell the clicker, through the click's response_url, that the click could not be acted on."""
    url = body.get("response_url")
    if isinstance(url, str) and url.startswith(("https://", "http://")):
        dispatcher.submit(RetryingRespond(response_url=url), DAMAGED_CLICK)


class LoggedSocketModeHandler(SocketModeHandler):
    """Bolt's Socket Mode handler, but each envelope goes through a ``ThreadDispatcher``: logged, and
    a slash command acked within the deadline as over HTTP."""

    def __init__(self, app: App, app_token: str | None, dispatcher: ThreadDispatcher, **kwargs: Any) -> None:
        super().__init__(app, app_token, **kwargs)
        self.dispatcher = dispatcher

    def handle(self, client: BaseSocketModeClient, req: SocketModeRequest) -> None:
        started = time.time()
        request = BoltRequest(mode="socket_mode", body=req.payload, headers=build_headers(req))
        send_response(client, req, self.dispatcher.answer(request), started)


def serve(settings: Settings, engine: Engine, *, socket_mode: bool, host: str, port: int) -> None:
    """Run until SIGTERM or SIGINT. Raises what ``create_app`` raises when Slack rejects the token."""
    pool = ThreadPoolExecutor(max_workers=settings.listener_threads, thread_name_prefix="listener")
    try:
        app = create_app(settings, engine, socket_mode=socket_mode, pool=pool)
        scheduler = build_scheduler(
            settings.digests(), engine, make_web_client(settings, retries=False)
        ).start()
        try:
            if socket_mode:
                _run_socket_mode(app, settings)
            else:
                _run_http(app, engine, settings, host=host, port=port)
        finally:
            scheduler.stop()
    finally:
        pool.shutdown(wait=True)
        log.info("stopped")


class ListeningServer(uvicorn.Server):
    """uvicorn's server, announcing the address only once the socket is bound, so the line is true."""

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started:
            log.info(
                "answering Slack at http://%s:%s/slack/events (health: /healthz)",
                self.config.host,
                self.config.port,
            )


def _run_http(app: App, engine: Engine, settings: Settings, *, host: str, port: int) -> None:
    dispatcher = ThreadDispatcher(app, command_threads=settings.listener_threads)
    config = uvicorn.Config(
        build_asgi(app, engine, dispatcher, signing_secret=settings.slack_signing_secret or ""),
        host=host,
        port=port,
        log_config=None,
        access_log=False,
        lifespan="off",
        timeout_graceful_shutdown=10,
    )
    # uvicorn handles SIGTERM/SIGINT itself (stop accepting, finish open requests), then re-raises
    # the signal with the handlers it found installed; with these, that re-raise lets ``serve``
    # finish its clean-up instead of killing the process.
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda number, _frame: log.info("%s received", signal.Signals(number).name))
    try:
        ListeningServer(config).run()
    finally:
        dispatcher.shutdown()


def _run_socket_mode(app: App, settings: Settings) -> None:
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    dispatcher = ThreadDispatcher(app, command_threads=settings.listener_threads)
    handler = LoggedSocketModeHandler(
        app, settings.slack_app_token, dispatcher, concurrency=settings.listener_threads
    )
    handler.connect()  # type: ignore[no-untyped-call, unused-ignore]
    log.info("connected to Slack over Socket Mode")
    try:
        stop.wait()
    finally:
        handler.close()  # type: ignore[no-untyped-call, unused-ignore]
        dispatcher.shutdown()
