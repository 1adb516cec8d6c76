"""The debtor's link: opening changes nothing; confirm, another time, decline, verify, .ics, limits."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from tests import factories as f
from visitapp.adapters.sms import OutboxProvider
from visitapp.compliance.services import contact, notices
from visitapp.core import auth, clock
from visitapp.core.enums import Channel
from visitapp.core.errors import DomainError
from visitapp.core.models import AuditLog, ContactLedger, Debtor, Message, Reminder, StatementLine, Visit
from visitapp.core.security import hash_verifier
from visitapp.core.settings import get_settings
from visitapp.debtor.services import debtor_link
from visitapp.debtor.services.debtor_link import LinkProblem
from visitapp.debtor.ui import link_words
from visitapp.planning.services import shifts

BASE = "https://visit.example.cn"


def _linked(session, *, birth_year="1985", lines=None):
    dispatcher = f.user(session, role="dispatcher")
    t = f.team(session, dispatcher=dispatcher)
    agents = [f.user(session, team=t), f.user(session, team=t)]
    c = f.case(session, team=t, agent=agents[0], lines=lines)
    debtor = session.get(Debtor, c.debtor_id)
    debtor.birth_year_hash = hash_verifier(get_settings().secret_key, str(debtor.id), "birth_year", birth_year)
    session.add(debtor)
    v = f.visit(session, case=c, agents=agents, window=(time(14), time(16)))
    r = notices.send_visit_notice(
        session, actor=auth.identity_of(agents[0]), visit_id=v.id, base_url=BASE, provider=OutboxProvider()
    )
    token = r.link.rsplit("/v/", 1)[1]
    return token, v, c, agents, dispatcher


def test_opening_changes_nothing_but_the_ledger(session):
    token, v, *_ = _linked(session)
    before = (v.confirmation, v.status, v.version)
    for _ in range(3):  # a link scanner, then the debtor twice
        view = debtor_link.open_link(session, token=token)
        assert view.status == "ok" and view.confirmation == "notified"
    session.refresh(v)
    assert (v.confirmation, v.status, v.version) == before
    from visitapp.core.models import ContactLedger

    assert len(session.exec(select(ContactLedger).where(ContactLedger.channel == "link_view")).all()) == 3


def test_confirm_makes_a_hard_window_and_an_ics(session):
    token, v, *_ = _linked(session)
    with pytest.raises(DomainError):
        debtor_link.ics(session, token=token)  # not before confirming
    debtor_link.confirm(session, token=token, ip="10.0.0.1")
    session.refresh(v)
    assert v.confirmation == "confirmed" and v.hard_window
    name, data = debtor_link.ics(session, token=token)
    text = data.decode().replace("\r\n ", "")  # unfold long lines (RFC 5545)
    assert name.endswith(".ics") and "BEGIN:VEVENT" in text and "DTSTART;TZID=Asia/Shanghai:20261123T140000" in text
    assert "开门前请核对工号" in text and "T-" in text
    audit = session.exec(select(AuditLog).where(AuditLog.action == "visit.confirm")).one()
    assert audit.actor_id is None and "10.0.0.1" in audit.detail


def test_the_ics_carries_the_time_zone_it_names_read_by_a_second_parser(session):
    """RFC 5545 3.2.19: every TZID needs its VTIMEZONE. Read with `ical`, a parser independent of icalendar."""
    from ical.calendar_stream import IcsCalendarStream

    token, _v, *_ = _linked(session)
    debtor_link.confirm(session, token=token)
    _name, data = debtor_link.ics(session, token=token)
    text = data.decode().replace("\r\n ", "")
    used = set(re.findall(r";TZID=([^:;]+)", text))
    assert used == {"Asia/Shanghai"}
    cal = IcsCalendarStream.calendar_from_ics(data.decode())
    zones = {z.tz_id: z for z in cal.timezones}
    assert used <= zones.keys(), f"TZID without VTIMEZONE: {used - zones.keys()}"
    (event,) = cal.events
    shanghai = ZoneInfo("Asia/Shanghai")
    assert event.dtstart == datetime(2026, 11, 23, 14, tzinfo=shanghai)
    assert event.dtend == datetime(2026, 11, 23, 16, tzinfo=shanghai)
    # the file's own definition of the zone gives +08:00 at the visit: the latest onset before it (read
    # from the parsed observances; ical 14.3's own lookup misses zones with one non-recurring observance)
    zone = zones["Asia/Shanghai"]
    observances = zone.standard + zone.daylight
    assert observances and not any(o.rrule for o in observances)
    onsets = [(d, o.tz_offset_to.offset) for o in observances for d in (o.dtstart, *o.rdate)]
    assert max(x for x in onsets if x[0] <= datetime(2026, 11, 23, 14))[1] == timedelta(hours=8)
    assert "开门前请核对工号" in event.description


def test_offered_slots_respect_weekends_holidays_policy_and_team_load(session):
    token, v, _c, agents, _d = _linked(session)
    slots = debtor_link.offered_slots(session, token=token)
    days = {s.day for s in slots}
    assert days and all(d.weekday() < 5 for d in days)  # 2026-11-28/29 is a weekend: none offered
    assert all((s.start, s.end) in ((time(9), time(11)), (time(14), time(16))) for s in slots)
    assert clock.today() not in days and max(days) <= clock.today() + timedelta(days=7)
    # a full window is not offered
    tuesday = date(2026, 11, 24)
    for _ in range(debtor_link.VISITS_PER_SLOT):
        f.visit(session, case=f.case(session, team=None), agents=agents, day=tuesday, window=(time(9), time(11)))
    for x in session.exec(select(Visit).where(Visit.visit_date == tuesday)).all():
        x.team_id = v.team_id
        session.add(x)
    session.flush()
    keys = {s.key for s in debtor_link.offered_slots(session, token=token)}
    assert "2026-11-24T09:00" not in keys and "2026-11-24T14:00" in keys


def test_a_night_worker_is_offered_the_evening_on_days_the_team_works_evenings(session):
    token, v, c, _agents, dispatcher = _linked(session)
    debtor = session.get(Debtor, c.debtor_id)
    debtor.night_worker = True  # evenings on request: but nobody works evenings by default
    session.add(debtor)
    session.flush()
    assert all(s.start != time(19) for s in debtor_link.offered_slots(session, token=token))
    wednesday = date(2026, 11, 25)
    shifts.set_team_shift(
        session, actor=auth.identity_of(dispatcher), team_id=v.team_id, day=wednesday, start=time(12), end=time(21)
    )
    offered = {(s.day, s.start) for s in debtor_link.offered_slots(session, token=token)}
    assert (wednesday, time(19)) in offered and (wednesday, time(9)) not in offered  # it starts at noon that day
    assert {d for d, start in offered if start == time(19)} == {wednesday}
    assert (date(2026, 11, 26), time(9)) in offered


def test_reschedule_moves_the_visit_replaces_the_link_and_replans(session):
    token, _v, _c, _agents, _d = _linked(session)
    slot = next(s for s in debtor_link.offered_slots(session, token=token) if s.start == time(9))
    visit, link, _texted = debtor_link.reschedule(session, token=token, slot_key=slot.key, base_url=BASE)
    new_token = link.rsplit("/", 1)[1]
    assert visit.visit_date == slot.day and visit.window_start == time(9) and visit.confirmation == "rescheduled"
    assert visit.hard_window
    assert debtor_link.open_link(session, token=token).status == "replaced"
    assert debtor_link.open_link(session, token=new_token).status == "ok"
    # the team's day was re-planned and published: the visit has a route position again
    session.refresh(visit)
    assert visit.route_order == 1 and visit.eta is not None
    with pytest.raises(LinkProblem) as e:
        debtor_link.confirm(session, token=token)
    assert e.value.key == "link.replaced"
    with pytest.raises(DomainError):
        debtor_link.reschedule(session, token=new_token, slot_key="2026-11-29T09:00", base_url=BASE)  # a Sunday


def test_a_reschedule_texts_the_new_link_through_the_policy(session):
    """The old link said "use the link in the latest SMS", but no SMS carried the new one."""
    token, v, _c, agents, _d = _linked(session)
    slot = debtor_link.offered_slots(session, token=token)[0]
    moved = debtor_link.reschedule(
        session, token=token, slot_key=slot.key, base_url=BASE, provider=OutboxProvider(), replan=False
    )
    assert moved.texted is not None and moved.texted.decision.allowed and moved.texted.status == "outbox"
    message = session.get(Message, moved.texted.message_id)
    new_token = moved.link.rsplit("/", 1)[1]
    # the text names the new time and carries the new link (hidden in what is stored)
    assert slot.day.isoformat() in message.body and slot.start.strftime("%H:%M") in message.body
    assert message.visit_id == v.id and new_token not in message.body and "‹hidden›" in message.body
    assert moved.texted.link == moved.link
    # one ledger row for it, allowed, by nobody on staff (the debtor asked for it)
    entry = session.get(ContactLedger, moved.texted.ledger_id)
    assert entry.channel == "sms" and entry.allowed and entry.actor_id is None
    assert entry.details["kind"] == "visit_moved" and entry.details["message_id"] == message.id
    assert debtor_link.open_link(session, token=new_token).status == "ok"
    assert debtor_link.open_link(session, token=token).status == "replaced"
    # the debtor picked this time: the agent has no notice to send for it
    assert notices.notice_status(session, actor=auth.identity_of(agents[0]), visit_id=v.id).next == "confirmed"


def test_a_reschedule_the_policy_blocks_texts_nothing_and_the_new_link_works(session):
    _token, v, _c, agents, _d = _linked(session)  # the notice: the 1st SMS today
    again = notices.send_visit_notice(
        session,
        actor=auth.identity_of(agents[0]),
        visit_id=v.id,
        base_url=BASE,
        provider=OutboxProvider(),
        again=True,
        reason="no_answer",
    )  # the 2nd: the daily cap is reached
    token = again.link.rsplit("/v/", 1)[1]
    slot = debtor_link.offered_slots(session, token=token)[0]
    before = len(session.exec(select(Message)).all())
    moved = debtor_link.reschedule(
        session, token=token, slot_key=slot.key, base_url=BASE, provider=OutboxProvider(), replan=False
    )
    assert moved.texted is not None and not moved.texted.decision.allowed
    assert moved.texted.decision.codes == ["sms.daily_cap"] and moved.texted.message_id is None
    assert len(session.exec(select(Message)).all()) == before
    blocked = session.get(ContactLedger, moved.texted.ledger_id)
    assert not blocked.allowed and blocked.result == "blocked"
    assert debtor_link.open_link(session, token=moved.link.rsplit("/", 1)[1]).status == "ok"


def test_decline_cancels_and_the_policy_then_blocks_visits(session):
    token, v, c, agents, _d = _linked(session)
    debtor_link.decline(session, token=token)
    session.refresh(v)
    assert v.status == "cancelled" and v.confirmation == "declined"
    assert session.get(Debtor, c.debtor_id).do_not_visit
    assert debtor_link.open_link(session, token=token).status == "cancelled"
    attempt = contact.attempt(session, case_id=c.id, channel=Channel.VISIT, actor_id=agents[0].id, agents=2)
    assert not attempt.allowed and "stop.do_not_visit" in attempt.decision.codes
    task = session.exec(select(Reminder).where(Reminder.kind == "call_instead")).one()
    assert task.user_id == agents[0].id and task.case_id == c.id


def test_verifier_shows_the_statement_and_five_wrong_tries_lock_for_a_day(session):
    lines = [(date(2026, 9, 15), 120_000, 20_000), (date(2026, 10, 15), 120_000, 0), (date(2026, 12, 15), 120_000, 0)]
    token, _v, _c, _agents, dispatcher = _linked(session, lines=lines)
    ok = debtor_link.verify(session, token=token, kind="birth_year", value="1985")
    assert ok.ok and ok.statement.due_cents == 360_000 and ok.statement.paid_cents == 20_000
    assert ok.statement.overdue_cents == 220_000 and [x[4] for x in ok.statement.lines] == [69, 39, 0]
    for i in range(4):
        r = debtor_link.verify(session, token=token, kind="birth_year", value="1990")
        assert not r.ok and r.tries_left == 4 - i and r.statement is None
    locked = debtor_link.verify(session, token=token, kind="birth_year", value="1990")
    assert locked.locked_until is not None and locked.locked_until - clock.now() == timedelta(hours=24)
    # even the right answer is refused while locked, and the lock is in the database (survives a restart)
    assert not debtor_link.verify(session, token=token, kind="birth_year", value="1985").ok
    session.expire_all()
    assert debtor_link.open_link(session, token=token).locked_until is not None
    note = session.exec(select(Reminder).where(Reminder.kind == "link_locked")).one()
    assert note.user_id == dispatcher.id
    clock.set_now(clock.now() + timedelta(hours=24, minutes=1))
    assert debtor_link.verify(session, token=token, kind="birth_year", value="1985").ok


def test_a_token_reads_only_its_own_visit(session):
    token_a, _va, _ca, *_ = _linked(session, birth_year="1970", lines=[(date(2026, 10, 1), 11_100, 0)])
    _token_b, vb, _cb, *_ = _linked(session, birth_year="1980", lines=[(date(2026, 10, 1), 22_200, 0)])
    a = debtor_link.verify(session, token=token_a, kind="birth_year", value="1970")
    assert a.ok and a.statement.due_cents == 11_100
    # B's verifier does not open A's link
    assert not debtor_link.verify(session, token=token_a, kind="birth_year", value="1980").ok
    debtor_link.confirm(session, token=token_a)
    session.refresh(vb)
    assert vb.confirmation == "notified"
    assert sum(x.amount_due_cents for x in session.exec(select(StatementLine)).all()) == 33_300


def test_actions_are_rate_limited_per_link(session):
    token, *_ = _linked(session)
    for _ in range(debtor_link.TOKEN_ACTIONS_PER_HOUR):
        debtor_link.verify(session, token=token, kind="birth_year", value="1985")
    with pytest.raises(LinkProblem) as e:
        debtor_link.verify(session, token=token, kind="birth_year", value="1985")
    assert e.value.key == "link.too_many"
    clock.set_now(clock.now() + timedelta(hours=1))
    assert debtor_link.verify(session, token=token, kind="birth_year", value="1985").ok


def test_old_rate_limit_windows_are_purged_by_the_daily_job(session):
    from visitapp.core import rate_limit
    from visitapp.core.models import RateLimit

    assert rate_limit.hit(session, bucket="ip:10.1.1.1", limit=1, seconds=3600)
    assert not rate_limit.hit(session, bucket="ip:10.1.1.1", limit=1, seconds=3600)
    clock.set_now(clock.now() + timedelta(days=3))
    assert rate_limit.hit(session, bucket="ip:10.1.1.1", limit=1, seconds=3600)  # a new window
    assert rate_limit.purge(session) == 1
    assert len(session.exec(select(RateLimit)).all()) == 1


def test_a_complaint_from_the_link_pauses_the_visit_actions(session):
    from visitapp.core.errors import ValidationError

    token, _v, _c, *_ = _linked(session)
    reference = debtor_link.complain(session, token=token, category="conduct", body="说话很冲，在楼道里大声说我的事")
    assert reference.startswith("TS")
    view = debtor_link.open_link(session, token=token)
    assert view.status == "ok" and view.paused
    with pytest.raises(ValidationError) as e:
        debtor_link.confirm(session, token=token)
    assert e.value.key == "link.paused"
    # the statement stays reachable: the debtor may still check what is owed
    assert debtor_link.verify(session, token=token, kind="birth_year", value="1985").ok


def test_a_new_link_does_not_reset_the_verifier_count_or_lock(session):
    token, _v, *_ = _linked(session)
    for _ in range(4):
        assert not debtor_link.verify(session, token=token, kind="birth_year", value="1900").ok
    slot = debtor_link.offered_slots(session, token=token)[0]
    _visit, link, _texted = debtor_link.reschedule(session, token=token, slot_key=slot.key, base_url=BASE, replan=False)
    new_token = link.rsplit("/", 1)[1]
    fifth = debtor_link.verify(session, token=new_token, kind="birth_year", value="1900")
    assert fifth.locked_until is not None  # the 5th wrong try overall locks, whatever the link
    view = debtor_link.open_link(session, token=new_token)
    assert view.locked_until is not None


def test_failed_actions_count_against_the_limit(db_url):
    from visitapp.core.db import session_scope

    with session_scope(db_url) as s:
        token, *_ = _linked(s)
    refused = 0
    for _ in range(debtor_link.TOKEN_ACTIONS_PER_HOUR + 5):
        try:
            with session_scope(db_url) as s:
                debtor_link.throttle(s, token=token, ip="10.9.9.9")
            with session_scope(db_url) as s:  # an action that fails and rolls back
                debtor_link.reschedule(s, token=token, slot_key="1999-01-01T09:00", base_url=BASE, counted=True)
        except LinkProblem as exc:
            assert exc.key == "link.too_many"
            refused += 1
        except Exception:
            pass
    assert refused == 5


def test_a_visit_whose_time_has_passed_can_be_moved_or_declined_but_not_confirmed(session):
    token, visit, _case, agents, _dispatcher = _linked(session)  # window 14:00-16:00 today
    assert debtor_link.peek(session, token=token).when == "ahead"
    clock.set_now(datetime(2026, 11, 23, 16, 30, tzinfo=ZoneInfo("Asia/Shanghai")))  # nobody came
    view = debtor_link.peek(session, token=token)
    assert view.status == "ok" and view.when == "passed"
    with pytest.raises(DomainError) as refused:
        debtor_link.confirm(session, token=token)
    assert refused.value.key == "link.time_passed"
    assert debtor_link.offered_slots(session, token=token)  # another time: still offered
    with pytest.raises(DomainError) as late:  # and no notice goes out for a time already over
        notices.send_visit_notice(
            session, actor=auth.identity_of(agents[0]), visit_id=visit.id, base_url=BASE, provider=OutboxProvider()
        )
    assert late.value.key == "notice.past"


def test_the_link_says_when_the_agents_are_there_and_when_the_visit_is_done_or_missed(session):
    token, visit, *_ = _linked(session)
    for status, checked_in, when in (("planned", True, "now"), ("done", True, "done"), ("missed", False, "missed")):
        visit.status, visit.checkin_at = status, (clock.now() if checked_in else None)
        session.add(visit)
        session.flush()
        view = debtor_link.peek(session, token=token)
        assert view.when == when
        words = link_words.view_words(link_words.view_data(view), "en", token)
        assert not words["can_act"] and not words["can_confirm"] and words["ics_url"] == ""
        assert words["agents_label"] == ("Who visited you" if when == "done" else "Who is coming")
        with pytest.raises(DomainError):
            debtor_link.confirm(session, token=token)
