"""Installment plans: quote, propose, approve or reject (maker-checker), sign.

Every function takes a session and keyword arguments, raises domain errors and audits each change.
Authority is the waiver as a percentage of the total before waiver (see visitapp.money.rules.plans):
agents and dispatchers up to `agent_waiver_pct`, supervisors and admins up to `supervisor_waiver_pct`;
beyond the proposer's own limit a supervisor or admin other than the proposer approves; beyond the
supervisor's limit the plan cannot be proposed. A signed plan never changes: a renegotiation is a new plan
with revision + 1 that supersedes the earlier one (the earlier active plan is superseded when it is signed).

One plan stands per case: while a signed plan is in force (active or broken) a new proposal is refused
unless it is explicitly a renegotiation (`renegotiate=True`, which the dossier asks the agent to confirm);
the signed plan stays in force until the debtor signs the new one. A plan paid off is not renegotiated.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel import Session, col, func, select

from visitapp.cases.rules.statement import Line
from visitapp.compliance.rules.policy import PolicyConfig
from visitapp.compliance.services import policy_settings
from visitapp.core import access, audit, clock, versioning
from visitapp.core.enums import (
    PAYABLE_PLAN_STATUSES,
    SIGNED_PLAN_STATUSES,
    UNSIGNED_PLAN_STATUSES,
    InstallmentStatus,
    PlanStatus,
    Role,
)
from visitapp.core.errors import Forbidden, ValidationError
from visitapp.core.identity import Identity
from visitapp.core.models import Case, Debt, Debtor, Payment, Plan, PlanInstallment, StatementLine, User, Visit
from visitapp.core.privacy import mask_name
from visitapp.core.rows import pk, select_wide
from visitapp.core.settings import get_settings
from visitapp.money.rules import plans as domain
from visitapp.money.rules.plans import Installment
from visitapp.money.services import agreements, payments

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_SIGNATURE_BYTES = 1_000_000
MIN_SIGNATURE_BYTES = 100  # a blank 1x1 PNG is smaller than any real signature


@dataclass(frozen=True)
class Quote:
    visit_id: int
    case_id: int
    months: int
    total_before_waiver_cents: int
    fees_cents: int
    interest_cents: int
    waiver_cents: int
    waiver_pct: float  # of the total before waiver, two decimals
    total_cents: int
    down_payment_cents: int
    min_down_payment_cents: int
    first_due_date: date
    schedule: tuple[Installment, ...]
    needs_approval: bool  # beyond the proposer's own authority: a supervisor must approve
    allowed: bool  # within the supervisor's authority (otherwise `propose` refuses)
    authority_pct: int  # the proposer's own limit
    agent_waiver_pct: int
    supervisor_waiver_pct: int
    paid_here_cents: int = 0  # payments recorded here, taken off the statement's outstanding


@dataclass(frozen=True)
class ApprovalRow:
    plan_id: int
    version: int
    case_id: int
    debtor_masked: str
    contract_no: str
    months: int
    total_before_waiver_cents: int
    waiver_cents: int
    waiver_pct: float
    total_cents: int
    down_payment_cents: int
    first_due_date: date
    installment_cents: int  # the regular installment (the last one may differ by the rounding)
    last_installment_cents: int
    last_due_date: date
    proposed_by: int
    proposer_name: str
    proposed_at: datetime
    waive_fees: bool
    waive_interest: bool
    own: bool  # proposed by the viewer: they may not approve it


@dataclass(frozen=True)
class PlanStatusView:
    plan_id: int
    case_id: int
    status: str
    version: int
    revision: int
    comment: str
    approved_by_name: str
    approved_at: datetime | None
    signed_at: datetime | None
    agreement_ready: bool


def _authority(cfg: PolicyConfig, role: Role) -> int:
    return cfg.supervisor_waiver_pct if role in access.APPROVERS else cfg.agent_waiver_pct


def _lines(session: Session, case: Case) -> list[Line]:
    rows = session.exec(
        select(StatementLine)
        .where(StatementLine.debt_id == case.debt_id)
        .order_by(col(StatementLine.due_date), col(StatementLine.id))
    ).all()
    return [Line(r.due_date, r.amount_due_cents, r.amount_paid_cents, r.kind, r.description) for r in rows]


def _quote(
    session: Session,
    actor: Identity,
    visit_id: int,
    months: int,
    down_payment_cents: int,
    waive_fees: bool,
    waive_interest: bool,
    first_due_date: date,
) -> tuple[Quote, Visit, Case]:
    # whoever may open the visit's dossier may work out a plan (the proposer's role sets their authority)
    visit, case = access.visit_for(session, actor, visit_id)
    cfg = policy_settings.load(session)
    # payments recorded here are not on the statement: they are owed no more (a renegotiation included)
    paid_here = int(
        session.exec(select(func.coalesce(func.sum(Payment.amount_cents), 0)).where(Payment.case_id == case.id)).one()
    )
    fig = domain.calculate(
        _lines(session, case),
        paid_here_cents=paid_here,
        months=months,
        down_payment_cents=down_payment_cents,
        waive_fees=bool(waive_fees),
        waive_interest=bool(waive_interest),
        first_due_date=first_due_date,
        today=clock.today(),
        allowed_months=cfg.plan_months,
        min_down_pct=cfg.plan_min_down_pct,
    )
    own = _authority(cfg, actor.role)
    quote = Quote(
        visit_id=pk(visit),
        case_id=pk(case),
        months=fig.months,
        total_before_waiver_cents=fig.total_before_waiver_cents,
        fees_cents=fig.fees_cents,
        interest_cents=fig.interest_cents,
        waiver_cents=fig.waiver_cents,
        waiver_pct=fig.waiver_pct,
        total_cents=fig.total_cents,
        down_payment_cents=fig.down_payment_cents,
        min_down_payment_cents=fig.min_down_payment_cents,
        first_due_date=fig.first_due_date,
        schedule=fig.schedule,
        needs_approval=not domain.within(fig.waiver_cents, fig.total_before_waiver_cents, own),
        allowed=domain.within(fig.waiver_cents, fig.total_before_waiver_cents, cfg.supervisor_waiver_pct),
        authority_pct=own,
        agent_waiver_pct=cfg.agent_waiver_pct,
        supervisor_waiver_pct=cfg.supervisor_waiver_pct,
        paid_here_cents=fig.paid_here_cents,
    )
    return quote, visit, case


def quote(
    session: Session,
    *,
    actor: Identity,
    visit_id: int,
    months: int,
    down_payment_cents: int,
    waive_fees: bool,
    waive_interest: bool,
    first_due_date: date,
) -> Quote:
    """The figures and schedule of a plan for the visit's case, and whether it needs a supervisor. Nothing
    is stored. ValidationError for invalid terms; NotFound for a visit the actor is not on."""
    return _quote(session, actor, visit_id, months, down_payment_cents, waive_fees, waive_interest, first_due_date)[0]


def _supersede(session: Session, actor: Identity, old: Plan, detail: str = "") -> None:
    """Mark a plan superseded (a newer one replaces it), versioned and audited."""
    before = _snapshot(old)
    old.status, old.version = PlanStatus.SUPERSEDED, old.version + 1
    session.add(old)
    audit.record(
        session,
        actor_id=actor.id,
        action="plan.supersede",
        entity="plan",
        entity_id=old.id,
        before=before,
        after=_snapshot(old),
        detail=detail,
    )


def _snapshot(p: Plan) -> dict[str, Any]:
    return {
        "status": p.status,
        "version": p.version,
        "months": p.months,
        "total_cents": p.total_cents,
        "down_payment_cents": p.down_payment_cents,
        "waiver_cents": p.waiver_cents,
        "first_due_date": p.first_due_date.isoformat(),
        "revision": p.revision,
    }


def signed_plan(session: Session, case_id: int) -> Plan | None:
    """The case's newest signed plan (in force, or paid off), if any."""
    return session.exec(
        select(Plan)
        .where(Plan.case_id == case_id, col(Plan.status).in_(tuple(SIGNED_PLAN_STATUSES)))
        .order_by(col(Plan.revision).desc(), col(Plan.id).desc())
    ).first()


