"""Teams' hours per day (visitapp.planning.services.shifts) and what the planner does with them: evening
appointments for night workers planned on an evening shift, told before solving when no shift covers them,
and an honest answer when a moved visit is left out. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from sqlmodel import select

from tests import factories as f
from visitapp.core import auth, clock
from visitapp.core.errors import Forbidden, NotFound, ValidationError
from visitapp.core.models import AuditLog, Case, Debtor, Team, TeamShift, Visit
from visitapp.planning.rules.shifts import ShiftHours, ShiftRule, covers, hours_on
from visitapp.planning.services import planning, shifts

SECONDS = 0.5
EVENING = (time(19), time(21))
MONDAY = date(2026, 11, 23)  # the tests' today


# --- the rules: which hours a day has, and whether they can hold a window


USUAL = ShiftHours(time(9), time(18), time(12), 60)
LATE = ShiftHours(time(12), time(21), time(17), 60)
SHORT = ShiftHours(time(9), time(13), time(12), 0)


def test_a_date_beats_a_weekday_which_beats_the_usual_shift():
    rules = [ShiftRule(SHORT, weekday=MONDAY.weekday()), ShiftRule(LATE, day=MONDAY + timedelta(days=7))]
    assert hours_on(MONDAY, USUAL, rules) == SHORT  # every Monday
    assert hours_on(MONDAY + timedelta(days=7), USUAL, rules) == LATE  # that Monday
    assert hours_on(MONDAY + timedelta(days=1), USUAL, rules) == USUAL
    assert hours_on(MONDAY, USUAL) == USUAL
    with pytest.raises(ValueError):
        ShiftRule(LATE)  # neither a weekday nor a date
    with pytest.raises(ValueError):
        ShiftRule(LATE, weekday=1, day=MONDAY)
    with pytest.raises(ValueError):
        ShiftHours(time(21), time(12), time(17))


def test_a_shift_covers_a_window_when_a_visit_can_start_in_it_and_end_by_the_shift_end():
    assert not covers(USUAL, *EVENING, 30)  # nobody works evenings
    assert covers(LATE, *EVENING, 30)
    assert covers(USUAL, time(17), time(19), 30)  # starts 17:00, done 17:30
    assert not covers(USUAL, time(17, 45), time(19), 30)  # would end 18:15
    assert not covers(LATE, time(9), time(11), 30)  # the evening team does not work mornings
    assert LATE.label == "12:00–21:00"


# --- the service


@pytest.fixture
def world(session):
    d1, d2 = f.user(session, role="dispatcher"), f.user(session, role="dispatcher")
    t1, t2 = f.team(session, name="一队", dispatcher=d1), f.team(session, name="二队", dispatcher=d1)
    t3 = f.team(session, name="三队", dispatcher=d2)
    agents = {t.id: [f.user(session, team=t), f.user(session, team=t)] for t in (t1, t2, t3)}
    return {"d1": d1, "d2": d2, "t1": t1, "t2": t2, "t3": t3, "agents": agents}


def _appointment(session, team: Team, agents, *, name: str, window=EVENING, confirmed=True, day=None) -> Visit:
    c = f.case(session, team=team, name=name)
    v = f.visit(session, case=c, agents=agents, window=window, day=day or clock.today())
    v.hard_window, v.confirmation = confirmed, "confirmed" if confirmed else "notified"
    session.add(v)
    session.flush()
    return v


def test_hours_for_each_team_on_a_day_and_setting_and_clearing_them(session, world):
    d1, t1, t2 = auth.identity_of(world["d1"]), world["t1"], world["t2"]
    day = MONDAY + timedelta(days=2)
    assert shifts.hours_for(session, [t1, t2], day) == {t1.id: USUAL, t2.id: USUAL}

    shifts.set_team_shift(session, actor=d1, team_id=t1.id, weekday=day.weekday(), start=time(9), end=time(13))
    view = shifts.set_team_shift(
        session, actor=d1, team_id=t1.id, day=day, start=time(12), end=time(21), lunch_start=time(17), lunch_minutes=60
    )
    assert (view.day, view.weekday, view.hours) == (day, None, LATE)
    assert shifts.hours_for(session, [t1, t2], day) == {t1.id: LATE, t2.id: USUAL}  # the date wins
    next_week = day + timedelta(days=7)
    assert shifts.hours_for(session, [t1], next_week)[t1.id] == ShiftHours(time(9), time(13), time(9), 0)
    # setting the same date again replaces it: one row per team and date
    shifts.set_team_shift(session, actor=d1, team_id=t1.id, day=day, start=time(13), end=time(21))
    assert len(session.exec(select(TeamShift).where(TeamShift.team_id == t1.id)).all()) == 2
    assert shifts.hours_for(session, [t1], day)[t1.id].start == time(13)
    assert [(v.weekday, v.day) for v in shifts.team_shifts(session, actor=d1, team_id=t1.id)] == [
        (day.weekday(), None),
        (None, day),
    ]

    assert shifts.clear_team_shift(session, actor=d1, team_id=t1.id, day=day) is True
    assert shifts.clear_team_shift(session, actor=d1, team_id=t1.id, day=day) is False
    assert shifts.hours_for(session, [t1], day)[t1.id].end == time(13)  # the weekday again
    entries = session.exec(select(AuditLog).where(AuditLog.entity == "team").order_by(AuditLog.id)).all()
    assert [e.action for e in entries] == ["team.shift_set"] * 3 + ["team.shift_clear"]
    assert entries[1].after == {
        "date": day.isoformat(),
        "start": "12:00",
        "end": "21:00",
        "lunch_start": "17:00",
        "lunch_minutes": 60,
    }
    assert entries[2].before["start"] == "12:00" and entries[2].after["start"] == "13:00"
    assert all(e.actor_id == world["d1"].id and e.entity_id == str(t1.id) for e in entries)


def test_shifts_are_checked_and_only_whoever_plans_the_team_sets_them(session, world):
    d1, d2, t1 = auth.identity_of(world["d1"]), auth.identity_of(world["d2"]), world["t1"]
    day = MONDAY + timedelta(days=1)
    bad = [
        ({"start": time(21), "end": time(12)}, "shift.bad_hours"),
        ({"start": time(12), "end": time(21), "lunch_start": time(20, 30), "lunch_minutes": 60}, "shift.bad_lunch"),
        ({"start": time(12), "end": time(21), "lunch_start": time(11), "lunch_minutes": 30}, "shift.bad_lunch"),
        ({"start": time(12), "end": time(21), "lunch_minutes": -5}, "shift.bad_lunch"),
    ]
    for kw, key in bad:
        with pytest.raises(ValidationError) as err:
            shifts.set_team_shift(session, actor=d1, team_id=t1.id, day=day, **kw)
        assert err.value.key == key
    for where in ({}, {"day": day, "weekday": 1}, {"weekday": 7}):
        with pytest.raises(ValidationError) as err:
            shifts.set_team_shift(session, actor=d1, team_id=t1.id, start=time(12), end=time(21), **where)
        assert err.value.key == "shift.day_or_weekday"
    with pytest.raises(Forbidden):  # another dispatcher's team
        shifts.set_team_shift(session, actor=d2, team_id=t1.id, day=day, start=time(12), end=time(21))
    with pytest.raises(Forbidden):
        agent = auth.identity_of(world["agents"][t1.id][0])
        shifts.set_team_shift(session, actor=agent, team_id=t1.id, day=day, start=time(12), end=time(21))
    with pytest.raises(NotFound):
        shifts.set_team_shift(session, actor=d1, team_id=999_999, day=day, start=time(12), end=time(21))
    admin = auth.identity_of(f.user(session, role="admin"))
    shifts.set_team_shift(session, actor=admin, team_id=t1.id, day=day, start=time(12), end=time(21))
    assert session.exec(select(TeamShift)).one().team_id == t1.id


def test_a_confirmed_evening_appointment_is_planned_on_an_evening_shift(session, world):
    d1, t1, t2 = auth.identity_of(world["d1"]), world["t1"], world["t2"]
    day = clock.today()
    night = _appointment(session, t2, world["agents"][t2.id], name="夜班甲")
    day_case = f.case(session, team=t1)
    daytime = f.visit(session, case=day_case, agents=world["agents"][t1.id], window=(time(14), time(16)))
    # no team works evenings: it is left out, and honestly so
    before = planning.plan_day(session, actor=d1, day=day, seconds=SECONDS)
    assert [(x.visit_id, x.reason) for x in before.dropped] == [(night.id, "no_shift")]
    assert not before.feasible

    shifts.set_team_shift(
        session, actor=d1, team_id=t1.id, day=day, start=time(12), end=time(21), lunch_start=time(17), lunch_minutes=60
    )
    after = planning.plan_day(session, actor=d1, day=day, seconds=SECONDS)
    assert after.dropped == [] and after.feasible
    evening_team = next(t for t in after.teams if t.team_id == t1.id)
    stop = next(s for s in evening_team.stops if s.visit_id == night.id)  # given to the team that works evenings
    assert "19:00" <= stop.eta <= "21:00" and stop.hard
    assert evening_team.lunch is not None and "17:00" <= evening_team.lunch <= "18:00"
    assert daytime.id in [s.visit_id for t in after.teams for s in t.stops]
    planning.publish(session, actor=d1, plan_id=after.plan_id)
    session.refresh(night)
    assert (night.team_id, night.drop_reason) == (t1.id, None) and night.route_order is not None


def test_before_solving_the_plan_says_which_confirmed_appointments_no_shift_covers(session, world):
    d1, t1, t2, t3 = auth.identity_of(world["d1"]), world["t1"], world["t2"], world["t3"]
    day = clock.today()
    night = _appointment(session, t2, world["agents"][t2.id], name="王小明")
    _appointment(session, t2, world["agents"][t2.id], name="李四", confirmed=False)  # not agreed: not listed
    _appointment(session, t1, world["agents"][t1.id], name="赵五", window=(time(14), time(16)))  # covered
    _appointment(session, t3, world["agents"][t3.id], name="钱六")  # another dispatcher's team
    stopped = _appointment(session, t2, world["agents"][t2.id], name="孙七")
    debtor = session.get(Debtor, session.get(Case, stopped.case_id).debtor_id)
    debtor.disputed = True  # collection stopped: left out for that reason, not for a shift
    session.add(debtor)
    session.flush()

    found = planning.uncovered_appointments(session, actor=d1, day=day)
    assert [(u.visit_id, u.debtor_masked, u.window, u.team_name) for u in found] == [
        (night.id, "王**", "19:00–21:00", "二队")
    ]
    # only the chosen teams' shifts count; a team the dispatcher does not run may not be asked about
    assert planning.uncovered_appointments(session, actor=d1, day=day, team_ids=[t1.id]) == []
    with pytest.raises(Forbidden):
        planning.uncovered_appointments(session, actor=d1, day=day, team_ids=[t3.id])
    # an evening shift for either chosen team covers it
    shifts.set_team_shift(session, actor=d1, team_id=t1.id, day=day, start=time(12), end=time(21))
    assert planning.uncovered_appointments(session, actor=d1, day=day) == []
    assert [u.visit_id for u in planning.uncovered_appointments(session, actor=d1, day=day, team_ids=[t2.id])] == [
        night.id
    ]
    assert planning.uncovered_appointments(session, actor=d1, day=day + timedelta(days=1)) == []


def test_moving_a_visit_says_where_it_landed_and_the_visit_keeps_the_reason(session, world):
    d1, t1, t2 = auth.identity_of(world["d1"]), world["t1"], world["t2"]
    day = clock.today()
    shifts.set_team_shift(session, actor=d1, team_id=t1.id, day=day, start=time(12), end=time(21))
    night = _appointment(session, t1, world["agents"][t1.id], name="夜班乙")
    other = f.visit(session, case=f.case(session, team=t2), agents=world["agents"][t2.id], window=(time(9), time(11)))
    planning.publish(session, actor=d1, plan_id=planning.plan_day(session, actor=d1, day=day, seconds=SECONDS).plan_id)

    # to a team that does not work evenings: moved, but left out, and the reason is on the visit
    moved = planning.move_visit(session, actor=d1, visit_id=night.id, team_id=t2.id, seconds=SECONDS)
    assert (moved.team_name, moved.eta, moved.reason) == ("二队", None, "no_shift")
    session.refresh(night)
    assert (night.team_id, night.route_order, night.eta, night.drop_reason) == (t2.id, None, None, "no_shift")
    assert night.plan_id is not None

    # back to the evening team: planned, at a time
    back = planning.move_visit(session, actor=d1, visit_id=night.id, team_id=t1.id, seconds=SECONDS)
    session.refresh(night)
    assert back.reason is None and back.team_name == "一队" and "19:00" <= back.eta <= "21:00"
    assert back.eta == clock.to_local(night.eta).strftime("%H:%M") and night.drop_reason is None
    assert session.get(Visit, other.id).route_order is not None
