"""`nafta-bot digest` and `nafta-bot scheduler --once`, run as a user runs them, against the fake Slack."""

from __future__ import annotations

import time

from testkit.fakeslack import FakeSlack
from tests.digests.conftest import add_quote, command, posts, shown_text


def slack_env(fake: FakeSlack) -> dict[str, str]:
    return {"SLACK_API_URL": fake.api_url, "SLACK_BOT_TOKEN": "xoxb-test-token"}


def test_digest_posts_at_once(cli, engine, fake) -> None:
    add_quote(engine, "Posted by the digest command.")
    # Slack's one post a second per channel, kept on a clock running 60 times faster.
    clock = f"60@{time.time()}"
    done = cli(
        "digest", "--channel", "CNEWS", "--since", "3650d", NAFTA_TEST_DIGEST_CLOCK=clock, **slack_env(fake)
    )
    assert done.returncode == 0, done.stderr
    assert "Posted a digest" in done.stdout
    sent = posts(fake, "CNEWS")
    assert sent
    assert any("Posted by the digest command." in shown_text(p) for p in sent)
    assert "in the last 3650 days" in shown_text(sent[0])


def test_digest_dry_run_prints_and_posts_nothing(cli, engine, fake) -> None:
    add_quote(engine, "Dairy quotas stay.", topics=("dairy",))
    add_quote(engine, "Cars are the heart of it.", topics=("autos",))
    done = cli(
        "digest", "--channel", "CNEWS", "--since", "7d", "--topics", "dairy", "--dry-run", **slack_env(fake)
    )
    assert done.returncode == 0, done.stderr
    assert "Dairy quotas stay." in done.stdout
    assert "Cars are the heart of it." not in done.stdout
    assert fake.calls_to("chat.postMessage") == []


def test_digest_refuses_an_unknown_topic(cli, fake) -> None:
    done = cli("digest", "--channel", "CNEWS", "--topics", "autoz", "--dry-run", **slack_env(fake))
    assert done.returncode != 0
    assert "autoz" in done.stderr
    assert "autos" in done.stderr


def test_digest_needs_a_token_only_to_post(cli, fake) -> None:
    done = cli("digest", "--channel", "CNEWS", "--since", "3650d", SLACK_API_URL=fake.api_url)
    assert done.returncode != 0
    assert "SLACK_BOT_TOKEN" in done.stderr
    assert cli("digest", "--channel", "CNEWS", "--since", "3650d", "--dry-run").returncode == 0


def test_scheduler_once_posts_what_is_due(cli, engine, slack_settings, clock, fake) -> None:
    # Subscribed "yesterday" (the test clock is in 2018), so by real time the slot is long due.
    command("subscribe daily 08:30", engine=engine, settings=slack_settings, clock=clock, channel="CDUE")
    add_quote(engine, "Due since 2018.")
    done = cli("scheduler", "--once", **slack_env(fake))
    assert done.returncode == 0, done.stderr
    assert "1 digest(s) handled: posted" in done.stdout
    [post] = posts(fake, "CDUE")
    assert "Due since 2018." in shown_text(post)
    again = cli("scheduler", "--once", **slack_env(fake))
    assert "none due" in again.stdout
    assert len(posts(fake, "CDUE")) == 1
