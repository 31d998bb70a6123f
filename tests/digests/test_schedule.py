"""Due slots: parsing, time zones, DST nights, standard cron semantics, and the catch-up slot."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest

from handlers.digest.schedule import Schedule, ScheduleError, parse_schedule

NY = "America/New_York"


def fires(schedule: Schedule, start: datetime, count: int) -> list[datetime]:
    found, at = [], start
    for _ in range(count):
        at = schedule.next_after(at)
        assert at is not None
        found.append(at)
    return found


def local(instants: list[datetime], tz: str) -> list[str]:
    from zoneinfo import ZoneInfo

    return [i.astimezone(ZoneInfo(tz)).strftime("%a %m-%d %H:%M %Z") for i in instants]


def test_daily_runs_at_the_wall_time_of_its_own_zone() -> None:
    toronto, _ = parse_schedule(["daily", "8:30"], "America/Toronto")
    tokyo, _ = parse_schedule(["daily", "08:30"], "Asia/Tokyo")
    start = datetime(2018, 9, 5, 0, 0, tzinfo=UTC)
    assert toronto.spec == "08:30"
    assert toronto.next_after(start) == datetime(2018, 9, 5, 12, 30, tzinfo=UTC)
    assert tokyo.next_after(start) == datetime(2018, 9, 5, 23, 30, tzinfo=UTC)


def test_next_after_is_strictly_after() -> None:
    daily, _ = parse_schedule(["daily", "08:30"], "UTC")
    at = datetime(2018, 9, 5, 8, 30, tzinfo=UTC)
    assert daily.next_after(at) == at + timedelta(days=1)
    assert daily.next_after(at - timedelta(microseconds=1)) == at


def test_spring_forward_runs_a_missing_wall_time_once_after_the_jump() -> None:
    daily, _ = parse_schedule(["daily", "02:30"], NY)
    got = local(fires(daily, datetime(2018, 3, 10, 12, tzinfo=UTC), 3), NY)
    assert got == ["Sun 03-11 03:30 EDT", "Mon 03-12 02:30 EDT", "Tue 03-13 02:30 EDT"]


def test_fall_back_runs_a_repeated_wall_time_once() -> None:
    daily, _ = parse_schedule(["daily", "01:30"], NY)
    got = local(fires(daily, datetime(2018, 11, 3, 12, tzinfo=UTC), 3), NY)
    assert got == ["Sun 11-04 01:30 EDT", "Mon 11-05 01:30 EST", "Tue 11-06 01:30 EST"]


def test_cron_every_half_hour_through_both_dst_nights_never_repeats_or_goes_backwards() -> None:
    cron, _ = parse_schedule(["cron", "*/30", "*", "*", "*", "*"], NY)
    for start in (datetime(2018, 3, 11, 4, tzinfo=UTC), datetime(2018, 11, 4, 3, tzinfo=UTC)):
        got = fires(cron, start, 12)
        assert got == sorted(set(got))
        assert all(later - earlier <= timedelta(hours=1, minutes=30) for earlier, later in pairwise(got))
    fall = local(fires(cron, datetime(2018, 11, 4, 4, 45, tzinfo=UTC), 4), NY)
    assert fall == [
        "Sun 11-04 01:00 EDT",
        "Sun 11-04 01:30 EDT",
        "Sun 11-04 02:00 EST",
        "Sun 11-04 02:30 EST",
    ]


def test_weekly_accepts_day_names() -> None:
    weekly, rest = parse_schedule(["weekly", "Friday", "17:00", "autos"], "UTC")
    assert (weekly.spec, rest) == ("fri 17:00", ["autos"])
    assert weekly.describe() == "weekly on Friday at 17:00"
    assert weekly.next_after(datetime(2018, 9, 5, tzinfo=UTC)) == datetime(2018, 9, 7, 17, tzinfo=UTC)


def test_cron_day_of_week_uses_cron_numbering() -> None:
    # 1-5 is Monday to Friday in cron (APScheduler alone would read it as Tuesday to Saturday).
    weekdays, _ = parse_schedule(["cron", "0", "8", "*", "*", "1-5"], "UTC")
    got = [d.strftime("%a") for d in fires(weekdays, datetime(2018, 9, 1, tzinfo=UTC), 6)]
    assert got == ["Mon", "Tue", "Wed", "Thu", "Fri", "Mon"]
    sundays, _ = parse_schedule(["cron", "0", "8", "*", "*", "0"], "UTC")
    also_sundays, _ = parse_schedule(["cron", "0", "8", "*", "*", "7"], "UTC")
    start = datetime(2018, 9, 1, tzinfo=UTC)
    assert sundays.next_after(start) == also_sundays.next_after(start) == datetime(2018, 9, 2, 8, tzinfo=UTC)
    odd, _ = parse_schedule(["cron", "0", "8", "*", "*", "*/2"], "UTC")  # Sun, Tue, Thu, Sat
    assert [d.strftime("%a") for d in fires(odd, start, 4)] == [
        "Sat",
        "Sun",
        "Tue",
        "Thu",
    ]  # 09-01 is a Saturday


def test_cron_day_of_month_or_day_of_week_as_in_standard_cron() -> None:
    cron, _ = parse_schedule(["cron", "0", "9", "1", "*", "mon"], "UTC")
    got = [d.strftime("%d %a") for d in fires(cron, datetime(2018, 9, 25, tzinfo=UTC), 3)]
    assert got == ["01 Mon", "08 Mon", "15 Mon"]  # 2018-10-01 is itself a Monday
    got = [d.strftime("%m-%d %a") for d in fires(cron, datetime(2018, 10, 22, 12, tzinfo=UTC), 3)]
    assert got == ["10-29 Mon", "11-01 Thu", "11-05 Mon"]


@pytest.mark.parametrize(
    "words",
    [
        ["daily"],
        ["daily", "25:00"],
        ["daily", "8"],
        ["weekly", "someday", "08:00"],
        ["cron", "*", "*", "*", "*"],
        ["cron", "61", "*", "*", "*", "*"],
        ["cron", "*", "*", "*", "*", "8"],
        ["cron", "*", "*", "*", "*", "fri-mon"],
        ["cron", "last", "*", "*", "*", "*"],
        ["hourly"],
    ],
)
def test_bad_schedules_are_refused_with_a_reason(words: list[str]) -> None:
    with pytest.raises(ScheduleError) as refused:
        parse_schedule(words, "UTC")
    assert str(refused.value)


def test_unknown_time_zone_is_refused() -> None:
    with pytest.raises(ScheduleError, match="Area/City"):
        parse_schedule(["daily", "08:00"], "Mars/Olympus_Mons")


def test_catch_up_slot_is_the_latest_one_missed() -> None:
    every_minute, _ = parse_schedule(["cron", "*", "*", "*", "*", "*"], "UTC")
    start = datetime(2018, 9, 1, 12, 0, tzinfo=UTC)
    end = datetime(2018, 9, 4, 7, 45, 30, tzinfo=UTC)  # three days down
    assert every_minute.latest_between(start, end) == datetime(2018, 9, 4, 7, 45, tzinfo=UTC)
    monthly, _ = parse_schedule(["cron", "0", "6", "1", "*", "*"], "UTC")
    assert monthly.latest_between(start - timedelta(days=90), end) == datetime(2018, 9, 1, 6, tzinfo=UTC)
    assert monthly.latest_between(start, end) is None
