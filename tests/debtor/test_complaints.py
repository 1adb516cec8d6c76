"""Complaints: filing pauses collection through the policy, the dispatcher inbox is scoped, edits are
optimistic, closing resumes only when nothing else stops collection. SQLite and PostgreSQL."""

from __future__ import annotations

import random
import re
from datetime import timedelta

import pytest
from sqlmodel import select

from tests import factories as f
from tests.states import page, redirects, run
from visitapp.compliance.services import contact, policy_settings
from visitapp.core import auth, clock
from visitapp.core.enums import Channel
from visitapp.core.errors import Conflict, Forbidden, NotFound, ValidationError
from visitapp.core.models import AuditLog, Case, Complaint, Debtor, Reminder
from visitapp.debtor.services import complaints
from visitapp.field.services import distress

BODY = "外访人员态度恶劣，在邻居面前大声说我欠钱。"


def _team(session):
    d = f.user(session, role="dispatcher")
    t = f.team(session, dispatcher=d)
    a = f.user(session, team=t)
    return auth.identity_of(d), t, a


def _file(session, case, **kw):
    args = {"case_id": case.id, "source": "link", "category": "conduct", "body": BODY} | kw
    return complaints.create(session, **args)


def test_filing_pauses_collection_and_every_channel_is_blocked_with_the_complaint_reason(session):
    disp, team, agent = _team(session)
    case = f.case(session, team=team, agent=agent)
    assert contact.attempt(session, case_id=case.id, channel=Channel.SMS, actor_id=agent.id).allowed

    c = _file(session, case, body=f"  {BODY}  ")
    assert c.body == BODY and c.status == "open" and c.debtor_id == case.debtor_id
    assert re.fullmatch(r"TS20261123-[2-9A-HJKMNP-Z]{6}", c.reference_no)
    assert c.sla_due_at == clock.now() + timedelta(hours=48)
    case = session.get(Case, case.id)
    assert (case.status, case.pause_reason, case.version) == ("paused", "complaint", 2)
    for channel in (Channel.SMS, Channel.CALL, Channel.VISIT, Channel.LETTER):
        out = contact.attempt(session, case_id=case.id, channel=channel, actor_id=agent.id, agents=2)
        assert not out.allowed and out.decision.codes == ["stop.complaint_open"], channel
    # the debtor may still open their own link
    assert contact.link_view(session, case_id=case.id).allowed
    # the team's dispatcher is reminded, due at the SLA
    reminder = session.exec(select(Reminder)).one()
    assert (reminder.user_id, reminder.kind, reminder.due_at) == (disp.id, "complaint_review", c.sla_due_at)
    # audited, with no actor for the debtor's link
    rows = session.exec(select(AuditLog).order_by(AuditLog.id)).all()
    assert [(r.action, r.actor_id) for r in rows[-2:]] == [("complaint.create", None), ("case.pause", None)]
    assert rows[-2].detail == c.reference_no


@pytest.mark.parametrize(
    ("field", "kw"),
    [
        ("category", {"category": "rude"}),
        ("body", {"body": "  短  "}),
        ("body", {"body": "x" * 2001}),
        ("source", {"source": "email"}),
    ],
)
def test_filing_validates_and_names_the_field(session, field, kw):
    _, team, _ = _team(session)
    case = f.case(session, team=team)
    with pytest.raises(ValidationError) as exc:
        _file(session, case, **kw)
    assert exc.value.params["field"] == field
    assert session.exec(select(Complaint)).first() is None
    assert session.get(Case, case.id).status == "open"


def test_unknown_case_is_not_found(session):
    with pytest.raises(NotFound):
        complaints.create(session, case_id=999_999, source="link", category="other", body=BODY)


def test_reference_numbers_are_unique_and_a_collision_is_retried(session, monkeypatch):
    _, team, _ = _team(session)
    cases = [f.case(session, team=team) for _ in range(5)]
    refs = {_file(session, c).reference_no for c in cases}
    assert len(refs) == 5
    # the same seed gives the same code: the second complaint must not reuse the first one's number
    first = _file(session, f.case(session, team=team), rng=random.Random(1))
    second = _file(session, f.case(session, team=team), rng=random.Random(1))
    assert second.reference_no != first.reference_no


def test_a_double_submit_is_one_complaint_and_the_sla_follows_the_policy_setting(session):
    _, team, _ = _team(session)
    case = f.case(session, team=team)
    assert _file(session, case).id == _file(session, case).id
    admin = auth.identity_of(f.user(session, role="admin"))
    policy_settings.save(
        session, actor=admin, data=policy_settings.load(session).to_json() | {"complaint_sla_hours": 24}
    )
    other = _file(session, case, category="privacy")
    assert other.sla_due_at == clock.now() + timedelta(hours=24)
    with pytest.raises(ValidationError):
        policy_settings.save(
            session, actor=admin, data=policy_settings.load(session).to_json() | {"complaint_sla_hours": 0}
        )


