"""A lawyer as the contact (issue 13.7): once on file, every contact with the debtor is refused and the
lawyer is contacted instead, by call or letter within the caps, never a visit, with its own ledger rows."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from tests import factories as f
from visitapp.compliance.services import contact
from visitapp.core import auth
from visitapp.core.enums import Channel
from visitapp.core.errors import NotFound, ValidationError
from visitapp.core.models import AuditLog, ContactLedger, Debtor, Lawyer
from visitapp.field.services import calls, lawyers

SH = ZoneInfo("Asia/Shanghai")


def _visit(session):
    t = f.team(session)
    agents = [f.user(session, team=t), f.user(session, team=t)]
    case = f.case(session, team=t, agent=agents[0])
    return f.visit(session, case=case, agents=agents), case, agents


def test_with_a_lawyer_on_file_the_lawyer_is_called_instead_of_the_debtor(session):
    v, case, (agent, _b) = _visit(session)
    me = auth.identity_of(agent)
    assert lawyers.on_file(session, actor=me, visit_id=v.id) is None
    with pytest.raises(NotFound):
        lawyers.call(session, actor=me, visit_id=v.id)
    shown = lawyers.put_on_file(
        session, actor=me, visit_id=v.id, name="周律师", firm="上海明理律师事务所", phone="021 6123 4567"
    )
    assert shown.phone_masked.endswith("4567") and "6123" not in shown.phone_masked
    assert session.get(Debtor, case.debtor_id).lawyer  # the fact every reader reads (planner, score, check)
    debtor_call = calls.start(session, actor=me, visit_id=v.id)
    assert "stop.lawyer" in debtor_call.decision.codes and debtor_call.number is None
    visit = contact.attempt(session, case_id=case.id, channel=Channel.VISIT, actor_id=agent.id, agents=2)
    assert "stop.lawyer" in visit.decision.codes
    call = lawyers.call(session, actor=me, visit_id=v.id)
    assert call.decision.allowed and call.number == "+862161234567"
    row = session.get(ContactLedger, call.ledger_id)
    assert (row.target, row.target_ref, row.channel) == ("lawyer", "+862161234567", Channel.CALL)
    for channel in (Channel.VISIT, Channel.SMS):
        out = contact.attempt(session, case_id=case.id, channel=channel, actor_id=agent.id, target="lawyer",
                              target_ref="+862161234567", agents=2)  # fmt: skip
        assert not out.allowed
    assert contact.attempt(session, case_id=case.id, channel=Channel.LETTER, actor_id=agent.id, target="lawyer",
                           target_ref="+862161234567").allowed  # fmt: skip
    assert {a.action for a in session.exec(select(AuditLog)).all()} >= {"lawyer.add", "dossier.reveal_phone"}


def test_lawyer_calls_count_within_the_caps_and_removal_lets_the_debtor_be_contacted(session):
    v, case, (agent, _b) = _visit(session)
    me = auth.identity_of(agent)
    lawyers.put_on_file(session, actor=me, visit_id=v.id, name="周律师", firm="", phone="13911112222")
    at = datetime(2026, 11, 23, 10, 0, tzinfo=SH)
    for i in range(3):  # three connected calls a day (CN-2026), counted for the lawyer
        out = contact.attempt(session, case_id=case.id, channel=Channel.CALL, actor_id=agent.id, target="lawyer",
                              target_ref="+8613911112222", at=at + timedelta(minutes=10 * i))  # fmt: skip
        contact.record_result(session, permit=out.permit, result="connected")
    fourth = contact.attempt(session, case_id=case.id, channel=Channel.CALL, actor_id=agent.id, target="lawyer",
                             target_ref="+8613911112222", at=at + timedelta(hours=1))  # fmt: skip
    assert "call.connected_cap" in fourth.decision.codes
    lawyers.remove(session, actor=me, visit_id=v.id)
    assert not session.get(Debtor, case.debtor_id).lawyer
    assert session.exec(select(Lawyer)).one().removed_at is not None  # kept, not deleted
    assert (
        "lawyer.none_on_file"
        in contact.attempt(
            session,
            case_id=case.id,
            channel=Channel.CALL,
            actor_id=agent.id,
            target="lawyer",
            target_ref="+8613911112222",
        ).decision.codes
    )
    assert calls.start(session, actor=me, visit_id=v.id).decision.allowed


def test_inputs_are_checked_and_strangers_reach_nothing(session):
    v, _case, (agent, _b) = _visit(session)
    with pytest.raises(ValidationError) as exc:
        lawyers.put_on_file(session, actor=auth.identity_of(agent), visit_id=v.id, name=" ", firm="", phone="12")
    assert {p for p, _ in exc.value.params["problems"]} == {"name", "phone"}
    stranger = auth.identity_of(f.user(session, team=f.team(session)))
    with pytest.raises(NotFound):
        lawyers.put_on_file(session, actor=stranger, visit_id=v.id, name="x", firm="", phone="13911112222")
