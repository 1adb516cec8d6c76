"""Asking a third party where an unreachable debtor is (issue 13.6): only when unreachable, the template's
words checked by the contact check, once per person, a "stop" enforced, an agent on the visit only."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from tests import factories as f
from visitapp.adapters.sms import OutboxProvider
from visitapp.compliance.rules.templates import THIRD_PARTY_NOTICE
from visitapp.compliance.services import contact, templates
from visitapp.core import auth
from visitapp.core.enums import Channel
from visitapp.core.errors import NotFound, ValidationError
from visitapp.core.models import AuditLog, ContactLedger, Message, ThirdParty
from visitapp.field.services import third_parties

SH = ZoneInfo("Asia/Shanghai")


def _unreachable_visit(session, *, failures: int = 3):
    t = f.team(session)
    agents = [f.user(session, team=t), f.user(session, team=t)]
    case = f.case(session, team=t, agent=agents[0], name="王小明")
    start = datetime(2026, 11, 16, 9, 0, tzinfo=SH)
    for i in range(failures):
        o = contact.attempt(session, case_id=case.id, channel=Channel.CALL, actor_id=agents[0].id,
                            at=start + timedelta(days=i), target_ref="+8613812345678")  # fmt: skip
        contact.record_result(session, permit=o.permit, result="unanswered")
    v = f.visit(session, case=case, agents=agents)
    return v, agents


def _ask(session, agent, v, **kw):
    args = {"name": "李大姐", "relation": "neighbour", "phone": "139 0000 1111"} | kw
    return third_parties.ask(session, actor=auth.identity_of(agent), visit_id=v.id, provider=OutboxProvider(), **args)


def test_a_third_party_gets_the_template_once_and_it_is_in_the_ledger(session):
    v, (agent, _b) = _unreachable_visit(session)
    st = third_parties.status(session, actor=auth.identity_of(agent), visit_id=v.id)
    assert st.unreachable and (st.attempts, st.days) == (3, 30) and st.people == []
    sent = _ask(session, agent, v)
    assert sent.decision.allowed
    assert "王小明" in sent.text and "欠" not in sent.text and "还款" not in sent.text
    [msg] = session.exec(select(Message).where(Message.template_key == THIRD_PARTY_NOTICE)).all()
    assert msg.to_number == "+8613900001111" and msg.body == sent.text
    row = session.get(ContactLedger, sent.ledger_id)
    assert row.target == "third_party" and row.target_ref == "+8613900001111" and row.allowed
    again = _ask(session, agent, v, name="李阿姨")  # the same number under another name is the same person
    assert again.decision.codes == ["third_party.already_contacted"]
    people = third_parties.status(session, actor=auth.identity_of(agent), visit_id=v.id).people
    assert [(p.name, p.relation, p.stopped) for p in people] == [("李大姐", "neighbour", False)]
    assert len(session.exec(select(AuditLog).where(AuditLog.action == "third_party.contact")).all()) == 2


def test_only_when_the_debtor_is_unreachable(session):
    v, (agent, _b) = _unreachable_visit(session, failures=2)
    assert not third_parties.status(session, actor=auth.identity_of(agent), visit_id=v.id).unreachable
    assert _ask(session, agent, v).decision.codes == ["third_party.debtor_reachable"]
    assert session.exec(select(Message)).all() == []


def test_an_edited_template_that_tells_the_debt_is_refused_by_the_check(session):
    v, (agent, _b) = _unreachable_visit(session)
    admin = auth.identity_of(f.user(session, role="admin"))
    # saved texts are checked too, so write one past that check, as an old row might be
    from visitapp.core.models import MessageTemplate

    body = "【{company}】请{name}尽快处理欠款，回电{phone}，回复TD退订"
    session.add(MessageTemplate(key=THIRD_PARTY_NOTICE, lang="zh-CN", body=body, version=1, updated_by=admin.id))
    session.flush()
    assert "欠款" in templates.effective(session, key=THIRD_PARTY_NOTICE, lang="zh-CN").body
    assert "third_party.discloses_debt" in _ask(session, agent, v).decision.codes
    assert session.exec(select(Message)).all() == []


def test_a_stop_is_recorded_and_enforced_and_inputs_are_checked(session):
    v, (agent, other) = _unreachable_visit(session)
    _ask(session, agent, v)
    [person] = session.exec(select(ThirdParty)).all()
    third_parties.record_stop(session, actor=auth.identity_of(other), visit_id=v.id, third_party_id=person.id)
    assert session.get(ThirdParty, person.id).stop_requested_at is not None
    assert "third_party.stopped" in _ask(session, agent, v).decision.codes
    with pytest.raises(ValidationError) as exc:
        _ask(session, agent, v, name=" ", relation="boss", phone="12")
    assert {p for p, _ in exc.value.params["problems"]} == {"name", "relation", "phone"}
    with pytest.raises(ValidationError, match=r"third_party\.error\.debtors_own"):
        _ask(session, agent, v, phone=_debtor_phone(session, v))
    stranger = f.user(session, team=f.team(session))
    with pytest.raises(NotFound):
        _ask(session, stranger, v, phone="139 0000 2222")


def _debtor_phone(session, v) -> str:
    from visitapp.core.models import Case, DebtorPhone

    case = session.get(Case, v.case_id)
    return session.exec(select(DebtorPhone.number).where(DebtorPhone.debtor_id == case.debtor_id)).first()
