"""Ingestion throughput: synthetic wire stories in, database rows out, timed end to end.

    python -m bench.ingest_bench                       # 10,000 articles on a fresh SQLite file
    python -m bench.ingest_bench --articles 100000
    python -m bench.ingest_bench --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test

Reading the JSONL, extraction (in worker processes) and all database writes are inside the timing;
generating the file and creating the schema are not. A second pass over the same file measures the
"nothing new" path. Peak memory is the largest resident set of the main process and of any worker.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, text

from bench.ingest_synth import write_jsonl
from bench.machine import cpu_model
from store.bootstrap import open_store
from store.ingest.inputs import read_inputs
from store.ingest.pipeline import ingest
from store.taxonomy import load_taxonomy


def _peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def _cpu_seconds() -> float:
    """CPU time used so far by this process and its finished children (the extraction workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _postgres_schema(url: str) -> tuple[str, str]:
    """A fresh schema on the given server, so the bench never touches existing tables."""
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    admin.dispose()
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options={quote(f'-csearch_path={schema}')}", schema


def _drop_schema(url: str, schema: str) -> None:
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument(
        "--database-url", help="Postgres server to measure instead of SQLite (a fresh schema is used)"
    )
    parser.add_argument("--workers", type=int, help="extraction processes (default: the ingest default)")
    parser.add_argument("--seed", type=int, default=2018)
    args = parser.parse_args()

    taxonomy = load_taxonomy()
    with tempfile.TemporaryDirectory(prefix="nafta-ingest-bench-") as tmp:
        source = write_jsonl(Path(tmp) / "wire.jsonl", taxonomy, args.articles, args.seed)
        size_mb = source.stat().st_size / 1e6
        schema = None
        if args.database_url:
            url, schema = _postgres_schema(args.database_url)
        else:
            url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        engine = open_store(url)
        try:
            cpu_before = _cpu_seconds()
            started = time.perf_counter()
            first = ingest(engine, taxonomy, read_inputs([str(source)]), workers=args.workers)
            first_s = time.perf_counter() - started
            first_cpu = _cpu_seconds() - cpu_before
            started = time.perf_counter()
            second = ingest(engine, taxonomy, read_inputs([str(source)]), workers=args.workers)
            second_s = time.perf_counter() - started
        finally:
            engine.dispose()
            if schema and args.database_url:
                _drop_schema(args.database_url, schema)
    own, children = _peak_mb()
    backend = "postgres" if args.database_url else "sqlite"
    print(
        f"ingest bench, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores ({cpu_model()}), "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    print(f"  input: {args.articles} synthetic articles, {size_mb:.1f} MB JSONL, seed {args.seed}; {backend}")
    print(
        f"  first pass:  {first.added} added, {first.failed} failed, {first.quotes} quotes, "
        f"{first.speakers} new speakers, {first.statements} statements in {first_s:.1f} s "
        f"= {first.added / first_s:.0f} articles/s ({first.quotes / first_s:.0f} quotes/s)"
    )
    per_article = first_cpu / max(first.added, 1) * 1000
    cores = os.cpu_count() or 1
    print(
        f"  CPU: {per_article:.2f} ms per article over all processes, so {cores} idle cores cap it at "
        f"~{cores * 1000 / per_article:.0f} articles/s (other load on the machine explains any gap)"
    )
    print(
        f"  second pass: {second.unchanged} unchanged, {second.added} added in {second_s:.1f} s "
        f"= {second.unchanged / second_s:.0f} articles/s"
    )
    print(f"  peak memory: main process {own:.0f} MB, largest worker {children:.0f} MB")


if __name__ == "__main__":
    main()
