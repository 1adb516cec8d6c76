"""The one clock of the application.

All code asks `now()` for the current instant. `VISITAPP_NOW` (an ISO timestamp with a zone, e.g.
``2026-11-23T09:30:00+08:00``) fixes it, so tests and demos can run at any date and hour.
`VISITAPP_CLOCK_MODE=offset` makes the clock start at that instant and keep ticking: from the real time
`VISITAPP_CLOCK_ORIGIN` (Unix seconds) when it is set, so that separate processes (workers started apart,
on other machines) tell the same time; otherwise from this process's start.

Timestamp columns store aware UTC (sqlmodel's UTCDateTime); `to_local()` converts for display.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime
from datetime import time as wall_time
from typing import overload
from zoneinfo import ZoneInfo

from visitapp.core.settings import get_settings

_override: datetime | None = None
_started_wall = time.time()


class ClockError(ValueError):
    pass


def parse_instant(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError as exc:
        raise ClockError(f"VISITAPP_NOW is not an ISO timestamp: {text!r}") from exc
    if value.tzinfo is None:
        raise ClockError(f"VISITAPP_NOW needs a time zone, e.g. 2026-11-23T09:30:00+08:00: {text!r}")
    return value.astimezone(UTC)


def set_now(value: datetime | None) -> None:
    """Fix the clock in this process (tests); None returns to the configured clock."""
    global _override
    if value is not None and value.tzinfo is None:
        raise ClockError("set_now needs an aware datetime")
    _override = value.astimezone(UTC) if value else None


def now() -> datetime:
    """The current instant, timezone-aware, in UTC."""
    if _override is not None:
        return _override
    settings = get_settings()
    if settings.now:
        fixed = parse_instant(settings.now)
        if settings.clock_mode == "offset":
            origin = settings.clock_origin if settings.clock_origin is not None else _started_wall
            return datetime.fromtimestamp(fixed.timestamp() + (time.time() - origin), UTC)
        return fixed
    return datetime.now(UTC)


def for_child() -> dict[str, str]:
    """The environment that gives a child process (visitapp.core.tasks) this process's clock: a fixed
    instant set here (tests), or the origin of a ticking clock that started with this process."""
    if _override is not None:
        return {"VISITAPP_NOW": _override.isoformat(), "VISITAPP_CLOCK_MODE": "fixed"}
    settings = get_settings()
    if settings.now and settings.clock_mode == "offset" and settings.clock_origin is None:
        return {"VISITAPP_CLOCK_ORIGIN": repr(_started_wall)}
    return {}


@overload
def aware(value: datetime) -> datetime: ...
@overload
def aware(value: None) -> None: ...
def aware(value: datetime | None) -> datetime | None:
    """A stored instant as aware UTC (SQLite returns naive datetimes for aware columns)."""
    if value is None:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def db_now() -> datetime:
    """Default factory for timestamp columns (aware UTC)."""
    return now()


def local_zone(name: str | None = None) -> ZoneInfo:
    return ZoneInfo(name or get_settings().timezone)


def to_local(value: datetime, zone: str | None = None) -> datetime:
    """A stored datetime (aware; naive is taken as UTC) in the local zone."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(local_zone(zone))


def local_now(zone: str | None = None) -> datetime:
    return to_local(now(), zone)


def today(zone: str | None = None) -> date:
    return local_now(zone).date()


def local_at(day: date, at: wall_time, zone: str | None = None) -> datetime:
    """A wall-clock time of a day in the local zone, as an aware datetime (a visit's window edge)."""
    return datetime.combine(day, at, tzinfo=local_zone(zone))
