"""The written installment agreement: a PDF in Chinese and English, made once when the debtor signs.

- `create_for_plan` is called by the plans service right after signing (the plan is `active`). It writes
  `private_dir/agreements/<uuid>.pdf`, records its SHA-256 on the plan and refuses to run twice: a signed
  agreement never changes (a changed plan is a new plan with its own agreement);
- staff download it through a short-lived signed URL (an <a> cannot send the session token): access is
  checked when the URL is minted (`staff_agreement_url`), the signature and expiry on download;
- the debtor downloads it from the link page, only after the verifier matched: the page then mints a
  signed URL bound to the link's token hash, valid for a few minutes.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlmodel import Session, col, select

from visitapp import i18n
from visitapp.adapters.pdf import Document
from visitapp.core import access, audit, clock, signed_urls
from visitapp.core.enums import SIGNED_PLAN_STATUSES, PlanStatus
from visitapp.core.errors import Conflict, NotFound, ValidationError
from visitapp.core.identity import Identity
from visitapp.core.models import AppointmentToken, Case, Debt, Debtor, Plan, PlanInstallment, StatementLine, User, Visit
from visitapp.core.rows import pk
from visitapp.core.security import hash_token
from visitapp.core.settings import get_settings
from visitapp.debtor.services.debtor_link import LinkProblem, live_link

COOLING_OFF_DAYS = 7
MISSED_IN_A_ROW = 2  # the late-payment clause: this many missed installments in a row end the waiver
URL_SECONDS = 15 * 60
ZH, EN = "zh-CN", "en"


def agreement_dir() -> Path:
    folder = get_settings().private_dir / "agreements"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def signature_file(stored: str | None) -> Path | None:
    """The signature PNG: `signature_path` is relative to the private folder (or absolute inside it)."""
    if not stored:
        return None
    root = get_settings().private_dir.resolve()
    path = Path(stored)
    path = (path if path.is_absolute() else root / path).resolve()
    if root not in path.parents or not path.is_file():
        return None
    return path


def _agreement_file(stored: str) -> Path:
    root = get_settings().private_dir.resolve()
    path = Path(stored)
    path = (path if path.is_absolute() else root / path).resolve()
    if root not in path.parents:
        raise NotFound("agreement.missing")
    return path


def _both(key: str, **params) -> str:
    """`中文 / English` for short labels."""
    return f"{i18n.t(key, ZH, **params)} / {i18n.t(key, EN, **params)}"


def _money(cents: int) -> str:
    return i18n.money(cents, ZH)


@dataclass(frozen=True)
class _Facts:
    plan: Plan
    case: Case
    debtor: Debtor
    debt: Debt | None
    agent: User | None
    approver: User | None
    lines: list[StatementLine]
    installments: list[PlanInstallment]


def _facts(session: Session, plan: Plan) -> _Facts:
    case = session.get(Case, plan.case_id)
    debtor = session.get(Debtor, case.debtor_id) if case else None
    if case is None or debtor is None:
        raise NotFound("error.not_found")
    lines = list(
        session.exec(
            select(StatementLine)
            .where(StatementLine.debt_id == case.debt_id)
            .order_by(col(StatementLine.due_date), col(StatementLine.id))
        ).all()
    )
    rows = list(
        session.exec(
            select(PlanInstallment)
            .where(PlanInstallment.plan_id == plan.id)
            .order_by(col(PlanInstallment.seq), col(PlanInstallment.id))
        ).all()
    )
    return _Facts(
        plan,
        case,
        debtor,
        session.get(Debt, case.debt_id),
        session.get(User, plan.proposed_by),
        session.get(User, plan.approved_by) if plan.approved_by else None,
        lines,
        rows,
    )


def _local(value: datetime | None) -> datetime:
    return clock.to_local(value or clock.now())


def render(f: _Facts) -> bytes:
    """The agreement's PDF bytes (pure rendering: no database writes)."""

    s = get_settings()
    plan = f.plan
    signed = _local(plan.signed_at)
    number = f"PA-{plan.case_id}-{plan.id}-R{plan.revision}"
    doc = Document(title=_both("agreement.title"), author=s.company_name_en, created=signed)
    doc.footer_text(f"{_both('agreement.footer')}  {number}")
    doc.title(i18n.t("agreement.title", ZH))
    doc.title(i18n.t("agreement.title", EN))
    doc.para(_both("agreement.no", number=number), gray=True)
    doc.para(i18n.t("agreement.prevails", ZH) + "\n" + i18n.t("agreement.prevails", EN), size=8.5, gray=True)

    doc.heading(_both("agreement.parties"))
    parties = [
        (_both("agreement.company"), f"{s.company_name}\n{s.company_name_en}"),
        (_both("agreement.debtor"), f.debtor.name),
        (_both("agreement.contract"), f.debt.contract_no if f.debt else "—"),
    ]
    if f.debt and f.debt.creditor:
        parties.insert(1, (_both("agreement.creditor"), f.debt.creditor))
    if f.agent is not None:
        parties.append(
            (
                _both("agreement.agent"),
                f"{f.agent.display_name}" + (f" ({f.agent.badge_no})" if f.agent.badge_no else ""),
            )
        )
    if f.approver is not None and f.approver.id != (f.agent.id if f.agent else None):
        parties.append((_both("agreement.approver"), f.approver.display_name))
    doc.pairs(parties)

    doc.heading(_both("agreement.debt"))
    rows, due_sum, paid_sum, out_sum = [], 0, 0, 0
    for ln in f.lines:
        out = max(ln.amount_due_cents - ln.amount_paid_cents, 0)
        due_sum, paid_sum, out_sum = due_sum + ln.amount_due_cents, paid_sum + ln.amount_paid_cents, out_sum + out
        rows.append(
            [
                ln.due_date.isoformat(),
                _both(f"agreement.kind.{ln.kind}")
                if ln.kind in ("installment", "interest", "late_fee", "fee")
                else ln.kind,
                _money(ln.amount_due_cents),
                _money(ln.amount_paid_cents),
                _money(out),
            ]
        )
    rows.append([_both("agreement.col.total"), "", _money(due_sum), _money(paid_sum), _money(out_sum)])
    doc.table(
        [
            _both("agreement.col.due_date"),
            _both("agreement.col.kind"),
            _both("agreement.col.due"),
            _both("agreement.col.paid"),
            _both("agreement.col.outstanding"),
        ],
        rows,
        widths=(22, 30, 18, 18, 18),
        right=(2, 3, 4),
        bold_last=True,
    )

    if out_sum > plan.total_cents + plan.waiver_cents:  # paid here since the statement (money.rules.plans)
        paid = {"paid": _money(out_sum - plan.total_cents - plan.waiver_cents)}
        doc.para(i18n.t("agreement.paid_here", ZH, **paid) + "\n" + i18n.t("agreement.paid_here", EN, **paid))

    doc.heading(_both("agreement.waiver"))
    waived = [
        _both(key)
        for flag, key in (
            (plan.waive_fees, "agreement.waiver_fees"),
            (plan.waive_interest, "agreement.waiver_interest"),
        )
        if flag
    ]
    for text in waived if plan.waiver_cents > 0 else [_both("agreement.waiver_none")]:
        doc.para("· " + text)
    before = plan.total_cents + plan.waiver_cents
    args: dict[str, object] = dict(
        before=_money(before), waiver=_money(plan.waiver_cents), total=_money(plan.total_cents)
    )
    doc.para(i18n.t("agreement.waiver_sum", ZH, **args) + "\n" + i18n.t("agreement.waiver_sum", EN, **args), bold=True)

    doc.heading(_both("agreement.schedule"))
    srows, monthly = [], [r for r in f.installments if r.seq > 0]
    down_row = next((r for r in f.installments if r.seq == 0), None)
    down = down_row.amount_cents if down_row else plan.down_payment_cents
    if down > 0:
        srows.append(
            [
                "0",
                _both("agreement.down_payment"),
                signed.date().isoformat() if down_row is None else down_row.due_date.isoformat(),
                _money(down),
            ]
        )
    for r in monthly:
        srows.append(
            [str(r.seq), _both("agreement.installment_n", n=r.seq), r.due_date.isoformat(), _money(r.amount_cents)]
        )
    inst_sum = sum(r.amount_cents for r in monthly)
    srows.append([_both("agreement.col.total"), "", "", _money(down + inst_sum)])
    doc.table(
        [_both("agreement.col.no"), "", _both("agreement.col.due_date"), _both("agreement.col.amount")],
        srows,
        widths=(12, 40, 24, 24),
        right=(3,),
        bold_last=True,
    )
    args = dict(down=_money(down), installments=_money(inst_sum), months=len(monthly), total=_money(down + inst_sum))
    doc.para(i18n.t("agreement.schedule_sum", ZH, **args) + "\n" + i18n.t("agreement.schedule_sum", EN, **args))

    doc.heading(_both("agreement.clauses"))
    until = (signed + timedelta(days=COOLING_OFF_DAYS)).date().isoformat()
    for key, params in (
        ("agreement.clause.late", {"missed": MISSED_IN_A_ROW}),
        ("agreement.clause.cooling_off", {"days": COOLING_OFF_DAYS, "until": until}),
        ("agreement.clause.payments", {}),
        ("agreement.clause.complaint", {}),
    ):
        doc.para(i18n.t(key, ZH, **params))
        doc.para(i18n.t(key, EN, **params), gray=True)

    doc.heading(_both("agreement.signature"))
    place = plan.signed_place or ""
    if plan.signed_lat is not None and plan.signed_lon is not None:
        place = f"{place} ({plan.signed_lat:.5f}, {plan.signed_lon:.5f})".strip()
    doc.pairs(
        [
            (_both("agreement.signed_at"), signed.strftime("%Y-%m-%d %H:%M %Z").strip()),
            (_both("agreement.signed_place"), place or "—"),
            (_both("agreement.signed_by"), ""),
        ]
    )
    sig = signature_file(plan.signature_path)
    if sig is not None:
        doc.image(sig, width=60)
    else:
        doc.para(_both("agreement.no_signature"), gray=True)
    doc.para(f"{f.debtor.name}", bold=True)
    doc.space(2)
    doc.para(i18n.t("agreement.sha_note", ZH) + "\n" + i18n.t("agreement.sha_note", EN), size=8, gray=True)
    return doc.bytes()


