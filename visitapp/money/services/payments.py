"""Payments (with a receipt number) and promises to pay.

Rules kept here:
- a payment is applied to the case's signed plan (active, or broken after missed installments): the down
  payment first (it is due at signing), then the installments oldest due date first, each up to what is
  still open on it; a fully paid installment becomes `paid`, and the plan `completed` when nothing is open.
  Whatever exceeds the plan stays on the payment as unapplied (the receipt says so);
- the down payment is either an installment row with seq 0 (then it is simply the oldest one) or only the
  plan's `down_payment_cents`: then what was paid on it is the plan's payments minus the installments' paid;
- an open promise of the case is kept once the payments made on or after the day it was given cover it;
- every payment gets a unique human receipt number, `SK<yyyymmdd>-<6 letters/digits>`;
- who may record: on a visit, the agents on it (at the door); for a case, whoever reaches the case
  (`visitapp.core.access`). Anyone else gets "not found".
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from visitapp.core import access, audit, clock
from visitapp.core.enums import PAYABLE_PLAN_STATUSES, InstallmentStatus, PlanStatus, PromiseStatus
from visitapp.core.errors import ValidationError
from visitapp.core.identity import Identity
from visitapp.core.models import (
    AuditLog,
    Case,
    Debt,
    Debtor,
    Payment,
    Plan,
    PlanInstallment,
    Promise,
    StatementLine,
    User,
)
from visitapp.core.money import Fen
from visitapp.core.privacy import mask_name
from visitapp.core.rows import pk
from visitapp.core.settings import get_settings
from visitapp.field.services.visit_log import CLIENT_ID

METHODS = ("cash", "transfer", "alipay", "wechat", "card")
MAX_PAYMENT_CENTS = 100_000_000_00  # a typo guard: one hundred million yuan
BACKDATE_DAYS = 90  # a payment is recorded within this many days of being made
REFERENCE_MAX = 64
PROMISE_MAX_DAYS = 30
_RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def payable_plan(session: Session, case_id: int) -> Plan | None:
    return session.exec(
        select(Plan)
        .where(Plan.case_id == case_id, col(Plan.status).in_(tuple(PAYABLE_PLAN_STATUSES)))
        .order_by(col(Plan.id).desc())
    ).first()


def _installments(session: Session, plan_id: int) -> list[PlanInstallment]:
    return list(
        session.exec(
            select(PlanInstallment)
            .where(PlanInstallment.plan_id == plan_id)
            .order_by(col(PlanInstallment.due_date), col(PlanInstallment.seq), col(PlanInstallment.id))
        ).all()
    )


def _virtual_down_open(session: Session, plan: Plan, rows: list[PlanInstallment]) -> int:
    """What is still open on a down payment that has no installment row of its own."""
    if plan.down_payment_cents <= 0 or any(r.seq == 0 for r in rows):
        return 0
    paid_on_plan = session.exec(
        select(func.coalesce(func.sum(Payment.amount_cents), 0)).where(Payment.plan_id == plan.id)
    ).one()
    on_down = max(int(paid_on_plan) - sum(r.paid_cents for r in rows), 0)
    return max(plan.down_payment_cents - on_down, 0)


def down_open_cents(session: Session, plan: Plan) -> int:
    """What is still open on the plan's down payment (due at signing)."""
    rows = _installments(session, pk(plan))
    down_row = next((r for r in rows if r.seq == 0), None)
    if down_row is not None:
        return max(down_row.amount_cents - down_row.paid_cents, 0)
    return _virtual_down_open(session, plan, rows)


def plan_open_cents(session: Session, plan: Plan) -> int:
    rows = _installments(session, pk(plan))
    return _virtual_down_open(session, plan, rows) + sum(max(r.amount_cents - r.paid_cents, 0) for r in rows)


@dataclass(frozen=True)
class Balance:
    """What the debtor owes, as it reconciles: `basis_cents` is what the itemized statement says is
    outstanding (`basis` "statement") or the signed plan's total after waivers ("plan"); `paid_cents` what
    was paid against it and recorded here; `open_cents` what is still owed (never below 0)."""

    basis: str
    basis_cents: int
    paid_cents: int
    open_cents: int


def _balance_on(session: Session, case: Case, plan: Plan | None) -> Balance:
    if plan is not None:
        open_cents = plan_open_cents(session, plan)
        return Balance("plan", plan.total_cents, max(plan.total_cents - open_cents, 0), open_cents)
    lines = session.exec(select(StatementLine).where(StatementLine.debt_id == case.debt_id)).all()
    owed = sum(max(ln.amount_due_cents - ln.amount_paid_cents, 0) for ln in lines)
    off_plan = int(
        session.exec(
            select(func.coalesce(func.sum(Payment.amount_cents), 0)).where(
                Payment.case_id == case.id, col(Payment.plan_id).is_(None)
            )
        ).one()
    )
    return Balance("statement", owed, off_plan, max(owed - off_plan, 0))


