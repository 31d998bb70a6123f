"""Query-level latency: what one answer costs against a store of N quotes, without HTTP or Slack.

Each question is timed with the answer cache off (``Librarian(cache_size=0)``: the real queries
and the Block Kit rendering, every time); `autos` and a search also with it on, asked the way the
slash command asks (``ask_rendered``: a repeat at an unchanged revision is one revision read).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from sqlalchemy import Engine

from bench.plans import PlanIssue, capture, check
from bench.stats import Latency, summarize
from handlers.query.engine import Librarian
from handlers.render.slack import render_message

QUESTIONS = {
    "topic": "autos",
    "topic+party": "autos canada",
    "person": "lighthizer",
    "party": "mexico",
    "search": "search dairy quotas",
    "search-rare": "search biologics",
    "topics": "topics",
}


@dataclass
class AnswerTimings:
    uncached: dict[str, Latency] = field(default_factory=dict)
    cached: dict[str, Latency] = field(default_factory=dict)
    plan_issues: dict[str, list[PlanIssue]] = field(default_factory=dict)


def measure(
    engines: dict[tuple[str, int], Engine],
    *,
    rounds: int = 4,
    burst_s: float = 0.15,
    questions: dict[str, str] = QUESTIONS,
) -> dict[tuple[str, int], AnswerTimings]:
    """Time every question on every store, in short interleaved bursts: the scales are compared
    within one run, so a noisy neighbour on the machine slows them all alike."""
    timings = {key: AnswerTimings() for key in engines}
    fresh = {key: Librarian(engine, cache_size=0) for key, engine in engines.items()}
    cached = {key: Librarian(engine) for key, engine in engines.items()}
    for name, text in questions.items():
        for key, engine in engines.items():
            timings[key].plan_issues[name] = check(
                engine, capture(engine, lambda t=text, k=key: fresh[k].ask(t))
            )
        timings_of = _interleave(fresh, text, rounds=rounds, burst_s=burst_s)
        for key, latency in timings_of.items():
            timings[key].uncached[name] = latency
    for name in ("topic", "search"):
        for key, latency in _interleave(
            cached, questions[name], rounds=rounds, burst_s=burst_s / 2, rendered=True
        ).items():
            timings[key].cached[name] = latency
    return timings


def _interleave(
    librarians: dict[tuple[str, int], Librarian],
    text: str,
    *,
    rounds: int,
    burst_s: float,
    rendered: bool = False,
) -> dict[tuple[str, int], Latency]:
    """``rendered``: ask as the slash command does (answer and message from the cache when unchanged)."""
    samples: dict[tuple[str, int], list[float]] = {key: [] for key in librarians}

    def answer(librarian: Librarian) -> object:
        if rendered:
            return librarian.ask_rendered(text, render_message)
        return render_message(librarian.ask(text))

    for librarian in librarians.values():
        answer(librarian)  # warm: vocabulary, statement caches, page cache
    for _ in range(rounds):
        for key, librarian in librarians.items():
            deadline = time.perf_counter() + burst_s
            while time.perf_counter() < deadline or len(samples[key]) < 3:
                started = time.perf_counter()
                answer(librarian)
                samples[key].append(time.perf_counter() - started)
    return {key: summarize(seconds) for key, seconds in samples.items()}
