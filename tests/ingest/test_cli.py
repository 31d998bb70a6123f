"""`nafta-bot ingest` and `nafta-bot extract` as a user runs them, in a separate process."""

from __future__ import annotations

import json
from pathlib import Path

from tests.ingest.conftest import AUTOS, DAIRY, article_file


def test_ingest_twice_adds_once(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    article_file(
        tmp_path / "news", "dairy.md", DAIRY, url="https://example.test/dairy", published="2018-08-28"
    )
    article_file(tmp_path / "news", "more/autos.txt", AUTOS)
    first = cli("ingest", str(tmp_path / "news"))
    assert first.returncode == 0, first.stderr
    assert "2 added, 0 unchanged, 0 updated, 0 failed; 5 quotes, 1 new speakers, 4 statements" in first.stdout
    second = cli("ingest", str(tmp_path / "news"))
    assert second.returncode == 0
    assert "0 added, 2 unchanged, 0 updated, 0 failed; 0 quotes" in second.stdout
    assert "\r" not in second.stderr  # no progress bar when stderr is not a terminal


def test_bad_inputs_are_reported_and_the_rest_go_through(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = article_file(tmp_path, "good.txt", DAIRY)
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Le « non » du ministre".encode("latin-1"))
    lines = tmp_path / "batch.jsonl"
    lines.write_text(json.dumps({"text": AUTOS, "title": "Autos"}) + "\n{oops\n", encoding="utf-8")
    result = cli(
        "ingest",
        "--allow-private",
        str(good),
        str(binary),
        str(latin),
        str(lines),
        "http://127.0.0.1:9/nothing-here",
    )
    assert result.returncode == 1
    assert "2 added, 0 unchanged, 0 updated, 4 failed" in result.stdout
    assert f"failed: {binary}: binary file, not text" in result.stderr
    assert f"failed: {latin}: not UTF-8 text" in result.stderr
    assert f"failed: {lines}:2: not valid JSON" in result.stderr
    assert "failed: http://127.0.0.1:9/nothing-here: unreachable" in result.stderr


def test_metadata_options_for_a_single_input(cli, engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from sqlmodel import Session, select

    from store.models import Article

    path = article_file(tmp_path, "autos.txt", AUTOS)
    result = cli(
        "ingest",
        str(path),
        "--url",
        "https://example.test/autos",
        "--published",
        "2018-05-03",
        "--outlet",
        "Test Wire",
        "--title",
        "Mexico offers a compromise",
    )
    assert result.returncode == 0, result.stderr
    with Session(engine) as s:
        article = s.exec(select(Article).where(Article.url == "https://example.test/autos")).one()
        assert (article.title, str(article.published), article.outlet) == (
            "Mexico offers a compromise",
            "2018-05-03",
            "Test Wire",
        )
    two = cli("ingest", str(path), str(path), "--title", "x")
    assert two.returncode == 2
    assert "single input" in two.stderr


def test_an_ingested_quote_answers_ask_by_topic_and_speaker(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    article_file(tmp_path, "dairy.md", DAIRY, url="https://example.test/dairy", published="2030-01-15")
    assert cli("ingest", str(tmp_path / "dairy.md")).returncode == 0
    by_topic = cli("ask", "dairy")
    assert "We will protect supply management, but we are ready to talk about access" in by_topic.stdout
    by_speaker = cli("ask", "Nora Ellsworth")
    assert "Our farmers have waited long enough" in by_speaker.stdout


def test_extract_json_lines(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = article_file(tmp_path, "dairy.md", DAIRY, title="Canada opens the door")
    result = cli("extract", "--json", str(path))
    assert result.returncode == 0, result.stderr
    [line] = result.stdout.splitlines()
    data = json.loads(line)
    assert data["file"] == str(path)
    assert data["title"] == "Canada opens the door"
    assert "dairy" in data["topics"]
    first = data["quotes"][0]
    assert {k: first[k] for k in ("text", "speaker", "party", "topics", "direct")} == {
        "text": "We will protect supply management, but we are ready to talk about access,",
        "speaker": "Chrystia Freeland",
        "party": "canada",
        "topics": ["dairy"],
        "direct": True,
    }
    assert {"party": "us", "topic": "dairy"}.items() <= data["statements"][0].items()


def test_extract_json_names_rule_and_fragment(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    body = (
        "“We are not signing a bad deal,” Hal Ostrander said on Monday.\n\n"
        "Ostrander called the offer “a lifeline” and left."
    )
    path = article_file(tmp_path, "grower.txt", body)
    result = cli("extract", "--json", str(path))
    assert result.returncode == 0, result.stderr
    quotes = json.loads(result.stdout)["quotes"]
    assert [(q["text"], q["speaker"], q["rule"], q["fragment"]) for q in quotes] == [
        ("We are not signing a bad deal,", "Hal Ostrander", "after-quote", False),
        ("a lifeline", "Hal Ostrander", "before-quote", True),
    ]


def test_extract_explain_traces_speakers_to_rules(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Nadia Brisk, a dairy lobbyist, met Hal Ostrander, a grain farmer. "
        "“We are close,” Ostrander said after meeting Brisk.\n\n"
        "Farmers wore hats reading “Milk Matters” at the rally."
    )
    path = article_file(tmp_path, "meeting.txt", body)
    result = cli("extract", "--explain", str(path))
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.split("\n\n")[1:3]
    assert "“We are close,”" in first
    assert "speaker: Hal Ostrander" in first
    assert "rule: after-quote" in first
    assert "sentence: “We are close,” Ostrander said after meeting Brisk." in first
    assert "not Nadia Brisk: named as an object" in first
    assert "not a quote — rule sign-text" in second


def test_extract_human_output_and_a_missing_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = article_file(tmp_path, "autos.txt", AUTOS)
    result = cli("extract", str(path), str(tmp_path / "gone.txt"))
    assert result.returncode == 1
    assert "— Ildefonso Guajardo (mexico, in a statement)" in result.stdout
    assert f"{tmp_path / 'gone.txt'}: no such file or folder" in result.stderr
