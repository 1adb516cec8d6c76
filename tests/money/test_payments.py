"""Payments and promises: oldest-first allocation to the signed plan, receipts, kept promises, validation, access."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from tests import factories as f
from visitapp.core import auth, clock
from visitapp.core.errors import NotFound, ValidationError
from visitapp.core.models import AuditLog, Plan, PlanInstallment, Promise
from visitapp.money.services import payments


def _setup(session, *, plan: bool = True, down: int = 10_000, amounts=(33_333, 33_333, 33_334)):
    dispatcher = f.user(session, role="dispatcher")
    t = f.team(session, dispatcher=dispatcher)
    agent, partner = f.user(session, team=t), f.user(session, team=t)
    today = clock.today()
    c = f.case(session, team=t, agent=agent, lines=[(today - timedelta(days=60), 110_000, 0)])
    v = f.visit(session, case=c, agents=[agent, partner])
    p = None
    if plan:
        p = Plan(
            case_id=c.id,
            proposed_by=agent.id,
            status="active",
            months=len(amounts),
            total_cents=down + sum(amounts),
            down_payment_cents=down,
            first_due_date=today + timedelta(days=30),
            signed_at=clock.now(),
        )
        session.add(p)
        session.flush()
        for seq, amount in enumerate(amounts, start=1):
            session.add(
                PlanInstallment(plan_id=p.id, seq=seq, due_date=today + timedelta(days=30 * seq), amount_cents=amount)
            )
        session.flush()
    return auth.identity_of(agent), c, v, p, dispatcher


def _rows(session, plan):
    return session.exec(
        select(PlanInstallment).where(PlanInstallment.plan_id == plan.id).order_by(PlanInstallment.seq)
    ).all()


def test_payments_go_to_the_down_payment_then_oldest_installment_first(session):
    me, c, v, plan, _d = _setup(session)
    today = clock.today()
    pay = payments.record_payment(
        session, actor=me, visit_id=v.id, amount_cents=50_000, paid_on=today, method="cash", reference=""
    )
    assert pay.plan_id == plan.id and pay.receipt_no.startswith("SK20261123-") and len(pay.receipt_no) == 17
    rows = _rows(session, plan)
    # 100.00 down payment, then 333.33 on the first installment, 66.67 left for the second
    assert [(r.paid_cents, r.status) for r in rows] == [(33_333, "paid"), (6_667, "due"), (0, "due")]
    assert payments.plan_open_cents(session, plan) == 110_000 - 50_000

    r = payments.receipt(session, actor=me, payment_id=pay.id)
    assert [(a.kind, a.seq, a.amount_cents) for a in r.applied] == [
        ("down", 0, 10_000),
        ("installment", 1, 33_333),
        ("installment", 2, 6_667),
    ]
    assert sum(a.amount_cents for a in r.applied) == 50_000 and r.unapplied_cents == 0
    assert r.debtor_masked.endswith("*") and r.method == "cash" and r.receipt_no == pay.receipt_no
    assert r.company and r.contract_no.startswith("HT-TEST-")

    # the rest, to the cent (the last installment absorbed the rounding), completes the plan
    pay2 = payments.record_payment(
        session, actor=me, case_id=c.id, amount_cents=60_000, paid_on=today, method="alipay", reference="2026112322001"
    )
    assert [(r.paid_cents, r.status) for r in _rows(session, plan)] == [
        (33_333, "paid"),
        (33_333, "paid"),
        (33_334, "paid"),
    ]
    session.refresh(plan)
    assert plan.status == "completed" and pay2.receipt_no != pay.receipt_no
    assert payments.receipt(session, actor=me, payment_id=pay2.id).plan_completed
    actions = session.exec(select(AuditLog.action).where(AuditLog.entity_id.in_([str(c.id), str(plan.id)]))).all()
    assert actions.count("payment.record") == 2 and "plan.completed" in actions


def test_an_overpayment_is_kept_as_unapplied(session):
    me, _c, v, _plan, _d = _setup(session, down=0, amounts=(1_000, 1_001))
    pay = payments.record_payment(
        session,
        actor=me,
        visit_id=v.id,
        amount_cents=5_000,
        paid_on=clock.today(),
        method="transfer",
        reference="BANK-1",
    )
    r = payments.receipt(session, actor=me, payment_id=pay.id)
    assert sum(a.amount_cents for a in r.applied) == 2_001 and r.unapplied_cents == 2_999 and r.plan_completed


def test_without_a_plan_a_payment_reduces_the_balance(session):
    me, c, v, _p, _d = _setup(session, plan=False)
    assert payments.outstanding_cents(session, c) == 110_000
    pay = payments.record_payment(
        session, actor=me, visit_id=v.id, amount_cents=10_000, paid_on=clock.today(), method="wechat", reference="WX-1"
    )
    assert pay.plan_id is None and payments.outstanding_cents(session, c) == 100_000
    assert [a.kind for a in payments.receipt(session, actor=me, payment_id=pay.id).applied] == ["balance"]


def test_receipt_numbers_are_unique(session):
    me, c, _v, _p, _d = _setup(session, plan=False)
    numbers = {
        payments.record_payment(
            session, actor=me, case_id=c.id, amount_cents=100, paid_on=clock.today(), method="cash"
        ).receipt_no
        for _ in range(30)
    }
    assert len(numbers) == 30


def test_a_promise_is_kept_once_payments_cover_it(session):
    me, _c, v, _plan, _d = _setup(session)
    today = clock.today()
    promise = payments.record_promise(
        session,
        actor=me,
        visit_id=v.id,
        amount_cents=20_000,
        due_date=today + timedelta(days=7),
        client_id="offline-promise-1",
    )
    again = payments.record_promise(
        session,
        actor=me,
        visit_id=v.id,
        amount_cents=20_000,
        due_date=today + timedelta(days=7),
        client_id="offline-promise-1",
    )
    assert again.id == promise.id and len(session.exec(select(Promise)).all()) == 1
    payments.record_payment(session, actor=me, visit_id=v.id, amount_cents=15_000, paid_on=today, method="cash")
    session.refresh(promise)
    assert promise.status == "open"
    payments.record_payment(session, actor=me, visit_id=v.id, amount_cents=5_000, paid_on=today, method="cash")
    session.refresh(promise)
    assert promise.status == "kept" and promise.resolved_at is not None


def test_validation_names_the_field(session):
    me, _c, v, _p, _d = _setup(session)
    today = clock.today()
    cases = [
        (dict(amount_cents=0, paid_on=today, method="cash"), "payment.amount_positive"),
        (dict(amount_cents=-5, paid_on=today, method="cash"), "payment.amount_positive"),
        (dict(amount_cents=100, paid_on=today + timedelta(days=1), method="cash"), "payment.paid_on_future"),
        (dict(amount_cents=100, paid_on=today - timedelta(days=400), method="cash"), "payment.paid_on_old"),
        (dict(amount_cents=100, paid_on=today, method="bitcoin"), "payment.bad_method"),
        (dict(amount_cents=100, paid_on=today, method="transfer", reference="  "), "payment.reference_required"),
    ]
    for kwargs, key in cases:
        with pytest.raises(ValidationError) as err:
            payments.record_payment(session, actor=me, visit_id=v.id, **kwargs)
        assert err.value.key == key
    with pytest.raises(ValidationError) as err:
        payments.record_promise(session, actor=me, visit_id=v.id, amount_cents=100, due_date=today + timedelta(days=31))
    assert err.value.key == "promise.due_range"
    with pytest.raises(ValidationError) as err:
        payments.record_promise(session, actor=me, visit_id=v.id, amount_cents=100, due_date=today - timedelta(days=1))
    assert err.value.key == "promise.due_range"
    with pytest.raises(ValidationError) as err:
        payments.record_promise(session, actor=me, visit_id=v.id, amount_cents=110_001, due_date=today)
    assert err.value.key == "promise.amount_over"
    with pytest.raises(ValidationError) as err:
        payments.record_promise(session, actor=me, visit_id=v.id, amount_cents=0, due_date=today)
    assert err.value.key == "promise.amount_positive"
    assert (
        payments.record_promise(
            session, actor=me, visit_id=v.id, amount_cents=110_000, due_date=today + timedelta(days=30)
        ).status
        == "open"
    )


def test_another_teams_staff_get_not_found(session):
    me, c, v, _plan, dispatcher = _setup(session)
    pay = payments.record_payment(
        session, actor=me, visit_id=v.id, amount_cents=100, paid_on=clock.today(), method="cash"
    )
    other_dispatcher = f.user(session, role="dispatcher")
    other = f.team(session, dispatcher=other_dispatcher)
    for stranger in (auth.identity_of(f.user(session, team=other)), auth.identity_of(other_dispatcher)):
        with pytest.raises(NotFound):
            payments.record_payment(
                session, actor=stranger, case_id=c.id, amount_cents=100, paid_on=clock.today(), method="cash"
            )
        with pytest.raises(NotFound):
            payments.record_payment(
                session, actor=stranger, visit_id=v.id, amount_cents=100, paid_on=clock.today(), method="cash"
            )
        with pytest.raises(NotFound):
            payments.receipt(session, actor=stranger, payment_id=pay.id)
        with pytest.raises(NotFound):
            payments.record_promise(session, actor=stranger, visit_id=v.id, amount_cents=100, due_date=clock.today())
    # the team's own dispatcher may record for the case
    assert (
        payments.record_payment(
            session,
            actor=auth.identity_of(dispatcher),
            case_id=c.id,
            amount_cents=100,
            paid_on=clock.today(),
            method="cash",
        ).case_id
        == c.id
    )


# --- the receipt as the debtor reads it (issue 12, point 6) ---


def test_the_receipt_reconciles_with_the_statement_paid_now_and_remaining(session):
    """A ¥200 payment on a ¥1,100 statement: paid now ¥200, remaining ¥900 (not "balance ¥200")."""
    from visitapp.money.ui.money_state import receipt_view

    me, _c, v, _p, _d = _setup(session, plan=False)
    first = payments.record_payment(
        session, actor=me, visit_id=v.id, amount_cents=20_000, paid_on=clock.today(), method="cash"
    )
    r = payments.receipt(session, actor=me, payment_id=first.id)
    assert (r.balance_basis, r.basis_cents, r.before_cents, r.after_cents) == ("statement", 110_000, 110_000, 90_000)
    assert r.paid_before_cents == 0
    head, lines, rows = receipt_view(r, "zh-CN")
    assert head["amount"] == "¥200.00" and lines == []
    assert rows == [
        ["账单未还合计", "¥1,100.00", "basis"],
        ["此前已还（本系统登记）", "¥0.00", "before"],
        ["本次收款", "¥200.00", "now"],
        ["剩余欠款", "¥900.00", "remaining"],
    ]
    # a second payment: what was paid before is counted, and the figures still add up
    second = payments.record_payment(
        session, actor=me, visit_id=v.id, amount_cents=15_050, paid_on=clock.today(), method="cash"
    )
    _, _, rows = receipt_view(payments.receipt(session, actor=me, payment_id=second.id), "en")
    assert [x[1] for x in rows] == ["CN¥1,100.00", "CN¥200.00", "CN¥150.50", "CN¥749.50"]
    assert [x[0] for x in rows] == [
        "Outstanding on the statement",
        "Paid before (recorded here)",
        "Paid now",
        "Remaining balance",
    ]
    assert payments.visit_balance(session, actor=me, visit_id=v.id) == payments.Balance(
        "statement", 110_000, 35_050, 74_950
    )


def test_on_a_plan_the_receipt_counts_on_the_plan_and_says_where_it_went(session):
    from visitapp.money.ui.money_state import receipt_view

    me, _c, v, plan, _d = _setup(session)  # 1,100.00: 100.00 down, 3 installments
    pay = payments.record_payment(
        session, actor=me, visit_id=v.id, amount_cents=20_000, paid_on=clock.today(), method="cash"
    )
    r = payments.receipt(session, actor=me, payment_id=pay.id)
    assert (r.balance_basis, r.basis_cents, r.before_cents, r.after_cents) == ("plan", 110_000, 110_000, 90_000)
    _, lines, rows = receipt_view(r, "zh-CN")
    assert lines[0] == "首付款: ¥100.00" and lines[1].startswith("第 1 期") and lines[1].endswith("¥100.00")
    assert rows[0] == ["分期协议应还合计", "¥1,100.00", "basis"] and rows[-1] == ["剩余欠款", "¥900.00", "remaining"]
    # paying the rest completes the plan: the receipt still counts on that plan (remaining 0, not the statement)
    last = payments.record_payment(
        session, actor=me, visit_id=v.id, amount_cents=95_000, paid_on=clock.today(), method="cash"
    )
    r = payments.receipt(session, actor=me, payment_id=last.id)
    assert r.plan_completed and (r.basis_cents, r.before_cents, r.after_cents, r.unapplied_cents) == (
        110_000,
        90_000,
        0,
        5_000,
    )
    _, lines, rows = receipt_view(r, "zh-CN")
    assert rows[-1] == ["剩余欠款", "¥0.00", "remaining"] and lines[-1] == "超出分期协议应还的金额：¥50.00"
    assert session.get(Plan, plan.id).status == "completed"


def test_money_in_error_messages_is_in_yuan(session):
    """Amounts in refusals are shown as money in the reader's language, never as a number of fen."""
    from visitapp import i18n

    me, _c, v, _p, _d = _setup(session, plan=False)
    with pytest.raises(ValidationError) as err:
        payments.record_promise(session, actor=me, visit_id=v.id, amount_cents=110_001, due_date=clock.today())
    assert i18n.error_text(err.value, "zh-CN") == "承诺金额：不能超过未还金额 ¥1,100.00。"
    assert "CN¥1,100.00" in i18n.error_text(err.value, "en")
