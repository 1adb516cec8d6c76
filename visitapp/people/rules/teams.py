"""What a team record may hold: the checks of an admin's team form, pure (no SQL, no Reflex)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from visitapp.planning.rules.shifts import hours_problem

MAX_NAME = 80
PAIR = 2  # the agents of a team: a pair (CN-2026: two agents on every visit)


@dataclass(frozen=True)
class TeamForm:
    """An admin's team form, as typed (strings)."""

    name: str = ""
    dispatcher_id: str = ""
    agent_ids: tuple[str, ...] = ()
    base_address: str = ""
    base_lat: str = ""
    base_lon: str = ""
    shift_start: str = "09:00"
    shift_end: str = "18:00"
    lunch_start: str = "12:00"
    lunch_minutes: str = "60"


@dataclass(frozen=True)
class TeamFields:
    name: str
    dispatcher_id: int | None
    agent_ids: tuple[int, ...]
    base_address: str
    base_lat: float | None
    base_lon: float | None
    shift_start: time
    shift_end: time
    lunch_start: time
    lunch_minutes: int


def parse_time(text: str) -> time | None:
    """`HH:MM` (24 h) or None."""
    parts = text.strip().split(":")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        return None
    hour, minute = int(parts[0]), int(parts[1])
    return time(hour, minute) if 0 <= hour < 24 and 0 <= minute < 60 else None


def _coordinate(text: str, low: float, high: float) -> tuple[float | None, bool]:
    """(value, ok): an empty text is no value; otherwise a decimal number within [low, high]."""
    if not text.strip():
        return None, True
    try:
        value = float(text.strip())
    except ValueError:
        return None, False
    return (value, True) if low <= value <= high else (None, False)


def check(form: TeamForm) -> tuple[TeamFields | None, list[tuple[str, str]]]:
    """The checked fields, or None and every problem as (field, message key)."""
    problems: list[tuple[str, str]] = []
    name = " ".join(form.name.split())
    if not name:
        problems.append(("name", "teams.error.name_missing"))
    elif len(name) > MAX_NAME:
        problems.append(("name", "teams.error.name_long"))
    dispatcher = form.dispatcher_id.strip()
    if dispatcher and not dispatcher.isdigit():
        problems.append(("dispatcher_id", "teams.error.dispatcher"))
    chosen = [a.strip() for a in form.agent_ids if a.strip()]
    if any(not a.isdigit() for a in chosen):
        problems.append(("agent_ids", "teams.error.agent"))
    elif len(set(chosen)) != len(chosen):
        problems.append(("agent_ids", "teams.error.same_agent"))
    elif len(chosen) > PAIR:
        problems.append(("agent_ids", "teams.error.pair"))
    lat, lat_ok = _coordinate(form.base_lat, -90, 90)
    lon, lon_ok = _coordinate(form.base_lon, -180, 180)
    if not lat_ok:
        problems.append(("base_lat", "teams.error.lat"))
    if not lon_ok:
        problems.append(("base_lon", "teams.error.lon"))
    if lat_ok and lon_ok and (lat is None) != (lon is None):
        problems.append(("base_lat", "teams.error.pin_half"))
    start, end, lunch = parse_time(form.shift_start), parse_time(form.shift_end), parse_time(form.lunch_start)
    for field, value in (("shift_start", start), ("shift_end", end), ("lunch_start", lunch)):
        if value is None:
            problems.append((field, "teams.error.time"))
    minutes_text = form.lunch_minutes.strip() or "0"
    minutes = int(minutes_text) if minutes_text.isdigit() else -1
    if not 0 <= minutes <= 180:
        problems.append(("lunch_minutes", "teams.error.lunch_minutes"))
    if start and end and lunch and minutes >= 0:
        problem = hours_problem(start, end, lunch, minutes)
        if problem:
            problems.append(("shift_end" if problem == "shift.bad_hours" else "lunch_start", problem))
    if problems:
        return None, problems
    assert start and end and lunch
    return (
        TeamFields(
            name=name,
            dispatcher_id=int(dispatcher) if dispatcher else None,
            agent_ids=tuple(int(a) for a in chosen),
            base_address=" ".join(form.base_address.split())[:200],
            base_lat=lat,
            base_lon=lon,
            shift_start=start,
            shift_end=end,
            lunch_start=lunch,
            lunch_minutes=minutes,
        ),
        [],
    )
