"""A stand-in for Slack's Web API on loopback: real HTTP, recorded calls, injectable faults.

Point the bot at it with ``SLACK_API_URL=fake.api_url``. Slash-command ``response_url``s can point
at ``fake.response_url(name)``. Tests then read ``fake.calls`` to see exactly what Slack would have
received, or script faults: ``fake.fail("chat.postMessage", status=429, retry_after=1)`` answers
the next such call with a 429, ``fake.fail("auth.test", error="invalid_auth")`` with an API error.
The assistant panel's calls (``assistant.threads.setStatus``, ``setSuggestedPrompts``, ``setTitle``) are
recorded like any other, and ``assistant_calls(channel, thread_ts)`` lists one thread's in order.
``per_channel_interval`` enforces Slack's posting limit (about one message per second per channel).
Used by the test suite and by the benchmarks.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

BOT_USER_ID = "UNAFTABOT"
BOT_ID = "BNAFTABOT"
TEAM_ID = "T0TEST"
ASSISTANT_METHODS = frozenset(
    {"assistant.threads.setStatus", "assistant.threads.setSuggestedPrompts", "assistant.threads.setTitle"}
)


@dataclass
class Call:
    method: str  # Web API method ("chat.postMessage") or "response:<name>" for a response_url
    params: dict[str, Any]
    headers: dict[str, str]
    at: float
    status: int = 200
    response: dict[str, Any] = field(default_factory=dict)  # the body the fake answered with


@dataclass
class _Fault:
    status: int = 200
    error: str | None = None
    retry_after: int | None = None
    delay: float = 0.0


@dataclass
class FakeSlack:
    """Start with ``with FakeSlack() as fake:`` (or ``start()``/``stop()``)."""

    user_tz: str = "America/Toronto"
    per_channel_interval: float = 0.0  # seconds between posts to one channel before a 429
    # Fixed success bodies by method, e.g. {"apps.connections.open": {"url": "ws://127.0.0.1:P/"}}.
    replies: dict[str, dict[str, Any]] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    _faults: dict[str, list[_Fault]] = field(default_factory=dict)
    _last_post: dict[str, float] = field(default_factory=dict)
    _ts: int = 1_500_000_000
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: ThreadingHTTPServer | None = None
    _changed: threading.Condition = field(default_factory=threading.Condition)

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> FakeSlack:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                fake._handle(self)

            def do_GET(self) -> None:
                fake._handle(self)

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def reset(self) -> FakeSlack:
        """Forget every call, fault, reply and setting, as a new fake would, but keep the address.

        A server started once for many tests points at one address; resetting before each test
        gives every test a fake of its own to script and read.
        """
        with self._lock:
            self.calls.clear()
            self._faults.clear()
            self._last_post.clear()
            self.replies.clear()
            self.user_tz = "America/Toronto"
            self.per_channel_interval = 0.0
        return self

    @property
    def base_url(self) -> str:
        assert self._server is not None, "start() first"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/"

    @property
    def api_url(self) -> str:
        return self.base_url + "api/"

    def response_url(self, name: str = "r1") -> str:
        return self.base_url + f"response/{name}"

    # ------------------------------------------------------------------ scripting
    def fail(
        self,
        method: str,
        *,
        status: int = 200,
        error: str | None = None,
        retry_after: int | None = None,
        delay: float = 0.0,
        times: int = 1,
    ) -> None:
        """Make the next ``times`` calls of ``method`` fail (HTTP status, API error, or a slow answer)."""
        with self._lock:
            self._faults.setdefault(method, []).extend(
                _Fault(status=status, error=error, retry_after=retry_after, delay=delay) for _ in range(times)
            )

    def calls_to(self, method: str, *, ok_only: bool = False) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method and (not ok_only or c.status == 200)]

    def assistant_calls(self, channel: str, thread_ts: str) -> list[Call]:
        """The ``assistant.threads.*`` calls made for one assistant thread, in the order they arrived."""
        with self._lock:
            return [
                c
                for c in self.calls
                if c.method in ASSISTANT_METHODS
                and c.params.get("channel_id") == channel
                and c.params.get("thread_ts") == thread_ts
            ]

    def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[Call]:
        """Block until ``count`` successful calls of ``method`` arrived (or fail the test on timeout)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self.calls_to(method, ok_only=True)) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"expected {count} {method} call(s), got {self.calls_to(method)}")
                self._changed.wait(remaining)
        return self.calls_to(method, ok_only=True)

    # ------------------------------------------------------------------ serving
    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length) if length else b""
        path = request.path.split("?", 1)[0]
        params = _parse_body(raw, request.headers.get("Content-Type", ""))
        if "?" in request.path:
            params.update({k: v[-1] for k, v in parse_qs(request.path.split("?", 1)[1]).items()})
        if path.startswith("/upload/"):  # step 2 of files_upload_v2: the file's bytes, as they are
            method = "upload:" + path.removeprefix("/upload/")
            params = {"content": raw.decode("utf-8", "replace")}
        elif path.startswith("/response/"):
            method = "response:" + path.removeprefix("/response/")
        else:
            method = path.removeprefix("/api/")
        headers = {k.lower(): v for k, v in request.headers.items()}
        status, body, extra_headers = self._answer(method, params, headers)
        payload = json.dumps(body).encode()
        request.send_response(status)
        request.send_header("Content-Type", "application/json; charset=utf-8")
        request.send_header("Content-Length", str(len(payload)))
        for name, value in extra_headers.items():
            request.send_header(name, value)
        request.end_headers()
        request.wfile.write(payload)

    def _answer(
        self, method: str, params: dict[str, Any], headers: dict[str, str]
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        with self._lock:
            fault = self._faults.get(method, []).pop(0) if self._faults.get(method) else None
        if fault and fault.delay:
            time.sleep(fault.delay)
        status, body, extra = 200, dict[str, Any](ok=True), dict[str, str]()
        if fault and (fault.status != 200 or fault.error):
            status = fault.status
            body = {"ok": False, "error": fault.error or ("ratelimited" if status == 429 else "fatal_error")}
            if fault.retry_after is not None:
                extra["Retry-After"] = str(fault.retry_after)
        elif method == "chat.postMessage" and self._rate_limited(str(params.get("channel", ""))):
            status, body, extra = 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "1"}
        else:
            body = self._success(method, params)
        call = Call(method=method, params=params, headers=headers, at=time.monotonic(), status=status)
        call.response = body
        self._record(call)
        return status, body, extra

    def _rate_limited(self, channel: str) -> bool:
        if not self.per_channel_interval:
            return False
        now = time.monotonic()
        with self._lock:
            last = self._last_post.get(channel)
            if last is not None and now - last < self.per_channel_interval:
                return True
            self._last_post[channel] = now
        return False

    def _success(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            self._ts += 1
            ts = f"{self._ts}.000100"
        if method in self.replies:
            return {"ok": True, **self.replies[method]}
        if method == "auth.test":
            return {
                "ok": True,
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
                "team_id": TEAM_ID,
                "user": "nafta-bot",
            }
        if method in {"chat.postMessage", "chat.update"}:
            return {
                "ok": True,
                "channel": params.get("channel"),
                "ts": params.get("ts") or ts,
                "message": params,
            }
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        if method == "users.info":
            user = params.get("user", "U0")
            return {
                "ok": True,
                "user": {"id": user, "tz": self.user_tz, "is_admin": user.startswith("UADMIN")},
            }
        if method in ASSISTANT_METHODS:
            missing = [k for k in ("channel_id", "thread_ts") if not params.get(k)]
            return {"ok": False, "error": "invalid_arguments"} if missing else {"ok": True}
        if method in {"views.publish", "views.open", "views.update", "views.push"}:
            view = params.get("view") or {}
            return {
                "ok": True,
                "view": {"id": f"V{ts.replace('.', '')}", **(view if isinstance(view, dict) else {})},
            }
        if method == "files.getUploadURLExternal":  # step 1: where to send the bytes (on loopback)
            file_id = f"F{ts.replace('.', '')}"
            return {"ok": True, "file_id": file_id, "upload_url": f"{self.base_url}upload/{file_id}"}
        if method == "files.completeUploadExternal":  # step 3: share the uploaded files in a channel
            files = params.get("files")
            listed = json.loads(files) if isinstance(files, str) else files or []
            return {"ok": True, "files": [{"id": f.get("id"), "title": f.get("title")} for f in listed]}
        if method in {"conversations.history", "conversations.replies"}:
            return {"ok": True, "messages": self._posted(method, params), "has_more": False}
        return {"ok": True}

    def _posted(self, method: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Messages the bot posted, as history (top level) or replies (one thread) return them."""
        channel, thread = params.get("channel"), params.get("ts")
        messages = []
        for call in reversed(self.calls_to("chat.postMessage", ok_only=True)):
            if call.params.get("channel") != channel or not call.response.get("ok"):
                continue
            ts, parent = call.response.get("ts"), call.params.get("thread_ts")
            if method == "conversations.history" and parent:
                continue
            if method == "conversations.replies" and thread not in (ts, parent):
                continue
            messages.append(
                {
                    "type": "message",
                    "ts": ts,
                    "thread_ts": parent,
                    "text": call.params.get("text"),
                    "bot_id": BOT_ID,
                    "metadata": call.params.get("metadata"),
                }
            )
        return messages

    def _record(self, call: Call) -> None:
        with self._changed:
            with self._lock:
                self.calls.append(call)
            self._changed.notify_all()


def _parse_body(raw: bytes, content_type: str) -> dict[str, Any]:
    if not raw:
        return {}
    text = raw.decode("utf-8", "replace")
    if "json" in content_type:
        try:
            data = json.loads(text)
            return data if isinstance(data, dict) else {"_": data}
        except json.JSONDecodeError:
            return {"_raw": text}
    params: dict[str, Any] = {k: v[-1] for k, v in parse_qs(text).items()}
    for key in ("blocks", "view", "attachments", "files"):
        if isinstance(params.get(key), str):
            with contextlib.suppress(json.JSONDecodeError):
                params[key] = json.loads(params[key])
    return params
