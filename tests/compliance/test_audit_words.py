"""The audit log as a compliance officer reads it: sentences with names, not codes and ids; filters by
person, action and case; the export (itself logged)."""

from __future__ import annotations

import ast
import csv
import io
from pathlib import Path

import pytest
from sqlmodel import select

from tests import factories as f
from visitapp.cases.services import assignment
from visitapp.compliance.services import audit_log
from visitapp.compliance.services.audit_log import ACTION_GROUPS, ACTIONS, AuditFilter
from visitapp.core import audit, auth
from visitapp.core.errors import Forbidden, ValidationError
from visitapp.core.models import AuditLog, Plan
from visitapp.field.services.dossier import record_reveal
from visitapp.i18n.messages import MESSAGES

ROOT = Path(__file__).resolve().parents[2] / "visitapp"


@pytest.fixture
def office(session):
    t = f.team(session, name="静安一组")
    admin_user = f.user(session, role="admin", username="wangjing")
    admin_user.display_name = "王静"
    li = f.user(session, role="agent", team=t)
    li.display_name = "李伟"
    zhang = f.user(session, role="agent", team=t)
    zhang.display_name = "张强"
    disp = f.user(session, role="dispatcher", team=t)
    t.dispatcher_id = disp.id
    case = f.case(session, team=t, agent=li, name="贾明")
    other = f.case(session, team=t, agent=li, name="陈红")
    visit = f.visit(session, case=case, agents=[li])
    session.flush()
    return {
        "admin": auth.identity_of(admin_user),
        "disp": auth.identity_of(disp),
        "li": li,
        "zhang": zhang,
        "case": case,
        "other": other,
        "visit": visit,
    }


def _lines(session, o, lang="en", **where):
    return audit_log.read(session, actor=o["admin"], where=AuditFilter(**where), lang=lang).lines


def test_a_phone_reveal_reads_as_a_sentence_with_names_in_both_languages(session, office):
    o = office
    record_reveal(
        session, actor=o["admin"], case_id=o["case"].id, visit_id=o["visit"].id, why="debtor asked to be called"
    )
    session.flush()
    [line] = _lines(session, o)
    assert line.sentence == f"王静 revealed the phone of case {o['case'].id} · 贾*"
    assert line.note == "debtor asked to be called" and line.case_id == o["case"].id
    [zh] = _lines(session, o, lang="zh-CN")
    assert zh.sentence == f"王静 查看了 案件 {o['case'].id} · 贾* 的电话号码"
    assert "dossier" not in zh.sentence and "user" not in zh.sentence


def test_a_reassignment_names_both_agents_not_their_ids(session, office):
    o = office
    case = o["case"]
    assignment.assign(session, actor=o["disp"], case_id=case.id, agent_id=o["zhang"].id, expected_version=case.version)
    session.flush()
    [line] = _lines(session, o, action="case.assign")
    assert line.changes == ["Agent: 李伟 → 张强"]  # team unchanged, version hidden
    [zh] = _lines(session, o, lang="zh-CN", action="case.assign")
    assert zh.changes == ["负责人: 李伟 → 张强"]
    assert zh.sentence.startswith("Dispatcher ") and f"案件 {case.id} · 贾*" in zh.sentence


def test_entries_without_an_account_say_debtor_or_system(session, office):
    o = office
    audit.record(session, actor_id=None, action="visit.confirm", entity="visit", entity_id=o["visit"].id,
                 after={"token_id": 1}, detail="debtor link from 10.0.0.1")  # fmt: skip
    audit.record(session, actor_id=None, action="promise.broken", entity="case", entity_id=o["case"].id)
    session.flush()
    by_action = {x.action: x for x in _lines(session, o)}
    day = o["visit"].visit_date.isoformat()
    assert by_action["visit.confirm"].sentence == (
        f"The debtor (SMS link) confirmed the visit of {day} (case {o['case'].id} · 贾*)"
    )
    assert [x.action for x in _lines(session, o, person=audit.DEBTOR)] == ["visit.confirm"]
    assert [x.action for x in _lines(session, o, person=audit.SYSTEM)] == ["promise.broken"]


def test_filters_by_person_action_group_and_case_including_the_cases_visits_and_plans(session, office):
    o = office
    case, other = o["case"], o["other"]
    plan = Plan(case_id=case.id, proposed_by=o["li"].id, total_cents=100_000, months=3, down_payment_cents=10_000,
                first_due_date=o["visit"].visit_date)  # fmt: skip
    session.add(plan)
    session.flush()
    audit.record(session, actor_id=o["admin"].id, action="dossier.view", entity="case", entity_id=case.id)
    audit.record(session, actor_id=o["li"].id, action="visit.checkin", entity="visit", entity_id=o["visit"].id)
    audit.record(session, actor_id=o["li"].id, action="plan.propose", entity="plan", entity_id=plan.id)
    audit.record(session, actor_id=o["li"].id, action="dossier.view", entity="case", entity_id=other.id)
    audit.record(session, actor_id=o["admin"].id, action="login", entity="user", entity_id=o["admin"].id)
    session.flush()
    assert {x.action for x in _lines(session, o, case=str(case.id))} == {
        "dossier.view",
        "visit.checkin",
        "plan.propose",
    }
    assert [x.case_id for x in _lines(session, o, case=f"#{other.id}")] == [other.id]
    assert {x.action for x in _lines(session, o, person=str(o["li"].id))} == {
        "visit.checkin",
        "plan.propose",
        "dossier.view",
    }
    privacy = _lines(session, o, action="group:privacy")
    assert {x.action for x in privacy} == {"dossier.view"} and len(privacy) == 2
    assert [x.action for x in _lines(session, o, action="login")] == ["login"]
    assert [x.sentence for x in _lines(session, o, action="login")] == ["王静 signed in"]
    both = _lines(session, o, person=str(o["li"].id), case=str(case.id), action="group:visits")
    assert [x.action for x in both] == ["visit.checkin"]


