"""`/nafta subscribe ...` and friends, as the channel sees the ephemeral replies."""

from __future__ import annotations

from sqlmodel import Session

from bot.webclient import make_web_client
from handlers.digest.subscriptions import answer_subscription, home_blocks, is_digest_command
from store.digests.subscriptions import channel_subscriptions
from testkit.fakeslack import TEAM_ID
from tests.digests.conftest import CHANNEL, command


def test_subscribe_reads_the_users_slack_time_zone_and_states_the_next_run(
    engine, slack_settings, clock, fake
) -> None:
    reply = command("subscribe daily 08:30 autos canada", engine=engine, settings=slack_settings, clock=clock)
    assert reply["response_type"] == "ephemeral"
    assert "daily at 08:30 (America/Toronto)" in reply["text"]
    assert "Wed 5 Sep 2018 08:30 EDT" in reply["text"]
    assert "`autos`" in reply["text"]
    assert "`canada`" in reply["text"]
    assert fake.calls_to("users.info")[0].params["user"] == "U0REPORTER"
    with Session(engine) as session:
        [sub] = channel_subscriptions(session, team_id=TEAM_ID, channel_id=CHANNEL)
    assert (sub.topics, sub.parties, sub.tz, sub.post_when_empty) == (
        ("autos",),
        ("canada",),
        "America/Toronto",
        False,
    )


def test_tz_option_wins_over_the_slack_profile(engine, slack_settings, clock) -> None:
    reply = command(
        "subscribe weekly mon 09:00 tz=Asia/Tokyo always", engine=engine, settings=slack_settings, clock=clock
    )
    assert "weekly on Monday at 09:00 (Asia/Tokyo)" in reply["text"]
    assert "Mon 10 Sep 2018 09:00 JST" in reply["text"]
    assert "no change" in reply["text"]


def test_multiword_topics_and_cron(engine, slack_settings, clock) -> None:
    reply = command(
        "subscribe cron 0 7 * * 1-5 dispute resolution mexico",
        engine=engine,
        settings=slack_settings,
        clock=clock,
    )
    assert "cron `0 7 * * 1-5`" in reply["text"]
    assert "`dispute-settlement`" in reply["text"]
    assert "`mexico`" in reply["text"]
    assert "Thu 6 Sep 2018 07:00 EDT" in reply["text"]


def test_an_unknown_filter_word_is_refused_with_suggestions(engine, slack_settings, clock) -> None:
    reply = command("subscribe daily 08:30 autoz", engine=engine, settings=slack_settings, clock=clock)
    assert "autoz" in reply["text"]
    assert "Did you mean `autos`" in reply["text"]
    with Session(engine) as session:
        assert channel_subscriptions(session, team_id=TEAM_ID, channel_id=CHANNEL) == []


def test_bad_schedules_and_zones_are_refused(engine, slack_settings, clock) -> None:
    for text, reason in [
        ("subscribe daily 8am", "HH:MM"),
        ("subscribe hourly", "not a schedule"),
        ("subscribe cron * * * *", "five fields"),
        ("subscribe daily 08:00 tz=Nowhere/Atall", "time zone"),
    ]:
        reply = command(text, engine=engine, settings=slack_settings, clock=clock)
        assert reason in reply["text"], text
        assert "Usage" in reply["text"]


def test_only_digest_managers_may_change_a_channel(engine, slack_settings, clock) -> None:
    managed = slack_settings.with_overrides(digest_managers=("U0EDITOR", "admins"))
    refused = command("subscribe daily 08:30", engine=engine, settings=managed, clock=clock, user="U0INTERN")
    assert "digest managers" in refused["text"]
    for user in ("U0EDITOR", "UADMIN1"):  # listed by id; a workspace admin via "admins"
        reply = command("subscribe daily 08:30", engine=engine, settings=managed, clock=clock, user=user)
        assert "Subscribed" in reply["text"], user
    listing = command("subscriptions", engine=engine, settings=managed, clock=clock, user="U0INTERN")
    assert listing["text"].count("daily at 08:30") == 2
    refused = command("unsubscribe", engine=engine, settings=managed, clock=clock, user="U0INTERN")
    assert "digest managers" in refused["text"]


def test_ids_from_another_channel_are_not_touched(engine, slack_settings, clock) -> None:
    command("subscribe daily 08:30", engine=engine, settings=slack_settings, clock=clock, channel="COTHER")
    for verb in ("unsubscribe 1", "pause 1", "resume 1"):
        reply = command(verb, engine=engine, settings=slack_settings, clock=clock)
        assert "no digest `#1`" in reply["text"], verb
    assert (
        "#1"
        in command("subscriptions", engine=engine, settings=slack_settings, clock=clock, channel="COTHER")[
            "text"
        ]
    )
    assert (
        "no digests" in command("subscriptions", engine=engine, settings=slack_settings, clock=clock)["text"]
    )


def test_unknown_words_get_the_usage(engine, slack_settings, clock) -> None:
    reply = answer_subscription(
        "pause",
        engine=engine,
        client=make_web_client(slack_settings, retries=False),
        settings=slack_settings.digests(),
        team_id=TEAM_ID,
        channel_id=CHANNEL,
        user_id="U0REPORTER",
    )
    assert "Which digest?" in reply["text"]


def test_app_home_lists_the_workspaces_subscriptions(engine, slack_settings, clock) -> None:
    assert "No channel gets a digest yet" in str(home_blocks(engine, team_id=TEAM_ID))
    command("subscribe daily 08:30 autos", engine=engine, settings=slack_settings, clock=clock, channel="CA")
    command("subscribe cron */5 * * * *", engine=engine, settings=slack_settings, clock=clock, channel="CB")
    command("pause 2", engine=engine, settings=slack_settings, clock=clock, channel="CB")
    blocks = home_blocks(engine, team_id=TEAM_ID)
    text = str(blocks)
    assert "<#CA>" in text
    assert "<#CB>" in text
    assert "paused" in text
    assert "autos" in text
    assert len(blocks) <= 30


def test_digest_commands_are_told_apart_by_their_first_word_as_the_answer_engine_reads_it() -> None:
    for text in (
        "subscribe daily 08:30",
        "Subscriptions",
        "  unsubscribe 3",
        "pause 2 private",
        "\u200bresume 1",
    ):
        assert is_digest_command(text), text
    for text in ("", "autos", "private subscribe", "help subscribe", "-p"):
        assert not is_digest_command(text), text


def test_nafta_routes_digest_commands_before_the_answer_engine(engine, slack_settings, fake) -> None:
    from handlers.commands.nafta import answer_command

    class NoEngine:
        def ask_rendered(self, *_: object) -> None:
            raise AssertionError("a digest command reached the answer engine")

    runtime = type(
        "R", (), {"engine": engine, "digests": slack_settings.digests(), "librarian": NoEngine()}
    )()
    command = {"text": "subscriptions", "team_id": TEAM_ID, "channel_id": CHANNEL, "user_id": "U0REPORTER"}
    reply = answer_command(runtime, make_web_client(slack_settings, retries=False), command)  # type: ignore[arg-type]
    assert reply["response_type"] == "ephemeral"
    assert "no digests" in reply["text"]
