"""Helpers for the ingestion tests: article files written in the test, and a real HTTP server on
127.0.0.1 standing in for news sites and feeds (no mocks: httpx and feedparser do real requests)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

# Short wire-style stories written for these tests (fictional details, real negotiators' names).
DAIRY = """OTTAWA (Wire) - Canada signalled on Tuesday that it could open a sliver of its dairy market.

"We will protect supply management, but we are ready to talk about access," Chrystia Freeland told \
reporters after a cabinet meeting.

Robert Lighthizer, the U.S. trade representative, was unimpressed. "A sliver is not a deal," he said.

"Our farmers have waited long enough," said Nora Ellsworth, president of the Wisconsin Dairy \
Alliance. "They need real access to Canadian shelves."

The Trump administration wants Canada to scrap its class 7 milk pricing."""

AUTOS = """MEXICO CITY (Wire) - Mexico offered a compromise on rules of origin for cars on Thursday.

"We can live with a higher regional content threshold if the phase-in is long enough," Ildefonso \
Guajardo said in a statement.

Mexico and Canada rejected the U.S. proposal on auto content when it was first tabled."""


def article_file(folder: Path, name: str, body: str, **front: str) -> Path:
    """Write a .txt/.md article, with a front-matter block when ``front`` is given."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    head = "".join(f"{k}: {v}\n" for k, v in front.items())
    path.write_text(f"---\n{head}---\n{body}\n" if front else body + "\n", encoding="utf-8")
    return path


def html_page(title: str, body: str, published: str = "2018-05-01") -> str:
    paragraphs = "".join(f"<p>{p}</p>\n" for p in body.split("\n\n"))
    return (
        f"<!doctype html><html><head><title>{title}</title>"
        f'<meta name="date" content="{published}"><meta property="og:site_name" content="Test Wire">'
        f"</head><body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>\n{paragraphs}</article>"
        f"<footer>Copyright Test Wire. All rights reserved.</footer></body></html>"
    )


class Site:
    """Pages served by the local server: path -> (content type, body)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.pages: dict[str, tuple[str, bytes]] = {}

    def add(self, path: str, body: str, content_type: str = "text/html; charset=utf-8") -> str:
        self.pages[path] = (content_type, body.encode("utf-8"))
        return self.base + path


@pytest.fixture
def site() -> Iterator[Site]:
    holder: dict[str, Site] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            page = holder["site"].pages.get(self.path)
            if page is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", page[0])
            self.send_header("Content-Length", str(len(page[1])))
            self.end_headers()
            self.wfile.write(page[1])

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    holder["site"] = Site(f"http://127.0.0.1:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield holder["site"]
    server.shutdown()
    server.server_close()