def balance(session: Session, case: Case) -> Balance:
    """The case's balance now: on its signed plan if it has one that takes payments, else on the statement."""
    return _balance_on(session, case, payable_plan(session, pk(case)))


def visit_balance(session: Session, *, actor: Identity, visit_id: int) -> Balance:
    """The balance of the visit's case, for whoever may open the visit."""
    _visit, case = access.visit_for(session, actor, visit_id)
    return balance(session, case)


def outstanding_cents(session: Session, case: Case) -> int:
    """What the debtor still owes: what is open on the signed plan, else the statement's outstanding minus
    the payments recorded here outside a plan."""
    return balance(session, case).open_cents


# --- payments ---


@dataclass(frozen=True)
class Applied:
    kind: str  # down | installment | balance
    seq: int | None
    due_date: date | None
    amount_cents: int


def _receipt_no(session: Session, draw: random.Random | None = None) -> str:
    """A fresh receipt number: random (`draw`: a seeded generator, for the demo's reproducible past)."""
    day = clock.today().strftime("%Y%m%d")
    pick = draw.choice if draw is not None else secrets.choice
    for _ in range(20):
        number = f"SK{day}-" + "".join(pick(_RECEIPT_ALPHABET) for _ in range(6))
        if session.exec(select(Payment.id).where(Payment.receipt_no == number)).first() is None:
            return number
    raise RuntimeError("could not find a free receipt number")  # 32^6 = 10^9 per day: never in practice


def _validate_payment(amount_cents: int, paid_on: date, method: str, reference: str) -> tuple[str, str]:
    if not isinstance(amount_cents, int) or isinstance(amount_cents, bool) or amount_cents <= 0:
        raise ValidationError("payment.amount_positive")
    if amount_cents > MAX_PAYMENT_CENTS:
        raise ValidationError("payment.amount_too_big", limit=Fen(MAX_PAYMENT_CENTS))
    today = clock.today()
    if paid_on > today:
        raise ValidationError("payment.paid_on_future")
    if paid_on < today - timedelta(days=BACKDATE_DAYS):
        raise ValidationError("payment.paid_on_old", earliest=(today - timedelta(days=BACKDATE_DAYS)).isoformat())
    method = (method or "").strip().lower()
    if method not in METHODS:
        raise ValidationError("payment.bad_method")
    reference = (reference or "").strip()
    if method != "cash" and not reference:
        raise ValidationError("payment.reference_required")
    if len(reference) > REFERENCE_MAX:
        raise ValidationError("payment.reference_too_long", limit=REFERENCE_MAX)
    return method, reference


def _allocate(session: Session, plan: Plan, amount_cents: int) -> tuple[list[Applied], int]:
    """Apply to the plan, oldest first; returns what went where and what is left over."""
    rows = _installments(session, pk(plan))
    left = amount_cents
    applied: list[Applied] = []
    down_open = _virtual_down_open(session, plan, rows)
    if down_open and left:
        take = min(down_open, left)
        applied.append(Applied("down", 0, None, take))
        left -= take
    for row in rows:
        open_cents = max(row.amount_cents - row.paid_cents, 0)
        if not left or not open_cents:
            continue
        take = min(open_cents, left)
        row.paid_cents += take
        left -= take
        if row.paid_cents >= row.amount_cents:
            row.status = InstallmentStatus.PAID
        session.add(row)
        applied.append(Applied("down" if row.seq == 0 else "installment", row.seq, row.due_date, take))
    return applied, left


def _close_plan_if_paid(session: Session, plan: Plan, actor: Identity, payment: Payment) -> bool:
    session.flush()
    if plan_open_cents(session, plan) > 0:
        return False
    before = plan.status
    plan.status = PlanStatus.COMPLETED
    plan.version += 1
    session.add(plan)
    audit.record(
        session,
        actor_id=actor.id,
        action="plan.completed",
        entity="plan",
        entity_id=plan.id,
        before={"status": before},
        after={"status": plan.status, "payment_id": payment.id},
    )
    return True


