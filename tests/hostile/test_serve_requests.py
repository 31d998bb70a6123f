"""Oversize, unsigned and malformed requests against a real `nafta-bot serve`.

Nothing is parsed before the signature is checked; no body is read past the cap; memory stays
flat; every refusal is a 4xx and one log line, never a 500 or a traceback.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import select
import socket
import threading
import time
from urllib.parse import urlencode, urlparse

import httpx
import pytest

from testkit.slack import SIGNING_SECRET, unique
from testkit.waiting import wait_until
from tests.hostile.conftest import rss_kb
from tests.slack.harness import message_for

MB = 1_000_000


def raw_post(base_url: str, headers: dict[str, str], *, body_bytes: int, chunked: bool) -> int | None:
    """POST up to ``body_bytes`` of junk, stopping as soon as the server answers; its status, or None
    when the connection was cut before the answer could be read."""
    parsed = urlparse(base_url)
    lines = ["POST /slack/events HTTP/1.1", f"Host: {parsed.hostname}", "Content-Type: application/json"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    if chunked:
        lines.append("Transfer-Encoding: chunked")
    with socket.create_connection((parsed.hostname, parsed.port), timeout=10) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        chunk, sent = b"x" * 65536, 0
        try:
            while sent < body_bytes:
                if select.select([sock], [], [], 0.2 if sent == 0 else 0)[0]:
                    break  # the server has answered (or hung up): stop sending
                sock.sendall((f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n") if chunked else chunk)
                sent += len(chunk)
            reply = sock.recv(200)
        except (BrokenPipeError, ConnectionResetError):
            return None
    return int(reply.split()[1]) if reply.startswith(b"HTTP/1.1") else None


def forged_headers() -> dict[str, str]:
    return {"X-Slack-Request-Timestamp": str(int(time.time())), "X-Slack-Signature": "v0=" + "0" * 64}


def test_huge_bodies_are_refused_before_they_are_read_and_memory_stays_flat(server, slack) -> None:
    assert server.process is not None
    before = rss_kb(server.process.pid)
    statuses: list[int | None] = []
    lock = threading.Lock()

    def attack(headers: dict[str, str], declared: bool) -> None:
        extra = {"Content-Length": str(300 * MB)} if declared else {}
        status = raw_post(server.url, {**headers, **extra}, body_bytes=40 * MB, chunked=not declared)
        with lock:
            statuses.append(status)

    attacks = [({}, True)] * 4 + [(forged_headers(), True)] * 4 + [(forged_headers(), False)] * 4
    threads = [threading.Thread(target=attack, args=a) for a in attacks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    after = rss_kb(server.process.pid)

    assert all(status in (401, 413, None) for status in statuses), statuses
    log = wait_until(lambda: server.log() if server.log().count("rejected") >= 12 else None)
    assert log.count("slack request -> 401 rejected: unsigned") >= 4
    assert log.count("slack request -> 413 rejected: request too large") >= 8
    assert (after - before) < 20_000, f"serve grew by {(after - before) / 1000:.1f} MB"
    assert slack.command("autos", response=unique("after-bodies")).status_code == 200


UNSIGNED_JUNK = [
    ("application/json", "{not json"),
    (
        "application/x-www-form-urlencoded",
        urlencode({"payload": json.dumps({"type": "block_actions", "actions": "x"})}),
    ),
    ("application/json", json.dumps({"type": "event_callback", "event": "str"})),
    ("application/json", "[" * 5000 + "]" * 5000),
]


def test_unsigned_junk_gets_401_and_one_log_line_each(server, slack) -> None:
    before = server.log().count("\n")
    answers = [
        slack.post(body, kind, {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": "v0=" + "a" * 64})
        for kind, body in UNSIGNED_JUNK
        for stamp in (str(int(time.time())), "not-a-number")
    ]
    answers.append(slack.post("{}", "application/json", {}))

    assert [a.status_code for a in answers] == [401] * len(answers)
    assert all(len(a.content) < 100 for a in answers)
    log = wait_until(lambda: server.log() if server.log().count("\n") - before >= len(answers) else None)
    new = log.splitlines()[before:]
    assert len([line for line in new if "401 rejected" in line]) == len(answers)
    assert "Traceback" not in log


def test_signed_but_malformed_requests_get_400_never_500(server, slack) -> None:
    form = "application/x-www-form-urlencoded"
    bodies = [
        ("application/json", "{not json"),
        ("application/json", json.dumps({"type": "event_callback", "event": "str"})),
        ("application/json", json.dumps({"type": "event_callback", "event": {"no": "type"}})),
        ("application/json", json.dumps(["a", "list"])),
        (form, urlencode({"payload": json.dumps({"type": "block_actions", "actions": "x"})})),
        (form, urlencode({"payload": json.dumps({"type": "block_actions", "actions": [{"action_id": 5}]})})),
        (form, urlencode({"payload": json.dumps({"type": "view_submission", "view": "x"})})),
        (form, urlencode({"payload": json.dumps({"type": "view_submission", "view": {"callback_id": "x"}})})),
        (form, urlencode({"payload": "{broken"})),
        (form, urlencode({"payload": json.dumps({"type": "block_actions", "user": "U1", "actions": []})})),
        ("application/json", "[" * 5000 + "]" * 5000),
    ]
    answers = [slack.post(body, kind) for kind, body in bodies]
    stamp = str(int(time.time()))
    junk = b"\xff\xfe{}"
    digest = hmac.new(SIGNING_SECRET.encode(), f"v0:{stamp}:".encode() + junk, hashlib.sha256).hexdigest()
    raw = slack.http.post(
        f"{slack.base_url}/slack/events",
        content=junk,
        headers={"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest}"},
    )

    assert [a.status_code for a in answers] == [400] * len(bodies)
    assert raw.status_code == 400
    assert "Traceback" not in server.log()
    assert " 500 " not in server.log()


def test_a_signed_body_over_the_cap_is_413(slack) -> None:
    body = json.dumps({"type": "event_callback", "event": {"type": "app_mention", "text": "x" * 1_100_000}})
    assert slack.post(body, "application/json").status_code == 413


def test_healthz_is_unaffected(server) -> None:
    assert httpx.get(f"{server.url}/healthz", timeout=10).json() == {"database": "ok"}


@pytest.mark.parametrize(
    ("words", "reason"),
    [
        ("subscribe daily 08:30 tz=" + "Area/" * 60, "is not a time zone name"),
        ("subscribe daily 08:30 tz=../../../../etc/passwd", "is not a time zone name"),
        ("subscribe daily 08:30 tz=Mars/Olympus_Mons", "is not a time zone I know"),
        ("subscribe cron 0 0 31 2 *", "never fires"),
        ("subscribe cron 0 0 30 2 *", "never fires"),
    ],
    ids=["300-chars", "path", "unknown", "feb-31", "feb-30"],
)
def test_a_schedule_that_cannot_work_is_refused_with_the_reason(
    slack, fake_slack, words: str, reason: str
) -> None:
    name = unique("sub")
    response = slack.command(words, response=name, channel=unique("CSUB"))

    message = message_for(response, fake_slack, name)
    assert reason in message["text"]
    assert "went wrong" not in message["text"]