def create_for_plan(session: Session, *, plan_id: int) -> tuple[str, str]:
    """Write the agreement of a just-signed plan; returns (path relative to private_dir, sha256 hex)."""
    plan = session.exec(select(Plan).where(Plan.id == plan_id).with_for_update()).first()
    if plan is None:
        raise NotFound("error.not_found")
    if plan.agreement_path or plan.agreement_sha256:
        raise Conflict("agreement.exists")
    if plan.status != PlanStatus.ACTIVE or plan.signed_at is None:
        raise ValidationError("agreement.not_signed")
    f = _facts(session, plan)
    down_row = next((r for r in f.installments if r.seq == 0), None)
    down = down_row.amount_cents if down_row else plan.down_payment_cents
    schedule = down + sum(r.amount_cents for r in f.installments if r.seq > 0)
    if schedule != plan.total_cents:
        raise ValidationError("agreement.not_reconciled", schedule=_money(schedule), total=_money(plan.total_cents))
    data = render(f)
    digest = hashlib.sha256(data).hexdigest()
    relative = f"agreements/{uuid.uuid4().hex}.pdf"
    path = agreement_dir() / Path(relative).name
    with open(path, "xb") as out:  # never overwrite a file
        out.write(data)
    plan.agreement_path, plan.agreement_sha256 = relative, digest
    session.add(plan)
    try:
        session.flush()
    except Exception:
        path.unlink(missing_ok=True)
        raise
    audit.record(
        session,
        actor_id=None,
        action="agreement.create",
        entity="plan",
        entity_id=plan.id,
        after={"path": relative, "sha256": digest, "bytes": len(data), "case_id": plan.case_id},
    )
    return relative, digest


