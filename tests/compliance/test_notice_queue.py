"""Notices queued on publish: the dry run, one row per visit and time, the leased job sending them when due
through the one contact check, and publishing again never sending a duplicate (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from tests import factories as f
from visitapp import jobs
from visitapp.adapters.sms import OutboxProvider
from visitapp.compliance.rules.notice import notice_due
from visitapp.compliance.rules.templates import VISIT_NOTICE
from visitapp.compliance.services import notice_queue, notices
from visitapp.core import auth, clock
from visitapp.core.errors import Forbidden
from visitapp.core.models import AuditLog, Case, ContactLedger, Debtor, DebtorPhone, Message, Visit, VisitNotice
from visitapp.planning.services import planning

SH = ZoneInfo("Asia/Shanghai")
HOURS = (time(9), time(20))
DAY = datetime(2026, 11, 25, tzinfo=SH).date()  # a Wednesday; the test clock is Monday 11-23 09:30


# --- when a notice goes (pure) ---


def _at(d: int, h: int, m: int = 0) -> datetime:
    return datetime(2026, 11, d, h, m, tzinfo=SH)


def test_due_the_day_before_at_the_start_of_the_notice_hours():
    assert notice_due(_at(25, 14), now=_at(23, 9, 30), days_before=1, hours=HOURS, zone=SH) == _at(24, 9)
    assert notice_due(_at(25, 14), now=_at(23, 9, 30), days_before=2, hours=HOURS, zone=SH) == _at(23, 9, 30)


def test_published_late_goes_as_soon_as_the_hours_allow_before_the_visit():
    # published the evening before, after the hours: the next morning, if the visit starts later
    assert notice_due(_at(25, 14), now=_at(24, 21), days_before=1, hours=HOURS, zone=SH) == _at(25, 9)
    # inside the hours: at once
    assert notice_due(_at(25, 14), now=_at(24, 15, 10), days_before=1, hours=HOURS, zone=SH) == _at(24, 15, 10)
    # a 09:00 visit published after 20:00 the day before: no moment is left
    assert notice_due(_at(25, 9), now=_at(24, 20, 30), days_before=1, hours=HOURS, zone=SH) is None
    # before the hours open on the visit's day: at the opening, if that is before the visit
    assert notice_due(_at(25, 10), now=_at(25, 7), days_before=0, hours=HOURS, zone=SH) == _at(25, 9)


# --- the service ---


@pytest.fixture
def world(session):
    d = f.user(session, role="dispatcher")
    t = f.team(session, dispatcher=d)
    agents = [f.user(session, team=t), f.user(session, team=t)]
    visits = []
    for i in range(4):
        c = f.case(session, team=t, agent=agents[0], phone=f"+86138000000{i:02d}")
        debtor = session.get(Debtor, c.debtor_id)
        debtor.lat, debtor.lon = 31.23 + 0.004 * i, 121.47
        session.add(debtor)
        visits.append(f.visit(session, case=c, agents=agents, day=DAY, window=(time(14), time(16)), order=i + 1))
    session.flush()
    return {"d": auth.identity_of(d), "team": t, "agents": agents, "visits": visits}


def _plan(session, w):
    return planning.plan_day(session, actor=w["d"], day=DAY, team_ids=[w["team"].id], seconds=0.3)


def _rows(session, visit_id=None):
    q = select(VisitNotice).order_by(VisitNotice.id)
    if visit_id is not None:
        q = q.where(VisitNotice.visit_id == visit_id)
    return session.exec(q).all()


def _messages(session):
    return session.exec(select(Message).where(Message.template_key == VISIT_NOTICE)).all()


def test_dry_run_says_what_will_go_and_when_and_writes_nothing(session, world):
    v = world["visits"]
    confirmed = v[1]
    confirmed.confirmation = "confirmed"
    session.add(confirmed)
    no_phone = session.get(Case, v[2].case_id)
    for p in session.exec(select(DebtorPhone).where(DebtorPhone.debtor_id == no_phone.debtor_id)).all():
        session.delete(p)
    session.flush()
    plan = _plan(session, world)
    ledger_before = len(session.exec(select(ContactLedger)).all())

    dry = planning.notice_preview(session, actor=world["d"], plan_id=plan.plan_id, leave_out=[v[3].id])
    by_visit = {x.visit_id: x for x in dry.lines}
    assert by_visit[v[0].id].outcome == "send" and by_visit[v[0].id].due_at == _at(24, 9)
    assert by_visit[v[1].id].outcome == "confirmed"
    assert by_visit[v[2].id].outcome == "no_phone"
    assert by_visit[v[3].id].outcome == "left_out"
    assert "*" in by_visit[v[0].id].debtor  # masked, as on the plan page
    assert _rows(session) == [] and len(session.exec(select(ContactLedger)).all()) == ledger_before

    # another team's dispatcher may not see it
    other = auth.identity_of(f.user(session, role="dispatcher"))
    with pytest.raises(Forbidden):
        planning.notice_preview(session, actor=other, plan_id=plan.plan_id)


def test_publish_queues_the_job_sends_when_due_once_and_republishing_sends_no_duplicate(session, world):
    v = world["visits"]
    plan = _plan(session, world)
    planning.publish(session, actor=world["d"], plan_id=plan.plan_id, leave_out=[v[3].id])
    rows = {r.visit_id: r for r in _rows(session)}
    assert {rows[x.id].state for x in v[:3]} == {"queued"} and rows[v[3].id].state == "left_out"
    assert clock.aware(rows[v[0].id].due_at) == _at(24, 9)
    entry = session.exec(select(AuditLog).where(AuditLog.action == "route_plan.publish")).one()
    assert entry.after["notices"] == {"send": 3, "left_out": 1} and entry.after["left_out"] == [v[3].id]
    assert planning.notices_queued(session, actor=world["d"], plan_id=plan.plan_id) == 3  # what the toast says

    provider = OutboxProvider()
    assert notice_queue.send_due(session, now=_at(24, 8, 59), provider=provider)["sent"] == 0
    assert _messages(session) == []
    clock.set_now(_at(24, 9, 1))
    counts = notice_queue.send_due(session, provider=provider)
    assert counts["sent"] == 3
    msgs = _messages(session)
    assert sorted(m.visit_id for m in msgs) == sorted(x.id for x in v[:3])
    assert all("14:00-16:00" in m.body and notices.link_tokens.HIDDEN in m.body for m in msgs)
    for r in _rows(session):
        session.refresh(r)
    sent = {r.visit_id: r for r in _rows(session)}
    assert sent[v[0].id].state == "sent" and sent[v[0].id].message_id is not None
    # every notice passed the one contact check and is in the ledger, sent by the system
    ledger = session.exec(select(ContactLedger).where(ContactLedger.channel == "sms")).all()
    assert len(ledger) == 3 and all(e.allowed and e.details.get("queued") for e in ledger)
    assert session.get(Visit, v[0].id).confirmation == "notified"

    # the job again: nothing new
    assert notice_queue.send_due(session, provider=provider) == dict.fromkeys(
        ("sent", "blocked", "waiting", "cancelled", "skipped"), 0
    )
    # planned and published again (a change elsewhere): only what changed is queued, never a duplicate
    again = _plan(session, world)
    planning.publish(session, actor=world["d"], plan_id=again.plan_id)
    assert notice_queue.send_due(session, provider=provider)["sent"] == 1  # the one left out before
    assert len(_messages(session)) == 4


def test_a_moved_visit_gets_a_notice_for_its_new_time_and_the_old_queued_one_is_cancelled(session, world):
    v = world["visits"]
    planning.publish(session, actor=world["d"], plan_id=_plan(session, world).plan_id)
    clock.set_now(_at(24, 9, 5))
    notice_queue.send_due(session, provider=OutboxProvider())  # all four go
    moved, waiting = v[0], v[1]
    moved.window_start, moved.window_end = time(9), time(11)
    moved.version += 1
    session.add(moved)
    session.flush()
    dry = planning.notice_preview(session, actor=world["d"], plan_id=_plan(session, world).plan_id)
    line = next(x for x in dry.lines if x.visit_id == moved.id)
    assert line.outcome == "send" and line.new_time
    assert next(x for x in dry.lines if x.visit_id == waiting.id).outcome == "already"

    plan = _plan(session, world)
    planning.publish(session, actor=world["d"], plan_id=plan.plan_id)
    rows = _rows(session, moved.id)
    assert [(r.window_start, r.state) for r in rows] == [(time(14), "sent"), (time(9), "queued")]
    # moved once more before it went: the queued one is cancelled, the new time queued
    moved.window_start, moved.window_end = time(10), time(12)
    moved.version += 1
    session.add(moved)
    session.flush()
    planning.publish(session, actor=world["d"], plan_id=_plan(session, world).plan_id)
    states = [(r.window_start, r.state, r.reason) for r in _rows(session, moved.id)]
    assert states == [(time(14), "sent", None), (time(9), "cancelled", "time_changed"), (time(10), "queued", None)]


def test_the_job_checks_the_visit_as_it_is_now(session, world):
    v = world["visits"]
    planning.publish(session, actor=world["d"], plan_id=_plan(session, world).plan_id)
    cancelled, confirmed, moved = v[0], v[1], v[2]
    cancelled.status = "cancelled"
    confirmed.confirmation = "confirmed"
    moved.visit_date = DAY + timedelta(days=1)
    session.add_all([cancelled, confirmed, moved])
    session.flush()
    clock.set_now(_at(24, 9, 1))
    counts = notice_queue.send_due(session, provider=OutboxProvider())
    assert counts == {"sent": 1, "blocked": 0, "waiting": 0, "cancelled": 2, "skipped": 1}
    reasons = {r.visit_id: (r.state, r.reason) for r in _rows(session)}
    assert reasons[cancelled.id] == ("cancelled", "visit_closed")
    assert reasons[confirmed.id] == ("skipped", "confirmed")
    assert reasons[moved.id] == ("cancelled", "time_changed")
    assert [m.visit_id for m in _messages(session)] == [v[3].id]


def test_refused_by_the_contact_check_waits_for_a_later_allowed_time_or_stays_blocked(session, world):
    v = world["visits"]
    planning.publish(session, actor=world["d"], plan_id=_plan(session, world).plan_id)
    # the debtor of v0 got two SMS today already (the daily allowance); v1's case is paused for a complaint
    c0 = session.get(Case, v[0].case_id)
    provider = OutboxProvider()
    clock.set_now(_at(24, 8, 30))
    for _ in range(2):
        r = notices.send_visit_notice(
            session,
            actor=auth.identity_of(world["agents"][0]),
            visit_id=f.visit(
                session, case=c0, agents=world["agents"], day=_at(24, 0).date(), window=(time(14), time(16))
            ).id,
            base_url="https://visit.example.cn",
            provider=provider,
        )
        assert r.decision.allowed
    c1 = session.get(Case, v[1].case_id)
    c1.status = "paused"
    session.add(c1)
    session.flush()
    clock.set_now(_at(24, 9, 1))
    counts = notice_queue.send_due(session, provider=provider)
    assert counts["sent"] == 2 and counts["waiting"] == 1 and counts["blocked"] == 1
    r0 = _rows(session, v[0].id)[0]
    assert r0.state == "queued" and clock.aware(r0.due_at) == _at(25, 9)  # tomorrow morning, before 14:00
    assert r0.reasons[0]["code"] == "sms.daily_cap"
    r1 = _rows(session, v[1].id)[0]
    assert r1.state == "blocked" and r1.reasons and r1.ledger_id is not None
    # the blocked attempt is in the ledger too
    assert not session.get(ContactLedger, r1.ledger_id).allowed
    clock.set_now(_at(25, 9, 1))
    assert notice_queue.send_due(session, provider=provider)["sent"] == 1


def test_an_agents_own_notice_marks_the_time_noticed_so_the_job_does_not_repeat_it(session, world):
    v = world["visits"]
    planning.publish(session, actor=world["d"], plan_id=_plan(session, world).plan_id)
    r = notices.send_visit_notice(
        session,
        actor=auth.identity_of(world["agents"][0]),
        visit_id=v[0].id,
        base_url="https://visit.example.cn",
        provider=OutboxProvider(),
    )
    assert r.decision.allowed
    assert _rows(session, v[0].id)[0].state == "sent"
    clock.set_now(_at(24, 9, 1))
    assert notice_queue.send_due(session, provider=OutboxProvider())["sent"] == 3
    assert sorted(m.visit_id for m in _messages(session)) == sorted(x.id for x in v)


def test_the_notice_job_is_registered_under_the_lease(session):
    job = next(j for j in jobs.JOBS if j.name == "visit_notices")
    assert job.every <= timedelta(minutes=5)


def test_the_agent_sees_each_visits_notice_on_the_day_list(session, world):
    from visitapp.field.services import visits as agent_visits
    from visitapp.field.ui.today_state import notice_line

    v = world["visits"]
    planning.publish(session, actor=world["d"], plan_id=_plan(session, world).plan_id, leave_out=[v[1].id])
    day = agent_visits.agent_day(session, actor=auth.identity_of(world["agents"][0]), day=DAY)
    by_id = {x.visit_id: x for x in day.visits}
    assert by_id[v[0].id].notice == "queued" and by_id[v[0].id].notice_at == _at(24, 9)
    assert notice_line(by_id[v[0].id], "zh-CN") == "上门通知将于 11-24 09:00 自动发送"
    assert notice_line(by_id[v[1].id], "en") == "No notice: left out by the dispatcher"
    clock.set_now(_at(24, 9, 1))
    notice_queue.send_due(session, provider=OutboxProvider())
    day = agent_visits.agent_day(session, actor=auth.identity_of(world["agents"][0]), day=DAY)
    first = next(x for x in day.visits if x.visit_id == v[0].id)
    assert notice_line(first, "en") == "Notice sent at 11-24 09:01"


def test_notice_settings_are_checked():
    from dataclasses import replace

    from visitapp.compliance.rules.policy import default_config, validate_config

    cfg = default_config()
    assert validate_config(cfg) == [] and cfg.notice_hours == (time(9), time(20)) and cfg.notice_days_before == 1
    assert ("notice_hours", "policy.config.slot_order") in validate_config(
        replace(cfg, notice_hours=(time(20), time(9)))
    )
    late = replace(cfg, notice_hours=(time(9), time(23)))
    assert ("notice_hours", "policy.config.notice_outside_hours") in validate_config(late)
    assert ("notice_days_before", "policy.config.bad_notice_days") in validate_config(
        replace(cfg, notice_days_before=9)
    )
    # stored and read back
    assert type(cfg).from_json(replace(cfg, notice_hours=(time(10), time(19))).to_json()).notice_hours == (
        time(10),
        time(19),
    )
