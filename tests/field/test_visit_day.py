"""Today as the clock goes (issue 12, point 4): every visit's phase in the agent's day, recording "not
visited" with a reason, asking the dispatcher to move a visit, the check-in disabled with the reason when
the policy would refuse it, and the board counting "late" as Today shows it. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from tests import factories as f
from tests.states import page, run
from visitapp.core import auth, clock
from visitapp.core.db import session_scope
from visitapp.core.enums import VisitPhase, VisitStatus
from visitapp.core.errors import NotFound, ValidationError
from visitapp.core.models import AuditLog, ContactLedger, Reminder, Visit
from visitapp.field.services import checkin, visits
from visitapp.field.ui.today_state import AgentTodayState
from visitapp.money.services import followup
from visitapp.planning.services import board

SH = ZoneInfo("Asia/Shanghai")
HOME = (31.229, 121.455)


def _at(hh: int, mm: int = 0) -> datetime:
    return datetime.combine(clock.today(), time(hh, mm), SH)


def _day(session):
    """A team of two with its dispatcher and four visits today: two in the morning, two in the afternoon."""
    dispatcher = f.user(session, role="dispatcher")
    t = f.team(session, dispatcher=dispatcher)
    a1, a2 = f.user(session, team=t), f.user(session, team=t)
    out = []
    for n, (window, eta) in enumerate(
        [
            ((time(9), time(11)), (9, 40)),
            ((time(9), time(11)), (10, 30)),
            ((time(14), time(16)), (14, 20)),
            ((time(14), time(16)), (15, 0)),
        ],
        start=1,
    ):
        v = f.visit(
            session, case=f.case(session, team=t, agent=a1, name=f"客户{n}"), agents=[a1, a2], order=n, window=window
        )
        v.eta = _at(*eta)
        session.add(v)
        out.append(v)
    session.flush()
    return auth.identity_of(a1), out, dispatcher


def _phases(session, me) -> list[VisitPhase]:
    return [v.phase for v in visits.agent_day(session, actor=me).visits]


def test_the_day_reads_as_the_clock_goes(session):
    me, vs, _d = _day(session)
    assert _phases(session, me) == [VisitPhase.NEXT, VisitPhase.UPCOMING, VisitPhase.UPCOMING, VisitPhase.UPCOMING]
    # the first one is checked in at 09:50 and done by 10:20
    checkin.check_in(session, actor=me, visit_id=vs[0].id, lat=HOME[0], lon=HOME[1])
    assert _phases(session, me)[:2] == [VisitPhase.IN_PROGRESS, VisitPhase.NEXT]
    row = session.get(Visit, vs[0].id)
    row.status, row.checkout_at = VisitStatus.DONE, clock.now()
    session.add(row)
    session.flush()
    clock.set_now(_at(16, 30))  # the afternoon of issue 12
    day = visits.agent_day(session, actor=me)
    assert [v.phase for v in day.visits] == [VisitPhase.DONE, VisitPhase.LATE, VisitPhase.LATE, VisitPhase.LATE]
    assert day.count(VisitPhase.LATE) == 3 and day.next_change is None
    assert [v.late for v in day.visits[1:]] == ["window", "window", "window"]
    assert day.visits[1].actions == ("not_visited", "ask_move")
    assert day.visits[0].done_at is not None and day.visits[0].actions == ()
    # the board counts the same three as late
    (progress,) = board.team_progress(session, actor=auth.identity_of(_dispatcher(session, vs[0])))
    assert (progress.late, progress.done) == (3, 1)


def _dispatcher(session, visit):
    from visitapp.core.models import Team, User

    return session.get(User, session.get(Team, visit.team_id).dispatcher_id)


def test_not_visited_is_recorded_with_its_reason_and_no_contact(session):
    me, vs, _d = _day(session)
    clock.set_now(_at(16, 30))
    for bad in ("", "tired", "NO_TIME"):
        with pytest.raises(ValidationError) as exc:
            visits.record_not_visited(session, actor=me, visit_id=vs[1].id, reason=bad)
        assert exc.value.key == "visit.bad_not_visited_reason"
    v = visits.record_not_visited(session, actor=me, visit_id=vs[1].id, reason="no_time")
    assert v.status == VisitStatus.MISSED and v.version == 2
    assert session.exec(select(ContactLedger)).all() == []  # nobody was contacted
    log = session.exec(select(AuditLog).where(AuditLog.action == "visit.not_visited")).one()
    assert (log.entity_id, log.after, log.actor_id) == (str(vs[1].id), {"status": "missed", "reason": "no_time"}, me.id)
    day = visits.agent_day(session, actor=me)
    assert day.visits[1].phase == VisitPhase.MISSED and day.visits[1].not_visited_reason == "no_time"
    assert day.visits[1].actions == ("ask_move",)
    with pytest.raises(ValidationError) as exc:
        visits.record_not_visited(session, actor=me, visit_id=vs[1].id, reason="other")
    assert exc.value.key == "visit.already_not_visited"
    # and it cannot be checked in any more
    with pytest.raises(ValidationError) as exc:
        checkin.check_in(session, actor=me, visit_id=vs[1].id, lat=HOME[0], lon=HOME[1])
    assert exc.value.key == "checkin.blocked_not_visited"
    # the board: not late any more, counted as not visited
    (progress,) = board.team_progress(session, actor=auth.identity_of(_dispatcher(session, vs[0])))
    assert (progress.late, progress.missed) == (3, 1)


def test_not_visited_only_for_a_visit_not_started_today_by_an_agent_on_it(session):
    me, vs, _dispatcher = _day(session)
    clock.set_now(_at(9, 50))
    checkin.check_in(session, actor=me, visit_id=vs[0].id, lat=HOME[0], lon=HOME[1])
    with pytest.raises(ValidationError) as exc:
        visits.record_not_visited(session, actor=me, visit_id=vs[0].id, reason="no_time")
    assert exc.value.key == "visit.already_started"
    stranger = auth.identity_of(f.user(session, team=f.team(session)))
    with pytest.raises(NotFound):
        visits.record_not_visited(session, actor=stranger, visit_id=vs[1].id, reason="no_time")
    with pytest.raises(NotFound):
        visits.ask_to_move(session, actor=stranger, visit_id=vs[1].id)


def test_asking_to_move_a_visit_gives_the_dispatcher_one_task(session):
    me, vs, dispatcher = _day(session)
    clock.set_now(_at(16, 30))
    visits.record_not_visited(session, actor=me, visit_id=vs[2].id, reason="rescheduled")
    asked = visits.ask_to_move(session, actor=me, visit_id=vs[2].id)
    assert asked.created and asked.dispatcher_name == dispatcher.display_name
    again = visits.ask_to_move(session, actor=me, visit_id=vs[2].id)  # twice: still one task
    assert not again.created and again.reminder_id == asked.reminder_id
    reminder = session.exec(select(Reminder).where(Reminder.kind == "visit_move")).one()
    assert reminder.user_id == dispatcher.id and reminder.source_ref == f"visit:{vs[2].id}"
    assert reminder.title_key == "visit.move_title" and "客户3" not in str(reminder.title_params)  # masked
    out = followup.reminders(session, actor=auth.identity_of(dispatcher))
    assert [(r.kind, r.link) for r in out] == [("visit_move", "/dispatch/plan")]
    # the dispatcher reads it in their language, the reason included
    assert "客户要求改期" in out[0].title("zh-CN") and "asks to move" in out[0].title("en")
    assert "debtor asked for another time" in out[0].title("en")
    day = visits.agent_day(session, actor=me)
    assert day.visits[2].move_requested and day.visits[2].actions == ()
    # once the dispatcher dealt with it, the agent may ask again
    followup.done(session, actor=auth.identity_of(dispatcher), reminder_id=asked.reminder_id)
    assert visits.ask_to_move(session, actor=me, visit_id=vs[2].id).created


def test_without_a_dispatcher_the_agent_is_told_whom_to_ask(session):
    t = f.team(session)
    a1, a2 = f.user(session, team=t), f.user(session, team=t)
    v = f.visit(session, case=f.case(session, team=t, agent=a1), agents=[a1, a2])
    with pytest.raises(ValidationError) as exc:
        visits.ask_to_move(session, actor=auth.identity_of(a1), visit_id=v.id)
    assert exc.value.key == "visit.no_dispatcher"


@pytest.mark.parametrize(
    ("hhmm", "ok", "codes"),
    [
        ((9, 30), True, []),
        ((12, 30), False, ["visit.outside_slots"]),  # between the offered slots
        ((16, 30), False, ["visit.outside_slots"]),  # the afternoon of issue 12
        ((22, 30), False, ["time.quiet_hours"]),
    ],
)
def test_check_in_readiness_says_why_before_the_tap(session, hhmm, ok, codes):
    me, vs, _d = _day(session)
    clock.set_now(_at(*hhmm))
    r = checkin.readiness(session, actor=me, visit_id=vs[1].id)
    assert r.ok is ok
    if not ok:
        assert r.key == "checkin.blocked_policy" and [x.code for x in r.decision.reasons][: len(codes)] == codes
        assert r.decision.next_allowed_at is not None
    assert session.exec(select(ContactLedger)).all() == []  # asking records nothing


def test_check_in_readiness_for_other_days_and_closed_visits(session):
    me, vs, _d = _day(session)
    visits.record_not_visited(session, actor=me, visit_id=vs[3].id, reason="not_home")
    assert checkin.readiness(session, actor=me, visit_id=vs[3].id).key == "checkin.blocked_not_visited"
    later = f.visit(
        session,
        case=f.case(session, team=_team(session, vs[0])),
        agents=[_user(session, me)],
        day=clock.today() + timedelta(days=1),
    )
    r = checkin.readiness(session, actor=me, visit_id=later.id)
    assert (r.ok, r.key, r.params["day"]) == (False, "checkin.blocked_other_day", clock.today() + timedelta(days=1))
    with pytest.raises(ValidationError) as exc:
        visits.record_not_visited(session, actor=me, visit_id=later.id, reason="no_time")
    assert exc.value.key == "visit.not_today"


def _team(session, visit):
    from visitapp.core.models import Team

    return session.get(Team, visit.team_id)


def _user(session, identity):
    from visitapp.core.models import User

    return session.get(User, identity.id)


def test_a_planned_out_visit_is_explained_on_tomorrows_list(session):
    me, vs, _d = _day(session)
    tomorrow = clock.today() + timedelta(days=1)
    for v in vs[2:]:
        v.visit_date = tomorrow
        session.add(v)
    vs[3].route_order, vs[3].eta, vs[3].drop_reason = None, None, "no_time"
    session.flush()
    day = visits.agent_day(session, actor=me, day=tomorrow)
    assert [v.phase for v in day.visits] == [VisitPhase.UPCOMING, VisitPhase.NOT_PLANNED]  # no "next" tomorrow
    assert day.visits[1].drop_reason == "no_time" and day.visits[1].actions == ()


# --- the page state, as the browser drives it ---


def _login(db_url: str, username: str) -> str:
    with session_scope(db_url) as s:
        return auth.login(s, username=username, password=f.PASSWORD).token


def test_today_state_at_half_past_four_shows_late_visits_and_what_can_still_be_done(db_url):
    with session_scope(db_url) as s:
        me, vs, _d = _day(s)
        ids = [v.id for v in vs]
        name = me.username
    clock.set_now(_at(16, 30))
    state = page(AgentTodayState, token=_login(db_url, name))
    run(AgentTodayState.load, state)
    assert [r["phase"] for r in state.rows] == ["late"] * 4
    assert [r["phase_label"] for r in state.rows] == ["已逾时"] * 4
    assert state.rows[0]["when"] == "时段 09:00–11:00 已过，尚未走访"
    assert all(r["eta"] == "" for r in state.rows)  # no morning ETAs in the afternoon
    assert state.summary == "完成 0 · 进行中 0 · 逾时 4 · 未走访 0"
    assert state.rows[0]["can_not_visit"] and state.rows[0]["can_move"]

    run(AgentTodayState.open_not_visited, state, str(ids[0]))
    assert state.acting_on == str(ids[0])
    events = run(AgentTodayState.not_visited, state, {"visit_id": str(ids[0]), "reason": "no_time"})
    assert state.acting_on == "" and state.rows[0]["phase"] == "missed"
    assert state.rows[0]["when"] == "未走访：时间不够" and "未走访 1" in state.summary
    assert "客户1" in str(events)  # the toast names the visit
    run(AgentTodayState.ask_move, state, str(ids[0]))
    assert state.rows[0]["moved"] == "已请调度改期" and state.rows[0]["can_move"] == ""
    # a refusal is a message, not a crash, and changes nothing
    events = run(AgentTodayState.not_visited, state, {"visit_id": str(ids[0]), "reason": "no_time"})
    assert "已记录为未走访" in str(events)


def test_today_state_refreshes_itself_when_a_window_ends(db_url):
    with session_scope(db_url) as s:
        me, _vs, _d = _day(s)
        name = me.username
    clock.set_now(_at(9, 30))
    state = page(AgentTodayState, token=_login(db_url, name))
    run(AgentTodayState.load, state)
    assert state.rows[0]["phase"] == "next" and state.rows[0]["eta"] == "09:40"
    clock.set_now(_at(10, 11))  # the first arrival is 30 min overdue: nothing else changed
    run(AgentTodayState.poll, state)
    assert state.rows[0]["phase"] == "late" and state.rows[0]["when"].startswith("已比预计到达（09:40）晚")
    assert state.rows[1]["phase"] == "next"
