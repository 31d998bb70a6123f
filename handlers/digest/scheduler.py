"""The digest scheduler: every tick, claim due slots and hand them to a bounded pool of posters.

Runs as its own process (``nafta-bot scheduler``) or as threads inside ``nafta-bot serve`` (both
build it with ``build_scheduler``); any
number may share one database, since every slot is claimed in the database first (see
``claim``). Posting happens on a pool of its own, separate from Bolt's listener threads, so a
minute with a thousand digests due never delays a slash command. A thread reply that must wait
for its channel's turn (Slack allows about one post a second per channel) is set aside and
resumed when the channel is free, rather than parking a worker, so a thousand channels' threads
go out side by side. Time comes from an injected ``Clock``: tests call ``run_once()`` after moving
the clock, and nothing in them sleeps.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import os
import socket
import threading
import uuid
from concurrent.futures import Future, ThreadPoolExecutor, wait
from datetime import datetime, timedelta

from slack_sdk import WebClient
from sqlalchemy import Engine
from sqlmodel import Session

from handlers.digest import DigestSettings
from handlers.digest.claim import Rendered, claim_slot
from handlers.digest.clock import Clock
from handlers.digest.deliver import Later, StoreLedger, deliver
from handlers.digest.poster import ChannelPacer, Poster
from store.db import write_session
from store.digests.deliveries import Work, claimable_ids, prune, take
from store.digests.subscriptions import due_subscription_ids

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=10)
KEEP_FINISHED = timedelta(days=14)
SET_ASIDE = "set aside"  # a job's result when its delivery continues later


def build_scheduler(
    settings: DigestSettings, engine: Engine, client: WebClient, stop: threading.Event | None = None
) -> DigestScheduler:
    """The scheduler as `serve` and `nafta-bot scheduler` run it; ``stop`` ends its waits.

    ``client`` must not retry on its own (the poster decides when a retry is safe); posting has a
    pool of its own, so digests never take a listener thread.
    """
    stop = stop or threading.Event()
    clock = settings.clock(stop)
    return DigestScheduler(
        engine,
        Poster(client, clock, ChannelPacer(clock)),
        clock,
        workers=settings.workers,
        tick_seconds=settings.tick_seconds,
        stop=stop,
    )


def process_name() -> str:
    """Who owns a claim: host, pid and a random suffix, unique even across container restarts."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class DigestScheduler:
    def __init__(
        self,
        engine: Engine,
        poster: Poster,
        clock: Clock,
        *,
        workers: int = 8,
        tick_seconds: float = 15.0,
        owner: str | None = None,
        stop: threading.Event | None = None,
    ) -> None:
        self.engine = engine
        self.poster = poster
        self.clock = clock
        self.tick_seconds = tick_seconds
        self.owner = owner or process_name()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="digest")
        self._running: dict[int, tuple[Future[str], Work]] = {}
        self._later: list[tuple[datetime, int, Work]] = []  # heap of deliveries set aside
        self._seq = itertools.count()
        self._lock = threading.Condition()
        self._stop = stop or threading.Event()
        self._threads: list[threading.Thread] = []
        self._ticks = 0
        self._ledger = StoreLedger(engine, self.owner, clock, LEASE)

    # ------------------------------------------------------------------ one tick
    def tick(self) -> list[Future[str]]:
        """Claim what is due now and start posting it; returns the posting jobs started."""
        now = self.clock.now()
        with Session(self.engine) as session:
            due = due_subscription_ids(session, now=now)
            retries = claimable_ids(session, now=now)
        jobs = []
        rendered: Rendered = {}
        for subscription_id in due:
            if self._stop.is_set():
                break
            work = claim_slot(
                self.engine,
                subscription_id=subscription_id,
                now=now,
                owner=self.owner,
                lease=LEASE,
                rendered=rendered,
            )
            if work:
                jobs.append(self._submit(work))
        for delivery_id in retries:
            with self._lock:
                if delivery_id in self._running:
                    continue
            with write_session(self.engine) as session:
                work = take(session, delivery_id=delivery_id, owner=self.owner, now=now, lease=LEASE)
            if work:
                jobs.append(self._submit(work))
        self._ticks += 1
        if self._ticks % 240 == 1:
            with write_session(self.engine) as session:
                prune(session, before=now - KEEP_FINISHED)
        return jobs

    def run_once(self) -> list[str]:
        """One tick, waiting (on the clock) until its posts are done: what tests and ``--once`` use."""
        jobs = self.tick()
        outcomes = []
        while jobs:
            wait(jobs)
            outcomes += [o for o in (job.result() for job in jobs) if o != SET_ASIDE]
            jobs = self._resume_due(sleep=True)
        return outcomes

    def _submit(self, work: Work) -> Future[str]:
        with self._lock:
            job = self._pool.submit(self._deliver, work)
            self._running[work.delivery_id] = (job, work)
        return job

    def _deliver(self, work: Work) -> str:
        try:
            outcome = deliver(self._ledger, self.poster, work, clock=self.clock)
        except Exception:
            log.exception("digest delivery %s crashed; it will be retried after its lease", work.delivery_id)
            outcome = "crashed"
        with self._lock:
            if isinstance(outcome, Later):
                heapq.heappush(self._later, (outcome.at, next(self._seq), outcome.work))
                self._lock.notify_all()
                return SET_ASIDE
            self._running.pop(work.delivery_id, None)
        return outcome

    def _resume_due(self, *, sleep: bool) -> list[Future[str]]:
        """Submit the set-aside deliveries whose channel is free; with ``sleep``, wait for the first."""
        with self._lock:
            if not self._later:
                return []
            first = self._later[0][0]
        if sleep:
            self.clock.sleep((first - self.clock.now()).total_seconds())
        now = self.clock.now()
        jobs = []
        with self._lock:
            while self._later and self._later[0][0] <= now:
                _, _, work = heapq.heappop(self._later)
                job = self._pool.submit(self._deliver, work)
                self._running[work.delivery_id] = (job, work)
                jobs.append(job)
        return jobs

    # ------------------------------------------------------------------ running
    def run_forever(self) -> None:
        log.info("digest scheduler %s started (tick %.0fs)", self.owner, self.tick_seconds)
        resumer = threading.Thread(target=self._resume_forever, name="digest-resume", daemon=True)
        resumer.start()
        self._threads.append(resumer)
        while not self._stop.is_set():
            try:
                self.tick()
            except Exception:
                log.exception("digest scheduler tick failed; trying again next tick")
            self.clock.sleep(self.tick_seconds)  # ends early on stop: the clock shares the event

    def _resume_forever(self) -> None:
        while not self._stop.is_set():
            with self._lock:
                delay = (self._later[0][0] - self.clock.now()).total_seconds() if self._later else 1.0
                if delay > 0:
                    self._lock.wait(min(delay, 1.0))
            self._resume_due(sleep=False)

    def start(self) -> DigestScheduler:
        """Run in background threads (inside ``serve``)."""
        thread = threading.Thread(target=self.run_forever, name="digest-scheduler", daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def stop(self, timeout: float = 30.0) -> None:
        """Stop ticking; posts in flight finish, queued and set-aside ones go back to the database."""
        self._stop.set()
        with self._lock:
            self._lock.notify_all()
        for thread in list(self._threads):
            thread.join(timeout)
        with self._lock:
            queued = [work for job, work in self._running.values() if job.cancel()]
        self._pool.shutdown(wait=True)  # posts in flight finish; they may set more aside
        with self._lock:
            queued += [work for _, _, work in self._later]
            self._later.clear()
        now = self.clock.now()
        for work in queued:
            self._ledger.retry(work, at=now, error="shutdown", in_doubt=False)
        log.info("digest scheduler %s stopped", self.owner)
