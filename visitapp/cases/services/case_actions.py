"""What the office does on a case besides assigning and scheduling (cases.services.assignment,
field.services.visits.schedule): pause or resume collection with a reason, mark the debtor's dispute or
death (with a note), and add a note. Each change is written on the version the user saw
(core.versioning) and audited; a note goes with every mark so the story says why.

Resuming is refused while something else still stops contact (an open complaint, a dispute, a lawyer,
a death, a cease request): the contact check would refuse every contact anyway, and the page says which.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from visitapp.core import access, audit, clock, versioning
from visitapp.core.enums import CaseStatus
from visitapp.core.errors import ValidationError
from visitapp.core.identity import Identity
from visitapp.core.models import Case, Complaint, Debtor, Note
from visitapp.core.rows import pk

PAUSE_REASONS = ("debtor_request", "hardship", "disputed", "review", "other")
MARKS = ("disputed", "deceased")
STALE = "case.stale"
MAX_NOTE = 2000


def _note_text(note: str) -> str:
    text = (note or "").strip()
    if not text:
        raise ValidationError("case.error.note", problems=[("note", "case.error.note")])
    return text[:MAX_NOTE]


def _case(session: Session, actor: Identity, case_id: int, version: int) -> Case:
    access.require(actor, access.STAFF)
    case = access.case_for(session, actor, case_id)
    versioning.expect(session, case, seen=version, key=STALE, entity="case")
    return case


def _add_note(session: Session, actor: Identity, case: Case, body: str) -> Note:
    note = Note(case_id=pk(case), author_id=actor.id, body=body)
    session.add(note)
    session.flush()
    return note


def _set_status(
    session: Session,
    actor: Identity,
    case: Case,
    version: int,
    status: CaseStatus,
    reason: str | None,
    note: str,
    action: str,
) -> Case:
    """Write the status (on the version seen), keep the note in the story, audit before and after."""
    before = {"status": case.status.value, "pause_reason": case.pause_reason}
    case = versioning.write(
        session,
        case,
        seen=version,
        values={"status": status, "pause_reason": reason, "updated_at": clock.now()},
        key=STALE,
        entity="case",
    )
    _add_note(session, actor, case, note)
    audit.record(
        session,
        actor_id=actor.id,
        action=action,
        entity="case",
        entity_id=case.id,
        before=before,
        after={"status": status.value, "pause_reason": reason},
        detail=note[:255],
    )
    return case


def pause(session: Session, *, actor: Identity, case_id: int, version: int, reason: str, note: str) -> Case:
    case = _case(session, actor, case_id, version)
    if reason not in PAUSE_REASONS:
        raise ValidationError("case.error.reason", problems=[("reason", "case.error.reason")])
    body = _note_text(note)
    if case.status == CaseStatus.CLOSED:
        raise ValidationError("case.error.closed")
    if case.status == CaseStatus.PAUSED:
        raise ValidationError("case.error.already_paused")
    return _set_status(session, actor, case, version, CaseStatus.PAUSED, reason, body, "case.pause")


def resume_blockers(session: Session, case: Case) -> list[str]:
    """What still stops contact on the case (message keys): resuming would change nothing while any holds."""
    out = []
    if session.exec(
        select(Complaint.id).where(Complaint.case_id == case.id, col(Complaint.closed_at).is_(None))
    ).first():
        out.append("case.pause_reason.complaint")
    debtor = session.get(Debtor, case.debtor_id)
    assert debtor is not None
    out += [
        f"case.flag.{flag}"
        for flag in ("disputed", "lawyer", "deceased", "cease_communication")
        if getattr(debtor, flag)
    ]
    return out


def resume(session: Session, *, actor: Identity, case_id: int, version: int, note: str) -> Case:
    case = _case(session, actor, case_id, version)
    body = _note_text(note)
    if case.status != CaseStatus.PAUSED:
        raise ValidationError("case.error.not_paused")
    blockers = resume_blockers(session, case)
    if blockers:
        raise ValidationError("case.error.resume_blocked", blockers=blockers)
    return _set_status(session, actor, case, version, CaseStatus.OPEN, None, body, "case.resume")


def mark(session: Session, *, actor: Identity, case_id: int, version: int, flag: str, on: bool, note: str) -> Case:
    """Mark (or unmark) the debtor as disputing the debt or deceased: a fact every contact check reads."""
    case = _case(session, actor, case_id, version)
    if flag not in MARKS:
        raise ValidationError("case.error.flag")
    body = _note_text(note)
    debtor = session.get(Debtor, case.debtor_id)
    assert debtor is not None
    if getattr(debtor, flag) == on:
        return case
    setattr(debtor, flag, on)
    debtor.updated_at = clock.now()
    session.add(debtor)
    versioning.bump(case)  # the case's facts changed: a second editor of the case is told
    session.add(case)
    _add_note(session, actor, case, body)
    audit.record(
        session,
        actor_id=actor.id,
        action="case.mark",
        entity="case",
        entity_id=case_id,
        before={flag: not on},
        after={flag: on},
        detail=body[:255],
    )
    session.flush()
    return case


def add_note(session: Session, *, actor: Identity, case_id: int, body: str) -> Note:
    access.require(actor, access.STAFF)
    case = access.case_for(session, actor, case_id)
    note = _add_note(session, actor, case, _note_text(body))
    audit.record(
        session, actor_id=actor.id, action="note.add", entity="case", entity_id=case_id, after={"note_id": note.id}
    )
    return note
