"""Slash-command latency over HTTP: `nafta-bot serve` against the Bolt floor, in one run.

Each server runs in its own process, as in production, with SLACK_API_URL at a ``FakeSlack`` in this
process. The load client sends signed `/nafta autos` requests sequentially, then from 8 and from 32
concurrent connections, and records p50 and p99 of the time to the full HTTP response (the ack, which
for `/nafta` carries the answer). Ours must give the real answer: the bench checks what came back and
counts acks that deferred the answer to ``response_url`` (those would be fast for the wrong reason).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench.everyday import PARTIES, PEOPLE, TOPICS
from bench.load import Connection, hammer, signed_request, slash_command_body
from bench.stats import Latency, summarize
from bench.stores import RESULTS
from testkit.fakeslack import FakeSlack
from testkit.serving import free_port

SECRET = "bench-signing-secret-0b7e2c"
BOT_TOKEN = "xoxb-bench-0000-benchtoken"
CONCURRENCY = (1, 8, 32)
# Sixty different everyday questions, asked round-robin: topics, topic + party, timelines, people,
# parties, search, latest and topics, all resolvable against the bundled taxonomy.
MIX: tuple[str, ...] = (
    *TOPICS,
    *(f"{t} {p}" for t in TOPICS for p in ("canada", "mexico")),
    "autos us",
    "dairy us",
    *(f"{t} timeline" for t in ("autos", "dairy", "steel", "sunset clause")),
    *PEOPLE,
    "navarro",
    *PARTIES,
    "search dairy quotas",
    "latest",
    "topics",
)
DEFERRED = b"Looking that up"


@dataclass
class SlashResult:
    target: str
    latency: dict[int, Latency] = field(default_factory=dict)
    errors: int = 0
    deferred: int = 0
    answer: str = ""  # the header of the message that came back, to show it was the real answer


@contextmanager
def _process(args: list[str], env: dict[str, str], log_name: str) -> Iterator[subprocess.Popen[bytes]]:
    RESULTS.mkdir(parents=True, exist_ok=True)
    with (RESULTS / log_name).open("wb") as log, tempfile.TemporaryDirectory() as cwd:
        # A scratch working directory, so no developer's .env is found above it.
        process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=cwd)
        try:
            yield process
        finally:
            process.terminate()
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def floor_server(kind: str, fake: FakeSlack) -> Iterator[int]:
    port = free_port()
    args = [sys.executable, "-m", "bench.floor", kind, "--port", str(port), "--secret", SECRET]
    args += ["--api-url", fake.api_url]
    env = {"PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    with _process(args, env, f"floor-{kind}.log") as process:
        _wait_ready(port, process)
        yield port


@contextmanager
def our_server(
    database_url: str, fake: FakeSlack, label: str, *, variant: str = "", log_level: str = "INFO"
) -> Iterator[int]:
    """`nafta-bot serve` as deployed; ``variant`` switches parts off (``bench.serve_variant``, diagnosis)."""
    port = free_port()
    env = {
        "DATABASE_URL": database_url,
        "SLACK_API_URL": fake.api_url,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
        "LOG_LEVEL": log_level,
        "PYTHONPATH": str(Path(__file__).resolve().parent.parent),
    }
    command = ["bench.serve_variant", f"--variant={variant}"] if variant else ["bot.cli"]
    args = [sys.executable, "-m", *command, "serve", "--http", "--port", str(port)]
    with _process(args, env, f"serve-{label}.log") as process:
        _wait_ready(port, process)
        yield port


def _wait_ready(port: int, process: subprocess.Popen[bytes], timeout: float = 90) -> None:
    request = signed_request(port, slash_command_body("help", response_url="http://127.0.0.1:9/"), SECRET)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}; see {RESULTS}")
        try:
            conn = Connection(port)
            try:
                if conn.roundtrip(request)[0] == 200:
                    return
            finally:
                conn.close()
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"server on port {port} never answered")


def compare(
    ports: dict[str, int],
    *,
    text: str | tuple[str, ...],
    response_url: str,
    rounds: int = 4,
    burst_s: float = 0.4,
) -> dict[str, SlashResult]:
    """Latency of each server, measured in short interleaved bursts so machine noise hits all alike.

    ``text`` is one question, or several asked round-robin (``MIX``).
    """
    texts = (text,) if isinstance(text, str) else text
    bodies = [slash_command_body(t, response_url=response_url) for t in texts]
    requests = {name: [signed_request(port, b, SECRET) for b in bodies] for name, port in ports.items()}
    results = {name: SlashResult(name) for name in ports}
    samples: dict[tuple[str, int], list[float]] = {}
    for name, port in ports.items():
        hammer(
            port, requests[name], concurrency=1, duration_s=30, max_requests=max(50, len(texts))
        )  # warm up
    for concurrency in CONCURRENCY:
        for _ in range(rounds):
            for name, port in ports.items():
                run = hammer(
                    port,
                    requests[name],
                    concurrency=concurrency,
                    duration_s=burst_s,
                    max_requests=5000 * concurrency,
                    marker=DEFERRED,
                )
                samples.setdefault((name, concurrency), []).extend(run.seconds)
                results[name].errors += run.errors
                results[name].deferred += run.flagged
                results[name].answer = _header(run.last_body)
    for (name, concurrency), seconds in samples.items():
        results[name].latency[concurrency] = summarize(seconds)
    return results


def _header(body: bytes) -> str:
    try:
        message = json.loads(body)
    except ValueError:
        return body[:60].decode(errors="replace")
    for block in message.get("blocks") or []:
        if block.get("type") == "header":
            return str(block["text"]["text"])
    return str(message.get("text", ""))[:60]
