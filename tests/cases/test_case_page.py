"""The office's case page (issue 13.2): the case in one place for whoever runs its team, its story newest
first and paged, the audit trail, and the actions (pause, resume, mark, note) on the version seen."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from tests import factories as f
from visitapp.cases.services import case_actions, case_page
from visitapp.compliance.services import contact
from visitapp.core import audit, auth, clock
from visitapp.core.enums import CaseStatus, Channel
from visitapp.core.errors import Conflict, NotFound, ValidationError
from visitapp.core.models import AuditLog, Complaint, Debtor


def _office(session):
    dispatcher = f.user(session, role="dispatcher")
    team = f.team(session, dispatcher=dispatcher)
    agent = f.user(session, team=team)
    case = f.case(session, team=team, agent=agent, name="赵大明")
    return auth.identity_of(dispatcher), agent, case


def test_the_dispatcher_of_the_team_sees_the_case_masked_and_a_reveal_is_audited(session):
    me, agent, case = _office(session)
    case_page.record_view(session, actor=me, case_id=case.id)
    head = case_page.head(session, actor=me, case_id=case.id)
    assert head.debtor_masked != "赵大明" and head.debtor_masked.startswith("赵")
    assert head.agent_name == agent.display_name and head.lines and head.totals.outstanding_cents > 0
    assert all("*" in p for p in head.phones_masked)
    name, phones = case_page.reveal(session, actor=me, case_id=case.id)
    assert name == "赵大明" and phones
    actions = [a.action for a in session.exec(select(AuditLog).where(AuditLog.entity_id == str(case.id))).all()]
    assert "case.view" in actions and "dossier.reveal_phone" in actions
    other = auth.identity_of(f.user(session, role="dispatcher"))  # runs no team of this case
    with pytest.raises(NotFound):
        case_page.head(session, actor=other, case_id=case.id)
    with pytest.raises(NotFound):
        case_page.story(session, actor=other, case_id=case.id, lang="zh-CN")


def test_the_story_is_newest_first_paged_and_in_the_readers_language(session, fixed_clock):
    me, agent, case = _office(session)
    for i in range(23):
        o = contact.attempt(session, case_id=case.id, channel=Channel.SMS if i % 2 else Channel.CALL,
                            actor_id=agent.id, at=clock.now() - timedelta(days=30 - i))  # fmt: skip
        if o.permit:
            contact.record_result(session, permit=o.permit, result="delivered" if i % 2 else "unanswered")
    case_actions.add_note(session, actor=me, case_id=case.id, body="电话里说下周发工资")
    first = case_page.story(session, actor=me, case_id=case.id, lang="zh-CN")
    assert (first.page, first.pages, first.total) == (1, 2, 24) and len(first.items) == 20
    assert first.items[0].kind == "note" and first.items[0].text == "电话里说下周发工资"
    assert [i.at for i in first.items] == sorted((i.at for i in first.items), reverse=True)
    second = case_page.story(session, actor=me, case_id=case.id, lang="en", page=2)
    assert len(second.items) == 4 and all(i.kind == "contact" for i in second.items)
    assert "the debtor" in second.items[0].text
    trail = audit.case_trail(session, actor=me, case_id=case.id)
    assert trail.rows and trail.rows[0].action == "note.add"


def test_pause_and_resume_need_a_reason_and_a_note_and_a_blocker_keeps_it_paused(session):
    me, _agent, case = _office(session)
    with pytest.raises(ValidationError) as exc:
        case_actions.pause(session, actor=me, case_id=case.id, version=case.version, reason="nap", note=" ")
    assert exc.value.key == "case.error.reason"
    paused = case_actions.pause(
        session, actor=me, case_id=case.id, version=case.version, reason="hardship", note="失业"
    )
    assert paused.status == CaseStatus.PAUSED and paused.pause_reason == "hardship"
    with pytest.raises(Conflict):  # the page was read before the pause
        case_actions.resume(session, actor=me, case_id=case.id, version=paused.version - 1, note="x")
    session.add(Complaint(case_id=case.id, debtor_id=case.debtor_id, category="attitude", body="b",
                          reference_no="C-9", sla_due_at=clock.now()))  # fmt: skip
    session.flush()
    with pytest.raises(ValidationError) as exc:
        case_actions.resume(session, actor=me, case_id=case.id, version=paused.version, note="已找到工作")
    assert exc.value.params["blockers"] == ["case.pause_reason.complaint"]
    for c in session.exec(select(Complaint)).all():
        c.closed_at = clock.now()
        session.add(c)
    session.flush()
    resumed = case_actions.resume(session, actor=me, case_id=case.id, version=paused.version, note="已找到工作")
    assert resumed.status == CaseStatus.OPEN and resumed.pause_reason is None
    logged = [a.action for a in session.exec(select(AuditLog).where(AuditLog.entity == "case")).all()]
    assert logged.count("case.pause") == 1 and logged.count("case.resume") == 1


def test_marking_a_dispute_stops_contact_and_says_why(session):
    me, agent, case = _office(session)
    seen = case.version
    marked = case_actions.mark(session, actor=me, case_id=case.id, version=seen, flag="disputed", on=True,
                               note="债务人称已结清，提供了凭证")  # fmt: skip
    assert session.get(Debtor, case.debtor_id).disputed and marked.version == seen + 1
    out = contact.attempt(session, case_id=case.id, channel=Channel.CALL, actor_id=agent.id)
    assert "stop.disputed" in out.decision.codes
    with pytest.raises(ValidationError, match=r"case\.error\.flag"):
        case_actions.mark(session, actor=me, case_id=case.id, version=marked.version, flag="lawyer", on=True, note="x")
    assert case_page.head(session, actor=me, case_id=case.id).stops == ("disputed",)