def test_a_case_number_that_is_not_a_number_is_said_so(session, office):
    with pytest.raises(ValidationError) as err:
        _lines(session, office, case="93a")
    assert err.value.key == "audit.bad_case" and err.value.params["value"] == "93a"


def test_export_is_the_filtered_log_in_words_and_is_itself_logged(session, office):
    o = office
    record_reveal(session, actor=o["admin"], case_id=o["case"].id, visit_id=o["visit"].id)
    audit.record(session, actor_id=o["li"].id, action="dossier.view", entity="case", entity_id=o["other"].id)
    session.flush()
    out = audit_log.export(session, actor=o["admin"], where=AuditFilter(case=str(o["case"].id)), lang="zh-CN")
    assert out.data.startswith("\ufeff") and out.filename.endswith(".csv") and out.rows == 1 and not out.truncated
    rows = list(csv.reader(io.StringIO(out.data.lstrip("\ufeff"))))
    assert rows[0][:3] == ["时间", "人员", "操作"] and "action" in rows[0]
    assert (
        rows[1][1] == "王静"
        and "的电话号码" in rows[1][2]
        and rows[1][rows[0].index("action")] == "dossier.reveal_phone"
    )
    logged = session.exec(select(AuditLog).where(AuditLog.action == "audit.export")).one()
    assert logged.actor_id == o["admin"].id and logged.after == {"rows": 1, "case": str(o["case"].id)}


def test_only_administrators_read_or_export(session, office):
    o = office
    with pytest.raises(Forbidden):
        audit_log.read(session, actor=o["disp"], where=AuditFilter(), lang="en")
    with pytest.raises(Forbidden):
        audit_log.export(session, actor=o["disp"], where=AuditFilter(), lang="en")
    with pytest.raises(Forbidden):
        audit_log.people(session, actor=o["disp"])


def _logged_actions() -> set[str]:
    """Every action code the app writes: `action="..."` and `action=X if c else Y` literals, module
    constants passed as action, and the debtor link's `_record(session, "...")`."""
    found: set[str] = set()
    for path in ROOT.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        consts = {
            n.targets[0].id: n.value.value
            for n in tree.body
            if isinstance(n, ast.Assign) and isinstance(n.targets[0], ast.Name) and isinstance(n.value, ast.Constant)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            values = [kw.value for kw in node.keywords if kw.arg == "action" and name in ("record", "AuditLog")]
            if name == "_record" and len(node.args) > 1:
                values.append(node.args[1])
            for v in values:
                parts = [v.body, v.orelse] if isinstance(v, ast.IfExp) else [v]
                for p in parts:
                    if isinstance(p, ast.Constant) and isinstance(p.value, str):
                        found.add(p.value)
                    elif isinstance(p, ast.Name) and p.id in consts:
                        found.add(consts[p.id])
    return found


def test_every_action_the_app_logs_has_a_sentence_a_label_and_a_filter_group():
    logged = _logged_actions()
    assert {"dossier.reveal_phone", "case.assign", "visit.confirm", "plan.reject", "audit.export"} <= logged
    assert logged <= set(ACTIONS), sorted(logged - set(ACTIONS))
    assert len(ACTIONS) == len(set(ACTIONS))  # one group each
    for code in ACTIONS:
        for kind in ("action", "label"):
            assert set(MESSAGES[f"audit.{kind}.{code}"]) == {"zh-CN", "en"}, code
    for group in ACTION_GROUPS:
        assert f"audit.group.{group}" in MESSAGES


def test_values_read_as_labels_and_local_times(session, office):
    o = office
    audit.record(session, actor_id=None, action="complaint.create", entity="complaint", entity_id=999,
                 after={"category": "visit_time", "source": "call", "sla_due_at": "2026-11-25T08:30:03.27+00:00",
                        "status": "open"})  # fmt: skip
    session.flush()
    [line] = _lines(session, o, lang="zh-CN")
    assert "答复时限: 2026-11-25 16:30" in line.changes  # UTC stored, Shanghai shown
    assert f"类别: {MESSAGES['complaint.category.visit_time']['zh-CN']}" in line.changes
    assert f"来源: {MESSAGES['complaint.source.call']['zh-CN']}" in line.changes
    assert f"状态: {MESSAGES['complaint.status.open']['zh-CN']}" in line.changes
    assert line.sentence == "系统 登记了 complaint 999"  # a row that no longer exists keeps its code and number
