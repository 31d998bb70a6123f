"""Where the time between the Bolt floor and `/nafta autos` goes: the same run with parts switched off.

    python -m bench.diagnose                 # 100k quotes, SQLite and Postgres
    python -m bench.diagnose --quotes 1000 --dialects sqlite

Each row is `nafta-bot serve` with something removed (see ``bench.serve_variant``), measured in
interleaved bursts with the bare floor, so the differences between rows price each part: the
per-request log line, the hand-off to the listener pool that guards the ack deadline, and the
hand-off from the event loop to a dispatch thread.
"""

from __future__ import annotations

import argparse
import contextlib
import logging

from bench import slash
from bench.machine import describe
from bench.report import table
from bench.stores import DEFAULT_POSTGRES, prepare
from testkit.fakeslack import FakeSlack

VARIANTS = (
    ("as deployed", "", "INFO"),
    ("no request log line", "", "WARNING"),
    ("no log, no ping at checkout", "noping", "WARNING"),
    ("no log, run_in_executor for dispatch", "executor", "WARNING"),
    ("no log, answer on the request thread", "inline", "WARNING"),
    ("no log, answer inline, dispatch on the loop", "inline,loop", "WARNING"),
    ("all of the above off", "inline,loop,noping", "WARNING"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--dialects", default="sqlite,postgres")
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    print(f"Measured {describe(DEFAULT_POSTGRES)}, {args.quotes:,} quotes\n")
    rows = []
    with FakeSlack() as fake:
        response_url = fake.response_url("diagnose")
        for dialect in args.dialects.split(","):
            store, engine = prepare(dialect, args.quotes)
            engine.dispose()
            with contextlib.ExitStack() as stack:
                ports = {"bare Bolt": stack.enter_context(slash.floor_server("bare", fake))}
                for name, variant, level in VARIANTS:
                    ports[name] = stack.enter_context(
                        slash.our_server(store.url, fake, f"diag-{dialect}", variant=variant, log_level=level)
                    )
                results = slash.compare(ports, text="autos", response_url=response_url, rounds=args.rounds)
            bare = results["bare Bolt"]
            for name, r in results.items():
                ratio = ", ".join(f"{r.latency[c].p50_ms / bare.latency[c].p50_ms:.1f}x" for c in (1, 8))
                cells = [r.latency[c].cell() for c in slash.CONCURRENCY]
                rows.append([dialect, name, *cells, ratio])
    header = ["store", "server", "seq p50 / p99 ms", "8 conc", "32 conc", "p50 / bare (seq, 8)"]
    print(table(header, rows))


if __name__ == "__main__":
    main()