def test_the_inbox_is_scoped_and_ordered_by_sla(session):
    disp1, team1, _ = _team(session)
    disp2, team2, _ = _team(session)
    sup = auth.identity_of(f.user(session, role="supervisor"))
    now = clock.now()
    later = _file(session, f.case(session, team=team1, name="张三"))
    clock.set_now(now - timedelta(hours=50))  # filed 50 hours ago: past its 48 h SLA
    early = _file(session, f.case(session, team=team1, name="李四"))
    clock.set_now(now)
    theirs = _file(session, f.case(session, team=team2))

    page = complaints.inbox(session, actor=disp1)
    assert [r.id for r in page.rows] == [early.id, later.id]
    assert [r.overdue for r in page.rows] == [True, False]
    assert page.rows[0].debtor_name == "李四" and page.counts == {"open": 2, "answered": 0, "closed": 0}
    assert page.overdue == 1
    assert [r.id for r in complaints.inbox(session, actor=disp2).rows] == [theirs.id]
    assert {r.id for r in complaints.inbox(session, actor=sup).rows} == {early.id, later.id, theirs.id}
    assert complaints.inbox(session, actor=disp1, status="closed").rows == []

    # another team's dispatcher cannot touch it: it does not exist for them
    for call in (
        lambda: complaints.assign(session, actor=disp2, complaint_id=early.id, user_id=disp2.id, version=1),
        lambda: complaints.answer(session, actor=disp2, complaint_id=early.id, response="已核实处理", version=1),
        lambda: complaints.close(session, actor=disp2, complaint_id=early.id, version=1, resume_case=True),
    ):
        with pytest.raises(NotFound):
            call()
    with pytest.raises(Forbidden):
        complaints.inbox(session, actor=auth.identity_of(f.user(session)))


def test_assign_answer_close_with_versions_and_audit(session):
    disp, team, _ = _team(session)
    sup = f.user(session, role="supervisor")
    case = f.case(session, team=team)
    c = _file(session, case)

    c = complaints.assign(session, actor=disp, complaint_id=c.id, user_id=disp.id, version=1)
    assert (c.assigned_to, c.version) == (disp.id, 2)
    # a second dispatcher working from the old version is told, not overwritten
    with pytest.raises(Conflict) as exc:
        complaints.assign(session, actor=disp, complaint_id=c.id, user_id=sup.id, version=1)
    assert exc.value.key == "complaint.stale" and exc.value.params["name"] == disp.display_name
    with pytest.raises(ValidationError):
        complaints.assign(session, actor=disp, complaint_id=c.id, user_id=f.user(session).id, version=2)
    with pytest.raises(ValidationError) as exc:
        complaints.close(session, actor=disp, complaint_id=c.id, version=2, resume_case=True)
    assert exc.value.key == "complaint.answer_first"

    with pytest.raises(ValidationError) as exc:
        complaints.answer(session, actor=disp, complaint_id=c.id, response=" ok ", version=2)
    assert exc.value.params["field"] == "response"
    c = complaints.answer(
        session, actor=disp, complaint_id=c.id, response="已核实，相关人员已批评教育并调离。", version=2
    )
    assert (c.status, c.version) == ("answered", 3) and c.answered_at is not None
    with pytest.raises(Conflict):
        complaints.answer(session, actor=disp, complaint_id=c.id, response="另一份答复内容", version=2)
    # the assignee (another dispatcher) now sees it in their inbox too
    other = auth.identity_of(f.user(session, role="dispatcher"))
    complaints.assign(session, actor=disp, complaint_id=c.id, user_id=other.id, version=3)
    assert [r.id for r in complaints.inbox(session, actor=other).rows] == [c.id]

    result = complaints.close(session, actor=disp, complaint_id=c.id, version=4, resume_case=True)
    assert result.resumed and result.complaint.status == "closed" and result.complaint.closed_at is not None
    assert (session.get(Case, case.id).status, session.get(Case, case.id).pause_reason) == ("open", None)
    assert contact.attempt(session, case_id=case.id, channel=Channel.SMS, actor_id=disp.id).allowed
    assert session.exec(select(Reminder)).one().done_at is not None
    with pytest.raises(ValidationError):
        complaints.close(session, actor=disp, complaint_id=c.id, version=5, resume_case=True)
    actions = [
        a.action
        for a in session.exec(select(AuditLog).where(AuditLog.entity == "complaint").order_by(AuditLog.id)).all()
    ]
    assert actions == [
        "complaint.create",
        "complaint.assign",
        "complaint.answer",
        "complaint.assign",
        "complaint.close",
    ]
    resumed = session.exec(select(AuditLog).where(AuditLog.action == "case.resume")).one()
    assert (resumed.actor_id, resumed.after["status"]) == (disp.id, "open")


