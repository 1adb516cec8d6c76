"""Teams' working hours per day: the usual shift (on the team) and other hours on a weekday or a date.

The planner asks `hours_for` which hours each team works on the day it plans; dispatch sets other hours
with `set_team_shift` (an administrators' page for shifts comes later). Who may set them: whoever may
plan the team (its dispatcher, supervisors, administrators). Every change is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import or_
from sqlmodel import Session, col, select

from visitapp.core import access, audit, clock
from visitapp.core.errors import NotFound, ValidationError
from visitapp.core.identity import Identity
from visitapp.core.models import Team, TeamShift
from visitapp.core.rows import pk
from visitapp.planning.rules.shifts import ShiftHours, ShiftRule, hours_on, hours_problem

ACTION_SET = "team.shift_set"
ACTION_CLEAR = "team.shift_clear"


@dataclass(frozen=True)
class TeamShiftView:
    team_id: int
    weekday: int | None
    day: date | None
    hours: ShiftHours


def usual_hours(team: Team) -> ShiftHours:
    return ShiftHours(team.shift_start, team.shift_end, team.lunch_start, int(team.lunch_minutes or 0))


def _hours(row: TeamShift) -> ShiftHours:
    return ShiftHours(row.shift_start, row.shift_end, row.lunch_start, int(row.lunch_minutes or 0))


def hours_for(session: Session, teams: list[Team], day: date) -> dict[int, ShiftHours]:
    """Each team's hours on `day` (team id -> hours): its shift for that date or weekday, else the usual."""
    ids = [pk(t) for t in teams]
    rules: dict[int, list[ShiftRule]] = {i: [] for i in ids}
    if ids:
        for row in session.exec(
            select(TeamShift).where(
                col(TeamShift.team_id).in_(ids),
                or_(col(TeamShift.shift_date) == day, col(TeamShift.weekday) == day.weekday()),
            )
        ).all():
            rules[row.team_id].append(ShiftRule(_hours(row), weekday=row.weekday, day=row.shift_date))
    return {pk(t): hours_on(day, usual_hours(t), rules[pk(t)]) for t in teams}


def _one_of(day: date | None, weekday: int | None) -> None:
    if (day is None) == (weekday is None):
        raise ValidationError("shift.day_or_weekday")
    if weekday is not None and not 0 <= weekday <= 6:
        raise ValidationError("shift.day_or_weekday")


def _team(session: Session, actor: Identity, team_id: int) -> Team:
    access.require(actor, access.STAFF)
    if session.get(Team, team_id) is None:
        raise NotFound("error.not_found")
    (team,) = access.teams_for(session, actor, [team_id])  # Forbidden unless the actor plans this team
    return team


def _row(session: Session, team_id: int, day: date | None, weekday: int | None) -> TeamShift | None:
    which = col(TeamShift.shift_date) == day if day is not None else col(TeamShift.weekday) == weekday
    return session.exec(select(TeamShift).where(TeamShift.team_id == team_id, which)).first()


def _plain(row: TeamShift | None) -> dict | None:
    if row is None:
        return None
    return {
        "start": row.shift_start.strftime("%H:%M"),
        "end": row.shift_end.strftime("%H:%M"),
        "lunch_start": row.lunch_start.strftime("%H:%M"),
        "lunch_minutes": row.lunch_minutes,
    }


def _where(day: date | None, weekday: int | None) -> dict:
    return {"date": day.isoformat()} if day is not None else {"weekday": weekday}


def set_team_shift(
    session: Session,
    *,
    actor: Identity,
    team_id: int,
    start: time,
    end: time,
    lunch_start: time | None = None,
    lunch_minutes: int = 0,
    day: date | None = None,
    weekday: int | None = None,
) -> TeamShiftView:
    """Give a team other hours on one date (`day`) or on every `weekday` (0 Monday .. 6 Sunday), replacing
    any it had there. The break (`lunch_minutes` from `lunch_start`) must lie inside the shift."""
    _one_of(day, weekday)
    team = _team(session, actor, team_id)
    minutes = int(lunch_minutes or 0)
    problem = hours_problem(start, end, lunch_start, minutes)
    if problem:
        raise ValidationError(problem)
    at = lunch_start or start
    row = _row(session, pk(team), day, weekday)
    before = _plain(row)
    if row is None:
        row = TeamShift(
            team_id=pk(team), shift_date=day, weekday=weekday, shift_start=start, shift_end=end, lunch_start=at
        )
    row.shift_start, row.shift_end, row.lunch_start, row.lunch_minutes = start, end, at, minutes
    row.updated_at = clock.now()
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor_id=actor.id,
        action=ACTION_SET,
        entity="team",
        entity_id=team.id,
        before=None if before is None else {**_where(day, weekday), **before},
        after={**_where(day, weekday), **(_plain(row) or {})},
        detail=f"shift of {team.name} on {day.isoformat() if day else f'weekday {weekday}'}",
    )
    return TeamShiftView(pk(team), weekday, day, _hours(row))


def clear_team_shift(
    session: Session, *, actor: Identity, team_id: int, day: date | None = None, weekday: int | None = None
) -> bool:
    """The team works its usual hours again on that date or weekday; False if it had no other hours there."""
    _one_of(day, weekday)
    team = _team(session, actor, team_id)
    row = _row(session, pk(team), day, weekday)
    if row is None:
        return False
    audit.record(
        session,
        actor_id=actor.id,
        action=ACTION_CLEAR,
        entity="team",
        entity_id=team.id,
        before={**_where(day, weekday), **(_plain(row) or {})},
        after={**_where(day, weekday), "usual": True},
        detail=f"usual shift of {team.name} on {day.isoformat() if day else f'weekday {weekday}'}",
    )
    session.delete(row)
    session.flush()
    return True


def team_shifts(session: Session, *, actor: Identity, team_id: int) -> list[TeamShiftView]:
    """The team's other hours: weekdays first (Monday on), then dates."""
    team = _team(session, actor, team_id)
    rows = session.exec(select(TeamShift).where(TeamShift.team_id == pk(team))).all()
    rows = sorted(rows, key=lambda r: (r.weekday is None, r.weekday or 0, r.shift_date or date.min))
    return [TeamShiftView(r.team_id, r.weekday, r.shift_date, _hours(r)) for r in rows]


def day_hours(session: Session, *, actor: Identity, day: date) -> dict[int, ShiftHours]:
    """The hours on `day` of every team the actor plans (team id -> hours)."""
    return hours_for(session, access.teams_for(session, actor), day)
