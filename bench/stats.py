"""Percentiles shared by the benchmarks.

Percentiles use the nearest-rank method on the sorted samples, so p99 of 200 samples is the
second-slowest: no interpolation that would report a latency nobody experienced.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Latency:
    samples: int
    p50_ms: float
    p99_ms: float

    def cell(self) -> str:
        return f"{self.p50_ms:.2f} / {self.p99_ms:.2f}"


def percentile(sorted_values: list[float], pct: float) -> float:
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(pct / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def summarize(seconds: list[float]) -> Latency:
    ordered = sorted(seconds)
    return Latency(len(ordered), percentile(ordered, 50) * 1000, percentile(ordered, 99) * 1000)
