"""Which hours a team works on a day, and whether those hours can hold a visit window at all.

A team has a usual shift; it may have other hours on a weekday (every week) or on one date (e.g.
12:00-21:00 on the days with evening appointments for night workers). For a day, the date's hours win
over the weekday's, and the weekday's over the usual shift.

`covers` is the question the planner must answer before it solves, so that it can say honestly why an
appointment cannot be kept: can a visit start inside its window and end within the shift? (Travel and
the break are the solver's business; a window no shift covers can never be planned, however it drives.)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta


@dataclass(frozen=True)
class ShiftHours:
    start: time
    end: time
    lunch_start: time  # the break: lunch, or dinner on an evening shift
    lunch_minutes: int = 0

    def __post_init__(self) -> None:
        if not self.start < self.end:
            raise ValueError("a shift starts before it ends")
        if self.lunch_minutes < 0:
            raise ValueError("a break is not negative")

    @property
    def label(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M}"


@dataclass(frozen=True)
class ShiftRule:
    """Other hours on a weekday (0 Monday .. 6 Sunday) or on a date: exactly one of the two is set."""

    hours: ShiftHours
    weekday: int | None = None
    day: date | None = None

    def __post_init__(self) -> None:
        if (self.weekday is None) == (self.day is None):
            raise ValueError("a shift rule is for a weekday or for a date")
        if self.weekday is not None and not 0 <= self.weekday <= 6:
            raise ValueError("weekdays are 0 (Monday) to 6 (Sunday)")


def hours_problem(start: time, end: time, lunch_start: time | None, lunch_minutes: int) -> str | None:
    """Why these hours cannot be a shift (a message key), or None: the shift starts before it ends, and the
    break (`lunch_minutes` from `lunch_start`, the shift's start if None) lies inside it."""
    if not start < end:
        return "shift.bad_hours"
    if lunch_minutes < 0:
        return "shift.bad_lunch"
    at = lunch_start or start
    if lunch_minutes:
        lunch_end = (datetime.combine(date.min, at) + timedelta(minutes=lunch_minutes)).time()
        if not (start <= at < end and at < lunch_end <= end):
            return "shift.bad_lunch"
    return None


def hours_on(day: date, usual: ShiftHours, rules: Iterable[ShiftRule] = ()) -> ShiftHours:
    """The team's hours on `day`: a rule for that date, else one for its weekday, else the usual shift."""
    by_weekday = None
    for rule in rules:
        if rule.day == day:
            return rule.hours
        if rule.weekday is not None and rule.weekday == day.weekday():
            by_weekday = rule.hours
    return by_weekday or usual


def _secs(t: time) -> int:
    return t.hour * 3600 + t.minute * 60 + t.second


def covers(hours: ShiftHours, window_start: time, window_end: time, service_minutes: int = 0) -> bool:
    """A visit can start inside [window_start, window_end] and end by the end of the shift."""
    start = max(_secs(window_start), _secs(hours.start))
    return start <= _secs(window_end) and start + max(0, service_minutes) * 60 <= _secs(hours.end)