def _read(plan: Plan) -> bytes:
    if not plan.agreement_path:
        raise NotFound("agreement.missing")
    path = _agreement_file(plan.agreement_path)
    if not path.is_file():
        raise NotFound("agreement.missing")
    data = path.read_bytes()
    if plan.agreement_sha256 and hashlib.sha256(data).hexdigest() != plan.agreement_sha256:
        raise NotFound("agreement.missing")  # never hand out a file that is not the one signed
    return data


def agreement_for_staff(session: Session, *, actor: Identity, plan_id: int) -> bytes:
    """The PDF for staff who may work on the plan's case (audited); anyone else gets "not found"."""
    plan, _case = access.plan_for(session, actor, plan_id)
    data = _read(plan)
    audit.record(session, actor_id=actor.id, action="agreement.download", entity="plan", entity_id=plan.id)
    return data


def filename(plan_id: int) -> str:
    return f"agreement-{plan_id}.pdf"


# --- the debtor's side: from the link's token, only after verification ---


def _link_plan(session: Session, token: str) -> Plan | None:

    _row, _visit, case, _debtor = live_link(session, token)
    return session.exec(
        select(Plan)
        .where(
            Plan.case_id == case.id,
            col(Plan.status).in_(tuple(SIGNED_PLAN_STATUSES)),
            col(Plan.agreement_path).is_not(None),
        )
        .order_by(col(Plan.id).desc())
    ).first()


