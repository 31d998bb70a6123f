"""Which SQL a piece of code sends: for tests that count round trips and benchmarks that explain plans."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, event


def statements_sent(
    engine: Engine, call: Callable[[], object], *, keep: Callable[[str], bool]
) -> list[tuple[str, Any]]:
    """Each statement ``call()`` sends through ``engine`` that ``keep`` accepts, with its parameters."""
    seen: list[tuple[str, Any]] = []

    def record(
        conn: object, cursor: object, statement: str, parameters: Any, context: object, executemany: bool
    ) -> None:
        if keep(statement):
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return seen
