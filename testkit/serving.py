"""Running the real `nafta-bot serve` in a subprocess against a test database and a ``FakeSlack``.

``ServeProcess`` starts the command with SLACK_API_URL pointing at the fake and its log in a file
the caller can read; ``start_http_server`` also waits until /healthz answers. ``cli_env`` is the
environment such a subprocess gets: the system's basics and the test database, none of a
developer's own Slack or nafta-bot settings.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from testkit.fakeslack import FakeSlack
from testkit.slack import BOT_TOKEN, SIGNING_SECRET
from testkit.waiting import wait_until

LEAKY_PREFIXES = ("SLACK_", "NAFTA_", "DATABASE_URL", "LOG_LEVEL")


def cli_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment for a CLI subprocess: the system's basics, the test database, nothing else."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(LEAKY_PREFIXES)}
    env["DATABASE_URL"] = database_url
    env.update(extra)
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class ServeProcess:
    """`nafta-bot serve ARGS` in a subprocess; ``stop()`` sends SIGTERM and returns the exit code."""

    args: tuple[str, ...]
    database_url: str
    fake: FakeSlack
    folder: Path
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None
    url: str = ""  # http://127.0.0.1:PORT once an HTTP server is healthy

    @property
    def log_path(self) -> Path:
        return self.folder / "serve.log"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def start(self) -> ServeProcess:
        env = cli_env(self.database_url, SLACK_API_URL=self.fake.api_url, LOG_LEVEL="INFO", **self.env)
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot.cli", "serve", *self.args],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=self.folder,
            )
        return self

    def wait_for_log(self, needle: str, timeout: float = 30.0) -> str:
        def logged() -> str:
            self._still_running()
            log = self.log()
            return log if needle in log else ""

        return wait_until(logged, timeout=timeout, what=lambda: f"{needle!r} in the log:\n{self.log()}")

    def wait_healthy(self, timeout: float = 60.0) -> ServeProcess:
        """Until ``GET /healthz`` answers 200 (needs ``url``); fails at once if the process exits."""

        def healthy() -> bool:
            self._still_running()
            try:
                return httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200
            except httpx.TransportError:
                return False

        wait_until(healthy, timeout=timeout, what=lambda: f"serve to become healthy:\n{self.log()}")
        return self

    def _still_running(self) -> None:
        assert self.process is not None
        if self.process.poll() is not None:
            raise AssertionError(f"serve exited ({self.process.returncode}):\n{self.log()}")

    def stop(self, timeout: float = 20.0) -> int:
        assert self.process is not None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def start_http_server(database_url: str, fake: FakeSlack, folder: Path, **env: str) -> ServeProcess:
    """Start `nafta-bot serve --port P` (extra environment in ``env``) and wait until /healthz answers 200."""
    port = free_port()
    server = ServeProcess(
        ("--port", str(port)),
        database_url,
        fake,
        folder,
        env={"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET, **env},
    ).start()
    server.url = f"http://127.0.0.1:{port}"
    try:
        return server.wait_healthy()
    except AssertionError:
        server.stop()
        raise
