"""The benchmarks other parts of the project own, run from the suite as their authors wrote them.

``bench.ingest_bench`` (ingestion throughput) and ``bench.digest_fanout`` (1,000 digests due at once)
are run as commands, exactly as documented in their own docstrings; the suite only reads the
figures off their output. A missing or failing one is reported as such, never papered over.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_FIRST_PASS = re.compile(r"first pass:\s+(\d+) added, (\d+) failed.* in ([\d.]+) s = (\d+) articles/s")
_MEMORY = re.compile(r"main process (\d+) MB, largest worker (\d+) MB")
_SECOND_PASS = re.compile(r"second pass:.* = (\d+) articles/s")


@dataclass
class Outcome:
    name: str
    ok: bool
    seconds: float
    figures: dict[str, str] = field(default_factory=dict)
    note: str = ""


def _run(module: str, args: list[str], timeout: float) -> tuple[bool, str, float]:
    if importlib.util.find_spec(module) is None:
        return False, f"{module} is not there", 0.0
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-m", module, *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=ROOT,
            env={"PYTHONPATH": str(ROOT)},
        )
    except subprocess.TimeoutExpired:
        return False, f"timed out after {timeout:.0f} s", time.perf_counter() - started
    output = done.stdout + done.stderr
    return done.returncode == 0, output, time.perf_counter() - started


def ingest(articles: int, *, timeout: float = 900) -> Outcome:
    ok, output, seconds = _run("bench.ingest_bench", ["--articles", str(articles)], timeout)
    outcome = Outcome(f"ingest {articles:,} articles (SQLite)", ok, seconds)
    first, memory, second = _FIRST_PASS.search(output), _MEMORY.search(output), _SECOND_PASS.search(output)
    if not (ok and first and memory):
        outcome.ok = False
        outcome.note = output.strip().splitlines()[-1] if output.strip() else "no output"
        return outcome
    outcome.figures = {
        "articles/s": first.group(4),
        "failed": first.group(2),
        "first pass s": first.group(3),
        "peak MB (main / worker)": f"{memory.group(1)} / {memory.group(2)}",
        "re-ingest articles/s": second.group(1) if second else "?",
    }
    return outcome


def digest_fanout(*, timeout: float = 600) -> Outcome:
    ok, output, seconds = _run("bench.digest_fanout", [], timeout)
    outcome = Outcome("digest fan-out (1,000 subscriptions, SQLite)", ok, seconds)
    if not ok:
        outcome.note = output.strip().splitlines()[-1] if output.strip() else "no output"
        return outcome
    for line in output.splitlines():
        key, sep, value = line.partition("  ")
        if sep and key and not line.startswith(" ") and value.strip():
            outcome.figures[key.strip()] = value.strip()
    return outcome
