"""Fan-out: 1,000 digest subscriptions due in the same minute, posted by `nafta-bot serve`.

Runs the real server (HTTP, its digest scheduler inside) against the fake Slack Web API with
Slack's per-channel limit emulated (``per_channel_interval``: a second post to one channel within
that many seconds gets a 429 with Retry-After). While the digests go out, signed `/nafta` slash
commands are sent to the server and timed, and compared with the same commands on an idle server.

    python -m bench.digest_fanout                      # 1,000 subscriptions, SQLite
    python -m bench.digest_fanout --quotes 30          # long digests: headline + thread replies
    python -m bench.digest_fanout --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench
"""

from __future__ import annotations

import statistics
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import click
import httpx
from sqlmodel import Session

from bot.config import Settings
from handlers.digest.schedule import parse_schedule
from store.bootstrap import open_store
from store.db import write_session
from store.digests.changes import current_watermark
from store.digests.subscriptions import add_subscription
from testkit import factories
from testkit.fakeslack import TEAM_ID, FakeSlack
from testkit.serving import ServeProcess, free_port
from testkit.slack import BOT_TOKEN, SIGNING_SECRET, SlackSender

TOPICS = ("autos", "dairy", "dispute-settlement", "sunset-clause")


def subscribe_all(settings: Settings, count: int, channels: int) -> datetime:
    """``count`` every-minute subscriptions over ``channels`` channels, first due at the next minute."""
    engine = open_store(settings.database_url)
    schedule, _ = parse_schedule(["cron", "*", "*", "*", "*", "*"], "UTC")
    due = schedule.next_after(datetime.now(UTC) + timedelta(seconds=20))
    assert due is not None
    with write_session(engine) as session:
        mark = current_watermark(session).to_json()
        for n in range(count):
            add_subscription(
                session,
                team_id=TEAM_ID,
                channel_id=f"C{n % channels:05d}",
                created_by="U0BENCH",
                kind="cron",
                spec=schedule.spec,
                tz="UTC",
                topics=(),
                parties=(),
                post_when_empty=False,
                next_run_at=due,
                watermark=mark,
                created_at=datetime.now(UTC),
            )
    engine.dispose()
    return due


def add_news(settings: Settings, quotes: int) -> None:
    engine = open_store(settings.database_url)
    with Session(engine) as session:
        for n in range(quotes):
            factories.quote(
                session,
                f"Fan-out benchmark quote {n}: the negotiators met again today.",
                speaker="Chrystia Freeland",
                topics=(TOPICS[n % len(TOPICS)],),
            )
    engine.dispose()


def start_serve(database_url: str, fake: FakeSlack, folder: Path, workers: int) -> ServeProcess:
    port = free_port()
    env = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "NAFTA_DIGEST_TICK_SECONDS": "1",
        "NAFTA_DIGEST_WORKERS": str(workers),
    }
    server = ServeProcess(("--port", str(port)), database_url, fake, folder, env=env).start()
    server.url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(f"{server.url}/healthz", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit(f"serve did not start:\n{server.log()}")


class CommandTimer:
    """Sends `/nafta autos` every ``interval`` seconds and records each HTTP round trip (ms)."""

    def __init__(self, sender: SlackSender, interval: float = 0.1) -> None:
        self.sender = sender
        self.interval = interval
        self.samples: list[float] = []
        self.failures = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            started = time.perf_counter()
            response = self.sender.command("autos", channel="C0SLASH")
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code == 200:
                self.samples.append(elapsed)
            else:
                self.failures += 1
            self._stop.wait(self.interval)

    def __enter__(self) -> CommandTimer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def pct(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))] if ordered else 0.0