def link_has_agreement(session: Session, *, token: str) -> bool:
    return _link_plan(session, token) is not None


def agreement_for_link(session: Session, *, token: str) -> bytes | None:
    """The signed agreement of the link's case (the newest signed plan), or None. The caller offers it only
    after the verifier matched (see `agreement_link_url`)."""
    plan = _link_plan(session, token)
    if plan is None:
        return None
    data = _read(plan)
    audit.record(session, actor_id=None, action="agreement.download_link", entity="plan", entity_id=plan.id)
    return data


# --- signed, short-lived download URLs ---


def staff_agreement_url(session: Session, *, actor: Identity, plan_id: int, api_base: str = "") -> str | None:
    """The download URL for someone who may see the plan's case, or None when there is no agreement yet."""
    plan, _case = access.plan_for(session, actor, plan_id)
    return agreement_url(pk(plan), api_base=api_base) if plan.agreement_path else None


def read_by_plan_id(session: Session, *, plan_id: int) -> bytes:
    """For the download route, after the signed URL was checked."""
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise NotFound("error.not_found")
    data = _read(plan)
    audit.record(
        session, actor_id=None, action="agreement.download", entity="plan", entity_id=plan.id, detail="signed url"
    )
    return data


def agreement_url(plan_id: int, *, api_base: str = "", seconds: int = URL_SECONDS) -> str:
    """Mint only after access was checked (`staff_agreement_url`): the URL itself is the permission."""

    return f"{api_base.rstrip('/')}/api/agreement/{plan_id}?{signed_urls.query(f'agreement:{plan_id}', seconds)}"


def agreement_url_valid(plan_id: int, expires: str, signature: str) -> bool:
    return _valid(f"agreement:{plan_id}", expires, signature)


def agreement_link_url(token: str, *, api_base: str = "", seconds: int = URL_SECONDS) -> str:
    """For the debtor, minted only after the verifier matched: binds the link's token hash and an expiry;
    the URL carries the token hash, never the token."""

    token_hash = hash_token(token)
    return (
        f"{api_base.rstrip('/')}/api/link-agreement/{token_hash}"
        f"?{signed_urls.query(f'agreement-link:{token_hash}', seconds)}"
    )


def agreement_link_url_valid(token_hash: str, expires: str, signature: str) -> bool:
    return _valid(f"agreement-link:{token_hash}", expires, signature)


def agreement_for_token_hash(session: Session, *, token_hash: str) -> bytes | None:
    """The download route's side of `agreement_link_url`: the link is looked up by its stored hash and must
    still be live (not replaced, expired or cancelled)."""

    if len(token_hash) != 64:
        return None
    row = session.exec(select(AppointmentToken).where(AppointmentToken.token_hash == token_hash)).first()
    if row is None:
        return None
    try:
        return _agreement_for_token_row(session, row)
    except LinkProblem:
        return None


def _agreement_for_token_row(session: Session, row) -> bytes | None:

    visit = session.get(Visit, row.visit_id)
    if row.replaced_at is not None or visit is None or clock.aware(row.expires_at) <= clock.now():
        raise LinkProblem("link.unknown")
    plan = session.exec(
        select(Plan)
        .where(
            Plan.case_id == visit.case_id,
            col(Plan.status).in_(tuple(SIGNED_PLAN_STATUSES)),
            col(Plan.agreement_path).is_not(None),
        )
        .order_by(col(Plan.id).desc())
    ).first()
    if plan is None:
        return None
    data = _read(plan)
    audit.record(
        session,
        actor_id=None,
        action="agreement.download_link",
        entity="plan",
        entity_id=plan.id,
        detail=f"token {row.id}",
    )
    return data


def _valid(message: str, expires: str, signature: str) -> bool:

    return signed_urls.valid(message, expires, signature)
