"""Plan the day and publish it, on SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
from datetime import UTC, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from tests import factories as f
from visitapp.core import auth, clock
from visitapp.core.errors import Forbidden, ValidationError
from visitapp.core.models import AuditLog, Case, Debtor, RoutePlan, Visit, VisitAgent
from visitapp.planning.services import planning

SHANGHAI = ZoneInfo("Asia/Shanghai")
SECONDS = 0.5


def _place(session, case, lat, lon):
    d = session.get(Debtor, case.debtor_id)
    d.lat, d.lon = lat, lon
    session.add(d)
    session.flush()


def _day(session, *, n=5, team=None, agents=(), lat=31.23, lon=121.47, window=(time(9), time(17)), start=0):
    """n visits for a team around (lat, lon); returns them."""
    out = []
    for i in range(n):
        c = f.case(session, team=team)
        _place(session, c, lat + 0.004 * ((i + start) % 5), lon + 0.003 * ((i + start) // 5))
        v = f.visit(session, case=c, agents=list(agents), window=window, order=i + 1)
        out.append(v)
    return out


@pytest.fixture
def world(session):
    d1, d2 = f.user(session, role="dispatcher"), f.user(session, role="dispatcher")
    t1, t2 = f.team(session, dispatcher=d1), f.team(session, dispatcher=d1)
    t3 = f.team(session, dispatcher=d2)
    agents = {t.id: [f.user(session, team=t), f.user(session, team=t)] for t in (t1, t2, t3)}
    return {"d1": d1, "d2": d2, "t1": t1, "t2": t2, "t3": t3, "agents": agents}


def test_plan_day_then_publish(session, world):
    d1, t1, t2 = world["d1"], world["t1"], world["t2"]
    a1 = world["agents"][t1.id]
    visits = _day(session, n=6, team=t1, agents=a1)
    visits += _day(session, n=4, team=t2, agents=world["agents"][t2.id], lat=31.24, start=1)
    # a confirmed appointment, an evening visit no shift covers, and an address without coordinates
    hard = visits[0]
    hard.hard_window, hard.confirmation = True, "confirmed"
    hard.window_start, hard.window_end = time(14), time(14, 30)
    evening = visits[1]
    evening.window_start, evening.window_end = time(19), time(21)
    nowhere = visits[2]
    debtor = session.get(Debtor, session.get(Case, nowhere.case_id).debtor_id)
    debtor.lat = debtor.lon = None
    session.add_all([hard, evening, debtor])
    session.flush()
    day = clock.today()
    progress = []
    summary = planning.plan_day(
        session, actor=auth.identity_of(d1), day=day, seconds=SECONDS, progress=lambda m, x: progress.append((m, x))
    )
    assert summary.status == "draft" and summary.day == day
    assert {t.team_id for t in summary.teams} == {t1.id, t2.id}
    assert summary.planned == 8 and summary.feasible
    assert {(d.visit_id, d.reason) for d in summary.dropped} == {
        (evening.id, "no_shift"),
        (nowhere.id, "no_coordinates"),
    }
    assert progress[0][1] == 0.0 and progress[-1] == ("done", 1.0)
    assert all(a <= b for (_, a), (_, b) in itertools.pairwise(progress))
    stop = next(s for t in summary.teams for s in t.stops if s.visit_id == hard.id)
    assert "14:00" <= stop.eta <= "14:30" and stop.hard and stop.window == "14:00–14:30"
    for team in summary.teams:
        assert [s.order for s in team.stops] == list(range(1, len(team.stops) + 1))
        assert "12:00" <= team.lunch <= "13:00"
        assert team.travel_minutes == pytest.approx(sum(s.travel_minutes for s in team.stops), abs=len(team.stops) + 1)
    # nothing is written onto the visits until the plan is published
    session.expire_all()
    assert all(session.get(Visit, v.id).plan_id is None for v in visits)

    n = planning.publish(session, actor=auth.identity_of(d1), plan_id=summary.plan_id)
    assert n == 10
    session.expire_all()
    plan = session.get(RoutePlan, summary.plan_id)
    assert plan.status == "published" and plan.published_at is not None
    for team in summary.teams:
        for s in team.stops:
            v = session.get(Visit, s.visit_id)
            assert v.plan_id == plan.id and v.route_order == s.order and v.team_id == team.team_id
            assert v.drop_reason is None and v.travel_minutes == s.travel_minutes
            eta = v.eta if v.eta.tzinfo else v.eta.replace(tzinfo=UTC)
            assert eta.astimezone(SHANGHAI).strftime("%H:%M") == s.eta
            assert eta.astimezone(SHANGHAI).date() == day
    for dropped in (evening, nowhere):
        v = session.get(Visit, dropped.id)
        assert v.route_order is None and v.eta is None and v.plan_id == plan.id and v.visit_date == day
    assert session.get(Visit, evening.id).drop_reason == "no_shift"
    assert session.get(Visit, nowhere.id).drop_reason == "no_coordinates"
    entry = session.exec(select(AuditLog).where(AuditLog.action == "route_plan.publish")).one()
    assert entry.actor_id == d1.id and entry.entity_id == str(plan.id) and entry.after["visits"] == 10
    # the published plan reads back the same
    again = planning.get_plan(session, actor=auth.identity_of(d1), plan_id=plan.id)
    assert again.status == "published" and again.planned == summary.planned
    with pytest.raises(ValidationError):
        planning.publish(session, actor=auth.identity_of(d1), plan_id=plan.id)


def test_publishing_supersedes_the_previous_plan_of_the_same_teams_only(session, world):
    d1, d2, t1, t3 = world["d1"], world["d2"], world["t1"], world["t3"]
    _day(session, n=3, team=t1, agents=world["agents"][t1.id])
    _day(session, n=2, team=t3, agents=world["agents"][t3.id])
    day = clock.today()
    mine = auth.identity_of(d1)
    first = planning.plan_day(session, actor=mine, day=day, team_ids=[t1.id], seconds=SECONDS)
    planning.publish(session, actor=mine, plan_id=first.plan_id)
    other = planning.plan_day(session, actor=auth.identity_of(d2), day=day, seconds=SECONDS)
    planning.publish(session, actor=auth.identity_of(d2), plan_id=other.plan_id)
    second = planning.replan_team(session, actor=mine, day=day, team_id=t1.id, seconds=SECONDS)
    assert second is not None and second.status == "published" and second.planned == 3
    session.expire_all()
    assert session.get(RoutePlan, first.plan_id).status == "superseded"
    assert session.get(RoutePlan, other.plan_id).status == "published"  # another dispatcher's teams
    assert session.get(RoutePlan, second.plan_id).status == "published"
    assert {v.plan_id for v in session.exec(select(Visit).where(Visit.team_id == t1.id)).all()} == {second.plan_id}
    # a team without visits that day: nothing to replan
    assert (
        planning.replan_team(session, actor=mine, day=day + timedelta(days=3), team_id=t1.id, seconds=SECONDS) is None
    )


def test_the_solver_may_give_a_visit_to_the_nearer_team(session, world):
    d1, t1, t2 = world["d1"], world["t1"], world["t2"]
    t1.base_lat, t1.base_lon = 31.35, 121.60  # far from every visit
    session.add(t1)
    session.flush()
    visits = _day(session, n=3, team=t1, agents=world["agents"][t1.id])
    summary = planning.plan_day(session, actor=auth.identity_of(d1), day=clock.today(), seconds=SECONDS)
    assert [t.team_id for t in summary.teams if t.stops] == [t2.id]
    planning.publish(session, actor=auth.identity_of(d1), plan_id=summary.plan_id)
    session.expire_all()
    t2_agents = {a.id for a in world["agents"][t2.id]}
    for v in visits:
        assert session.get(Visit, v.id).team_id == t2.id
        links = session.exec(select(VisitAgent.user_id).where(VisitAgent.visit_id == v.id)).all()
        assert set(links) == t2_agents


def test_dispatchers_plan_only_their_own_teams_and_agents_not_at_all(session, world):
    d1, d2, t1, t3 = world["d1"], world["d2"], world["t1"], world["t3"]
    _day(session, n=2, team=t3, agents=world["agents"][t3.id])
    _day(session, n=2, team=t1, agents=world["agents"][t1.id])
    day = clock.today()
    with pytest.raises(Forbidden):
        planning.plan_day(session, actor=auth.identity_of(d1), day=day, team_ids=[t3.id], seconds=SECONDS)
    with pytest.raises(Forbidden):
        planning.replan_team(session, actor=auth.identity_of(d1), day=day, team_id=t3.id, seconds=SECONDS)
    theirs = planning.plan_day(session, actor=auth.identity_of(d2), day=day, seconds=SECONDS)
    assert [t.team_id for t in theirs.teams] == [t3.id]
    with pytest.raises(Forbidden):
        planning.publish(session, actor=auth.identity_of(d1), plan_id=theirs.plan_id)
    with pytest.raises(Forbidden):
        planning.get_plan(session, actor=auth.identity_of(d1), plan_id=theirs.plan_id)
    agent = world["agents"][t1.id][0]
    with pytest.raises(Forbidden):
        planning.plan_day(session, actor=auth.identity_of(agent), day=day, seconds=SECONDS)
    with pytest.raises(Forbidden):
        planning.publish(session, actor=auth.identity_of(agent), plan_id=theirs.plan_id)
    # supervisors plan every team
    sup = f.user(session, role="supervisor")
    everything = planning.plan_day(session, actor=auth.identity_of(sup), day=day, seconds=SECONDS)
    assert {t.team_id for t in everything.teams} == {t1.id, world["t2"].id, t3.id}
    assert everything.planned == 4
    # nothing to plan on an empty day
    with pytest.raises(ValidationError) as err:
        planning.plan_day(session, actor=auth.identity_of(d1), day=day + timedelta(days=5), seconds=SECONDS)
    assert err.value.key == "plan.no_visits"
    assert session.exec(select(RoutePlan).where(RoutePlan.status == "published")).first() is None


def test_move_visit_replans_both_teams_and_moves_the_agents(session):
    from datetime import time as _time

    from sqlmodel import select as _select

    from tests import factories as _f
    from visitapp.core import auth as _auth
    from visitapp.core import clock as _clock
    from visitapp.core.models import VisitAgent as _VA
    from visitapp.planning.services import planning as _planning

    d = _f.user(session, role="dispatcher")
    t1, t2 = _f.team(session, dispatcher=d), _f.team(session, dispatcher=d)
    a1, a2 = _f.user(session, team=t1), _f.user(session, team=t2)
    day = _clock.today()
    v1 = _f.visit(session, case=_f.case(session, team=t1), agents=[a1], day=day, window=(_time(9), _time(11)))
    _f.visit(session, case=_f.case(session, team=t1), agents=[a1], day=day, window=(_time(14), _time(16)))
    _f.visit(session, case=_f.case(session, team=t2), agents=[a2], day=day, window=(_time(9), _time(11)))
    moved = _planning.move_visit(session, actor=_auth.identity_of(d), visit_id=v1.id, team_id=t2.id, seconds=0.5)
    assert {s.teams[0].team_id for s in moved.summaries} == {t1.id, t2.id}
    session.refresh(v1)
    assert v1.team_id == t2.id and v1.route_order is not None
    # where it landed, as the dispatcher is told: on the new team's route, at its ETA
    assert (moved.team_name, moved.reason) == (t2.name, None)
    assert moved.eta == _clock.to_local(v1.eta).strftime("%H:%M")
    assert [va.user_id for va in session.exec(_select(_VA).where(_VA.visit_id == v1.id)).all()] == [a2.id]


def test_publishing_a_stale_draft_is_refused_and_stopped_cases_are_not_routed(session):
    from datetime import time as _time

    import pytest as _pytest

    from tests import factories as _f
    from visitapp.core import auth as _auth
    from visitapp.core import clock as _clock
    from visitapp.core.errors import Conflict as _Conflict
    from visitapp.planning.services import planning as _planning

    d = _f.user(session, role="dispatcher")
    t1, t2 = _f.team(session, dispatcher=d), _f.team(session, dispatcher=d)
    a1, _a2 = _f.user(session, team=t1), _f.user(session, team=t2)
    day = _clock.today()
    v1 = _f.visit(session, case=_f.case(session, team=t1), agents=[a1], day=day, window=(_time(9), _time(11)))
    paused_case = _f.case(session, team=t1)
    paused_case.status = "paused"
    session.add(paused_case)
    v_paused = _f.visit(session, case=paused_case, agents=[a1], day=day, window=(_time(14), _time(16)))
    actor = _auth.identity_of(d)
    draft = _planning.plan_day(session, actor=actor, day=day, team_ids=[t1.id, t2.id], seconds=0.5)
    assert [(x.visit_id, x.reason) for x in draft.dropped] == [(v_paused.id, "stopped")]
    assert v_paused.id not in [st.visit_id for t in draft.teams for st in t.stops]
    _planning.move_visit(session, actor=actor, visit_id=v1.id, team_id=t2.id, seconds=0.5)
    with _pytest.raises(_Conflict) as exc:
        _planning.publish(session, actor=actor, plan_id=draft.plan_id)
    assert exc.value.key == "plan.stale"
    session.refresh(v1)
    assert v1.team_id == t2.id