def propose(
    session: Session,
    *,
    actor: Identity,
    visit_id: int,
    months: int,
    down_payment_cents: int,
    waive_fees: bool,
    waive_interest: bool,
    first_due_date: date,
    renegotiate: bool = False,
) -> Plan:
    """Store a plan with its installments: `approved` within the proposer's authority, `awaiting_approval`
    beyond it, refused (ValidationError plan.waiver_beyond_limit) beyond the supervisor's. Earlier unsigned
    plans of the case are superseded. While a signed plan is in force, only a renegotiation
    (`renegotiate=True`) may be proposed (payplan.already_signed otherwise); a paid-off plan none."""
    _visit, case = access.visit_for(session, actor, visit_id)
    # one proposal at a time per case: two agents at the same door cannot both slip one in (PostgreSQL)
    session.exec(select(Case).where(Case.id == case.id).with_for_update()).first()
    standing = signed_plan(session, pk(case))
    if standing is not None and standing.status not in PAYABLE_PLAN_STATUSES:
        raise ValidationError("payplan.paid_off", revision=standing.revision)
    if standing is not None and not renegotiate:
        raise ValidationError(
            "payplan.already_signed", revision=standing.revision, status=standing.status, plan_id=standing.id
        )
    q, visit, case = _quote(
        session, actor, visit_id, months, down_payment_cents, waive_fees, waive_interest, first_due_date
    )
    if not q.allowed:
        raise ValidationError(
            "payplan.waiver_beyond_limit", field="waiver", pct=q.waiver_pct, limit=q.supervisor_waiver_pct
        )
    now = clock.now()
    previous = session.exec(
        select(Plan).where(Plan.case_id == case.id).order_by(col(Plan.revision).desc(), col(Plan.id).desc())
    ).first()
    for old in session.exec(
        select(Plan).where(Plan.case_id == case.id, col(Plan.status).in_(tuple(UNSIGNED_PLAN_STATUSES)))
    ).all():
        _supersede(session, actor, old)
    plan = Plan(
        case_id=pk(case),
        proposed_by=actor.id,
        status=PlanStatus.AWAITING_APPROVAL if q.needs_approval else PlanStatus.APPROVED,
        months=q.months,
        total_cents=q.total_cents,
        down_payment_cents=q.down_payment_cents,
        waiver_cents=q.waiver_cents,
        first_due_date=q.first_due_date,
        waive_fees=bool(waive_fees),
        waive_interest=bool(waive_interest),
        approved_at=None if q.needs_approval else now,
        revision=(previous.revision + 1) if previous else 1,
        supersedes_id=previous.id if previous else None,
    )
    session.add(plan)
    session.flush()
    for item in q.schedule:
        session.add(
            PlanInstallment(plan_id=pk(plan), seq=item.seq, due_date=item.due_date, amount_cents=item.amount_cents)
        )
    session.flush()
    audit.record(
        session,
        actor_id=actor.id,
        action="plan.propose",
        entity="plan",
        entity_id=plan.id,
        after=_snapshot(plan) | {"waiver_pct": q.waiver_pct, "authority_pct": q.authority_pct},
        detail=f"case {case.id} visit {visit.id}"
        + (" needs approval" if q.needs_approval else " within authority")
        + (f", renegotiates plan {standing.id}" if standing is not None else ""),
    )
    return plan


