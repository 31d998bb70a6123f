"""Helpers for the hostile suite: invented wire copy, a real `nafta-bot ingest` in a subprocess,
and a web server that can misbehave (trickle, redirect inward, answer from a "private" page).

The copy here is written for these tests: invented people and outlets, the shape of wire stories.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from testkit.fakeslack import FakeSlack
from testkit.serving import ServeProcess, cli_env, start_http_server
from testkit.slack import SlackSender
from tests.conftest import MigratedTemplate

# Invented speakers; several appear in many articles so two ingesters meet the same new names.
SPEAKERS = [
    ("Odile Marchetti", "a spokeswoman for the Prairie Grain Council"),
    ("Tomas Ferreira-Lund", "president of the Lakeshore Parts Makers"),
    ("Hanna Oyelaran", "a trade lawyer in Windsor"),
    ("Piet Vandermolen", "chief economist at the Harbour Freight Board"),
    ("Carmela Ibarguen", "a spokeswoman for the Sonora Growers Union"),
    ("Desmond Achterberg", "head of the Northern Dairy Co-operative"),
]
LINES = [
    "We need a deal that keeps the border open for parts",
    "Nobody in our sector wants new tariffs on cheese or butter",
    "The rules of origin for cars have to be workable on the factory floor",
    "Our members cannot plan while the talks keep slipping",
]


def wire_story(number: int) -> dict[str, str]:
    """One invented article with three attributed quotes, unique text, shared speakers."""
    paragraphs = [f"OTTAWA (Test Wire) - Story {number}: negotiators met again on Tuesday."]
    for k in range(3):
        name, role = SPEAKERS[(number + k) % len(SPEAKERS)]
        line = LINES[(number * 3 + k) % len(LINES)]
        paragraphs.append(f'"{line}, in round {number}," said {name}, {role}.')
    unique_name = f"Rosalind Test{number:04d}"  # a speaker met only once, in this story
    paragraphs.append(f'"Story {number} is the one I care about," said {unique_name}, a farmer near Guelph.')
    return {
        "title": f"Talks resume, story {number}",
        "url": f"https://wire.example/story/{number}",
        "published": "2018-05-0" + str(1 + number % 9),
        "outlet": "Test Wire",
        "text": "\n\n".join(paragraphs),
    }


def write_jsonl(path: Path, rows: list[dict[str, str]] | list[str]) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write((row if isinstance(row, str) else json.dumps(row)) + "\n")
    return path


def start_ingest(database_url: str, *args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "ingest", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(database_url, **env),
    )


class Web:
    """Pages by path; a page may be a body, a redirect ("->URL") or a trickle (``trickle=True``)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.pages: dict[str, tuple[str, bytes]] = {}
        self.redirects: dict[str, str] = {}
        self.trickle: set[str] = set()
        self.hits: list[str] = []
        self.stop = threading.Event()

    def add(self, path: str, body: str, content_type: str = "text/html; charset=utf-8") -> str:
        self.pages[path] = (content_type, body.encode("utf-8"))
        return self.base + path


@pytest.fixture
def web() -> Iterator[Web]:
    holder: dict[str, Web] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site = holder["web"]
            site.hits.append(self.path)
            if self.path in site.redirects:
                self.send_response(302)
                self.send_header("Location", site.redirects[self.path])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            page = site.pages.get(self.path)
            if page is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", page[0])
            self.send_header("Content-Length", str(len(page[1])))
            self.end_headers()
            if self.path in site.trickle:  # one byte at a time, slower than any deadline we set
                for byte in page[1]:
                    if site.stop.wait(0.5):
                        return
                    try:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                    except OSError:
                        return
                return
            self.wfile.write(page[1])

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    holder["web"] = Web(f"http://127.0.0.1:{server.server_address[1]}")
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    yield holder["web"]
    holder["web"].stop.set()
    server.shutdown()
    server.server_close()


def rss_kb(pid: int) -> int:
    """Resident memory of process ``pid`` in KB, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS line")


# A real `nafta-bot serve` per module, as in tests/slack, with short retry budgets so the faults
# these tests inject resolve in seconds.
SERVE_ENV = {
    "NAFTA_STORE_RETRY_SECONDS": "6",
    "NAFTA_MAX_RETRY_AFTER_SECONDS": "5",
    "NAFTA_LISTENER_THREADS": "4",
}


@pytest.fixture(scope="module")
def slack_listener() -> Iterator[FakeSlack]:
    """The fake Slack's address, which this module's server is started with."""
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def fake_slack(slack_listener: FakeSlack) -> FakeSlack:
    """A fake Slack of this test's own: no call, fault or reply left from an earlier test."""
    return slack_listener.reset()


@pytest.fixture(scope="module")
def module_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile")


@pytest.fixture(scope="module")
def module_database(migrated_template: MigratedTemplate, module_folder: Path) -> Iterator[str]:
    with migrated_template.copy(module_folder) as url:
        yield url


@pytest.fixture(scope="module")
def server(module_database: str, slack_listener: FakeSlack, module_folder: Path) -> Iterator[ServeProcess]:
    process = start_http_server(module_database, slack_listener, module_folder, **SERVE_ENV)
    yield process
    process.stop()


@pytest.fixture(scope="module")
def slack(server: ServeProcess, slack_listener: FakeSlack) -> Iterator[SlackSender]:
    sender = SlackSender(server.url, slack_listener)
    yield sender
    sender.http.close()