def _keep_promises(session: Session, case_id: int, actor: Identity) -> list[int]:
    kept: list[int] = []
    promises = session.exec(
        select(Promise)
        .where(Promise.case_id == case_id, Promise.status == PromiseStatus.OPEN)
        .order_by(col(Promise.created_at), col(Promise.id))
    ).all()
    for p in promises:
        since = clock.to_local(p.created_at).date()  # the local day it was given (naive = UTC)
        paid = session.exec(
            select(func.coalesce(func.sum(Payment.amount_cents), 0)).where(
                Payment.case_id == case_id, Payment.paid_on >= since
            )
        ).one()
        if int(paid) >= p.amount_cents:
            p.status, p.resolved_at = PromiseStatus.KEPT, clock.now()
            session.add(p)
            kept.append(pk(p))
            audit.record(
                session,
                actor_id=actor.id,
                action="promise.kept",
                entity="promise",
                entity_id=p.id,
                before={"status": "open"},
                after={"status": "kept", "paid_since_cents": int(paid)},
            )
    return kept


def record_payment(
    session: Session,
    *,
    actor: Identity,
    visit_id: int | None = None,
    case_id: int | None = None,
    amount_cents: int,
    paid_on: date,
    method: str,
    reference: str = "",
    draw: random.Random | None = None,
) -> Payment:
    """Record a payment received (on a visit, or for a case), apply it and give it a receipt number
    (`draw`: see `_receipt_no`)."""
    if visit_id is not None:
        _visit, case = access.visit_for(session, actor, visit_id, at_door=True)
    elif case_id is not None:
        case = access.case_for(session, actor, case_id)
    else:
        raise ValidationError("payment.target")
    assert case.id is not None  # a loaded row
    method, reference = _validate_payment(amount_cents, paid_on, method, reference)
    plan = payable_plan(session, case.id)
    applied: list[Applied] = []
    unapplied = amount_cents
    if plan is not None:
        # the plan's rows change: lock them on PostgreSQL so two payments at once cannot both take one slot
        session.exec(select(Plan).where(Plan.id == plan.id).with_for_update()).first()
    before = _balance_on(session, case, plan)
    if plan is not None:
        applied, unapplied = _allocate(session, plan, amount_cents)
    payment = Payment(
        case_id=case.id,
        plan_id=plan.id if plan else None,
        amount_cents=amount_cents,
        paid_on=paid_on,
        method=method,
        reference=reference,
        receipt_no=_receipt_no(session, draw),
        recorded_by=actor.id,
    )
    session.add(payment)
    try:
        session.flush()
    except IntegrityError:  # the same receipt number drawn at the same moment elsewhere
        raise RuntimeError("receipt number collision: retry") from None
    completed = _close_plan_if_paid(session, plan, actor, payment) if plan is not None else False
    after = _balance_on(session, case, plan)  # on the same plan, even when this payment completed it
    kept = _keep_promises(session, case.id, actor)
    audit.record(
        session,
        actor_id=actor.id,
        action="payment.record",
        entity="case",
        entity_id=case.id,
        after={
            "payment_id": payment.id,
            "receipt_no": payment.receipt_no,
            "amount_cents": amount_cents,
            "method": method,
            "paid_on": paid_on.isoformat(),
            "plan_id": payment.plan_id,
            "applied": [[a.kind, a.seq, a.amount_cents] for a in applied],
            "unapplied_cents": unapplied if plan is not None else 0,
            "plan_completed": completed,
            "promises_kept": kept,
            "visit_id": visit_id,
            # what the receipt shows: the balance before and after, on the statement or on the plan
            "balance": {
                "basis": before.basis,
                "basis_cents": before.basis_cents,
                "before_cents": before.open_cents,
                "after_cents": after.open_cents,
            },
        },
    )
    session.flush()
    return payment


@dataclass(frozen=True)
class Receipt:
    receipt_no: str
    company: str
    company_en: str
    debtor_masked: str
    contract_no: str
    amount_cents: int
    paid_on: date
    method: str
    reference: str
    recorded_by: str
    recorded_at: datetime
    applied: list[Applied]
    unapplied_cents: int
    plan_completed: bool
    # the balance this payment was made against, so that the receipt reconciles: basis - paid before -
    # this payment = what is still owed (None for payments recorded before receipts kept it)
    balance_basis: str = ""
    basis_cents: int | None = None
    before_cents: int | None = None
    after_cents: int | None = None

    @property
    def paid_before_cents(self) -> int | None:
        if self.basis_cents is None or self.before_cents is None:
            return None
        return max(self.basis_cents - self.before_cents, 0)


