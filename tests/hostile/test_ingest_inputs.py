"""Hostile files and hostile web servers against a real `nafta-bot ingest` process.

Each bad line, file or page fails alone, by name and with its reason; the good articles around it
are stored; the process never ends in a traceback or hangs.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlmodel import Session, select

from store.models import Article
from tests.conftest import run_cli
from tests.hostile.conftest import Web, start_ingest, wire_story, write_jsonl
from tests.ingest.conftest import html_page

NESTED = "[" * 5000 + "]" * 5000  # 10 KB that exhausts the JSON parser's recursion


def stored(engine) -> dict[str, Article]:  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        rows = session.exec(select(Article).where(Article.source == "ingested")).all()
    return {str(a.url or a.title): a for a in rows}


def test_a_deeply_nested_jsonl_line_fails_alone_in_a_folder(
    engine, database_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    rows = [wire_story(1), NESTED, '{"text": ' + NESTED + "}", "\x00\x01", wire_story(2), "[1, 2]"]
    write_jsonl(folder / "a-batch.jsonl", rows)
    write_jsonl(folder / "b-batch.jsonl", [wire_story(3)])

    result = run_cli("ingest", str(folder), database_url=database_url)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "3 added, 0 unchanged, 0 updated, 4 failed" in result.stdout
    assert f"{folder / 'a-batch.jsonl'}:2: not valid JSON (nested too deeply)" in result.stderr
    assert f"{folder / 'a-batch.jsonl'}:3: not valid JSON (nested too deeply)" in result.stderr
    assert set(stored(engine)) == {f"https://wire.example/story/{n}" for n in (1, 2, 3)}


def test_an_xml_file_is_never_stored_as_an_article_of_raw_xml(
    engine, database_url: str, tmp_path: Path
) -> None:
    export = tmp_path / "export.xml"
    export.write_text('<?xml version="1.0"?><catalog><item>not news</item></catalog>', encoding="utf-8")
    disguised = tmp_path / "wire.txt"
    disguised.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>')

    result = run_cli("ingest", str(export), str(disguised), database_url=database_url)

    assert result.returncode == 1
    assert f"{export}: XML that is not an RSS or Atom feed" in result.stderr
    assert f"{disguised}: feed has no entries" in result.stderr
    assert stored(engine) == {}


def test_a_local_feed_file_is_read_as_a_feed(engine, database_url: str, tmp_path: Path, web: Web) -> None:
    for n in (1, 2):
        story = wire_story(n)
        web.add(f"/story/{n}", html_page(story["title"], story["text"], "2018-05-02"))
    feed = tmp_path / "wire.rss"
    items = "".join(f"<item><title>Story {n}</title><link>{web.base}/story/{n}</link></item>" for n in (1, 2))
    feed.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>{items}</channel></rss>',
        encoding="utf-8",
    )

    refused = run_cli("ingest", str(feed), database_url=database_url)
    assert refused.returncode == 1
    assert "refused: 127.0.0.1 is a loopback address" in refused.stderr
    assert stored(engine) == {}

    result = run_cli("ingest", "--allow-private", str(feed), database_url=database_url)
    assert result.returncode == 0, result.stderr
    articles = stored(engine)
    assert set(articles) == {f"{web.base}/story/1", f"{web.base}/story/2"}
    assert not any("<rss" in a.body or "<item>" in a.body for a in articles.values())


def test_a_feed_pointing_inside_is_refused_at_every_hop(
    engine, database_url: str, tmp_path: Path, web: Web
) -> None:
    web.add("/secret", "<html><body><p>internal admin token 12345</p></body></html>")
    story = wire_story(7)
    web.add("/story/7", html_page(story["title"], story["text"]))
    web.redirects["/hop"] = "http://127.0.0.2:9/secret"  # a redirect from the allowed origin, inward
    other_port = web.base.rsplit(":", 1)[0] + ":1"
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>'
        f"<item><title>Good</title><link>{web.base}/story/7</link></item>"
        f"<item><title>Metadata</title><link>http://169.254.169.254/latest/meta-data/</link></item>"
        f"<item><title>Other port</title><link>{other_port}/secret</link></item>"
        f"<item><title>Redirect</title><link>{web.base}/hop</link></item>"
        f"<item><title>Mapped</title><link>http://[::ffff:127.0.0.1]:1/secret</link></item>"
        "</channel></rss>"
    )
    feed = web.add("/feed.xml", rss, "application/rss+xml")

    result = run_cli("ingest", "--allow-private", feed, database_url=database_url)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "1 added, 0 unchanged, 0 updated, 4 failed" in result.stdout
    assert "refused: 169.254.169.254 is a link-local" in result.stderr
    assert "refused: 127.0.0.1 is a loopback address" in result.stderr
    assert "refused: 127.0.0.2 is a loopback address" in result.stderr
    assert "refused: ::ffff:127.0.0.1 is a loopback address" in result.stderr
    assert set(stored(engine)) == {f"{web.base}/story/7"}
    assert "/secret" not in web.hits


def test_a_private_url_needs_the_flag(engine, database_url: str, web: Web) -> None:
    story = wire_story(8)
    page = web.add("/story/8", html_page(story["title"], story["text"]))

    refused = run_cli("ingest", page, database_url=database_url)
    allowed = run_cli("ingest", "--allow-private", page, database_url=database_url)

    assert refused.returncode == 1
    assert "only a URL given on the command line with --allow-private may be" in refused.stderr
    assert allowed.returncode == 0, allowed.stderr
    assert set(stored(engine)) == {page}


def test_a_trickling_server_is_cut_off_at_the_deadline(engine, database_url: str, web: Web) -> None:
    slow = web.add("/slow", html_page("Slow", wire_story(9)["text"]))
    web.trickle.add("/slow")
    story = wire_story(10)
    fast = web.add("/fast", html_page(story["title"], story["text"]))

    run = start_ingest(database_url, "--allow-private", slow, fast, NAFTA_FETCH_DEADLINE_SECONDS="1")
    out, err = run.communicate(timeout=120)  # a guard against a hang, not a measurement

    assert run.returncode == 1
    assert f"failed: {slow}: timed out (deadline 1 s)" in err
    assert "1 added, 0 unchanged, 0 updated, 1 failed" in out
    assert set(stored(engine)) == {fast}


def test_the_nested_line_is_also_refused_by_extract(database_url: str, tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "x.jsonl", [NESTED, json.dumps(wire_story(4))])
    result = run_cli("extract", "--json", str(source), database_url=database_url)
    assert result.returncode == 1
    assert "nested too deeply" in result.stderr
    assert json.loads(result.stdout.splitlines()[0])["title"] == "Talks resume, story 4"
