"""Calls from the agent's phone: the policy decides before the dial, the result is recorded after.

`start` runs the one compliance check (and writes the ledger row) and only then hands out the number to
dial; `record_result` fills in what happened (connected / unanswered / wrong number), which is what the
call caps count.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from visitapp.compliance.rules.policy import Decision
from visitapp.compliance.services import contact
from visitapp.core import access
from visitapp.core.enums import Channel
from visitapp.core.errors import NotFound
from visitapp.core.identity import Identity
from visitapp.core.models import ContactLedger, DebtorPhone
from visitapp.core.rows import pk
from visitapp.field.services import dossier

CALL_RESULTS = ("connected", "unanswered", "wrong_number")


@dataclass(frozen=True)
class CallStart:
    decision: Decision
    ledger_id: int
    number: str | None  # only when allowed


def start(session: Session, *, actor: Identity, visit_id: int, phone_index: int = 0) -> CallStart:
    visit, case = access.visit_for(session, actor, visit_id)
    phones = session.exec(
        select(DebtorPhone.number)
        .where(DebtorPhone.debtor_id == case.debtor_id)
        .order_by(col(DebtorPhone.is_primary).desc(), col(DebtorPhone.id))
    ).all()
    if not phones or not 0 <= phone_index < len(phones):
        raise NotFound("error.not_found")
    number = phones[phone_index]
    outcome = contact.attempt(
        session,
        case_id=pk(case),
        channel=Channel.CALL,
        actor_id=actor.id,
        target_ref=number,
        details={"visit_id": visit.id},
    )
    if outcome.allowed:  # the full number leaves the server: audited like a reveal on the dossier
        dossier.record_reveal(session, actor=actor, case_id=pk(case), visit_id=pk(visit), why="call")
    return CallStart(outcome.decision, outcome.ledger_id, number if outcome.allowed else None)


def record_result(session: Session, *, actor: Identity, ledger_id: int, result: str) -> None:
    """Only the agent who placed the call records its result, once, while the case is still theirs."""
    entry = session.get(ContactLedger, ledger_id)
    if entry is None or entry.actor_id != actor.id or entry.channel != Channel.CALL:
        raise NotFound("error.not_found")
    access.case_for(session, actor, entry.case_id)
    contact.result_for_ledger(session, ledger_id=ledger_id, result=result)
