"""Installment plans: quote and propose within and beyond authority, maker-checker approval, optimistic
versions, superseding, signing; the plan settings on the policy. SQLite and PostgreSQL."""

from __future__ import annotations

import struct
import zlib
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from tests import factories as f
from tests.states import page, redirects, run
from visitapp.compliance.services import policy_settings
from visitapp.core import auth, clock
from visitapp.core.enums import PlanStatus, Role
from visitapp.core.errors import Conflict, Forbidden, NotFound, ValidationError
from visitapp.core.models import AuditLog, Plan, PlanInstallment, PolicySetting, StatementLine
from visitapp.core.settings import get_settings
from visitapp.money.services import plans


def _png(width: int = 200, height: int = 80) -> bytes:
    """A real PNG with a diagonal stroke (not blank)."""
    rows = []
    for y in range(height):
        row = bytearray([0]) + bytearray(b"\xff" * width)
        row[1 + (y * width // height)] = 0
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def world(session):
    """A team with two agents on a visit, a supervisor, an admin, and a case owing 1000 + 50 fees + 100
    interest (yuan): waiving the fees is 4.35 % of 1150, the interest 8.70 %, both 13.04 %."""
    t = f.team(session)
    a1, a2 = f.user(session, team=t), f.user(session, team=t)
    sup, sup2 = f.user(session, role="supervisor"), f.user(session, role="supervisor")
    admin = f.user(session, role="admin")
    today = clock.today()
    case = f.case(session, team=t, agent=a1, lines=[])
    for due, kind, amount in (
        (today - timedelta(days=60), "installment", 100_000),
        (today - timedelta(days=30), "late_fee", 5_000),
        (today - timedelta(days=30), "interest", 10_000),
    ):
        session.add(StatementLine(debt_id=case.debt_id, due_date=due, kind=kind, amount_due_cents=amount))
    session.flush()
    v = f.visit(session, case=case, agents=[a1, a2])
    ids = {k: auth.identity_of(u) for k, u in {"a1": a1, "a2": a2, "sup": sup, "sup2": sup2, "admin": admin}.items()}
    return ids | {"case": case, "visit": v, "team": t}


def _terms(world, **kw):
    return {
        "visit_id": world["visit"].id,
        "months": 6,
        "down_payment_cents": 20_000,
        "waive_fees": False,
        "waive_interest": False,
        "first_due_date": clock.today() + timedelta(days=7),
    } | kw


def _set_policy(session, admin, **changes):
    data = policy_settings.load(session).to_json() | changes
    policy_settings.save(session, actor=admin, data=data)


def test_quote_within_and_beyond_the_agents_authority(session, world):
    q = plans.quote(session, actor=world["a1"], **_terms(world))
    assert (q.total_before_waiver_cents, q.waiver_cents, q.total_cents) == (115_000, 0, 115_000)
    assert sum(i.amount_cents for i in q.schedule) == 95_000 and len(q.schedule) == 6
    assert (q.needs_approval, q.allowed, q.authority_pct, q.agent_waiver_pct, q.supervisor_waiver_pct) == (
        False,
        True,
        10,
        10,
        50,
    )
    q = plans.quote(session, actor=world["a1"], **_terms(world, waive_fees=True, waive_interest=True))
    assert (q.waiver_cents, q.waiver_pct, q.needs_approval, q.allowed) == (15_000, 13.04, True, True)
    # a supervisor's own authority covers it
    assert not plans.quote(
        session, actor=world["sup"], **_terms(world, waive_fees=True, waive_interest=True)
    ).needs_approval
    # invalid terms are the calculator's errors; nothing is stored by a quote
    with pytest.raises(ValidationError) as exc:
        plans.quote(session, actor=world["a1"], **_terms(world, months=5))
    assert exc.value.key == "payplan.bad_months"
    assert session.exec(select(Plan)).all() == []


def test_propose_within_authority_is_approved_at_once_and_audited(session, world):
    plan = plans.propose(session, actor=world["a1"], **_terms(world, waive_fees=True))  # 4.35 %
    assert (plan.status, plan.revision, plan.supersedes_id, plan.version) == (PlanStatus.APPROVED, 1, None, 1)
    assert (plan.total_cents, plan.waiver_cents, plan.down_payment_cents, plan.waive_fees) == (
        110_000,
        5_000,
        20_000,
        True,
    )
    items = session.exec(
        select(PlanInstallment).where(PlanInstallment.plan_id == plan.id).order_by(PlanInstallment.seq)
    ).all()
    assert [i.seq for i in items] == [1, 2, 3, 4, 5, 6] and sum(i.amount_cents for i in items) == 90_000
    assert all(i.status == "due" for i in items)
    log = session.exec(select(AuditLog).where(AuditLog.action == "plan.propose")).one()
    assert log.entity_id == str(plan.id) and log.actor_id == world["a1"].id


def test_beyond_the_agent_needs_a_supervisor_who_approves(session, world):
    plan = plans.propose(session, actor=world["a1"], **_terms(world, waive_fees=True, waive_interest=True))
    assert plan.status == PlanStatus.AWAITING_APPROVAL and plan.approved_at is None
    inbox = plans.approvals(session, actor=world["sup"])
    assert [r.plan_id for r in inbox] == [plan.id]
    row = inbox[0]
    assert (row.waiver_cents, row.waiver_pct, row.total_before_waiver_cents, row.months, row.own) == (
        15_000,
        13.04,
        115_000,
        6,
        False,
    )
    assert row.debtor_masked.endswith("*") and row.proposer_name == "Agent " + world["a1"].display_name.split()[-1]
    assert row.installment_cents * 5 + row.last_installment_cents == 80_000
    # the agent sees it waiting
    assert plans.plan_status(session, actor=world["a1"], plan_id=plan.id).status == PlanStatus.AWAITING_APPROVAL
    with pytest.raises(Forbidden):
        plans.approvals(session, actor=world["a1"])
    with pytest.raises(Forbidden):
        plans.approve(session, actor=world["a2"], plan_id=plan.id, version=plan.version, comment="")

    done = plans.approve(session, actor=world["sup"], plan_id=plan.id, version=1, comment="  可以  ")
    assert (done.status, done.approved_by, done.approval_comment, done.version) == (
        PlanStatus.APPROVED,
        world["sup"].id,
        "可以",
        2,
    )
    st = plans.plan_status(session, actor=world["a2"], plan_id=plan.id)
    assert (st.status, st.comment, st.version, st.approved_by_name) == (
        PlanStatus.APPROVED,
        "可以",
        2,
        world["sup"].display_name,
    )
    assert plans.approvals(session, actor=world["sup"]) == []
    assert session.exec(select(AuditLog).where(AuditLog.action == "plan.approve")).one().actor_id == world["sup"].id


def test_beyond_the_supervisor_is_refused(session, world):
    _set_policy(session, world["admin"], supervisor_waiver_pct=12)
    with pytest.raises(ValidationError) as exc:
        plans.propose(session, actor=world["a1"], **_terms(world, waive_fees=True, waive_interest=True))
    assert exc.value.key == "payplan.waiver_beyond_limit" and exc.value.params["limit"] == 12
    assert not plans.quote(session, actor=world["sup"], **_terms(world, waive_fees=True, waive_interest=True)).allowed
    assert session.exec(select(Plan)).all() == []


def test_the_proposer_never_approves_their_own_plan(session, world):
    # a supervisor's plan within their own authority needs nobody else (their authority is the check)
    plan = plans.propose(session, actor=world["sup"], **_terms(world, waive_fees=True, waive_interest=True))
    assert plan.status == PlanStatus.APPROVED and plan.approved_by is None
    # an agent's plan beyond their authority; the agent is promoted to supervisor before it is decided:
    # the role would allow approving, but they proposed it
    plan = plans.propose(session, actor=world["a1"], **_terms(world, waive_fees=True, waive_interest=True))
    promoted = replace(world["a1"], role=Role.SUPERVISOR)
    inbox = {r.plan_id: r for r in plans.approvals(session, actor=promoted)}
    assert inbox[plan.id].own is True and not plans.approvals(session, actor=world["sup"])[0].own
    for action in (plans.approve, plans.reject):
        with pytest.raises(Forbidden) as exc:
            action(session, actor=promoted, plan_id=plan.id, version=plan.version, comment="ok")
        assert exc.value.key == "payplan.own_approval"
    assert session.get(Plan, plan.id).status == PlanStatus.AWAITING_APPROVAL
    assert (
        plans.approve(session, actor=world["sup2"], plan_id=plan.id, version=plan.version, comment="").status
        == PlanStatus.APPROVED
    )


def test_an_approver_is_bound_by_the_current_limit(session, world):
    plan = plans.propose(session, actor=world["a1"], **_terms(world, waive_fees=True, waive_interest=True))
    _set_policy(session, world["admin"], supervisor_waiver_pct=12)  # 13.04 % is now beyond anyone
    with pytest.raises(ValidationError) as exc:
        plans.approve(session, actor=world["sup"], plan_id=plan.id, version=plan.version, comment="")
    assert exc.value.key == "payplan.waiver_beyond_limit"
    assert (
        plans.reject(session, actor=world["sup"], plan_id=plan.id, version=plan.version, comment="超出权限").status
        == PlanStatus.REJECTED
    )


def test_reject_needs_a_comment_and_the_agent_reads_it(session, world):
    plan = plans.propose(session, actor=world["a1"], **_terms(world, waive_fees=True, waive_interest=True))
    with pytest.raises(ValidationError) as exc:
        plans.reject(session, actor=world["sup"], plan_id=plan.id, version=1, comment="  ")
    assert exc.value.key == "payplan.reject_needs_comment"
    done = plans.reject(session, actor=world["admin"], plan_id=plan.id, version=1, comment="首付太低")
    assert (done.status, done.approval_comment) == (PlanStatus.REJECTED, "首付太低")
    st = plans.plan_status(session, actor=world["a1"], plan_id=plan.id)
    assert (st.status, st.comment) == (PlanStatus.REJECTED, "首付太低")


def test_a_stale_version_is_a_conflict_naming_who(session, world):
    plan = plans.propose(session, actor=world["a1"], **_terms(world, waive_fees=True, waive_interest=True))
    plans.approve(session, actor=world["sup"], plan_id=plan.id, version=1, comment="")
    with pytest.raises(Conflict) as exc:
        plans.reject(session, actor=world["sup2"], plan_id=plan.id, version=1, comment="不行")
    assert exc.value.key == "payplan.stale_version"
    assert exc.value.params["name"] == world["sup"].display_name and exc.value.params["version"] == 2
    # a current version on a plan no longer awaiting approval
    with pytest.raises(ValidationError) as exc:
        plans.reject(session, actor=world["sup2"], plan_id=plan.id, version=2, comment="不行")
    assert exc.value.key == "payplan.not_awaiting"


def test_agents_outside_the_visit_see_nothing(session, world):
    other_team = f.team(session)
    stranger = auth.identity_of(f.user(session, team=other_team))
    with pytest.raises(NotFound):
        plans.quote(session, actor=stranger, **_terms(world))
    with pytest.raises(NotFound):
        plans.propose(session, actor=stranger, **_terms(world))
    plan = plans.propose(session, actor=world["a1"], **_terms(world))
    with pytest.raises(NotFound):
        plans.plan_status(session, actor=stranger, plan_id=plan.id)
    with pytest.raises(NotFound):
        plans.sign(session, actor=stranger, plan_id=plan.id, signature_png=_png(), lat=None, lon=None, place="")
    with pytest.raises(NotFound):
        plans.plan_status(session, actor=world["a1"], plan_id=999_999)


def test_a_new_proposal_supersedes_unsigned_plans(session, world):
    first = plans.propose(session, actor=world["a1"], **_terms(world))
    second = plans.propose(session, actor=world["a2"], **_terms(world, waive_fees=True, waive_interest=True))
    first = session.get(Plan, first.id, populate_existing=True)
    assert (first.status, first.version) == (PlanStatus.SUPERSEDED, 2)
    assert (second.status, second.revision, second.supersedes_id) == (PlanStatus.AWAITING_APPROVAL, 2, first.id)
    third = plans.propose(session, actor=world["a1"], **_terms(world, months=12))
    assert session.get(Plan, second.id, populate_existing=True).status == PlanStatus.SUPERSEDED
    assert (third.revision, third.supersedes_id, third.status) == (3, second.id, PlanStatus.APPROVED)
    assert plans.approvals(session, actor=world["sup"]) == []
    # approving the superseded one is refused
    with pytest.raises(ValidationError):
        plans.approve(session, actor=world["sup"], plan_id=second.id, version=2, comment="")


def test_sign_only_an_approved_plan_with_a_valid_png(session, world, tmp_path, monkeypatch):
    monkeypatch.setenv("VISITAPP_PRIVATE_DIR", str(tmp_path / "private"))
    from visitapp.core.settings import reset_settings_cache

    reset_settings_cache()
    waiting = plans.propose(session, actor=world["a1"], **_terms(world, waive_fees=True, waive_interest=True))
    with pytest.raises(ValidationError) as exc:
        plans.sign(session, actor=world["a1"], plan_id=waiting.id, signature_png=_png(), lat=None, lon=None, place="")
    assert exc.value.key == "payplan.not_approved"
    plans.approve(session, actor=world["sup"], plan_id=waiting.id, version=1, comment="")
    for data, key in (
        (b"GIF89a" + b"\0" * 500, "payplan.signature_not_png"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 1_000_001, "payplan.signature_too_large"),
        (b"\x89PNG\r\n\x1a\n", "payplan.signature_blank"),
    ):
        with pytest.raises(ValidationError) as exc:
            plans.sign(session, actor=world["a1"], plan_id=waiting.id, signature_png=data, lat=None, lon=None, place="")
        assert exc.value.key == key
    png = _png()
    signed = plans.sign(
        session,
        actor=world["a2"],
        plan_id=waiting.id,
        signature_png=png,
        lat=31.229,
        lon=121.455,
        place=" 上海市静安区南京西路 ",
    )
    assert (signed.status, signed.signed_lat, signed.signed_lon, signed.signed_place) == (
        PlanStatus.ACTIVE,
        31.229,
        121.455,
        "上海市静安区南京西路",
    )
    assert signed.signed_at is not None and signed.version == 3
    path = get_settings().private_dir / "signatures"
    assert signed.signature_path.startswith(str(path)) and Path(signed.signature_path).read_bytes() == png
    assert signed.agreement_path and signed.agreement_sha256  # written by services.agreements
    assert session.exec(select(AuditLog).where(AuditLog.action == "plan.sign")).one().entity_id == str(signed.id)
    # signed is final: signing again is refused; a renegotiation is a new revision superseding it when signed
    with pytest.raises(ValidationError):
        plans.sign(session, actor=world["a1"], plan_id=signed.id, signature_png=png, lat=None, lon=None, place="")
    again = plans.propose(session, actor=world["a1"], renegotiate=True, **_terms(world, months=12))
    assert (again.revision, again.supersedes_id) == (2, signed.id)
    assert session.get(Plan, signed.id, populate_existing=True).status == PlanStatus.ACTIVE
    plans.sign(session, actor=world["a1"], plan_id=again.id, signature_png=png, lat=None, lon=None, place="")
    assert session.get(Plan, signed.id, populate_existing=True).status == PlanStatus.SUPERSEDED
    reset_settings_cache()


def test_plan_settings_on_the_policy(session, world):
    cfg = policy_settings.load(session)
    assert (cfg.plan_months, cfg.plan_min_down_pct, cfg.agent_waiver_pct, cfg.supervisor_waiver_pct) == (
        (3, 6, 12, 24),
        10,
        10,
        50,
    )
    # settings stored before these fields existed still load, with the defaults
    old = {
        k: v
        for k, v in cfg.to_json().items()
        if k not in ("plan_months", "plan_min_down_pct", "agent_waiver_pct", "supervisor_waiver_pct")
    }
    session.add(PolicySetting(key=policy_settings.KEY, value=old))
    session.flush()
    assert policy_settings.load(session).plan_months == (3, 6, 12, 24)
    _set_policy(session, world["admin"], plan_months="3, 9，18", plan_min_down_pct=20, agent_waiver_pct=5)
    cfg = policy_settings.load(session)
    assert (cfg.plan_months, cfg.plan_min_down_pct, cfg.agent_waiver_pct) == ((3, 9, 18), 20, 5)
    assert session.get(PolicySetting, policy_settings.KEY).value["plan_months"] == [3, 9, 18]
    # the calculator follows the policy
    with pytest.raises(ValidationError) as exc:
        plans.quote(session, actor=world["a1"], **_terms(world, months=6))
    assert exc.value.key == "payplan.bad_months" and exc.value.params["allowed"] == "3, 9, 18"
    with pytest.raises(ValidationError) as exc:
        plans.quote(session, actor=world["a1"], **_terms(world, months=9, down_payment_cents=20_000))
    assert exc.value.key == "payplan.down_payment_too_small"
    for bad, field in (
        ({"plan_months": [6, 3]}, "plan_months"),
        ({"plan_months": []}, "plan_months"),
        ({"plan_months": [0, 3]}, "plan_months"),
        ({"agent_waiver_pct": 101}, "agent_waiver_pct"),
        ({"agent_waiver_pct": 60, "supervisor_waiver_pct": 50}, "agent_waiver_pct"),
        ({"plan_min_down_pct": -1}, "plan_min_down_pct"),
    ):
        with pytest.raises(ValidationError) as exc:
            _set_policy(session, world["admin"], **bad)
        assert field in [f for f, _ in exc.value.params["problems"]], bad
    with pytest.raises(ValidationError):
        _set_policy(session, world["admin"], plan_months="3, x")


def test_admin_policy_form_round_trips_plan_fields():
    from visitapp.compliance.rules.policy import default_config
    from visitapp.compliance.ui.policy_state import _from_form, _to_form

    form = _to_form(default_config().to_json())
    assert form["plan_months"] == "3, 6, 12, 24" and form["agent_waiver_pct"] == "10"
    data, problems = _from_form(form | {"plan_months": "6,12", "supervisor_waiver_pct": "40"})
    assert not problems and data["plan_months"] == [6, 12] and data["supervisor_waiver_pct"] == 40
    _, problems = _from_form(form | {"plan_months": "6, twelve"})
    assert problems == {"plan_months": "policy.config.bad_plan_months"}


def test_approvals_page_state_guards_decides_and_reports_stale(db_url):
    from visitapp.core.db import session_scope
    from visitapp.money.ui.approvals_state import ApprovalsState

    def token(name):
        with session_scope(db_url) as s:
            return auth.login(s, username=name, password=f.PASSWORD).token

    def state(tok):
        st = page(ApprovalsState)
        st.token = tok
        return st

    with session_scope(db_url) as s:
        t = f.team(s)
        agent, dispatcher = f.user(s, team=t), f.user(s, role="dispatcher")
        sup, sup2 = f.user(s, role="supervisor"), f.user(s, role="supervisor")
        case = f.case(s, team=t, agent=agent, lines=[])
        s.add(
            StatementLine(
                debt_id=case.debt_id,
                due_date=clock.today() - timedelta(days=30),
                kind="installment",
                amount_due_cents=100_000,
            )
        )
        s.add(
            StatementLine(
                debt_id=case.debt_id,
                due_date=clock.today() - timedelta(days=30),
                kind="interest",
                amount_due_cents=30_000,
            )
        )
        s.flush()
        v = f.visit(s, case=case, agents=[agent])
        names = agent.username, dispatcher.username, sup.username, sup2.username
        plan = plans.propose(
            s,
            actor=auth.identity_of(agent),
            visit_id=v.id,
            months=3,
            down_payment_cents=10_000,
            waive_fees=False,
            waive_interest=True,
            first_due_date=clock.today(),
        )
        plan_id = str(plan.id)
    for name in names[:2]:
        assert redirects(run(ApprovalsState.load, state(token(name)))), "refused: sent to the user's home page"
    first, second = state(token(names[2])), state(token(names[3]))
    run(ApprovalsState.load, first)
    run(ApprovalsState.load, second)
    assert [r["id"] for r in first.rows] == [plan_id] and "23.08%" in first.rows[0]["waiver"]
    run(ApprovalsState.set_comment, second, plan_id, "不同意")
    run(ApprovalsState.approve, first, plan_id, first.rows[0]["version"])
    assert first.rows == [] and first.message_ok
    run(ApprovalsState.reject, second, plan_id, second.rows[0]["version"])
    assert second.stale_id == plan_id and second.stale_message
    run(ApprovalsState.reload, second)
    assert second.rows == [] and second.stale_id == ""


# --- one plan per case, shown as it stands (issue 12, point 3) ---


@pytest.fixture
def private(tmp_path, monkeypatch):
    from visitapp.core.settings import reset_settings_cache

    monkeypatch.setenv("VISITAPP_PRIVATE_DIR", str(tmp_path / "private"))
    reset_settings_cache()
    yield
    reset_settings_cache()


def _signed(session, world, **kw):
    plan = plans.propose(session, actor=world["a1"], **_terms(world, **kw))
    return plans.sign(session, actor=world["a1"], plan_id=plan.id, signature_png=_png(), lat=None, lon=None, place="")


def test_a_signed_plan_stands_until_an_explicit_renegotiation_is_signed(session, world, private):
    first = _signed(session, world)
    # a second plan is refused: the case has its plan (this is what the dossier used to accept)
    with pytest.raises(ValidationError) as exc:
        plans.propose(session, actor=world["a2"], **_terms(world, months=12))
    assert exc.value.key == "payplan.already_signed" and exc.value.params["revision"] == 1
    assert [p.id for p in session.exec(select(Plan)).all()] == [first.id]

    shown = plans.case_plans(session, actor=world["a2"], visit_id=world["visit"].id)
    assert shown.pending is None and shown.signed is not None
    s = shown.signed
    assert (s.plan_id, s.status, s.revision, s.total_cents, s.down_payment_cents) == (
        first.id,
        PlanStatus.ACTIVE,
        1,
        115_000,
        20_000,
    )
    assert [i.seq for i in s.schedule] == [0, 1, 2, 3, 4, 5, 6] and sum(i.amount_cents for i in s.schedule) == 115_000
    assert s.schedule[0].due_date == clock.today()  # the down payment is due at signing
    assert s.next_due == s.schedule[0] and s.next_due.open_cents == 20_000
    assert (s.paid_cents, s.open_cents, s.agreement_ready) == (0, 115_000, True)
    assert s.cooling_off_until == clock.today() + timedelta(days=7)

    # renegotiating is explicit; until the debtor signs, the signed plan stays in force
    new = plans.propose(session, actor=world["a2"], renegotiate=True, **_terms(world, months=12))
    assert (new.revision, new.supersedes_id, new.status) == (2, first.id, PlanStatus.APPROVED)
    shown = plans.case_plans(session, actor=world["a1"], visit_id=world["visit"].id)
    assert shown.signed.plan_id == first.id and shown.signed.status == PlanStatus.ACTIVE
    assert shown.pending.plan_id == new.id and shown.pending.renegotiates == 1
    assert shown.pending.schedule[0].due_date is None  # "at signing": not signed yet
    log = session.exec(
        select(AuditLog).where(AuditLog.action == "plan.propose", AuditLog.entity_id == str(new.id))
    ).one()
    assert f"renegotiates plan {first.id}" in log.detail

    plans.sign(session, actor=world["a1"], plan_id=new.id, signature_png=_png(), lat=None, lon=None, place="")
    assert session.get(Plan, first.id, populate_existing=True).status == PlanStatus.SUPERSEDED
    shown = plans.case_plans(session, actor=world["a1"], visit_id=world["visit"].id)
    assert shown.signed.plan_id == new.id and shown.pending is None
    assert [p.status for p in session.exec(select(Plan).order_by(Plan.id)).all()] == [
        PlanStatus.SUPERSEDED,
        PlanStatus.ACTIVE,
    ]


def test_the_plan_shows_what_is_paid_and_what_is_next(session, world, private):
    from visitapp.money.services import payments

    plan = _signed(session, world)
    payments.record_payment(
        session,
        actor=world["a1"],
        visit_id=world["visit"].id,
        amount_cents=25_000,
        paid_on=clock.today(),
        method="cash",
    )
    s = plans.case_plans(session, actor=world["a1"], visit_id=world["visit"].id).signed
    assert s.plan_id == plan.id and (s.paid_cents, s.open_cents) == (25_000, 90_000)
    assert s.schedule[0].status == "paid" and s.schedule[1].paid_cents == 5_000
    assert s.next_due.seq == 1 and s.next_due.open_cents == 15_833 - 5_000


def test_a_paid_off_plan_is_not_renegotiated(session, world, private):
    plan = _signed(session, world)
    plan.status = PlanStatus.COMPLETED
    session.add(plan)
    session.flush()
    for renegotiate in (False, True):
        with pytest.raises(ValidationError) as exc:
            plans.propose(session, actor=world["a1"], renegotiate=renegotiate, **_terms(world))
        assert exc.value.key == "payplan.paid_off"
    shown = plans.case_plans(session, actor=world["a1"], visit_id=world["visit"].id)
    assert shown.signed.status == PlanStatus.COMPLETED and shown.signed.next_due is None


def test_a_rejected_proposal_is_shown_with_the_comment_and_a_new_one_may_follow(session, world):
    plan = plans.propose(session, actor=world["a1"], **_terms(world, waive_fees=True, waive_interest=True))
    plans.reject(session, actor=world["sup"], plan_id=plan.id, version=1, comment="首付太低")
    shown = plans.case_plans(session, actor=world["a1"], visit_id=world["visit"].id)
    assert shown.signed is None and shown.pending.status == PlanStatus.REJECTED and shown.pending.comment == "首付太低"
    again = plans.propose(session, actor=world["a1"], **_terms(world))
    assert plans.case_plans(session, actor=world["a1"], visit_id=world["visit"].id).pending.plan_id == again.id


def test_reopening_the_dossier_after_signing_shows_the_plan_not_the_form(db_url, private):
    """The regression of issue 12: the plan card came back empty, offering to propose again."""
    from tests.states import tab
    from visitapp.core.db import session_scope
    from visitapp.field.ui.dossier_state import DossierState
    from visitapp.money.ui.plan_state import OnSitePlanState

    with session_scope(db_url) as s:
        world = _world_rows(s)
        visit_id, name = world["visit"].id, world["agent_name"]
        _signed(s, world)
    with session_scope(db_url) as s:
        token = auth.login(s, username=name, password=f.PASSWORD).token
    root = tab()
    dossier = page(DossierState, token=token, root=root)
    path = f"/agent/visit/{visit_id}"
    dossier._update_router_vars({"pathname": path, "asPath": path}, {})
    run(DossierState.load, dossier)
    card = page(OnSitePlanState, root=root)
    assert card.signed["status"] == PlanStatus.ACTIVE.value and card.pending == {}
    assert card.signed["agreement_url"].startswith("/api/agreement/")
    assert card.signed["next"].startswith("下一笔：首付")
    assert [r["state"] for r in card.signed_rows] == ["due"] * 7
    # proposing anyway (a stale page) is refused with the reason, and nothing is stored
    run(OnSitePlanState.propose, card)
    assert "重新协商" in card.error
    with session_scope(db_url) as s:
        assert len(s.exec(select(Plan)).all()) == 1
    # renegotiating: confirmed, proposed, then it waits beside the plan in force
    run(OnSitePlanState.start_renegotiation, card)
    assert card.open and card.renegotiate
    card.months, card.down_yuan = "12", "200"
    run(OnSitePlanState.propose, card)
    assert card.error == "" and not card.open
    assert card.pending["status"] == PlanStatus.APPROVED.value and "第 1 版" in card.pending["renegotiates"]
    assert card.signed["status"] == PlanStatus.ACTIVE.value
    assert any("冷静期" in t for t in card.terms)  # the debtor reads the terms before signing


def _world_rows(s) -> dict:
    t = f.team(s)
    a1, a2 = f.user(s, team=t), f.user(s, team=t)
    case = f.case(s, team=t, agent=a1, lines=[])
    for due, kind, amount in (
        (clock.today() - timedelta(days=60), "installment", 100_000),
        (clock.today() - timedelta(days=30), "late_fee", 5_000),
        (clock.today() - timedelta(days=30), "interest", 10_000),
    ):
        s.add(StatementLine(debt_id=case.debt_id, due_date=due, kind=kind, amount_due_cents=amount))
    s.flush()
    v = f.visit(s, case=case, agents=[a1, a2])
    return {"a1": auth.identity_of(a1), "visit": v, "agent_name": a1.username}


def test_a_plan_never_asks_again_for_what_was_paid_here(session, world, private):
    """Payments recorded here are not on the statement: the first plan after one, and a renegotiation
    after paying on the plan in force, count them as paid (they used to be asked for again)."""
    import io

    from pypdf import PdfReader

    from visitapp.money.services import agreements, payments

    payments.record_payment(
        session,
        actor=world["a1"],
        visit_id=world["visit"].id,
        amount_cents=20_000,
        paid_on=clock.today(),
        method="cash",
    )
    q = plans.quote(session, actor=world["a1"], **_terms(world))
    assert (q.total_before_waiver_cents, q.paid_here_cents) == (95_000, 20_000)
    first = _signed(session, world)
    assert first.total_cents == 95_000
    payments.record_payment(
        session,
        actor=world["a1"],
        visit_id=world["visit"].id,
        amount_cents=20_000,
        paid_on=clock.today(),
        method="cash",
    )  # the down payment of the plan in force
    again = plans.propose(session, actor=world["a1"], renegotiate=True, **_terms(world, months=12))
    assert again.total_cents == 75_000  # 1,150 - 200 off the plan - 200 on it
    signed = plans.sign(
        session, actor=world["a1"], plan_id=again.id, signature_png=_png(), lat=None, lon=None, place=""
    )
    pdf = agreements.agreement_for_staff(session, actor=world["a1"], plan_id=signed.id)
    text = "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "已从欠款中扣除" in text and "400.00" in text
