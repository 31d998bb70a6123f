"""The scheduler against the fake Slack: what channels receive, slot by slot, with time moved by hand."""

from __future__ import annotations

import logging
import threading

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.config import Settings
from handlers.digest.claim import claim_slot
from handlers.digest.scheduler import LEASE
from store.bootstrap import open_store
from store.models import DigestDelivery, DigestSubscription
from tests.digests.conftest import ManualClock, add_quote, command, make_scheduler, posts, shown_text


def subscribe(engine: Engine, settings: Settings, clock: ManualClock, text: str, **kw: str) -> int:
    reply = command(f"subscribe {text}", engine=engine, settings=settings, clock=clock, **kw)
    assert "Subscribed" in reply["text"], reply["text"]
    with Session(engine) as session:
        return max(session.exec(select(DigestSubscription.id)).all())  # type: ignore[type-var]


def test_a_new_quote_is_posted_once_at_the_next_slot(engine, slack_settings, clock, fake, scheduler) -> None:
    subscribe(engine, slack_settings, clock, "daily 08:30 autos")  # 08:00 in Toronto now
    add_quote(engine, "We will not accept a sunset clause on autos.")

    assert scheduler.run_once() == []  # not due until 08:30
    clock.advance(minutes=30)
    assert scheduler.run_once() == ["posted"]
    assert scheduler.run_once() == []  # the same slot never posts twice

    [post] = posts(fake)
    assert "We will not accept a sunset clause on autos." in shown_text(post)
    assert "Chrystia Freeland" in shown_text(post)
    assert post["metadata"]["event_type"] == "nafta_digest"

    clock.advance(days=1)
    assert scheduler.run_once() == []  # nothing new: a quiet subscription posts nothing
    add_quote(engine, "Dairy is not on the table.", topics=("dairy",))
    clock.advance(days=1)
    assert scheduler.run_once() == []  # filtered to autos: a dairy quote is not this channel's news
    assert len(posts(fake)) == 1


def test_always_posts_a_no_change_line(engine, slack_settings, clock, fake, scheduler) -> None:
    subscribe(engine, slack_settings, clock, "daily 08:30 always")
    clock.advance(minutes=30)
    assert scheduler.run_once() == ["posted"]
    [post] = posts(fake)
    assert "nothing new" in shown_text(post)


def test_after_downtime_one_digest_covers_the_whole_gap(
    engine, slack_settings, clock, fake, scheduler
) -> None:
    subscribe(engine, slack_settings, clock, "cron */15 * * * *")
    for day in range(3):
        add_quote(engine, f"Quote from day {day} of the outage.")
        clock.advance(days=1)
    assert scheduler.run_once() == ["posted"]
    assert len(posts(fake)) == 1
    seen = shown_text(posts(fake)[0])
    assert all(f"day {day} of the outage" in seen for day in range(3))
    assert scheduler.run_once() == []
    with Session(engine) as session:
        [delivery] = session.exec(select(DigestDelivery)).all()
        assert delivery.slot.minute % 15 == 0
        assert delivery.slot <= clock.now()


