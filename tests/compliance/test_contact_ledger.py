"""The gateway: one policy check and one ledger row for every contact, on both databases."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from tests import factories as f
from visitapp.compliance.services import contact, visit_approval
from visitapp.core import auth, clock
from visitapp.core.enums import Channel
from visitapp.core.errors import Forbidden, ValidationError
from visitapp.core.models import Complaint, ContactLedger

SH = ZoneInfo("Asia/Shanghai")


def _setup(session):
    t = f.team(session)
    a = f.user(session, team=t)
    c = f.case(session, team=t, agent=a)
    return a, c


def test_allowed_contact_gets_a_permit_and_one_ledger_row(session):
    agent, case = _setup(session)
    out = contact.attempt(session, case_id=case.id, channel=Channel.SMS, actor_id=agent.id, target_ref="+8613812345678")
    assert out.allowed and out.permit is not None
    rows = session.exec(select(ContactLedger)).all()
    assert len(rows) == 1 and rows[0].allowed and rows[0].result == "pending" and rows[0].profile == "CN-2026"
    contact.record_result(session, permit=out.permit, result="delivered")
    assert session.get(ContactLedger, out.ledger_id).result == "delivered"


def test_blocked_contact_is_recorded_with_reasons_and_next_time(session):
    agent, case = _setup(session)
    late = datetime(2026, 11, 23, 22, 30, tzinfo=SH)
    out = contact.attempt(session, case_id=case.id, channel=Channel.CALL, actor_id=agent.id, at=late)
    assert not out.allowed and out.permit is None
    assert out.decision.next_allowed_at == datetime(2026, 11, 24, 8, 0, tzinfo=SH)
    row = session.get(ContactLedger, out.ledger_id)
    assert row.allowed is False and row.result == "blocked"
    assert row.reasons[0]["code"] == "time.quiet_hours"
    assert row.details["next_allowed_at"].startswith("2026-11-24T08:00")


def test_caps_count_the_ledger(session):
    agent, case = _setup(session)
    t0 = datetime(2026, 11, 23, 9, 0, tzinfo=SH)
    results = [
        contact.attempt(
            session, case_id=case.id, channel=Channel.SMS, actor_id=agent.id, at=t0 + timedelta(minutes=m)
        ).allowed
        for m in (0, 10, 20)
    ]
    assert results == [True, True, False]
    assert len(session.exec(select(ContactLedger)).all()) == 3  # the blocked one too


def test_visits_need_two_agents_and_stop_after_three_fruitless_until_approved(session):
    agent, case = _setup(session)
    for day in (2, 3, 9):  # Tue 17, Wed 18, Tue 24 Nov... spread to stay under the weekly cap
        at = datetime(2026, 11, 14 + day, 10, 0, tzinfo=SH)
        out = contact.attempt(session, case_id=case.id, channel=Channel.VISIT, actor_id=agent.id, at=at, agents=2)
        assert out.allowed, out.decision
        contact.record_result(session, permit=out.permit, result="not_home")
    at = datetime(2026, 11, 27, 10, 0, tzinfo=SH)  # Friday
    solo = contact.attempt(session, case_id=case.id, channel=Channel.VISIT, actor_id=agent.id, at=at, agents=1)
    assert set(solo.decision.codes) == {"visit.staffing", "visit.needs_approval"}
    # the approval is a record a supervisor makes, read by the check (no caller can claim it)
    supervisor = auth.identity_of(f.user(session, role="supervisor"))
    with pytest.raises(ValidationError):
        visit_approval.approve_next_visit(session, actor=supervisor, case_id=case.id, note=" ")
    with pytest.raises(Forbidden):
        visit_approval.approve_next_visit(session, actor=auth.identity_of(agent), case_id=case.id, note="ok")
    clock.set_now(at - timedelta(hours=1))
    visit_approval.approve_next_visit(session, actor=supervisor, case_id=case.id, note="客户已约好，最后一次")
    approved = contact.attempt(session, case_id=case.id, channel=Channel.VISIT, actor_id=agent.id, at=at, agents=2)
    assert approved.allowed
    contact.record_result(session, permit=approved.permit, result="not_home")
    later = datetime(2026, 12, 1, 10, 0, tzinfo=SH)  # the approval held for that one visit only
    again = contact.attempt(session, case_id=case.id, channel=Channel.VISIT, actor_id=agent.id, at=later, agents=2)
    assert "visit.needs_approval" in again.decision.codes


def test_open_complaint_pauses_every_outbound_contact_but_not_the_debtors_own_link(session):
    agent, case = _setup(session)
    session.add(
        Complaint(
            case_id=case.id,
            debtor_id=case.debtor_id,
            category="attitude",
            body="rude",
            reference_no="C-1",
            sla_due_at=datetime(2026, 11, 25, tzinfo=SH),
        )
    )
    session.flush()
    for channel in (Channel.SMS, Channel.CALL, Channel.VISIT, Channel.LETTER):
        out = contact.attempt(session, case_id=case.id, channel=channel, actor_id=agent.id, agents=2)
        assert "stop.complaint_open" in out.decision.codes
        assert out.decision.next_allowed_at is None
    assert contact.link_view(session, case_id=case.id).allowed


def test_declined_visits_are_honoured(session):
    agent, case = _setup(session)
    from visitapp.core.models import Debtor

    debtor = session.get(Debtor, case.debtor_id)
    debtor.do_not_visit = True
    session.add(debtor)
    session.flush()
    assert contact.attempt(
        session, case_id=case.id, channel=Channel.VISIT, actor_id=agent.id, agents=2
    ).decision.codes == ["stop.do_not_visit"]
    assert contact.attempt(session, case_id=case.id, channel=Channel.CALL, actor_id=agent.id).allowed


def test_third_party_only_when_unreachable_and_once(session):
    agent, case = _setup(session)
    out = contact.attempt(
        session,
        case_id=case.id,
        channel=Channel.CALL,
        actor_id=agent.id,
        target="third_party",
        target_ref="neighbour-1",
    )
    assert out.decision.codes == ["third_party.debtor_reachable"]
    t0 = datetime(2026, 11, 16, 9, 0, tzinfo=SH)
    for i in range(5):  # five unanswered calls on five days: unreachable
        o = contact.attempt(
            session,
            case_id=case.id,
            channel=Channel.CALL,
            actor_id=agent.id,
            at=t0 + timedelta(days=i),
            target_ref="+8613812345678",
        )
        contact.record_result(session, permit=o.permit, result="unanswered")
    at = datetime(2026, 11, 23, 10, 0, tzinfo=SH)
    first = contact.attempt(
        session,
        case_id=case.id,
        channel=Channel.CALL,
        actor_id=agent.id,
        at=at,
        target="third_party",
        target_ref="neighbour-1",
    )
    assert first.allowed
    again = contact.attempt(
        session,
        case_id=case.id,
        channel=Channel.CALL,
        actor_id=agent.id,
        at=at + timedelta(days=1),
        target="third_party",
        target_ref="neighbour-1",
    )
    assert again.decision.codes == ["third_party.already_contacted"]


def test_permits_cannot_be_forged_and_results_are_checked(session):
    agent, case = _setup(session)
    with pytest.raises(TypeError):
        contact.Permit(1, Channel.SMS, 1, 1, None)
    out = contact.attempt(session, case_id=case.id, channel=Channel.CALL, actor_id=agent.id)
    with pytest.raises(PermissionError):
        contact.require_permit(out.permit, Channel.SMS)
    assert contact.require_permit(out.permit, Channel.CALL) is out.permit
    with pytest.raises(ValidationError):
        contact.record_result(session, permit=out.permit, result="delivered")
    contact.record_result(session, permit=out.permit, result="connected")
    with pytest.raises(ValidationError):
        contact.record_result(session, permit=out.permit, result="unanswered")


def _calls(session, agent, case, start, results):
    for i, result in enumerate(results):
        o = contact.attempt(
            session, case_id=case.id, channel=Channel.CALL, actor_id=agent.id, at=start + timedelta(days=i),
            target_ref="+8613812345678",
        )  # fmt: skip
        contact.record_result(session, permit=o.permit, result=result)


def _third(session, agent, case, at, *, ref="+8613900001111", text=None):
    return contact.attempt(
        session, case_id=case.id, channel=Channel.SMS, actor_id=agent.id, at=at, target="third_party",
        target_ref=ref, text=text,
    )  # fmt: skip


def test_unreachable_after_three_failures_in_a_row_and_no_conversation_in_30_days(session):
    """Issue 13.6: the settings' 3 and 30 (the code waited for 5 and ignored the 30 days)."""
    agent, case = _setup(session)
    at = datetime(2026, 11, 23, 10, 0, tzinfo=SH)
    _calls(session, agent, case, datetime(2026, 11, 10, 9, 0, tzinfo=SH), ["connected"])  # spoke 13 days before
    _calls(session, agent, case, datetime(2026, 11, 16, 9, 0, tzinfo=SH), ["unanswered"] * 3)
    assert _third(session, agent, case, at).decision.codes == ["third_party.debtor_reachable"]
    # the same failures with the conversation 31 days back: unreachable
    agent2, case2 = _setup(session)
    _calls(session, agent2, case2, datetime(2026, 10, 23, 9, 0, tzinfo=SH), ["connected"])
    _calls(session, agent2, case2, datetime(2026, 11, 16, 9, 0, tzinfo=SH), ["unanswered"] * 3)
    assert _third(session, agent2, case2, at).allowed
    # two failures are not enough
    agent3, case3 = _setup(session)
    _calls(session, agent3, case3, datetime(2026, 11, 16, 9, 0, tzinfo=SH), ["unanswered"] * 2)
    assert not _third(session, agent3, case3, at).allowed


