"""A deliberately thin HTTP load client: signed Slack requests over kept-alive sockets.

An HTTP library in the client would add a few hundred microseconds per request, the size of the
floor being measured, and would shrink every ratio towards 1. So each worker thread owns one
socket, sends a pre-signed request as raw bytes and reads exactly ``Content-Length`` bytes back.
Latency is from the first byte sent to the last byte received.
"""

from __future__ import annotations

import hashlib
import hmac
import socket
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlencode


def slash_command_body(text: str, *, response_url: str) -> str:
    return urlencode(
        {
            "token": "deprecated-verification-token",
            "team_id": "T0BENCH",
            "team_domain": "newsroom",
            "channel_id": "C0BENCH",
            "channel_name": "trade-desk",
            "user_id": "U0BENCH",
            "user_name": "reporter",
            "command": "/nafta",
            "text": text,
            "api_app_id": "A0NAFTA",
            "response_url": response_url,
            "trigger_id": "1.2.bench",
        }
    )


def signed_request(port: int, body: str, secret: str) -> bytes:
    """The full HTTP request Slack would send, signed now (Bolt accepts it for five minutes)."""
    stamp = str(int(time.time()))
    signature = hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
    payload = body.encode()
    head = (
        f"POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(payload)}\r\nX-Slack-Request-Timestamp: {stamp}\r\n"
        f"X-Slack-Signature: v0={signature}\r\n\r\n"
    )
    return head.encode() + payload


class Connection:
    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buffer = b""

    def roundtrip(self, request: bytes) -> tuple[int, bytes]:
        self.sock.sendall(request)
        while b"\r\n\r\n" not in self.buffer:
            self._fill()
        head, _, rest = self.buffer.partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        status = int(lines[0].split()[1])
        length = 0
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        while len(rest) < length:
            self.buffer = rest
            self._fill()
            rest = self.buffer
        self.buffer = rest[length:]
        return status, rest[:length]

    def _fill(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("server closed the connection")
        self.buffer += chunk

    def close(self) -> None:
        self.sock.close()


@dataclass
class Run:
    seconds: list[float] = field(default_factory=list)
    errors: int = 0
    flagged: int = 0  # responses containing the caller's marker, e.g. a deferred "looking that up"
    last_body: bytes = b""
    wall: float = 0.0


def hammer(
    port: int,
    request: bytes | Sequence[bytes],
    *,
    concurrency: int,
    duration_s: float,
    max_requests: int,
    marker: bytes = b"\0",
) -> Run:
    """``concurrency`` workers send ``request`` back to back for ``duration_s`` (or ``max_requests``).

    Given several requests (a mix of questions), each worker goes round them from its own start.
    """
    requests = [request] if isinstance(request, bytes) else list(request)
    run = Run()
    lock = threading.Lock()
    deadline = time.perf_counter() + duration_s
    budget = [max_requests]

    def worker(start: int) -> None:
        conn = Connection(port)
        turn = start
        mine: list[float] = []
        errors = flagged = 0
        body = b""
        try:
            while time.perf_counter() < deadline:
                with lock:
                    if budget[0] <= 0:
                        break
                    budget[0] -= 1
                started = time.perf_counter()
                status, body = conn.roundtrip(requests[turn % len(requests)])
                turn += 1
                mine.append(time.perf_counter() - started)
                errors += status != 200
                flagged += marker in body
        finally:
            conn.close()
            with lock:
                run.seconds.extend(mine)
                run.errors += errors
                run.flagged += flagged
                run.last_body = body or run.last_body

    started = time.perf_counter()
    spread = max(1, len(requests) // max(1, concurrency))
    threads = [threading.Thread(target=worker, args=(i * spread,)) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run.wall = time.perf_counter() - started
    return run
