"""When a subscription is due: ``daily HH:MM``, ``weekly DAY HH:MM`` or five-field cron, in its own zone.

Fields are matched by APScheduler's ``CronTrigger`` on the *wall clock* (a naive local time, fed to
the trigger as if it were UTC, which has no DST), and each matching wall time is then placed on the
timeline with ``zoneinfo``. That split gives the behaviour people expect of cron across DST:
a wall time that does not exist (02:30 on a spring-forward night) runs at the same offset after the
jump (03:30), and a wall time that happens twice (01:30 on a fall-back night) runs once, the first
time. APScheduler alone would run in the zone directly and skip or repeat those slots.

Cron keeps standard semantics where APScheduler differs: day-of-week 0 and 7 are Sunday, and when
both day-of-month and day-of-week are restricted a day matching *either* is due.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.triggers.cron import CronTrigger

DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")  # cron numbering: 0 (and 7) is Sunday
DAY_NAMES = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_FIELD = re.compile(r"^(\*|[a-z0-9]+(-[a-z0-9]+)?)(/\d+)?$")
# IANA names: "UTC", "America/Toronto", "America/Argentina/Buenos_Aires", "Etc/GMT+5".
_ZONE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_+\-]{0,29}(/[A-Za-z0-9_+\-]{1,30}){0,2}$")
_CRON_FIELDS = ("minute", "hour", "day", "month", "day_of_week")
_CRON_NAMES = ("minute", "hour", "day of month", "month", "day of week")
# Longest a DST jump moves a wall time; wall times further apart than this keep their order.
_DST_SLACK = timedelta(hours=3)


class ScheduleError(ValueError):
    """The schedule words cannot be understood; the message says what was expected."""


def zone(name: str) -> ZoneInfo:
    """The IANA zone ``name`` ("America/Toronto"), or a ScheduleError naming the problem.

    Anything that is not shaped like a zone name (too long, odd characters, a path) is refused
    before the zone database is asked, so no input can reach the file system's own errors.
    """
    shown = name if len(name) <= 40 else name[:40] + "…"
    if not _ZONE_NAME.match(name):
        raise ScheduleError(f"`{shown}` is not a time zone name; use an Area/City name like America/Toronto.")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ScheduleError(
            f"`{shown}` is not a time zone I know; use an Area/City name like America/Toronto."
        ) from None


@dataclass(frozen=True)
class Schedule:
    """A parsed schedule: ``kind`` is daily, weekly or cron; ``spec`` is its canonical text."""

    kind: str
    spec: str
    tz: str

    @cached_property
    def _zone(self) -> ZoneInfo:
        return zone(self.tz)

    @cached_property
    def _triggers(self) -> tuple[CronTrigger, ...]:
        return _triggers(self.kind, self.spec)

    def describe(self) -> str:
        """'daily at 08:30', 'weekly on Monday at 08:30', 'cron `*/5 * * * *`' (zone not included)."""
        if self.kind == "daily":
            return f"daily at {self.spec}"
        if self.kind == "weekly":
            day, at = self.spec.split()
            return f"weekly on {DAY_NAMES[DAYS.index(day)]} at {at}"
        return f"cron `{self.spec}`"

    def next_after(self, instant: datetime) -> datetime | None:
        """The first due instant strictly after ``instant`` (UTC); None if it never fires again."""
        wall = _wall(instant, self._zone)
        found = self._scan(instant, wall)
        if found is None:
            return None
        # Near a DST change an earlier wall time can land later on the timeline (and vice versa):
        # look again from a few hours back and keep the earliest instant after ``instant``.
        if self._zone.utcoffset(wall - _DST_SLACK) != self._zone.utcoffset(
            _wall(found, self._zone) + _DST_SLACK
        ):
            return self._scan(instant, wall - _DST_SLACK, until=_wall(found, self._zone) + _DST_SLACK)
        return found

    def latest_between(self, start: datetime, end: datetime) -> datetime | None:
        """The last due instant in [start, end], the slot a (catch-up) digest is filed under."""
        for window in (timedelta(hours=1), timedelta(days=1), timedelta(days=32), timedelta(days=400), None):
            low = start if window is None else max(start, end - window)
            slot = self.next_after(low - timedelta(microseconds=1))
            if slot is None or slot > end:
                if low == start:
                    return None
                continue
            while (following := self.next_after(slot)) is not None and following <= end:
                slot = following
            return slot
        return None

    def _scan(self, after: datetime, wall: datetime, *, until: datetime | None = None) -> datetime | None:
        """Walk matching wall times from ``wall``; the earliest instant after ``after`` (by ``until``)."""
        best: datetime | None = None
        cursor = wall.replace(second=0, microsecond=0)
        for _ in range(100_000):
            candidates = [t.get_next_fire_time(None, cursor.replace(tzinfo=UTC)) for t in self._triggers]
            upcoming = [c.replace(tzinfo=None) for c in candidates if c is not None]
            if not upcoming:
                return best
            cursor = min(upcoming)
            if until is not None and cursor > until:
                return best
            placed = cursor.replace(tzinfo=self._zone).astimezone(UTC)
            if placed > after and (best is None or placed < best):
                best = placed
                if until is None:
                    return best
            cursor += timedelta(minutes=1)
        return best


def _wall(instant: datetime, where: ZoneInfo) -> datetime:
    return instant.astimezone(where).replace(tzinfo=None)


def parse_schedule(words: list[str], tz: str) -> tuple[Schedule, list[str]]:
    """Read a schedule off the front of ``words``; returns it and the words left over (the filters).

    >>> parse_schedule(["weekly", "Mon", "8:30", "autos"], "UTC")[0].spec
    'mon 08:30'
    """
    zone(tz)
    if not words:
        raise ScheduleError("Say when: `daily 08:30`, `weekly mon 08:30` or `cron 0 8 * * 1-5`.")
    kind = words[0].casefold()
    if kind == "daily":
        return Schedule("daily", _clock_time(words[1:2]), tz), words[2:]
    if kind == "weekly":
        if len(words) < 2:
            raise ScheduleError("Weekly on which day? e.g. `weekly mon 08:30`.")
        return Schedule("weekly", f"{_day(words[1])} {_clock_time(words[2:3])}", tz), words[3:]
    if kind == "cron":
        fields = [w.casefold() for w in words[1:6]]
        if len(fields) < 5:
            raise ScheduleError("Cron needs five fields: minute hour day-of-month month day-of-week.")
        spec = " ".join(fields)
        _triggers("cron", spec)
        schedule = Schedule("cron", spec, tz)
        if schedule.next_after(datetime.now(UTC)) is None:
            raise ScheduleError(
                f"`cron {spec}` never fires: no date has that day of month in that month. "
                "Pick a day that exists in that month."
            )
        return schedule, words[6:]
    raise ScheduleError(f"`{words[0]}` is not a schedule; use `daily`, `weekly` or `cron`.")


def _clock_time(words: list[str]) -> str:
    match = _TIME.match(words[0]) if words else None
    if not match:
        raise ScheduleError("Give the time as HH:MM on a 24-hour clock, e.g. `08:30` or `17:00`.")
    return f"{int(match[1]):02d}:{match[2]}"


def _day(word: str) -> str:
    folded = word.casefold()
    for short, name in zip(DAYS, DAY_NAMES, strict=True):
        if folded in (short, name.casefold()) or (len(folded) >= 3 and name.casefold().startswith(folded)):
            return short
    raise ScheduleError(f"`{word}` is not a day of the week; use mon, tue, wed, thu, fri, sat or sun.")


def _triggers(kind: str, spec: str) -> tuple[CronTrigger, ...]:
    if kind == "daily":
        hour, minute = spec.split(":")
        return (CronTrigger(hour=int(hour), minute=int(minute), timezone=UTC),)
    if kind == "weekly":
        day, at = spec.split()
        hour, minute = at.split(":")
        return (CronTrigger(day_of_week=day, hour=int(hour), minute=int(minute), timezone=UTC),)
    return _cron_triggers(spec)


def _cron_triggers(spec: str) -> tuple[CronTrigger, ...]:
    fields = spec.split()
    if len(fields) != 5:
        raise ScheduleError("Cron needs exactly five fields: minute hour day-of-month month day-of-week.")
    for name, value in zip(_CRON_NAMES, fields, strict=True):
        if not all(_FIELD.match(part) for part in value.split(",")):
            raise ScheduleError(f"The {name} field `{value}` is not valid cron.")
    values = dict(zip(_CRON_FIELDS, fields, strict=True))
    values["day_of_week"] = _cron_days(values["day_of_week"])
    try:
        if values["day"] != "*" and values["day_of_week"] != "*":
            # Standard cron: restricted day-of-month OR restricted day-of-week.
            by_date = CronTrigger(**(values | {"day_of_week": "*"}), timezone=UTC)
            by_weekday = CronTrigger(**(values | {"day": "*"}), timezone=UTC)
            return (by_date, by_weekday)
        return (CronTrigger(**values, timezone=UTC),)
    except ValueError as error:
        raise ScheduleError(f"That cron schedule is not valid: {error}.") from None


def _cron_days(field: str) -> str:
    """Cron's day-of-week (0/7 = Sunday) as the day names APScheduler reads unambiguously."""
    if field == "*":
        return "*"
    days: set[int] = set()
    for part in field.split(","):
        body, _, step_text = part.partition("/")
        step = int(step_text) if step_text else 1
        if step < 1:
            raise ScheduleError(f"The day of week field `{field}` has a zero step.")
        if body == "*":
            first, last = 0, 6
        else:
            low, _, high = body.partition("-")
            first = _cron_day(low)
            last = _cron_day(high, upper=True) if high else (6 if step_text else first)
            if last < first:
                raise ScheduleError(f"The day of week range `{body}` runs backwards.")
        days.update(d % 7 for d in range(first, last + 1, step))
    return ",".join(DAYS[d] for d in sorted(days))


def _cron_day(token: str, *, upper: bool = False) -> int:
    if token.isdigit() and int(token) <= 7:
        return int(token) if upper or int(token) < 7 else 0
    if token[:3] in DAYS and len(token) == 3:
        return DAYS.index(token)
    raise ScheduleError(f"`{token}` is not a day of the week (0-7 or sun-sat).")
