"""The suite's results as Markdown tables, with the targets checked against the same run's figures."""

from __future__ import annotations

from dataclasses import dataclass, field

from bench.answers import AnswerTimings
from bench.others import Outcome
from bench.slash import CONCURRENCY, MIX, SlashResult
from bench.stores import BenchStore, label


@dataclass
class Suite:
    machine: str
    stores: list[BenchStore] = field(default_factory=list)
    answers: dict[tuple[str, int], AnswerTimings] = field(default_factory=dict)
    slash: dict[int, dict[str, SlashResult]] = field(default_factory=dict)  # by quotes, then target
    slash_mix: dict[int, dict[str, SlashResult]] = field(default_factory=dict)  # 60 questions round-robin
    others: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _ratio(ours: float, floor: float) -> str:
    return f"{ours / floor:.1f}x" if floor > 0 else "?"


def answers_table(suite: Suite) -> str:
    names = ["topic", "topic+party", "person", "party", "search", "search-rare", "topics"]
    rows = []
    for (dialect, quotes), t in sorted(suite.answers.items()):
        issues = sum(len(v) for v in t.plan_issues.values())
        cells = [f"{t.uncached[n].p50_ms:.1f}" if n in t.uncached else "-" for n in names]
        cached = t.cached.get("topic")
        rows.append([dialect, label(quotes), *cells, f"{cached.p50_ms:.2f}" if cached else "-", str(issues)])
    header = ["store", "quotes", *[f"{n} p50 ms" for n in names], "autos cached p50 ms", "plan issues"]
    return table(header, rows)


def slash_table(suite: Suite, *, mix: bool = False) -> str:
    header = ["quotes", "server"]
    for c in CONCURRENCY:
        header += [f"{'seq' if c == 1 else f'{c} conc'} p50 / p99 ms"]
    header += ["ours / bare p50 (seq, 8)", "ours / bare p99 (seq, 8)", "deferred", "answer"]
    rows = []
    for quotes, results in sorted((suite.slash_mix if mix else suite.slash).items()):
        bare = results.get("bare")
        for name, r in results.items():
            cells = [r.latency[c].cell() if c in r.latency else "-" for c in CONCURRENCY]
            if bare and name.startswith("ours"):
                p50 = ", ".join(_ratio(r.latency[c].p50_ms, bare.latency[c].p50_ms) for c in (1, 8))
                p99 = ", ".join(_ratio(r.latency[c].p99_ms, bare.latency[c].p99_ms) for c in (1, 8))
            else:
                p50 = p99 = ""
            rows.append([label(quotes), name, *cells, p50, p99, str(r.deferred), r.answer[:40]])
    return table(header, rows)


def others_table(suite: Suite) -> str:
    rows = []
    for o in suite.others:
        figures = "; ".join(f"{k}: {v}" for k, v in o.figures.items()) if o.ok else f"not run: {o.note}"
        rows.append([o.name, figures, f"{o.seconds:.0f}"])
    return table(["benchmark", "figures", "took s"], rows)


def stores_table(suite: Suite) -> str:
    rows = [
        [s.dialect, label(s.quotes), "cached" if s.fill_seconds is None else f"{s.fill_seconds:.0f} s"]
        for s in suite.stores
    ]
    return table(["store", "quotes", "generated"], rows)


def targets(suite: Suite) -> list[str]:
    """Each target with the figures it was judged on; nothing is rounded in its favour."""
    return _slash_targets(suite) + _mix_targets(suite) + _scale_targets(suite) + _ingest_targets(suite)


def _slash_targets(suite: Suite) -> list[str]:
    lines = []
    for quotes, results in sorted(suite.slash.items()):
        bare, hello = results.get("bare"), results.get("hello")
        for name, r in results.items():
            if not name.startswith("ours") or bare is None:
                continue
            for c in (1, 8):
                p50 = r.latency[c].p50_ms / bare.latency[c].p50_ms
                p99 = r.latency[c].p99_ms / bare.latency[c].p99_ms
                met = p50 <= 2 and p99 <= 3
                lines.append(
                    f"{'met' if met else 'NOT met'}: {name} at {label(quotes)}, {c} at a time: "
                    f"p50 {p50:.1f}x (<= 2x), p99 {p99:.1f}x (<= 3x) the bare floor"
                )
            if hello:
                faster = all(r.latency[c].p50_ms < hello.latency[c].p50_ms for c in CONCURRENCY)
                lines.append(
                    f"{'met' if faster else 'NOT met'}: {name} at {label(quotes)} faster than hello world"
                )
    return lines


def _mix_targets(suite: Suite) -> list[str]:
    lines = []
    for quotes, results in sorted(suite.slash_mix.items()):
        bare = results.get("bare")
        for name, r in results.items():
            if name.startswith("ours") and bare is not None:
                p50 = r.latency[1].p50_ms / bare.latency[1].p50_ms
                lines.append(
                    f"{'met' if p50 <= 3 else 'NOT met'}: {name} at {label(quotes)}, a mix of "
                    f"{len(MIX)} questions: p50 {p50:.1f}x (<= 3x) the bare floor"
                )
    return lines


def _scale_targets(suite: Suite) -> list[str]:
    by_store: dict[str, dict[int, AnswerTimings]] = {}
    for (dialect, quotes), t in suite.answers.items():
        by_store.setdefault(dialect, {})[quotes] = t
    lines = []
    for dialect, scales in by_store.items():
        if min(scales) < max(scales):
            small, large = scales[min(scales)], scales[max(scales)]
            ratio = large.uncached["topic"].p50_ms / small.uncached["topic"].p50_ms
            lines.append(
                f"{'met' if ratio <= 1.5 else 'NOT met'}: {dialect} autos (uncached) at "
                f"{label(max(scales))} is {ratio:.2f}x its {label(min(scales))} latency (<= 1.5x)"
            )
    return lines


def _ingest_targets(suite: Suite) -> list[str]:
    lines = []
    for o in suite.others:
        if o.ok and "articles/s" in o.figures and "ingest" in o.name:
            rate = int(o.figures["articles/s"])
            lines.append(f"{'met' if rate >= 300 else 'NOT met'}: {o.name}: {rate} articles/s (>= 300)")
    return lines


def render(suite: Suite) -> str:
    parts = [
        "# nafta-bot benchmarks",
        f"Measured {suite.machine}. Suite took {suite.seconds / 60:.1f} min.",
        "## Stores (synthetic wire archive)",
        stores_table(suite),
        "## Answers without HTTP (Librarian.ask + Block Kit rendering; answer cache off unless noted)",
        answers_table(suite),
        "## `/nafta autos` over HTTP, signed, against `nafta-bot serve` (interleaved with the floor)",
        slash_table(suite),
        f"## A mix of {len(MIX)} different questions over HTTP (round-robin, same servers)",
        slash_table(suite, mix=True),
        "## Ingestion and digests (their own benchmarks, run by the suite)",
        others_table(suite),
        "## Targets",
        "\n".join(f"- {line}" for line in targets(suite)),
    ]
    if suite.notes:
        parts += ["## Notes", "\n".join(f"- {n}" for n in suite.notes)]
    return "\n\n".join(parts) + "\n"
