"""The audit log: append-only records of who saw and changed what; search and retention for admins."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from visitapp.core import access, clock
from visitapp.core.identity import Identity
from visitapp.core.models import (
    AuditLog,
    Case,
    Complaint,
    ContactLedger,
    LoginAttempt,
    Plan,
    PlanInstallment,
    Promise,
    Reminder,
    User,
    Visit,
)
from visitapp.core.rows import pk


def record(
    session: Session,
    *,
    actor_id: int | None,
    action: str,
    entity: str = "",
    entity_id: Any = None,
    before: dict | None = None,
    after: dict | None = None,
    detail: str = "",
) -> None:
    session.add(
        AuditLog(
            actor_id=actor_id,
            action=action,
            entity=entity,
            entity_id=None if entity_id is None else str(entity_id),
            before=before,
            after=after,
            detail=detail[:255],
        )
    )


def latest(session: Session, *, entity: str, entity_id: Any, actions: tuple[str, ...]) -> AuditLog | None:
    """The newest entry of one of `actions` about one record (e.g. when and to what a debtor agreed)."""
    return session.exec(
        select(AuditLog)
        .where(
            AuditLog.entity == entity,
            AuditLog.entity_id == str(entity_id),
            col(AuditLog.action).in_(actions),
        )
        .order_by(col(AuditLog.id).desc())
        .limit(1)
    ).first()


# --- reading and retention (administrators) ---


def changes(before: dict | None, after: dict | None) -> list[tuple[str, Any, Any]]:
    """The keys whose values differ, as (key, before, after): what an auditor wants to read."""
    before, after = before or {}, after or {}
    return [(k, before.get(k), after.get(k)) for k in sorted(set(before) | set(after)) if before.get(k) != after.get(k)]


PAGE_SIZE = 50


# what the debtor did through the SMS link is logged without an actor and with this detail prefix
DEBTOR_DETAIL = "debtor link"
DEBTOR, SYSTEM = "debtor", "system"  # the two actors without an account, for the person filter


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    actor: str
    actor_id: int | None
    action: str
    entity: str
    entity_id: str
    before: dict | None
    after: dict | None
    detail: str


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]
    page: int
    pages: int
    total: int


def _ids_of(column: Any, where: Any) -> Any:
    return select(sa.cast(column, sa.String)).where(where)


def case_condition(session: Session, case_id: int) -> Any:
    """Every entry about one case: the case itself, its debtor, and its visits, plans, installments, promises,
    complaints and reminders (entries name the row they touched, not always the case)."""
    case = session.get(Case, case_id)
    entity, ident = col(AuditLog.entity), col(AuditLog.entity_id)
    parts = [
        (entity == "case") & (ident == str(case_id)),
        (entity == "visit") & ident.in_(_ids_of(Visit.id, Visit.case_id == case_id)),
        (entity == "plan") & ident.in_(_ids_of(Plan.id, Plan.case_id == case_id)),
        (entity == "plan_installment")
        & ident.in_(
            _ids_of(
                PlanInstallment.id, col(PlanInstallment.plan_id).in_(select(Plan.id).where(Plan.case_id == case_id))
            )
        ),
        (entity == "promise") & ident.in_(_ids_of(Promise.id, Promise.case_id == case_id)),
        (entity == "complaint") & ident.in_(_ids_of(Complaint.id, Complaint.case_id == case_id)),
        (entity == "reminder") & ident.in_(_ids_of(Reminder.id, Reminder.case_id == case_id)),
    ]
    if case is not None:
        parts.append((entity == "debtor") & (ident == str(case.debtor_id)))
    return sa.or_(*parts)


def _query(
    session: Session,
    *,
    text: str,
    username: str,
    person: str,
    actions: Iterable[str] | None,
    case_id: int | None,
    date_from: date | None,
    date_to: date | None,
) -> Any:
    q = select(AuditLog, User.username).outerjoin(User, col(User.id) == AuditLog.actor_id)
    if text:
        like = f"%{text.strip()}%"
        q = q.where(
            col(AuditLog.action).ilike(like)
            | col(AuditLog.entity).ilike(like)
            | col(AuditLog.detail).ilike(like)
            | col(AuditLog.entity_id).ilike(like)
        )
    if username:
        q = q.where(User.username == username.strip().lower())
    debtor = col(AuditLog.detail).like(f"{DEBTOR_DETAIL}%")
    if person == DEBTOR:
        q = q.where(col(AuditLog.actor_id).is_(None), debtor)
    elif person == SYSTEM:
        q = q.where(col(AuditLog.actor_id).is_(None), ~debtor)
    elif person.isdigit():
        q = q.where(AuditLog.actor_id == int(person))
    if actions is not None:
        q = q.where(col(AuditLog.action).in_(list(actions)))
    if case_id is not None:
        q = q.where(case_condition(session, case_id))
    zone = clock.local_zone()
    if date_from:
        q = q.where(AuditLog.at >= datetime.combine(date_from, time(0), zone))
    if date_to:
        q = q.where(AuditLog.at < datetime.combine(date_to + timedelta(days=1), time(0), zone))
    return q


def search(
    session: Session,
    *,
    actor: Identity,
    text: str = "",
    username: str = "",
    person: str = "",
    actions: Iterable[str] | None = None,
    case_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> AuditPage:
    """Newest first. `text` matches the action, entity or detail; `person` is a user id, DEBTOR or SYSTEM;
    `actions` the action codes to keep; `case_id` every entry about that case; dates are local days."""
    access.require(actor, access.ADMINS)
    q = _query(
        session,
        text=text,
        username=username,
        person=person,
        actions=actions,
        case_id=case_id,
        date_from=date_from,
        date_to=date_to,
    )
    return _page(session, q, page, page_size)


def case_trail(
    session: Session, *, actor: Identity, case_id: int, page: int = 1, page_size: int = PAGE_SIZE
) -> AuditPage:
    """Every entry about one case (`case_condition`), newest first: for whoever may open the case (its
    page for the office), not only for the administrators who search the whole log."""
    access.require(actor, access.STAFF)
    access.case_for(session, actor, case_id)
    q = _query(session, text="", username="", person="", actions=None, case_id=case_id, date_from=None, date_to=None)
    return _page(session, q, page, page_size)


def _page(session: Session, q: Any, page: int, page_size: int) -> AuditPage:
    total = session.exec(select(func.count()).select_from(q.subquery())).one()
    pages = max(1, -(-total // page_size))
    page = min(max(1, page), pages)
    rows = session.exec(
        q.order_by(col(AuditLog.at).desc(), col(AuditLog.id).desc()).offset((page - 1) * page_size).limit(page_size)
    ).all()
    return AuditPage(
        rows=[
            AuditRow(
                pk(a), a.at, name or "—", a.actor_id, a.action, a.entity, a.entity_id or "", a.before, a.after, a.detail
            )
            for a, name in rows
        ],
        page=page,
        pages=pages,
        total=total,
    )


@dataclass(frozen=True)
class PurgeResult:
    cutoff: datetime
    audit_log: int
    contact_ledger: int
    login_attempt: int


def purge(session: Session, *, actor_id: int | None, retention_years: int, now: datetime | None = None) -> PurgeResult:
    """Delete only what is older than the retention period, and log that it did (the log entry itself is
    new, so it survives this purge)."""
    if retention_years < 1:
        raise ValueError("retention must be at least a year")
    now = now or clock.now()
    try:
        cutoff = now.replace(year=now.year - retention_years)
    except ValueError:  # 29 February
        cutoff = now.replace(year=now.year - retention_years, day=28)
    counts = {}
    for model, column in (
        (AuditLog, col(AuditLog.at)),
        (ContactLedger, col(ContactLedger.at)),
        (LoginAttempt, col(LoginAttempt.at)),
    ):
        counts[model.__tablename__] = session.exec(delete(model).where(column < cutoff)).rowcount or 0
    result = PurgeResult(cutoff, counts["audit_log"], counts["contact_ledger"], counts["login_attempt"])
    record(
        session,
        actor_id=actor_id,
        action="retention.purge",
        entity="retention",
        after={"cutoff": cutoff.isoformat(), **counts},
        detail=f"retention {retention_years} years",
    )
    return result
