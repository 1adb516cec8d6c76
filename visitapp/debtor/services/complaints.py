"""Complaints: filed from the debtor's link, a call or an agent; they pause collection on the case, get an
answer deadline (SLA), and are assigned, answered and closed by dispatchers.

Pausing goes through the compliance engine: `contact.debtor_state` treats every complaint without
`closed_at` as the stop condition `stop.complaint_open`, so from the moment a complaint exists no SMS, call,
visit or letter on that case passes `contact.attempt`. The case itself is also set to paused (reason
"complaint", like the distress flag), so case lists, scoring and planning see it; closing may resume it,
but only when nothing else stops collection.

Statuses: open -> answered -> closed (an answered complaint can be answered again until it is closed).
The SLA is about the answer: an open complaint past `sla_due_at` is overdue.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from visitapp import i18n
from visitapp.compliance.services import policy_settings
from visitapp.core import access, audit, clock, versioning
from visitapp.core.enums import CaseStatus, ComplaintStatus
from visitapp.core.errors import NotFound, ValidationError
from visitapp.core.identity import Identity
from visitapp.core.models import Case, Complaint, Debtor, Reminder, Team, User
from visitapp.core.rows import pk, select_wide

# category code -> message key of its label (iterate for the codes; i18n.t(CATEGORIES[c], lang) for words)
CATEGORIES: dict[str, str] = {
    "conduct": "complaint.category.conduct",  # attitude or conduct of the collector
    "wrong_person": "complaint.category.wrong_person",  # "I am not the debtor"
    "amount": "complaint.category.amount",  # the amount is disputed
    "visit_time": "complaint.category.visit_time",  # contacted or visited at a bad time / too often
    "privacy": "complaint.category.privacy",  # the debt was disclosed to others
    "identity": "complaint.category.identity",  # doubts that the collector is genuine
    "other": "complaint.category.other",
}
SOURCES = ("link", "call", "agent")
OPEN, ANSWERED, CLOSED = ComplaintStatus.OPEN, ComplaintStatus.ANSWERED, ComplaintStatus.CLOSED
STATUSES = tuple(ComplaintStatus)
BODY_MIN, BODY_MAX = 5, 2000
RESPONSE_MIN, RESPONSE_MAX = 5, 4000
PAUSE_REASON = "complaint"
REMINDER_KIND = "complaint_review"
PAGE_SIZE = 20
DUPLICATE_WINDOW = timedelta(minutes=10)  # the same text twice in this time is one complaint (double submit)
# Letters and digits that cannot be mistaken for one another when read out on the phone (no 0/O, 1/I/L).
REF_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REF_CODE_LEN = 6  # 31^6: nearly 900 million codes per day
# debtor flags that keep collection stopped whatever happens to the complaint
_DEBTOR_STOPS = ("deceased", "lawyer", "disputed", "cease_communication")


def category_options(locale: str | None) -> list[tuple[str, str]]:
    """(code, label) pairs in the given language, for a select."""
    return [(code, i18n.t(key, locale)) for code, key in CATEGORIES.items()]


# ---------------------------------------------------------------------------------------------- filing


def _reference(day: str, rng: random.Random | None) -> str:
    pick = rng.choice if rng is not None else secrets.choice
    return f"TS{day}-" + "".join(pick(REF_ALPHABET) for _ in range(REF_CODE_LEN))


def _new_reference(session: Session, rng: random.Random | None) -> str:
    day = clock.local_now().strftime("%Y%m%d")
    for _ in range(10):
        ref = _reference(day, rng)
        if session.exec(select(Complaint.id).where(Complaint.reference_no == ref)).first() is None:
            return ref
    raise RuntimeError("could not find a free complaint reference number")  # pragma: no cover - 10 collisions


def _clean_body(body: str | None) -> str:
    text = (body or "").strip()
    if not BODY_MIN <= len(text) <= BODY_MAX:
        raise ValidationError("complaint.body_length", field="body", min=BODY_MIN, max=BODY_MAX)
    return text


def create(
    session: Session,
    *,
    case_id: int,
    source: str,
    category: str,
    body: str,
    actor_id: int | None = None,
    rng: random.Random | None = None,
) -> Complaint:
    """File a complaint and pause collection on its case. `actor_id` is None when the debtor files it from
    the link. `rng` only makes demo data repeatable; reference numbers come from `secrets` otherwise.

    Returns the stored complaint (its `reference_no` is what the debtor keeps)."""
    if source not in SOURCES:
        raise ValidationError("complaint.bad_source", field="source")
    if category not in CATEGORIES:
        raise ValidationError("complaint.bad_category", field="category")
    text = _clean_body(body)
    case = session.get(Case, case_id) if case_id else None
    if case is None:
        raise NotFound("error.not_found")
    now = clock.now()
    duplicate = session.exec(
        select(Complaint).where(
            Complaint.case_id == case.id,
            Complaint.category == category,
            Complaint.body == text,
            col(Complaint.closed_at).is_(None),
            Complaint.created_at >= now - DUPLICATE_WINDOW,
        )
    ).first()
    if duplicate is not None:
        return duplicate
    hours = policy_settings.load(session).complaint_sla_hours
    complaint = Complaint(
        case_id=case.id,
        debtor_id=case.debtor_id,
        source=source,
        category=category,
        body=text,
        reference_no=_new_reference(session, rng),
        status=OPEN,
        sla_due_at=now + timedelta(hours=hours),
        created_at=now,
    )
    session.add(complaint)
    session.flush()
    audit.record(
        session,
        actor_id=actor_id,
        action="complaint.create",
        entity="complaint",
        entity_id=complaint.id,
        after={
            "case_id": case.id,
            "source": source,
            "category": category,
            "status": OPEN,
            "sla_due_at": complaint.sla_due_at.isoformat(),
        },
        detail=complaint.reference_no,
    )
    if case.status == CaseStatus.OPEN:
        # already paused (dispute, hardship, distress) or closed: leave the case as it is; the open complaint
        # stops contact on its own, and that other reason must not be forgotten when the complaint closes
        before = {"status": case.status, "pause_reason": case.pause_reason, "version": case.version}
        case.status, case.pause_reason = CaseStatus.PAUSED, PAUSE_REASON
        case.version += 1
        case.updated_at = now
        session.add(case)
        audit.record(
            session,
            actor_id=actor_id,
            action="case.pause",
            entity="case",
            entity_id=case.id,
            before=before,
            after={"status": case.status, "pause_reason": PAUSE_REASON, "version": case.version},
            detail=f"complaint {complaint.reference_no}",
        )
    team = session.get(Team, case.team_id) if case.team_id else None
    if team is not None and team.dispatcher_id:
        session.add(
            Reminder(
                user_id=team.dispatcher_id,
                case_id=case.id,
                kind=REMINDER_KIND,
                due_at=complaint.sla_due_at,
                source_ref=f"complaint:{complaint.id}",
                title_key="complaint.reminder_title",
                title_params={"ref": complaint.reference_no},
            )
        )
    session.flush()
    return complaint


# ---------------------------------------------------------------------------------------------- the inbox


@dataclass(frozen=True)
class InboxRow:
    id: int
    reference_no: str
    case_id: int | None
    debtor_name: str
    team_name: str
    source: str
    category: str
    body: str
    status: str
    sla_due_at: datetime
    overdue: bool
    assigned_to: int | None
    assignee_name: str
    response: str
    version: int
    created_at: datetime
    answered_at: datetime | None
    closed_at: datetime | None
    case_status: str


@dataclass(frozen=True)
class InboxPage:
    rows: list[InboxRow]
    page: int
    pages: int
    total: int
    counts: dict[str, int]  # per status, in the actor's scope
    overdue: int  # open and past the SLA, in the actor's scope


def _overdue(c: Complaint, now: datetime) -> bool:
    return c.status == OPEN and clock.aware(c.sla_due_at) < now


def inbox(
    session: Session, *, actor: Identity, status: str | None = None, page: int = 1, page_size: int = PAGE_SIZE
) -> InboxPage:
    """Complaints in the actor's scope, the most urgent first (open and answered by SLA due; closed ones
    newest first)."""
    access.require(actor, access.STAFF)
    if status and status not in STATUSES:
        raise ValidationError("complaint.bad_status", field="status")
    now = clock.now()
    assignee = aliased(User)
    base = select(Complaint.id).where(access.complaint_condition(actor))
    counts: dict[str, int] = dict.fromkeys(STATUSES, 0)
    for st, n in session.exec(
        select(Complaint.status, func.count()).where(col(Complaint.id).in_(base)).group_by(col(Complaint.status))
    ):
        counts[st] = n
    overdue = session.exec(
        select(func.count()).where(col(Complaint.id).in_(base), Complaint.status == OPEN, Complaint.sla_due_at < now)
    ).one()
    q = (
        select_wide(Complaint, Debtor.name, Team.name, assignee.display_name, Case.status)
        .outerjoin(Case, col(Case.id) == Complaint.case_id)
        .outerjoin(Debtor, col(Debtor.id) == Complaint.debtor_id)
        .outerjoin(Team, col(Team.id) == Case.team_id)
        .outerjoin(assignee, col(assignee.id) == Complaint.assigned_to)
        .where(col(Complaint.id).in_(base))
    )
    if status:
        q = q.where(Complaint.status == status)
    total = counts[status] if status else sum(counts.values())
    pages = max(1, -(-total // page_size))
    page = min(max(1, page), pages)
    if status == CLOSED:
        q = q.order_by(col(Complaint.closed_at).desc(), col(Complaint.id).desc())
    else:
        q = q.order_by((col(Complaint.status) == CLOSED).asc(), col(Complaint.sla_due_at), col(Complaint.id))
    rows = [
        InboxRow(
            id=c.id,
            reference_no=c.reference_no,
            case_id=c.case_id,
            debtor_name=debtor or "—",
            team_name=team or "",
            source=c.source,
            category=c.category,
            body=c.body,
            status=c.status,
            sla_due_at=c.sla_due_at,
            overdue=_overdue(c, now),
            assigned_to=c.assigned_to,
            assignee_name=assignee_name or "",
            response=c.response or "",
            version=c.version,
            created_at=c.created_at,
            answered_at=c.answered_at,
            closed_at=c.closed_at,
            case_status=case_status or "",
        )
        for c, debtor, team, assignee_name, case_status in session.exec(
            q.offset((page - 1) * page_size).limit(page_size)
        ).all()
    ]
    return InboxPage(rows=rows, page=page, pages=pages, total=total, counts=counts, overdue=overdue)


def assignees(session: Session, *, actor: Identity) -> list[tuple[int, str]]:
    """Who a complaint may be given to: active staff (dispatchers, supervisors, compliance admins), the actor
    first."""
    access.require(actor, access.STAFF)
    users = [
        (pk(i), n)
        for i, n in session.exec(
            select(User.id, User.display_name)
            .where(col(User.role).in_([r.value for r in access.STAFF]), User.active == True)  # noqa: E712
            .order_by(col(User.display_name), col(User.id))
        ).all()
    ]
    mine = [(i, n) for i, n in users if i == actor.id]
    return mine + [(i, n) for i, n in users if i != actor.id]


# ---------------------------------------------------------------------------------------------- handling


def _get(session: Session, actor: Identity, complaint_id: int) -> Complaint:
    found = access.complaint_for(session, actor, complaint_id)
    fresh = session.get(Complaint, found.id, populate_existing=True)
    assert fresh is not None
    return fresh


def _write(session: Session, complaint: Complaint, version: int, values: dict[str, Any]) -> Complaint:
    """The versioned write: two dispatchers saving at the same moment cannot both win."""
    return versioning.write(
        session,
        complaint,
        seen=version,
        values=values,
        key="complaint.stale",
        entity="complaint",
        fallback_at=complaint.created_at,
        complaint_id=complaint.id,
    )


def _snapshot(c: Complaint) -> dict[str, Any]:
    return {"status": c.status, "assigned_to": c.assigned_to, "response": c.response, "version": c.version}


def assign(session: Session, *, actor: Identity, complaint_id: int, user_id: int, version: int) -> Complaint:
    complaint = _get(session, actor, complaint_id)
    if complaint.status == CLOSED:
        raise ValidationError("complaint.already_closed")
    user = session.get(User, user_id)
    if user is None or not user.active or user.role not in access.STAFF:
        raise ValidationError("complaint.bad_assignee", field="user_id")
    before = _snapshot(complaint)
    if complaint.assigned_to == user.id and complaint.version == version:
        return complaint  # nothing changes: no new version, no audit entry
    complaint = _write(session, complaint, version, {"assigned_to": user.id})
    audit.record(
        session,
        actor_id=actor.id,
        action="complaint.assign",
        entity="complaint",
        entity_id=complaint.id,
        before=before,
        after=_snapshot(complaint),
        detail=user.display_name,
    )
    return complaint


def answer(session: Session, *, actor: Identity, complaint_id: int, response: str, version: int) -> Complaint:
    """Record the answer given to the debtor (the SLA is met once a complaint is answered). Unassigned
    complaints are taken by whoever answers them."""
    complaint = _get(session, actor, complaint_id)
    if complaint.status == CLOSED:
        raise ValidationError("complaint.already_closed")
    text = (response or "").strip()
    if not RESPONSE_MIN <= len(text) <= RESPONSE_MAX:
        raise ValidationError("complaint.response_length", field="response", min=RESPONSE_MIN, max=RESPONSE_MAX)
    before = _snapshot(complaint)
    values: dict[str, Any] = {"response": text, "status": ANSWERED, "answered_at": clock.now()}
    if complaint.assigned_to is None:
        values["assigned_to"] = actor.id
    complaint = _write(session, complaint, version, values)
    audit.record(
        session,
        actor_id=actor.id,
        action="complaint.answer",
        entity="complaint",
        entity_id=complaint.id,
        before=before,
        after=_snapshot(complaint),
        detail=complaint.reference_no,
    )
    return complaint


@dataclass(frozen=True)
class Closed:
    complaint: Complaint
    resumed: bool  # collection on the case was resumed
    still_paused: tuple[str, ...]  # message keys: why collection stays stopped (empty when resumed or not asked)


def _resume_blockers(session: Session, case: Case, complaint_id: int) -> list[str]:
    out = []
    others = session.exec(
        select(Complaint.id)
        .where(Complaint.case_id == case.id, Complaint.id != complaint_id, col(Complaint.closed_at).is_(None))
        .limit(1)
    ).first()
    if others is not None:
        out.append("complaint.keep.other_complaint")
    if case.status == CaseStatus.CLOSED:
        out.append("complaint.keep.case_closed")
    elif case.status == CaseStatus.PAUSED and case.pause_reason != PAUSE_REASON:
        out.append("complaint.keep.paused_other")
    debtor = session.get(Debtor, case.debtor_id)
    out += [f"complaint.keep.{flag}" for flag in _DEBTOR_STOPS if debtor is not None and getattr(debtor, flag)]
    return out


def close(session: Session, *, actor: Identity, complaint_id: int, version: int, resume_case: bool) -> Closed:
    """Close an answered complaint. With `resume_case`, collection on the case resumes, but only if no other
    complaint is open and nothing else stops it (a dispute, a lawyer, another pause reason...): the
    result says why not."""
    complaint = _get(session, actor, complaint_id)
    if complaint.status == CLOSED:
        raise ValidationError("complaint.already_closed")
    if complaint.version == version and not complaint.response:
        raise ValidationError("complaint.answer_first", field="response")
    before = _snapshot(complaint)
    now = clock.now()
    complaint = _write(session, complaint, version, {"status": CLOSED, "closed_at": now})
    audit.record(
        session,
        actor_id=actor.id,
        action="complaint.close",
        entity="complaint",
        entity_id=complaint.id,
        before=before,
        after={**_snapshot(complaint), "resume_case": resume_case},
        detail=complaint.reference_no,
    )
    for reminder in session.exec(
        select(Reminder).where(Reminder.source_ref == f"complaint:{complaint.id}", col(Reminder.done_at).is_(None))
    ).all():
        reminder.done_at = now
        session.add(reminder)
    case = session.get(Case, complaint.case_id) if complaint.case_id else None
    if not resume_case or case is None:
        return Closed(complaint, False, ())
    blockers = _resume_blockers(session, case, pk(complaint))
    if blockers or case.status != CaseStatus.PAUSED:
        return Closed(complaint, False, tuple(blockers))
    before_case = {"status": case.status, "pause_reason": case.pause_reason, "version": case.version}
    case.status, case.pause_reason = CaseStatus.OPEN, None
    case.version += 1
    case.updated_at = now
    session.add(case)
    audit.record(
        session,
        actor_id=actor.id,
        action="case.resume",
        entity="case",
        entity_id=case.id,
        before=before_case,
        after={"status": case.status, "pause_reason": None, "version": case.version},
        detail=f"complaint {complaint.reference_no}",
    )
    return Closed(complaint, True, ())


# ---------------------------------------------------------------------------------------------- public


@dataclass(frozen=True)
class PublicStatus:
    """All a reference number reveals: no names, no text, no amounts."""

    reference_no: str
    status: str
    sla_due_at: datetime


def lookup(session: Session, *, reference_no: str) -> PublicStatus:
    ref = (reference_no or "").strip().upper()
    row = (
        session.exec(
            select(Complaint.reference_no, Complaint.status, Complaint.sla_due_at).where(Complaint.reference_no == ref)
        ).first()
        if ref
        else None
    )
    if row is None:
        raise NotFound("complaint.not_found")
    return PublicStatus(reference_no=row[0], status=row[1], sla_due_at=row[2])