@click.command()
@click.option("--subscriptions", default=1000, show_default=True)
@click.option("--channels", default=1000, show_default=True, help="Channels they are spread over.")
@click.option("--quotes", default=5, show_default=True, help="New quotes in the digest (>12 items: threads).")
@click.option("--workers", default=8, show_default=True, help="NAFTA_DIGEST_WORKERS for the server.")
@click.option("--interval", default=1.0, show_default=True, help="Fake Slack's per-channel interval (s).")
@click.option("--database-url", default=None, help="Default: a fresh SQLite file.")
def main(
    subscriptions: int, channels: int, quotes: int, workers: int, interval: float, database_url: str | None
) -> None:
    folder = Path(tempfile.mkdtemp(prefix="digest-fanout-"))
    url = database_url or f"sqlite:///{folder / 'bench.sqlite3'}"
    settings = Settings(database_url=url)
    with FakeSlack(per_channel_interval=interval) as fake:
        due = subscribe_all(settings, subscriptions, channels)
        add_news(settings, quotes)
        server = start_serve(url, fake, folder, workers)
        sender = SlackSender(server.url, fake)
        try:
            with CommandTimer(sender) as idle:
                time.sleep(5)
            print(f"subscriptions due at {due:%H:%M:%S} UTC; waiting…", flush=True)
            time.sleep(max(0.0, (due - datetime.now(UTC)).total_seconds() - 2))
            due_at = time.monotonic() + (due - datetime.now(UTC)).total_seconds()
            with CommandTimer(sender) as busy:
                started = time.monotonic()
                seen, quiet_since = -1, time.monotonic()
                while time.monotonic() - started < 900:
                    ok = [
                        c
                        for c in fake.calls_to("chat.postMessage", ok_only=True)
                        if c.params["channel"] != "C0SLASH"
                    ]
                    heads = [c for c in ok if not c.params.get("thread_ts")]
                    if len(ok) != seen:
                        seen, quiet_since = len(ok), time.monotonic()
                    # every headline is out and no post for 5 s: the thread replies are done too
                    if len(heads) >= subscriptions and time.monotonic() - quiet_since > 5:
                        break
                    time.sleep(0.05)
        finally:
            server.stop()
        posted = [c for c in fake.calls_to("chat.postMessage") if c.params.get("channel") != "C0SLASH"]
        accepted = [c for c in posted if c.status == 200]
        limited = [c for c in posted if c.status == 429]
        first = min(c.at for c in posted) if posted else 0.0
        last = max(c.at for c in accepted) if accepted else 0.0
        heads = [c for c in accepted if not c.params.get("thread_ts")]
        per_channel: dict[str, int] = {}
        for c in heads:
            per_channel[c.params["channel"]] = per_channel.get(c.params["channel"], 0) + 1
    rows = [
        ("database", url.split(":")[0]),
        ("subscriptions / channels", f"{subscriptions} / {channels}"),
        ("digest workers", str(workers)),
        ("messages per digest", f"{len(accepted) / max(1, len(heads)):.1f}"),
        ("digests posted (headlines)", str(len(heads))),
        ("posts accepted", str(len(accepted))),
        ("429s answered by fake Slack", str(len(limited))),
        (
            "channels posted to more than subscribed",
            str(sum(1 for n in per_channel.values() if n > subscriptions // channels)),
        ),
        ("wall time, first to last post", f"{last - first:.1f} s"),
        ("due time to last post", f"{last - due_at:.1f} s"),
        ("posts per second", f"{len(accepted) / max(0.001, last - first):.1f}"),
        (
            "/nafta idle p50 / p99 (n)",
            f"{pct(idle.samples, 50):.1f} / {pct(idle.samples, 99):.1f} ms ({len(idle.samples)})",
        ),
        (
            "/nafta during fan-out p50 / p99 (n)",
            f"{pct(busy.samples, 50):.1f} / {pct(busy.samples, 99):.1f} ms ({len(busy.samples)})",
        ),
        ("/nafta max during fan-out", f"{max(busy.samples, default=0):.1f} ms"),
        ("/nafta failures", str(idle.failures + busy.failures)),
    ]
    width = max(len(k) for k, _ in rows)
    print()
    for key, value in rows:
        print(f"{key:<{width}}  {value}")
    if busy.samples:
        print(f"\n(mean during fan-out {statistics.mean(busy.samples):.1f} ms)")


if __name__ == "__main__":
    main()