def receipt(session: Session, *, actor: Identity, payment_id: int) -> Receipt:
    """What a receipt screen shows, rebuilt from the payment and the audit of its allocation."""

    payment, case = access.payment_for(session, actor, payment_id)
    debtor = session.get(Debtor, case.debtor_id)
    debt = session.get(Debt, case.debt_id)
    who = session.get(User, payment.recorded_by)
    entry = None
    for row in session.exec(
        select(AuditLog)
        .where(AuditLog.action == "payment.record", AuditLog.entity == "case", AuditLog.entity_id == str(case.id))
        .order_by(col(AuditLog.id).desc())
    ).all():
        if (row.after or {}).get("payment_id") == payment.id:
            entry = row.after
            break
    applied: list[Applied] = []
    unapplied = 0
    completed = False
    bal: dict = {}
    if entry is not None:
        bal = entry.get("balance") or {}
        dues = {}
        if payment.plan_id:
            dues = {r.seq: r.due_date for r in _installments(session, payment.plan_id)}
        applied = [
            Applied(kind, seq, dues.get(seq) if kind == "installment" else None, cents)
            for kind, seq, cents in entry.get("applied", [])
        ]
        unapplied = int(entry.get("unapplied_cents", 0))
        completed = bool(entry.get("plan_completed"))
    if payment.plan_id is None:
        applied = [Applied("balance", None, None, payment.amount_cents)]
    s = get_settings()
    audit.record(
        session,
        actor_id=actor.id,
        action="payment.receipt_view",
        entity="case",
        entity_id=case.id,
        detail=payment.receipt_no,
    )
    return Receipt(
        receipt_no=payment.receipt_no,
        company=s.company_name,
        company_en=s.company_name_en,
        debtor_masked=mask_name(debtor.name) if debtor else "",
        contract_no=debt.contract_no if debt else "",
        amount_cents=payment.amount_cents,
        paid_on=payment.paid_on,
        method=payment.method,
        reference=payment.reference,
        recorded_by=who.display_name if who else "",
        recorded_at=payment.created_at,
        applied=applied,
        unapplied_cents=unapplied,
        plan_completed=completed,
        balance_basis=str(bal.get("basis") or ""),
        basis_cents=_int_or_none(bal.get("basis_cents")),
        before_cents=_int_or_none(bal.get("before_cents")),
        after_cents=_int_or_none(bal.get("after_cents")),
    )


def _int_or_none(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


# --- promises ---


def _existing_promise(session: Session, client_id: str | None, actor: Identity, visit_id: int) -> Promise | None:
    if client_id is None:
        return None
    row = session.exec(select(Promise).where(Promise.client_id == client_id)).first()
    if row is None:
        return None
    if row.created_by != actor.id or row.visit_id != visit_id:
        raise ValidationError("promise.bad_client_id")
    return row


def record_promise(
    session: Session, *, actor: Identity, visit_id: int, amount_cents: int, due_date: date, client_id: str | None = None
) -> Promise:
    """A promise to pay, given on a visit. Idempotent on the client id (a resend returns the saved row)."""
    visit, case = access.visit_for(session, actor, visit_id, at_door=True)
    assert visit.id is not None and case.id is not None  # loaded rows
    if client_id in (None, ""):
        client_id = None
    elif not CLIENT_ID.match(client_id):
        raise ValidationError("promise.bad_client_id")
    if (row := _existing_promise(session, client_id, actor, visit.id)) is not None:
        return row
    if not isinstance(amount_cents, int) or isinstance(amount_cents, bool) or amount_cents <= 0:
        raise ValidationError("promise.amount_positive")
    owed = outstanding_cents(session, case)
    if amount_cents > owed:
        raise ValidationError("promise.amount_over", outstanding=Fen(owed))
    today = clock.today()
    last = today + timedelta(days=PROMISE_MAX_DAYS)
    if not (today <= due_date <= last):
        raise ValidationError("promise.due_range", first=today.isoformat(), last=last.isoformat())
    promise = Promise(
        case_id=case.id,
        visit_id=visit.id,
        amount_cents=amount_cents,
        due_date=due_date,
        created_by=actor.id,
        client_id=client_id,
    )
    session.add(promise)
    try:
        session.flush()
    except IntegrityError:  # the same client id arrived twice at once: the other request saved it
        session.rollback()
        again = _existing_promise(session, client_id, actor, visit.id)
        if again is None:
            raise
        return again
    audit.record(
        session,
        actor_id=actor.id,
        action="promise.record",
        entity="case",
        entity_id=case.id,
        after={
            "promise_id": promise.id,
            "visit_id": visit.id,
            "amount_cents": amount_cents,
            "due_date": due_date.isoformat(),
        },
    )
    return promise