def test_the_check_reads_the_third_party_text_and_their_stop_from_the_records(session):
    agent, case = _setup(session)
    _calls(session, agent, case, datetime(2026, 11, 16, 9, 0, tzinfo=SH), ["unanswered"] * 3)
    at = datetime(2026, 11, 23, 10, 0, tzinfo=SH)
    told = _third(session, agent, case, at, text="您好，请转告张三尽快还款，欠款已逾期。")
    assert "third_party.discloses_debt" in told.decision.codes  # the words, not a flag, decide
    assert _third(
        session, agent, case, at, ref="+8613900002222", text="您好，我们在找张三，请他回电 4001234567。"
    ).allowed
    from visitapp.core.models import ThirdParty

    stopped = ThirdParty(debtor_id=case.debtor_id, case_id=case.id, name="李四", relation="neighbour",
                         phone="+8613900003333", added_by=agent.id, stop_requested_at=at)  # fmt: skip
    session.add(stopped)
    session.flush()
    assert "third_party.stopped" in _third(session, agent, case, at, ref="+8613900003333", text="您好").decision.codes


def test_quiet_hours_yield_only_to_an_appointment_the_debtor_confirmed(session):
    """Issue 13.8: the exception comes from the confirmed visit itself, looked up by the check."""
    agent, case = _setup(session)
    late = datetime(2026, 11, 23, 22, 30, tzinfo=SH)  # Monday, in the quiet hours
    assert (
        "time.quiet_hours" in contact.preview(session, case_id=case.id, channel=Channel.VISIT, at=late, agents=2).codes
    )
    from datetime import time

    from visitapp.core.enums import Confirmation

    v = f.visit(session, case=case, agents=[agent], day=late.date())
    v.window_start, v.window_end = time(22, 0), time(23, 0)
    session.add(v)
    session.flush()
    assert (
        "time.quiet_hours" in contact.preview(session, case_id=case.id, channel=Channel.VISIT, at=late, agents=2).codes
    )
    v.confirmation = Confirmation.CONFIRMED
    session.add(v)
    session.flush()
    assert (
        "time.quiet_hours"
        not in contact.preview(session, case_id=case.id, channel=Channel.VISIT, at=late, agents=2).codes
    )
    outside = datetime(2026, 11, 23, 23, 30, tzinfo=SH)  # after the agreed window: quiet again
    assert (
        "time.quiet_hours"
        in contact.preview(session, case_id=case.id, channel=Channel.VISIT, at=outside, agents=2).codes
    )
