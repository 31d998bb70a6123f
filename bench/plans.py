"""Check the query plan of every statement an answer runs: no full scans of big tables, no sorts.

The statements are captured as the answer engine really issues them (an engine event), then
explained on the same connection settings. A plan is flagged when it reads a whole table that grows
with the archive, or sorts rows instead of reading them in index order; both make latency grow
with the data. Small reference tables (topic, party, person) may be scanned: they do not grow with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine

from testkit.sql import statements_sent

GROWING = ("quote", "quotetopic", "position", "topicstatus", "article", "quote_fts", "position_fts")
_SQLITE_SCAN = re.compile(r"^SCAN (\w+)(?! USING| VIRTUAL TABLE INDEX \d+:M)")
_SQLITE_TABLE = re.compile(r"^(SEARCH|SCAN) (\w+)")
_PG_SEQ = re.compile(r"Seq Scan on \"?(\w+)\"?")
_PG_SORT = re.compile(r"(?:^|->\s+)Sort\s+\(cost=[\d.]+\.\.[\d.]+ rows=(\d+)")
BIG_TABLE = 20_000
SORT_ROWS = 5000


@dataclass(frozen=True)
class PlanIssue:
    statement: str
    problem: str


def _is_read(statement: str) -> bool:
    return statement.lstrip().upper().startswith(("SELECT", "SET")) and statement.strip() != "SELECT 1"


def capture(engine: Engine, call: Callable[[], object]) -> list[tuple[str, object]]:
    """The SQL reads (with parameters) that ``call`` sends to ``engine``."""
    return statements_sent(engine, call, keep=_is_read)


def check(engine: Engine, statements: list[tuple[str, object]]) -> list[PlanIssue]:
    issues = []
    with engine.connect() as conn:
        big = set() if engine.dialect.name == "sqlite" else _big_tables(conn)
        for statement, parameters in statements:
            if statement.lstrip().upper().startswith("SET"):
                conn.exec_driver_sql(statement)  # planner settings the real query ran under
            elif engine.dialect.name == "sqlite":
                lines = [r[3] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]  # type: ignore[arg-type]
                problems = _sqlite_problems(lines)
            else:
                lines = [r[0] for r in conn.exec_driver_sql("EXPLAIN " + statement, parameters)]  # type: ignore[arg-type]
                problems = _postgres_problems(lines, big)
            issues.extend(PlanIssue(" ".join(statement.split())[:160], p) for p in problems)
    return issues


def _sqlite_problems(lines: list[str]) -> list[str]:
    found = []
    tables = {m.group(2) for line in lines if (m := _SQLITE_TABLE.match(line.strip()))}
    for line in lines:
        scan = _SQLITE_SCAN.match(line.strip())
        if scan and scan.group(1) in GROWING:
            found.append(line.strip())
        if "USE TEMP B-TREE" in line and tables & set(GROWING):  # sorting a few topics is fine
            found.append(line.strip())
    return found


def _postgres_problems(lines: list[str], big: set[str]) -> list[str]:
    found = []
    for line in lines:
        seq = _PG_SEQ.search(line)
        if seq and seq.group(1) in big:
            found.append(line.strip())
        sort = _PG_SORT.search(line)
        if sort and int(sort.group(1)) > SORT_ROWS:
            found.append(line.strip())
    return found


def _big_tables(conn) -> set[str]:  # type: ignore[no-untyped-def]
    """Postgres rightly scans a small table whole; only tables past ``BIG_TABLE`` rows count."""
    rows = conn.exec_driver_sql(
        "SELECT relname, reltuples FROM pg_class WHERE relkind = 'r' AND relnamespace = "
        "(SELECT oid FROM pg_namespace WHERE nspname = current_schema())"
    )
    return {name for name, tuples in rows if name in GROWING and tuples > BIG_TABLE}