@pytest.mark.parametrize("rounds", [3])
def test_two_schedulers_on_one_database_post_each_slot_once(
    settings, slack_settings, clock, fake, rounds: int
) -> None:
    first, second = (
        open_store(settings.database_url),
        open_store(settings.database_url),
    )  # two processes' engines
    channels = [f"C{n:04d}" for n in range(12)]
    for channel in channels:
        subscribe(first, slack_settings, clock, "cron * * * * *", channel=channel)
    schedulers = [make_scheduler(e, slack_settings, clock) for e in (first, second)]
    try:
        for n in range(rounds):
            add_quote(first, f"Round {n} news.")
            clock.advance(minutes=1)
            barrier = threading.Barrier(2)
            outcomes: list[list[str]] = []
            threads = [
                threading.Thread(target=_run_together, args=(s, barrier, outcomes)) for s in schedulers
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert sorted(o for out in outcomes for o in out) == ["posted"] * len(channels)
        for channel in channels:
            texts = [shown_text(p) for p in posts(fake, channel)]
            assert len(texts) == rounds
            assert all(f"Round {n} news." in texts[n] for n in range(rounds))
    finally:
        for s in schedulers:
            s.stop()
        first.dispose()
        second.dispose()


def _run_together(scheduler, barrier: threading.Barrier, outcomes: list[list[str]]) -> None:  # type: ignore[no-untyped-def]
    barrier.wait()
    outcomes.append(scheduler.run_once())


def test_429_is_waited_out_and_posted_once(engine, slack_settings, clock, fake, scheduler) -> None:
    subscribe(engine, slack_settings, clock, "daily 08:30")
    add_quote(engine, "Mexico wants a deal by Friday.", speaker="Ildefonso Guajardo Villarreal")
    fake.fail("chat.postMessage", status=429, retry_after=7)
    clock.advance(minutes=30)
    assert scheduler.run_once() == ["posted"]
    assert [c.status for c in fake.calls_to("chat.postMessage")] == [429, 200]
    assert 7 in clock.slept  # Retry-After honoured (on the test's clock)
    assert len(posts(fake)) == 1


def test_500_is_retried_after_checking_it_did_not_land(
    engine, slack_settings, clock, fake, scheduler
) -> None:
    subscribe(engine, slack_settings, clock, "daily 08:30")
    add_quote(engine, "The talks continue next week.")
    fake.fail("chat.postMessage", status=500)
    clock.advance(minutes=30)
    assert scheduler.run_once() == ["posted"]
    assert [c.status for c in fake.calls_to("chat.postMessage")] == [500, 200]
    assert len(fake.calls_to("conversations.history")) == 1
    assert len(posts(fake)) == 1


def test_a_timeout_after_slack_accepted_the_post_does_not_double_post(
    engine, slack_settings, clock, fake
) -> None:
    scheduler = make_scheduler(engine, slack_settings, clock, timeout=1)
    try:
        subscribe(engine, slack_settings, clock, "daily 08:30")
        add_quote(engine, "A slow answer from Slack.")
        fake.fail("chat.postMessage", delay=2.5)  # Slack posts it, but answers after our timeout
        clock.advance(minutes=30)
        assert scheduler.run_once() == ["pending"]
        fake.wait_for("chat.postMessage", 1)  # it did land
        clock.advance(minutes=2)
        assert scheduler.run_once() == ["posted"]
        assert len(posts(fake)) == 1
        assert fake.calls_to("conversations.history")
    finally:
        scheduler.stop()


def test_a_crashed_poster_s_claim_is_taken_over_after_its_lease(
    engine, slack_settings, clock, fake, scheduler
):
    subscribe(engine, slack_settings, clock, "daily 08:30")
    add_quote(engine, "Claimed by a process that then died.")
    clock.advance(minutes=30)
    work = claim_slot(engine, subscription_id=1, now=clock.now(), owner="dead-process", lease=LEASE)
    assert work is not None
    assert scheduler.run_once() == []  # the lease is still live
    clock.advance(seconds=LEASE.total_seconds() + 1)
    assert scheduler.run_once() == ["posted"]
    assert "Claimed by a process that then died." in shown_text(posts(fake)[0])
    assert len(posts(fake)) == 1


def test_channel_gone_pauses_that_subscription_and_others_go_on(
    engine, slack_settings, clock, fake, scheduler, caplog
) -> None:
    subscribe(engine, slack_settings, clock, "daily 08:30", channel="C1")
    subscribe(engine, slack_settings, clock, "daily 08:30", channel="C2")
    add_quote(engine, "Both channels should hear this.")
    fake.fail("chat.postMessage", error="channel_not_found")  # whichever channel is posted to first
    clock.advance(minutes=30)
    with caplog.at_level(logging.WARNING):
        assert sorted(scheduler.run_once()) == ["abandoned", "posted"]
    [refused] = [c for c in fake.calls_to("chat.postMessage") if not c.response.get("ok")]
    gone = refused.params["channel"]
    fine = "C2" if gone == "C1" else "C1"
    assert "channel_not_found" in caplog.text
    assert gone in caplog.text
    assert len(posts(fake, fine)) == 1
    assert posts(fake, gone) == []
    listing = command("subscriptions", engine=engine, settings=slack_settings, clock=clock, channel=gone)
    assert "paused" in listing["text"]
    assert "channel_not_found" in listing["text"]
    add_quote(engine, "Only the live channel hears this.")
    clock.advance(days=1)
    assert scheduler.run_once() == ["posted"]
    assert len(posts(fake, fine)) == 2
    assert posts(fake, gone) == []


def test_invalid_auth_is_logged_loudly_and_retried(
    engine, slack_settings, clock, fake, scheduler, caplog
) -> None:
    subscribe(engine, slack_settings, clock, "daily 08:30")
    add_quote(engine, "Posted once the token is fixed.")
    fake.fail("chat.postMessage", error="invalid_auth")
    clock.advance(minutes=30)
    with caplog.at_level(logging.ERROR):
        assert scheduler.run_once() == ["pending"]
    assert any(r.levelno == logging.ERROR and "invalid_auth" in r.getMessage() for r in caplog.records)
    clock.advance(minutes=5)
    assert scheduler.run_once() == ["posted"]
    assert len(posts(fake)) == 1


def test_unsubscribe_stops_the_posts(engine, slack_settings, clock, fake, scheduler) -> None:
    subscribe(engine, slack_settings, clock, "cron * * * * *")
    add_quote(engine, "First minute.")
    clock.advance(minutes=1)
    assert scheduler.run_once() == ["posted"]
    reply = command("unsubscribe", engine=engine, settings=slack_settings, clock=clock)
    assert "Removed 1 digest" in reply["text"]
    add_quote(engine, "Nobody should be told.")
    clock.advance(minutes=1)
    assert scheduler.run_once() == []
    assert len(posts(fake)) == 1


def test_pause_and_resume(engine, slack_settings, clock, fake, scheduler) -> None:
    sub = subscribe(engine, slack_settings, clock, "cron * * * * *")
    assert "Paused" in command(f"pause {sub}", engine=engine, settings=slack_settings, clock=clock)["text"]
    add_quote(engine, "Said while paused.")
    clock.advance(minutes=3)
    assert scheduler.run_once() == []
    assert "Resumed" in command(f"resume {sub}", engine=engine, settings=slack_settings, clock=clock)["text"]
    clock.advance(minutes=1)
    assert scheduler.run_once() == ["posted"]
    assert "Said while paused." in shown_text(posts(fake)[0])


def test_a_long_digest_has_a_headline_and_its_detail_in_the_thread(
    engine, slack_settings, clock, fake, scheduler
) -> None:
    subscribe(engine, slack_settings, clock, "daily 08:30")
    for topic in ("autos", "dairy", "dispute-settlement"):
        for n in range(12):
            add_quote(engine, f"{topic} point {n}. " + "Long words. " * 40, topics=(topic,))
    clock.advance(minutes=30)
    assert scheduler.run_once() == ["posted"]
    headline, *replies = posts(fake)
    assert "36 new quotes" in shown_text(headline)
    assert "thread" in shown_text(headline)
    assert len(replies) == 3
    assert all(r["thread_ts"] for r in replies)
    assert {r["thread_ts"] for r in replies} == {fake.calls_to("chat.postMessage")[0].response["ts"]}
    for message in (headline, *replies):
        assert len(message["blocks"]) <= 50
        assert len(shown_text(message)) < 12_000
    assert all("and 4 more quotes" in shown_text(r) for r in replies)


def test_thread_replies_wait_for_their_channel_without_holding_a_worker(
    engine, slack_settings, clock, fake
) -> None:
    # One worker: the replies must interleave, not queue behind a sleeping worker.
    client_scheduler = make_scheduler(engine, slack_settings, clock, workers=1)
    try:
        for channel in ("CA", "CB"):
            subscribe(engine, slack_settings, clock, "daily 08:30", channel=channel)
        for topic in ("autos", "dairy"):
            for n in range(7):
                add_quote(engine, f"{topic} update {n}.", topics=(topic,))
        clock.advance(minutes=30)
        started = clock.now()
        assert sorted(client_scheduler.run_once()) == ["posted", "posted"]
        assert [len(posts(fake, c)) for c in ("CA", "CB")] == [3, 3]
        # Each channel needs two one-second gaps; side by side, that is two seconds in all, not four.
        assert (clock.now() - started).total_seconds() == pytest.approx(2.0, abs=0.1)
    finally:
        client_scheduler.stop()


def test_stopping_hands_set_aside_deliveries_back(engine, slack_settings, clock, fake) -> None:
    first = make_scheduler(engine, slack_settings, clock)
    subscribe(engine, slack_settings, clock, "daily 08:30")
    for topic in ("autos", "dairy"):
        for n in range(7):
            add_quote(engine, f"{topic} news {n}.", topics=(topic,))
    clock.advance(minutes=30)
    wait_all(first.tick())  # the headline goes out; the replies wait for the channel's turn
    first.stop()
    assert len(posts(fake)) == 1
    second = make_scheduler(engine, slack_settings, clock)
    try:
        clock.advance(seconds=2)
        assert second.run_once() == ["posted"]
    finally:
        second.stop()
    _headline, *replies = posts(fake)
    assert len(replies) == 2
    assert all(r["thread_ts"] for r in replies)


def wait_all(jobs) -> None:  # type: ignore[no-untyped-def]
    for job in jobs:
        job.result()