def _answered(session, disp, complaint):
    return complaints.answer(
        session, actor=disp, complaint_id=complaint.id, response="已核实并处理完毕。", version=complaint.version
    )


def test_closing_resumes_only_when_nothing_else_stops_collection(session):
    disp, team, agent = _team(session)
    case = f.case(session, team=team, agent=agent)
    first, second = _file(session, case), _file(session, case, category="visit_time")

    # another complaint is still open: stays paused
    first = _answered(session, disp, first)
    result = complaints.close(session, actor=disp, complaint_id=first.id, version=first.version, resume_case=True)
    assert not result.resumed and result.still_paused == ("complaint.keep.other_complaint",)
    assert session.get(Case, case.id).status == "paused"
    assert contact.attempt(session, case_id=case.id, channel=Channel.CALL, actor_id=agent.id).decision.codes == [
        "stop.complaint_open"
    ]

    # closed without resuming: the case stays paused (now for the case-level pause)
    second = _answered(session, disp, second)
    result = complaints.close(session, actor=disp, complaint_id=second.id, version=second.version, resume_case=False)
    assert not result.resumed and session.get(Case, case.id).status == "paused"
    assert contact.attempt(session, case_id=case.id, channel=Channel.CALL, actor_id=agent.id).decision.codes == [
        "stop.paused"
    ]

    # a disputed debt keeps it stopped
    case2 = f.case(session, team=team, agent=agent)
    session.get(Debtor, case2.debtor_id).disputed = True
    third = _answered(session, disp, _file(session, case2, category="amount"))
    result = complaints.close(session, actor=disp, complaint_id=third.id, version=third.version, resume_case=True)
    assert not result.resumed and result.still_paused == ("complaint.keep.disputed",)
    assert session.get(Case, case2.id).status == "paused"


def test_a_case_paused_for_another_reason_keeps_that_reason(session):
    disp, team, agent = _team(session)
    case = f.case(session, team=team, agent=agent)
    visit = f.visit(session, case=case, agents=[agent])
    distress.flag(session, actor=auth.identity_of(agent), visit_id=visit.id)
    version = session.get(Case, case.id).version
    c = _answered(session, disp, _file(session, case))
    assert (session.get(Case, case.id).pause_reason, session.get(Case, case.id).version) == ("distress", version)
    result = complaints.close(session, actor=disp, complaint_id=c.id, version=c.version, resume_case=True)
    assert not result.resumed and result.still_paused == ("complaint.keep.paused_other",)
    assert (session.get(Case, case.id).status, session.get(Case, case.id).pause_reason) == ("paused", "distress")


def test_lookup_shows_only_status_and_sla(session):
    _, team, _ = _team(session)
    c = _file(session, f.case(session, team=team))
    status = complaints.lookup(session, reference_no=f" {c.reference_no.lower()} ")
    assert (status.reference_no, status.status, status.sla_due_at) == (c.reference_no, "open", c.sla_due_at)
    assert set(vars(status)) == {"reference_no", "status", "sla_due_at"}
    with pytest.raises(NotFound):
        complaints.lookup(session, reference_no="TS20261123-AAAAAA")
    assert [code for code, _ in complaints.category_options("en")] == list(complaints.CATEGORIES)


def _state_for(db_url, role: str, **kw):
    from visitapp.core.db import session_scope
    from visitapp.debtor.ui.complaints_state import ComplaintsState

    with session_scope(db_url) as s:
        name = f.user(s, role=role, **kw).username
    with session_scope(db_url) as s:
        token = auth.login(s, username=name, password=f.PASSWORD).token
    state = page(ComplaintsState)
    state.token = token
    return state


def test_the_inbox_state_checks_the_role_on_the_server(db_url):
    from visitapp.core.db import session_scope
    from visitapp.debtor.ui.complaints_state import ComplaintsState

    agent = _state_for(db_url, "agent")
    assert redirects(run(ComplaintsState.load, agent)), "refused: sent to the user's home page"
    assert redirects(run(ComplaintsState.answer, agent, {"id": "1", "version": "1", "response": "已处理完毕。"})), (
        "refused: sent to the user's home page"
    )
    assert agent.rows == [] and not agent.loaded

    sup = _state_for(db_url, "supervisor")
    with session_scope(db_url) as s:
        _file(s, f.case(s, team=f.team(s), name="王小明"))
    run(ComplaintsState.load, sup)
    assert [r["case"].endswith("王**") for r in sup.rows] == [True]  # the name is masked in the list
    assert sup.filters[0] == ["open", "待处理 1"]
