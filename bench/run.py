"""`make bench`: the whole suite in one command, printed as Markdown tables with the targets checked.

    python -m bench.run              # all: 1k..1M quotes, SQLite and Postgres, HTTP, ingest 10k, digests
    python -m bench.run --ingest 10000,100000   # plus 100k articles ingested (about 14 more minutes here)
    python -m bench.run --quick              # 1k and 100k, shorter bursts, ingest 10k only, no digests
    python -m bench.run --scales 1k,1M --dialects sqlite --skip slash,digest
    python -m bench.run --write              # also write bench/RESULTS.md
    python -m bench.answer_quality           # only the answer-quality check over the news corpus

Generated stores are cached under bench/results/ (SQLite) and in the ``nafta_bench`` Postgres
database, so only the first run pays for generating them (about 2 + 5 minutes for 1M quotes).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
import time
from pathlib import Path

from bench import answer_quality, answers, others, slash
from bench.machine import describe
from bench.report import Suite, render
from bench.stores import DEFAULT_POSTGRES, RESULTS, postgres_reachable, prepare
from testkit.fakeslack import FakeSlack

SCALES = {"1k": 1_000, "10k": 10_000, "100k": 100_000, "1M": 1_000_000}
PARTS = ("queries", "slash", "ingest", "digest", "quality")
log = logging.getLogger("bench")


def main(argv: list[str] | None = None) -> None:
    args = _arguments(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    for noisy in ("alembic", "store", "bench.stores"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    args.dialects = _reachable_dialects(args.dialects, args.postgres)
    started = time.perf_counter()
    suite = Suite(machine=describe(args.postgres if "postgres" in args.dialects else None))
    scales = [SCALES[s] for s in args.scales]
    engines = {}
    try:
        for dialect in args.dialects:
            for quotes in scales:
                log.info("store: %s, %s quotes", dialect, f"{quotes:,}")
                store, engines[(dialect, quotes)] = prepare(dialect, quotes, server=args.postgres)
                suite.stores.append(store)
        if "queries" in args.parts:
            log.info("answers without HTTP, %d stores interleaved", len(engines))
            suite.answers = answers.measure(engines, rounds=args.rounds, burst_s=args.budget)
    finally:
        for engine in engines.values():
            engine.dispose()
    if "slash" in args.parts:
        _slash(suite, args, scales)
    if "ingest" in args.parts:
        for articles in args.ingest:
            log.info("ingest: %s articles", f"{articles:,}")
            suite.others.append(others.ingest(articles))
    if "digest" in args.parts:
        log.info("digest fan-out")
        suite.others.append(others.digest_fanout())
    suite.seconds = time.perf_counter() - started
    text = render(suite)
    if "quality" in args.parts and answer_quality.CORPUS.exists():
        log.info("answer quality over the corpus")
        totals = answer_quality.measure(answer_quality.CORPUS).totals()
        text += "\n\n## Answer quality over the news corpus (`python -m bench.answer_quality`)\n\n"
        text += "\n".join(f"- {k}: {v}" for k, v in totals.items()) + "\n"
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.md").write_text(text)
    if args.write:
        (Path(__file__).resolve().parent / "RESULTS.md").write_text(text)


def _reachable_dialects(dialects: list[str], server: str) -> list[str]:
    """The dialects asked for, without Postgres when it does not answer (said once, in the log)."""
    if "postgres" not in dialects or not (why := postgres_reachable(server)):
        return dialects
    log.warning("Postgres is not reachable at %s (%s): benchmarking SQLite alone", server, why)
    return [d for d in dialects if d != "postgres"] or ["sqlite"]


def _slash(suite: Suite, args: argparse.Namespace, scales: list[int]) -> None:
    with FakeSlack() as fake, contextlib.ExitStack() as floors:
        response_url = fake.response_url("bench")
        floor = {kind: floors.enter_context(slash.floor_server(kind, fake)) for kind in ("bare", "hello")}
        for quotes in scales:
            log.info("slash commands over HTTP at %s quotes", f"{quotes:,}")
            with contextlib.ExitStack() as servers:
                ports = dict(floor)
                for dialect in args.dialects:
                    store = next(s for s in suite.stores if s.dialect == dialect and s.quotes == quotes)
                    ports[f"ours {dialect}"] = servers.enter_context(
                        slash.our_server(store.url, fake, f"{dialect}-{quotes}")
                    )
                suite.slash[quotes] = slash.compare(
                    ports, text="autos", response_url=response_url, rounds=args.rounds, burst_s=args.burst
                )
                suite.slash_mix[quotes] = slash.compare(
                    ports, text=slash.MIX, response_url=response_url, rounds=args.rounds, burst_s=args.burst
                )


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="1k and 100k, short bursts, ingest 10k, no digests"
    )
    parser.add_argument("--scales", help="comma-separated, from 1k,10k,100k,1M")
    parser.add_argument("--dialects", default="sqlite,postgres", help="sqlite, postgres or both")
    parser.add_argument("--skip", default="", help=f"comma-separated parts to leave out: {','.join(PARTS)}")
    parser.add_argument("--ingest", help="article counts for the ingest benchmark (default 10000)")
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="Postgres server (database nafta_bench)")
    parser.add_argument("--write", action="store_true", help="also write bench/RESULTS.md")
    args = parser.parse_args(argv)
    args.dialects = [d for d in args.dialects.split(",") if d]
    args.scales = (args.scales or ("1k,100k" if args.quick else ",".join(SCALES))).split(",")
    skipped = set(args.skip.split(",")) | ({"digest"} if args.quick else set())
    args.parts = [p for p in PARTS if p not in skipped]
    # 100k articles take ~14 min to ingest on this 2-core machine, which alone would break the suite's
    # 15-minute budget, so they run only when asked for.
    args.ingest = [int(n) for n in (args.ingest or "10000").split(",")]
    args.budget = 0.1 if args.quick else 0.15
    args.rounds, args.burst = (2, 0.3) if args.quick else (4, 0.4)
    unknown = [s for s in args.scales if s not in SCALES]
    if unknown:
        parser.error(f"unknown scale(s) {unknown}; use {','.join(SCALES)}")
    return args


if __name__ == "__main__":
    main()