def _write(session: Session, plan: Plan, version: int, values: dict[str, Any], status: str | None = None) -> Plan:
    """The versioned write of a plan (and only while it has `status`); Conflict naming who changed it."""
    return versioning.write(
        session,
        plan,
        seen=version,
        values=values,
        key="payplan.stale_version",
        entity="plan",
        where=(col(Plan.status) == status,) if status is not None else (),
        fallback_at=plan.created_at,
        plan_id=plan.id,
        status=plan.status,
    )


def approvals(session: Session, *, actor: Identity) -> list[ApprovalRow]:
    """Plans awaiting approval, oldest first (supervisors and admins)."""
    access.require(actor, access.APPROVERS)
    rows = session.exec(
        select_wide(Plan, Case, Debtor, Debt, User.display_name)
        .join(Case, col(Case.id) == Plan.case_id)
        .join(Debtor, col(Debtor.id) == Case.debtor_id)
        .join(Debt, col(Debt.id) == Case.debt_id)
        .outerjoin(User, col(User.id) == Plan.proposed_by)
        .where(Plan.status == PlanStatus.AWAITING_APPROVAL)
        .order_by(col(Plan.created_at), col(Plan.id))
    ).all()
    ids = [p.id for p, *_ in rows]
    items: dict[int, list[PlanInstallment]] = {}
    if ids:
        for it in session.exec(
            select(PlanInstallment)
            .where(col(PlanInstallment.plan_id).in_(ids))
            .order_by(col(PlanInstallment.plan_id), col(PlanInstallment.seq))
        ).all():
            items.setdefault(it.plan_id, []).append(it)
    out = []
    for plan, case, debtor, debt, proposer in rows:
        sched = items.get(plan.id, [])
        before = plan.total_cents + plan.waiver_cents
        out.append(
            ApprovalRow(
                plan_id=plan.id,
                version=plan.version,
                case_id=case.id,
                debtor_masked=_mask(debtor.name),
                contract_no=debt.contract_no,
                months=plan.months,
                total_before_waiver_cents=before,
                waiver_cents=plan.waiver_cents,
                waiver_pct=domain.waiver_pct(plan.waiver_cents, before),
                total_cents=plan.total_cents,
                down_payment_cents=plan.down_payment_cents,
                first_due_date=plan.first_due_date,
                installment_cents=sched[0].amount_cents if sched else 0,
                last_installment_cents=sched[-1].amount_cents if sched else 0,
                last_due_date=sched[-1].due_date if sched else plan.first_due_date,
                proposed_by=plan.proposed_by,
                proposer_name=proposer or "—",
                proposed_at=plan.created_at,
                waive_fees=plan.waive_fees,
                waive_interest=plan.waive_interest,
                own=plan.proposed_by == actor.id,
            )
        )
    return out


