"""A case's evidence pack for supervisors and administrators (issue 13.5, PRODUCT flow 10): one ZIP with a
PDF summary (Chinese and Latin text) and the raw records, each file listed with its SHA-256 in a manifest.

- The records: the contact ledger, the visits (with check-in and check-out times, positions and distances,
  and each outcome recorded), notes, photos (the files as stored), the SMS texts as sent (debtor links
  redacted), plans with their signed agreements (the PDF files, and the SHA-256 kept when they were
  signed), promises, payments, complaints, third parties asked, and the audit trail of the case and of its
  visits, plans, promises and complaints.
- Only this case's rows: every query is by the case (or its own visits and plans); a test reads every byte
  of a pack for another case's words.
- `manifest.json` lists every other file with its size and SHA-256, and `SHA256SUMS` says the same in the
  format `sha256sum -c` reads. Generating a pack is audited, with the SHA-256 of the ZIP.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import Enum
from pathlib import Path
from typing import Any

from sqlmodel import Session, SQLModel, col, select

from visitapp import i18n
from visitapp.adapters.pdf import Document
from visitapp.compliance.services import link_tokens
from visitapp.core import access, audit, clock
from visitapp.core.db import session_scope
from visitapp.core.identity import Identity
from visitapp.core.models import (
    Attachment,
    AuditLog,
    Case,
    Complaint,
    ContactLedger,
    Debt,
    Debtor,
    Message,
    Note,
    Payment,
    Plan,
    PlanInstallment,
    Promise,
    StatementLine,
    ThirdParty,
    User,
    Visit,
    VisitAgent,
    VisitOutcome,
)
from visitapp.core.privacy import mask_phone
from visitapp.core.rows import pk
from visitapp.core.settings import get_settings

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # every entry's date: the pack's bytes depend on its records only


@dataclass(frozen=True)
class Pack:
    filename: str
    data: bytes
    sha256: str
    files: int


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return clock.aware(value).isoformat()
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def _rows(rows: Sequence[SQLModel], *, drop: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    return [{k: _plain(v) for k, v in r.model_dump().items() if k not in drop} for r in rows]


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _private(stored: str | None, folder: str = "") -> bytes | None:
    """A file of the private folder (photos, agreements), or None when it is gone or outside it."""
    if not stored:
        return None
    root = get_settings().private_dir.resolve()
    path = Path(stored)
    path = (path if path.is_absolute() else root / folder / path).resolve()
    if root not in path.parents or not path.is_file():
        return None
    return path.read_bytes()


def _summary(case: Case, debtor: Debtor, debt: Debt, facts: dict[str, Any], lang: str, by: str) -> bytes:
    t = lambda key, **kw: i18n.t(key, lang, **kw)  # noqa: E731
    doc = Document(title=t("evidence.pdf.title", case=pk(case)), author=by, created=clock.now())
    doc.title(t("evidence.pdf.title", case=pk(case)))
    doc.para(t("evidence.pdf.generated", by=by, at=clock.to_local(clock.now()).strftime("%Y-%m-%d %H:%M")), gray=True)
    doc.heading(t("evidence.pdf.case"))
    doc.pairs(
        [
            (t("evidence.pdf.debtor"), debtor.name),
            (t("evidence.pdf.contract"), debt.contract_no),
            (t("evidence.pdf.creditor"), debt.creditor or "—"),
            (t("evidence.pdf.principal"), i18n.money(debt.principal_cents, lang)),
            (t("evidence.pdf.status"), t(f"case.status.{case.status.value}")),
            (t("evidence.pdf.phones"), "、".join(mask_phone(p) for p in facts["phones"]) or "—"),
        ]
    )
    doc.heading(t("evidence.pdf.counts"))
    doc.table(
        [t("evidence.pdf.record"), t("evidence.pdf.count")],
        [[t(f"evidence.file.{name}"), str(n)] for name, n in facts["counts"].items()],
        widths=(3, 1),
        right=(1,),
    )
    if facts["visits"]:
        doc.heading(t("evidence.pdf.visits"))
        doc.table(
            [t(f"evidence.pdf.{k}") for k in ("day", "window", "checkin", "distance", "outcome")],
            facts["visits"],
            widths=(2, 2, 2.4, 1.4, 2.2),
        )
    doc.heading(t("evidence.pdf.files"))
    doc.para(t("evidence.pdf.verify"), size=8.5)
    doc.footer_text(t("evidence.pdf.footer", case=pk(case)))
    return doc.bytes()


def pack_apart(*, actor: Identity, case_id: int, lang: str) -> Pack:
    """`pack` in a unit of work of its own, in a task process: a case's photos and files are read and
    zipped there, not in a web worker."""
    with session_scope() as session:
        return pack(session, actor=actor, case_id=case_id, lang=lang)


def pack(session: Session, *, actor: Identity, case_id: int, lang: str) -> Pack:
    """The evidence pack of one case (supervisors and administrators), audited."""
    access.require(actor, access.AUDITORS)
    case = access.case_for(session, actor, case_id)
    debtor = session.get(Debtor, case.debtor_id)
    debt = session.get(Debt, case.debt_id)
    assert debtor is not None and debt is not None
    cid = pk(case)
    visits = session.exec(
        select(Visit).where(Visit.case_id == cid).order_by(col(Visit.visit_date), col(Visit.id))
    ).all()
    visit_ids = [pk(v) for v in visits]
    plans = session.exec(select(Plan).where(Plan.case_id == cid).order_by(col(Plan.id))).all()
    plan_ids = [pk(p) for p in plans]
    files: dict[str, bytes] = {}

    def by_case(model: Any, order: Any) -> list[Any]:
        return list(session.exec(select(model).where(model.case_id == cid).order_by(order)).all())

    ledger = by_case(ContactLedger, col(ContactLedger.at))
    files["records/contact_ledger.json"] = _json(_rows(ledger))
    agents = session.exec(select(VisitAgent).where(col(VisitAgent.visit_id).in_(visit_ids or [-1]))).all()
    outcomes = session.exec(
        select(VisitOutcome).where(VisitOutcome.case_id == cid).order_by(col(VisitOutcome.id))
    ).all()
    files["records/visits.json"] = _json(
        [
            {
                **_rows([v])[0],
                "agents": sorted(a.user_id for a in agents if a.visit_id == v.id),
                "outcomes": _rows([o for o in outcomes if o.visit_id == v.id]),
            }
            for v in visits
        ]
    )
    notes = by_case(Note, col(Note.created_at))
    files["records/notes.json"] = _json(_rows(notes, drop=("client_id",)))
    photos = by_case(Attachment, col(Attachment.id))
    files["records/photos.json"] = _json(_rows(photos))
    for a in photos:
        data = _private(a.stored_name, "photos")
        if data is not None:
            files[f"photos/{a.id}-{a.stored_name}"] = data
    messages = by_case(Message, col(Message.created_at))
    files["records/sms.json"] = _json(
        [{**row, "body": link_tokens.redact(row["body"])} for row in _rows(messages, drop=("provider_ref",))]
    )
    installments = session.exec(
        select(PlanInstallment)
        .where(col(PlanInstallment.plan_id).in_(plan_ids or [-1]))
        .order_by(col(PlanInstallment.id))
    ).all()
    files["records/plans.json"] = _json(
        [
            {
                **_rows([p], drop=("signature_path",))[0],
                "installments": _rows([i for i in installments if i.plan_id == p.id]),
            }
            for p in plans
        ]
    )
    for p in plans:
        data = _private(p.agreement_path)
        if data is not None:
            files[f"agreements/plan-{p.id}.pdf"] = data
            files[f"agreements/plan-{p.id}.sha256-at-signing.txt"] = f"{p.agreement_sha256}  plan-{p.id}.pdf\n".encode()
    promises = by_case(Promise, col(Promise.id))
    files["records/promises.json"] = _json(_rows(promises, drop=("client_id",)))
    payments = by_case(Payment, col(Payment.id))
    files["records/payments.json"] = _json(_rows(payments))
    complaints = by_case(Complaint, col(Complaint.id))
    files["records/complaints.json"] = _json(_rows(complaints))
    thirds = by_case(ThirdParty, col(ThirdParty.id))
    files["records/third_parties.json"] = _json(_rows(thirds))
    # every entry about the case, as the audit log's case filter reads it (core.audit.case_condition)
    trail = session.exec(
        select(AuditLog).where(audit.case_condition(session, cid)).order_by(col(AuditLog.at), col(AuditLog.id))
    ).all()
    files["records/audit_trail.json"] = _json(_rows(trail))
    lines = session.exec(
        select(StatementLine).where(StatementLine.debt_id == debt.id).order_by(col(StatementLine.due_date))
    ).all()
    files["records/statement.json"] = _json(_rows(lines))
    phones = list({r.target_ref for r in ledger if r.target == "debtor" and r.target_ref})
    me = session.get(User, actor.id)
    by = me.display_name if me else str(actor.id)
    counts = {
        "contact_ledger": len(ledger),
        "visits": len(visits),
        "notes": len(notes),
        "photos": len(photos),
        "sms": len(messages),
        "plans": len(plans),
        "payments": len(payments),
        "complaints": len(complaints),
        "audit_trail": len(trail),
    }
    visit_rows = [
        [
            v.visit_date.isoformat(),
            f"{v.window_start:%H:%M}–{v.window_end:%H:%M}",
            clock.to_local(v.checkin_at).strftime("%H:%M") if v.checkin_at else "—",
            f"{round(v.checkin_distance_m)} m" if v.checkin_distance_m is not None else "—",
            i18n.t(f"outcome.{v.outcome.value}", lang) if v.outcome else "—",
        ]
        for v in visits
    ]
    files["summary.pdf"] = _summary(
        case, debtor, debt, {"phones": sorted(phones), "counts": counts, "visits": visit_rows}, lang, by
    )
    listed = [{"path": name, "bytes": len(data), "sha256": _sha(data)} for name, data in sorted(files.items())]
    manifest = {
        "case_id": cid,
        "contract_no": debt.contract_no,
        "generated_at": clock.now().isoformat(),
        "generated_by": actor.id,
        "files": listed,
    }
    files["manifest.json"] = _json(manifest)
    files["SHA256SUMS"] = "".join(f"{f['sha256']}  {f['path']}\n" for f in listed).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in sorted(files.items()):
            info = zipfile.ZipInfo(f"case-{cid}/{name}", date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    data = out.getvalue()
    digest = _sha(data)
    audit.record(
        session,
        actor_id=actor.id,
        action="evidence.export",
        entity="case",
        entity_id=cid,
        after={"files": len(listed), "bytes": len(data), "sha256": digest},
    )
    stamp = clock.to_local(clock.now()).strftime("%Y%m%d-%H%M")
    return Pack(f"evidence-case-{cid}-{stamp}.zip", data, digest, len(listed))
