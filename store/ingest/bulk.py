"""The statements one article's write needs, in two flavours: generic SQLAlchemy Core, and a SQLite
fast path on the raw driver cursor.

Why two: an article is ~8 small statements, and SQLAlchemy's per-statement work (compiling,
caching, binding) costs more than SQLite's own insert. The SQLite path runs the same SQL through
``executemany`` with values converted by SQLAlchemy's own bind processors (ISO dates, booleans, JSON
text), so rows read back identically; ids come from max(id) under the write lock the transaction
holds (BEGIN IMMEDIATE), so no other writer can interleave. Postgres keeps the Core path, where
multi-row INSERT ... RETURNING is cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Date, Dialect, Table, func, insert, select
from sqlalchemy.types import TypeEngine

from store.ingest import rows as r

# One row as the driver takes it, in the statement's column order.
_DriverValues = tuple[Any, ...]


class CoreBulk:
    """Any dialect: savepoints and inserts through SQLAlchemy Core."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._savepoint: Any = None

    def begin(self) -> None:
        self._savepoint = self.conn.begin_nested()

    def commit(self) -> None:
        self._savepoint.commit()

    def rollback(self) -> None:
        self._savepoint.rollback()

    def lookup(self, digest: str, url: str | None) -> list[tuple[int, str, str | None]]:
        return [tuple(row) for row in self.conn.execute(r.LOOKUP, {"h": digest, "u": url or ""})]

    def insert_article(self, values: r.Row) -> int:
        return int(self.conn.execute(r.INSERT_ARTICLE, values).scalar_one())

    def insert_with_ids(self, table: Table, rows: list[r.Row]) -> list[int]:
        """Postgres hands out serial ids in VALUES order, so sorting the returned ids restores it."""
        if not rows:
            return []
        return sorted(self.conn.execute(insert(table).returning(table.c.id), rows).scalars().all())

    def insert_many(self, table: Table, rows: list[r.Row]) -> None:
        if rows:
            self.conn.execute(insert(table), rows)

    def forget_ids(self) -> None:
        """Rows were deleted: next ids must be read again (SQLite reuses max(id) + 1)."""


class SqliteBulk(CoreBulk):
    """SQLite: the same statements on the driver's cursor, savepoints included."""

    def __init__(self, conn: Connection) -> None:
        super().__init__(conn)
        self.cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        self._sql: dict[str, tuple[str, Callable[[r.Row], _DriverValues]]] = {}
        self._next: dict[str, int] = {}
        self._saved: dict[str, int] = {}

    def begin(self) -> None:
        self.cursor.execute("SAVEPOINT article")
        self._saved = dict(self._next)

    def commit(self) -> None:
        self.cursor.execute("RELEASE article")

    def rollback(self) -> None:
        self.cursor.execute("ROLLBACK TO article")
        self.cursor.execute("RELEASE article")
        self._next = self._saved

    def forget_ids(self) -> None:
        self._next = {}

    def lookup(self, digest: str, url: str | None) -> list[tuple[int, str, str | None]]:
        self.cursor.execute(
            "SELECT id, content_hash, url FROM article WHERE content_hash = ? OR url = ?", (digest, url or "")
        )
        return list(self.cursor.fetchall())

    def insert_article(self, values: r.Row) -> int:
        sql, build = self._insert_sql(r.ARTICLE, values)
        self.cursor.execute(sql, build(values))
        return int(self.cursor.lastrowid or 0)

    def insert_with_ids(self, table: Table, rows: list[r.Row]) -> list[int]:
        if not rows:
            return []
        start = self._next.get(table.name)
        if start is None:
            start = self.conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one() + 1
        self.insert_many(table, rows)
        self._next[table.name] = start + len(rows)
        return list(range(start, start + len(rows)))

    def insert_many(self, table: Table, rows: list[r.Row]) -> None:
        if rows:
            sql, build = self._insert_sql(table, rows[0])
            self.cursor.executemany(sql, [build(row) for row in rows])

    def _insert_sql(self, table: Table, sample: r.Row) -> tuple[str, Callable[[r.Row], _DriverValues]]:
        key = f"{table.name}:{','.join(sample)}"
        found = self._sql.get(key)
        if found is None:
            columns = tuple(sample)
            marks = ", ".join("?" for _ in columns)
            sql = f'INSERT INTO "{table.name}" ({", ".join(columns)}) VALUES ({marks})'
            found = (sql, _row_builder(table, columns, self.conn.dialect))
            self._sql[key] = found
        return found


def _row_builder(
    table: Table, columns: tuple[str, ...], dialect: Dialect
) -> Callable[[r.Row], _DriverValues]:
    """dict -> tuple of driver values, through SQLAlchemy's own bind processors for each column type
    (dates, booleans, JSON, sqlmodel's UTC datetimes), so rows read back exactly like ORM-written ones;
    columns without a processor are passed through untouched."""
    get = itemgetter(*columns)
    processors = [(i, proc) for i, c in enumerate(columns) if (proc := _processor(table.c[c].type, dialect))]
    if len(columns) == 1:
        only = processors[0][1] if processors else None
        return lambda row: (only(row[columns[0]]) if only else row[columns[0]],)

    def build(row: r.Row) -> _DriverValues:
        values: _DriverValues = get(row)
        if not processors:
            return values
        out = list(values)
        for i, proc in processors:
            out[i] = proc(out[i])
        return tuple(out)

    return build


def _processor(sql_type: TypeEngine[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """SQLAlchemy's bind processor for the type; plain dates skip it (its output is date.isoformat()'s),
    and the rest remember their last input, since one article's rows share dates and timestamps."""
    if type(sql_type) is Date:
        return _iso
    proc = sql_type.dialect_impl(dialect).bind_processor(dialect)
    if proc is None:
        return None
    last: list[Any] = [object(), None]

    def remembered(value: Any) -> Any:
        if value is not last[0]:
            last[0], last[1] = value, proc(value)
        return last[1]

    return remembered


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def bulk_for(conn: Connection) -> CoreBulk:
    return SqliteBulk(conn) if conn.dialect.name == "sqlite" else CoreBulk(conn)