def approvals_count(session: Session, *, actor: Identity) -> int:
    access.require(actor, access.APPROVERS)
    return session.exec(select(func.count()).select_from(Plan).where(Plan.status == PlanStatus.AWAITING_APPROVAL)).one()


def _mask(name: str) -> str:

    return mask_name(name)


def _decide(session: Session, actor: Identity, plan_id: int, version: int, comment: str, approve: bool) -> Plan:
    access.require(actor, access.APPROVERS)
    plan, _case = access.plan_for(session, actor, plan_id)
    versioning.expect(
        session, plan, seen=version, key="payplan.stale_version", entity="plan", plan_id=plan.id, status=plan.status
    )
    if plan.status != PlanStatus.AWAITING_APPROVAL:
        raise ValidationError("payplan.not_awaiting", status=plan.status)
    if plan.proposed_by == actor.id:
        raise Forbidden("payplan.own_approval")
    comment = (comment or "").strip()
    if len(comment) > 255:
        raise ValidationError("payplan.comment_too_long", field="comment", max=255)
    if approve:
        cfg = policy_settings.load(session)
        before_total = plan.total_cents + plan.waiver_cents
        if not domain.within(plan.waiver_cents, before_total, _authority(cfg, actor.role)):
            raise ValidationError(
                "payplan.waiver_beyond_limit",
                field="waiver",
                pct=domain.waiver_pct(plan.waiver_cents, before_total),
                limit=_authority(cfg, actor.role),
            )
    elif not comment:
        raise ValidationError("payplan.reject_needs_comment", field="comment")
    before = _snapshot(plan)
    plan = _write(
        session,
        plan,
        version,
        {
            "status": PlanStatus.APPROVED if approve else PlanStatus.REJECTED,
            "approved_by": actor.id,
            "approved_at": clock.now(),
            "approval_comment": comment or None,
        },
        status=PlanStatus.AWAITING_APPROVAL,
    )
    audit.record(
        session,
        actor_id=actor.id,
        action="plan.approve" if approve else "plan.reject",
        entity="plan",
        entity_id=plan.id,
        before=before,
        after=_snapshot(plan) | {"comment": comment},
        detail=comment,
    )
    return plan


def approve(session: Session, *, actor: Identity, plan_id: int, version: int, comment: str = "") -> Plan:
    """Supervisor or admin, never the proposer; Conflict when the plan changed since `version` was read."""
    return _decide(session, actor, plan_id, version, comment, approve=True)


def reject(session: Session, *, actor: Identity, plan_id: int, version: int, comment: str) -> Plan:
    """Like approve; a rejection needs a comment (the agent reads it on site)."""
    return _decide(session, actor, plan_id, version, comment, approve=False)


