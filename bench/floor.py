"""The framework's floor: the fastest a Bolt app on uvicorn can answer `/nafta`, to compare ours with.

Two apps, each run as its own process like ``nafta-bot serve``, behind Bolt's own Starlette adapter
on uvicorn (same server, same settings: no access log, no lifespan):

* ``bare``: ``process_before_response=True``, acks a constant Block Kit message. Nothing a real
  bot could do is cheaper, so ours / bare is the cost of actually answering.
* ``hello``: Bolt's defaults (``process_before_response=False``), acks "Hello, world". Bolt then
  runs the listener on a thread and polls for the ack every 10 ms, so this is what a bot written
  from the Bolt tutorial costs.

Run: ``python -m bench.floor bare --port 3001 --secret S --api-url http://127.0.0.1:P/api/``.
"""

from __future__ import annotations

import argparse

import uvicorn
from slack_bolt import Ack, App
from slack_bolt.adapter.starlette import SlackRequestHandler
from slack_sdk import WebClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.routing import Route

CONSTANT_REPLY = {
    "response_type": "in_channel",
    "text": "Autos — converging",
    "blocks": [
        {"type": "header", "text": {"type": "plain_text", "text": "Autos — converging"}},
        {"type": "section", "text": {"type": "mrkdwn", "text": "> A constant quote.\n— *Someone*, today"}},
    ],
}


def build(kind: str, secret: str, api_url: str) -> Starlette:
    # Bolt checks the token with auth.test (once, then cached), so it needs a Web API: the fake one.
    client = WebClient(token="xoxb-floor-benchmark", base_url=api_url)
    app = App(client=client, signing_secret=secret, process_before_response=kind == "bare")

    if kind == "bare":

        @app.command("/nafta")
        def constant(ack: Ack) -> None:
            ack(**CONSTANT_REPLY)

    else:

        @app.command("/nafta")
        def hello(ack: Ack) -> None:
            ack("Hello, world")

    handler = SlackRequestHandler(app)

    async def events(request: Request):  # type: ignore[no-untyped-def]
        return await handler.handle(request)

    return Starlette(routes=[Route("/slack/events", events, methods=["POST"])])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=("bare", "hello"))
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--api-url", required=True, help="Slack Web API base URL (a FakeSlack)")
    args = parser.parse_args()
    uvicorn.run(
        build(args.kind, args.secret, args.api_url),
        host="127.0.0.1",
        port=args.port,
        log_config=None,
        access_log=False,
        lifespan="off",
    )


if __name__ == "__main__":
    main()
