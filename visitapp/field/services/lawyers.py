"""A debtor's lawyer as the contact (issue 13.7): put on file by whoever works the case (the agent is handed
the lawyer's card at the door, the office hears it on a call), with a name, a firm and a number.

While a lawyer is on file the debtor's `lawyer` fact is true, so every contact with the debtor is refused
(calls, texts, visits; the planner leaves them out, the score says review), and the lawyer is contacted
instead: by call or letter, within the caps, counted for the lawyer, never a visit (compliance.rules.policy,
target "lawyer"). Removing a lawyer (a mistake, the mandate ended) keeps the record. Everything is audited.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from visitapp.cases.rules.importing.cells import e164_or_none
from visitapp.compliance.services import contact
from visitapp.core import access, audit, clock
from visitapp.core.enums import Channel
from visitapp.core.errors import NotFound, ValidationError
from visitapp.core.identity import Identity
from visitapp.core.models import Debtor, Lawyer
from visitapp.core.privacy import mask_phone
from visitapp.core.rows import pk
from visitapp.field.services import dossier
from visitapp.field.services.calls import CallStart


@dataclass(frozen=True)
class OnFile:
    id: int
    name: str
    firm: str
    phone_masked: str


def on_file(session: Session, *, actor: Identity, visit_id: int) -> OnFile | None:
    _visit, case = access.visit_for(session, actor, visit_id)
    row = contact.lawyer_on_file(session, case.debtor_id)
    return None if row is None else OnFile(pk(row), row.name, row.firm, mask_phone(row.phone))


def put_on_file(session: Session, *, actor: Identity, visit_id: int, name: str, firm: str, phone: str) -> OnFile:
    _visit, case = access.visit_for(session, actor, visit_id)
    name, firm = " ".join((name or "").split()), " ".join((firm or "").split())
    problems: list[tuple[str, str]] = []
    if not name or len(name) > 80:
        problems.append(("name", "lawyer.error.name"))
    if len(firm) > 120:
        problems.append(("firm", "lawyer.error.firm"))
    number = e164_or_none(phone or "")
    if number is None:
        problems.append(("phone", "lawyer.error.phone"))
    if problems:
        raise ValidationError(problems[0][1], problems=problems)
    assert number is not None
    debtor = session.get(Debtor, case.debtor_id)
    assert debtor is not None
    before = contact.lawyer_on_file(session, pk(debtor))
    if before is not None:  # a new lawyer replaces the one on file
        before.removed_at, before.removed_by = clock.now(), actor.id
        session.add(before)
    row = Lawyer(debtor_id=pk(debtor), name=name, firm=firm, phone=number, added_by=actor.id)
    session.add(row)
    debtor.lawyer, debtor.updated_at = True, clock.now()
    session.add(debtor)
    session.flush()
    audit.record(
        session,
        actor_id=actor.id,
        action="lawyer.add",
        entity="case",
        entity_id=case.id,
        before={"lawyer": before.name if before else None},
        after={"lawyer": name, "firm": firm},
    )
    return OnFile(pk(row), row.name, row.firm, mask_phone(row.phone))


def remove(session: Session, *, actor: Identity, visit_id: int) -> None:
    """No lawyer on file any more: the debtor may be contacted again, within the policy."""
    _visit, case = access.visit_for(session, actor, visit_id)
    row = contact.lawyer_on_file(session, case.debtor_id)
    if row is None:
        raise NotFound("error.not_found")
    row.removed_at, row.removed_by = clock.now(), actor.id
    session.add(row)
    debtor = session.get(Debtor, case.debtor_id)
    assert debtor is not None
    debtor.lawyer, debtor.updated_at = False, clock.now()
    session.add(debtor)
    session.flush()
    audit.record(
        session,
        actor_id=actor.id,
        action="lawyer.remove",
        entity="case",
        entity_id=case.id,
        before={"lawyer": row.name},
        after={"lawyer": None},
    )


def call(session: Session, *, actor: Identity, visit_id: int) -> CallStart:
    """Call the lawyer instead of the debtor: the contact check decides (target "lawyer"), the ledger keeps
    the row, and the number is handed out only when allowed (audited like a reveal)."""
    visit, case = access.visit_for(session, actor, visit_id)
    row = contact.lawyer_on_file(session, case.debtor_id)
    if row is None:
        raise NotFound("error.not_found")
    outcome = contact.attempt(
        session,
        case_id=pk(case),
        channel=Channel.CALL,
        actor_id=actor.id,
        target="lawyer",
        target_ref=row.phone,
        details={"visit_id": visit.id, "lawyer_id": row.id},
    )
    if outcome.allowed:
        dossier.record_reveal(session, actor=actor, case_id=pk(case), visit_id=pk(visit), why="lawyer call")
    return CallStart(outcome.decision, outcome.ledger_id, row.phone if outcome.allowed else None)
