"""A supervisor's approval of one more visit to a debtor after the fruitless visits in a row (CN-2026: after
three, a supervisor approves the next). The contact check reads the approval from the case
(`contact.visit_approved`); it holds for the next visit attempt only, and is audited."""

from __future__ import annotations

from sqlmodel import Session

from visitapp.core import access, audit, clock, versioning
from visitapp.core.errors import ValidationError
from visitapp.core.identity import Identity


def approve_next_visit(session: Session, *, actor: Identity, case_id: int, note: str) -> None:
    access.require(actor, access.APPROVERS)
    case = access.case_for(session, actor, case_id)
    note = " ".join((note or "").split())
    if not note:
        raise ValidationError("visit_approval.note_missing")
    before = case.visit_approved_at
    case.visit_approved_at, case.visit_approved_by = clock.now(), actor.id
    versioning.bump(case)
    session.add(case)
    session.flush()
    audit.record(
        session,
        actor_id=actor.id,
        action="case.visit_approved",
        entity="case",
        entity_id=case_id,
        before={"visit_approved_at": before.isoformat() if before else None},
        after={"visit_approved_at": case.visit_approved_at.isoformat(), "comment": note[:200]},
    )
