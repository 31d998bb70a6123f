"""What the figures were measured on: they mean little without the date, the CPU and the versions."""

from __future__ import annotations

import os
import platform
import sqlite3
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, text


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def postgres_version(url: str) -> str:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return str(conn.execute(text("SHOW server_version")).scalar()).split()[0]
    except Exception as error:
        return f"unavailable ({type(error).__name__})"
    finally:
        engine.dispose()


def describe(postgres_url: str | None) -> str:
    """One line, e.g. "2026-11-27 18:40, 2 CPUs (AMD EPYC), Python 3.11.7, SQLite 3.40.1, Postgres 15.20"."""
    parts = [
        datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        f"{os.cpu_count()} CPUs ({cpu_model()})",
        f"Python {platform.python_version()}",
        f"SQLite {sqlite3.sqlite_version}",
    ]
    if postgres_url:
        parts.append(f"Postgres {postgres_version(postgres_url)}")
    return ", ".join(parts)