def plan_status(session: Session, *, actor: Identity, plan_id: int) -> PlanStatusView:
    plan, _case = access.plan_for(session, actor, plan_id)
    approver = session.get(User, plan.approved_by) if plan.approved_by else None
    return PlanStatusView(
        plan_id=pk(plan),
        case_id=plan.case_id,
        status=plan.status,
        version=plan.version,
        revision=plan.revision,
        comment=plan.approval_comment or "",
        approved_by_name=approver.display_name if approver else "",
        approved_at=plan.approved_at,
        signed_at=plan.signed_at,
        agreement_ready=bool(plan.agreement_path),
    )


def installments(session: Session, *, actor: Identity, plan_id: int) -> list[PlanInstallment]:
    plan, _case = access.plan_for(session, actor, plan_id)
    return list(
        session.exec(
            select(PlanInstallment).where(PlanInstallment.plan_id == plan.id).order_by(col(PlanInstallment.seq))
        ).all()
    )


def _check_png(data: bytes) -> None:
    if not isinstance(data, (bytes, bytearray)) or not data.startswith(PNG_MAGIC):
        raise ValidationError("payplan.signature_not_png", field="signature")
    if len(data) > MAX_SIGNATURE_BYTES:
        raise ValidationError("payplan.signature_too_large", field="signature", max_kb=MAX_SIGNATURE_BYTES // 1000)
    if len(data) < MIN_SIGNATURE_BYTES:
        raise ValidationError("payplan.signature_blank", field="signature")


def sign(
    session: Session,
    *,
    actor: Identity,
    plan_id: int,
    signature_png: bytes,
    lat: float | None,
    lon: float | None,
    place: str,
) -> Plan:
    """The debtor signed an approved plan on the agent's screen: store the signature, make the plan active
    (immutable from now on), supersede the case's earlier signed plan, and produce the agreement."""
    access.require(actor, access.FIELD | access.APPROVERS)  # on the agent's screen, or a supervisor's
    plan, _case = access.plan_for(session, actor, plan_id)
    if plan.status != PlanStatus.APPROVED:
        raise ValidationError("payplan.not_approved", status=plan.status)
    _check_png(signature_png)
    place = (place or "").strip()[:255]
    for value in (lat, lon):
        if value is not None and not isinstance(value, (int, float)):
            raise ValidationError("payplan.bad_location", field="location")
    if (lat is not None and not -90 <= lat <= 90) or (lon is not None and not -180 <= lon <= 180):
        raise ValidationError("payplan.bad_location", field="location")
    digest = hashlib.sha256(signature_png).hexdigest()
    folder = get_settings().private_dir / "signatures"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"plan-{plan.id}-{digest[:16]}.png"
    path.write_bytes(bytes(signature_png))
    before = _snapshot(plan)
    plan = _write(
        session,
        plan,
        plan.version,
        {
            "status": PlanStatus.ACTIVE,
            "signed_at": clock.now(),
            "signature_path": str(path),
            "signed_lat": lat,
            "signed_lon": lon,
            "signed_place": place or None,
        },
        status=PlanStatus.APPROVED,
    )
    audit.record(
        session,
        actor_id=actor.id,
        action="plan.sign",
        entity="plan",
        entity_id=plan.id,
        before=before,
        after=_snapshot(plan) | {"signature_sha256": digest, "place": place},
        detail=place,
    )
    for old in session.exec(
        select(Plan).where(
            Plan.case_id == plan.case_id,
            Plan.id != plan.id,
            col(Plan.status).in_((PlanStatus.ACTIVE, PlanStatus.BROKEN)),
        )
    ).all():
        _supersede(session, actor, old, detail=f"by plan {plan.id}")
    session.flush()

    agreements.create_for_plan(session, plan_id=pk(plan))
    return session.get(Plan, plan.id, populate_existing=True) or plan


# --- what the dossier shows: the case's plan in force and a proposal on its way ---


@dataclass(frozen=True)
class InstallmentView:
    seq: int  # 0: the down payment (due at signing)
    due_date: date | None  # None: the down payment of a plan not signed yet
    amount_cents: int
    paid_cents: int
    status: str  # InstallmentStatus

    @property
    def open_cents(self) -> int:
        return max(self.amount_cents - self.paid_cents, 0)


@dataclass(frozen=True)
class PlanView:
    plan_id: int
    version: int
    revision: int
    status: PlanStatus
    months: int
    total_before_waiver_cents: int
    waiver_cents: int
    total_cents: int
    down_payment_cents: int
    waive_fees: bool
    waive_interest: bool
    schedule: tuple[InstallmentView, ...]  # the down payment first (if any), then the installments
    paid_cents: int
    open_cents: int
    next_due: InstallmentView | None  # the oldest amount still open, for a plan in force
    comment: str
    approved_by_name: str
    signed_at: datetime | None
    agreement_ready: bool
    cooling_off_days: int
    cooling_off_until: date  # from the day of signing (today, for a plan not signed yet)
    renegotiates: int | None  # the revision of the signed plan this one would replace

    @property
    def waiver_pct(self) -> float:
        return domain.waiver_pct(self.waiver_cents, self.total_before_waiver_cents)


@dataclass(frozen=True)
class CasePlans:
    signed: PlanView | None  # the plan in force (active or broken), or the one paid off
    pending: PlanView | None  # a proposal not signed yet (awaiting approval, approved) or just rejected


def _view(session: Session, plan: Plan, signed: Plan | None) -> PlanView:
    rows = list(
        session.exec(
            select(PlanInstallment).where(PlanInstallment.plan_id == plan.id).order_by(col(PlanInstallment.seq))
        ).all()
    )
    is_signed = plan.status in SIGNED_PLAN_STATUSES
    signed_day = clock.to_local(clock.aware(plan.signed_at)).date() if plan.signed_at else clock.today()
    items: list[InstallmentView] = []
    if plan.down_payment_cents > 0 and not any(r.seq == 0 for r in rows):
        down_open = payments.down_open_cents(session, plan) if is_signed else plan.down_payment_cents
        items.append(
            InstallmentView(
                0,
                signed_day if is_signed else None,
                plan.down_payment_cents,
                plan.down_payment_cents - down_open,
                InstallmentStatus.PAID if is_signed and down_open == 0 else InstallmentStatus.DUE,
            )
        )
    items += [InstallmentView(r.seq, r.due_date, r.amount_cents, r.paid_cents, r.status) for r in rows]
    open_cents = payments.plan_open_cents(session, plan) if is_signed else plan.total_cents
    approver = session.get(User, plan.approved_by) if plan.approved_by else None
    in_force = plan.status in PAYABLE_PLAN_STATUSES
    return PlanView(
        plan_id=pk(plan),
        version=plan.version,
        revision=plan.revision,
        status=PlanStatus(plan.status),
        months=plan.months,
        total_before_waiver_cents=plan.total_cents + plan.waiver_cents,
        waiver_cents=plan.waiver_cents,
        total_cents=plan.total_cents,
        down_payment_cents=plan.down_payment_cents,
        waive_fees=plan.waive_fees,
        waive_interest=plan.waive_interest,
        schedule=tuple(items),
        paid_cents=plan.total_cents - open_cents,
        open_cents=open_cents,
        next_due=next((i for i in items if i.open_cents > 0), None) if in_force else None,
        comment=plan.approval_comment or "",
        approved_by_name=approver.display_name if approver else "",
        signed_at=plan.signed_at,
        agreement_ready=bool(plan.agreement_path),
        cooling_off_days=agreements.COOLING_OFF_DAYS,
        cooling_off_until=signed_day + timedelta(days=agreements.COOLING_OFF_DAYS),
        renegotiates=signed.revision if signed is not None and not is_signed else None,
    )


def case_plans(session: Session, *, actor: Identity, visit_id: int) -> CasePlans:
    """For the visit's dossier: the plan in force with its schedule, what is paid and what is next, and a
    proposal on its way (a renegotiation when a plan is in force)."""
    _visit, case = access.visit_for(session, actor, visit_id)
    signed = signed_plan(session, pk(case))
    newest = session.exec(
        select(Plan)
        .where(Plan.case_id == case.id, col(Plan.status).in_((*UNSIGNED_PLAN_STATUSES, PlanStatus.REJECTED)))
        .order_by(col(Plan.revision).desc(), col(Plan.id).desc())
    ).first()
    if newest is not None and signed is not None and newest.revision < signed.revision:
        newest = None  # an old rejection from before the plan in force
    return CasePlans(
        signed=_view(session, signed, None) if signed is not None else None,
        pending=_view(
            session, newest, signed if signed is not None and signed.status in PAYABLE_PLAN_STATUSES else None
        )
        if newest is not None
        else None,
    )
