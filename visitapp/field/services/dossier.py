"""The dossier of a visit: what the agent needs at the door, and an audit entry every time it is opened.

Only the agents on the visit (and the staff who run its team) may open it; anyone else gets "not found",
so a guessed visit id reveals nothing. Phone numbers are masked until the agent asks for them, which is
audited separately.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlmodel import Session, col, select

from visitapp.cases.rules.statement import Totals
from visitapp.cases.services import statement as case_statement
from visitapp.cases.services.statement import StatementRow
from visitapp.core import access, audit, clock
from visitapp.core.errors import ValidationError
from visitapp.core.identity import Identity
from visitapp.core.models import ContactLedger, Debt, Debtor, DebtorPhone, Note, Promise, User
from visitapp.core.privacy import mask_phone
from visitapp.core.rows import pk
from visitapp.field.rules import visit_now
from visitapp.field.services import visit_log, visits

HISTORY = 20  # ledger entries and notes shown (newest first); older ones stay in the ledger


@dataclass(frozen=True)
class Dossier:
    visit_id: int
    case_id: int
    debtor_name: str
    address: str
    district: str
    lat: float | None
    lon: float | None
    phones_masked: list[str]
    window: str
    confirmation: str
    contract_no: str
    creditor: str
    lines: list[StatementRow]
    totals: Totals
    ledger: list[tuple[datetime, str, str, bool, list[dict]]]  # at, channel, result, allowed, reasons
    notes: list[tuple[datetime, str, str]]  # at, author, body
    promises: list[tuple[date, int, str]]  # due, amount cents, status
    segment: str
    score: int | None
    strategy: str
    score_factors: list[dict]
    checked_in: bool = False
    checked_out: bool = False
    status: str = ""  # VisitStatus
    phase: str = ""  # VisitPhase now (visitapp.field.rules.visit_now)
    actions: tuple[str, ...] = ()  # what the agent can still do if it does not take place
    not_visited_reason: str = ""
    move_requested: bool = False


def open_dossier(session: Session, *, actor: Identity, visit_id: int, today: date | None = None) -> Dossier:
    visit, case = access.visit_for(session, actor, visit_id)
    assert visit.id is not None and case.id is not None  # loaded rows
    today = today or clock.today()
    debtor = session.get(Debtor, case.debtor_id)
    assert debtor is not None  # a case has its debtor
    debt = session.get(Debt, case.debt_id)
    phones = session.exec(
        select(DebtorPhone.number)
        .where(DebtorPhone.debtor_id == debtor.id)
        .order_by(col(DebtorPhone.is_primary).desc(), col(DebtorPhone.id))
    ).all()
    rows, sums = case_statement.statement(session, case, today)
    ledger = session.exec(
        select(ContactLedger)
        .where(ContactLedger.debtor_id == debtor.id)
        .order_by(col(ContactLedger.at).desc(), col(ContactLedger.id).desc())
        .limit(HISTORY)
    ).all()
    notes = session.exec(
        select(Note, User.display_name)
        .join(User, col(User.id) == Note.author_id)
        .where(Note.case_id == case.id)
        .order_by(col(Note.created_at).desc())
        .limit(HISTORY)
    ).all()
    promises = session.exec(select(Promise).where(Promise.case_id == case.id).order_by(col(Promise.due_date))).all()
    asked = visit.id in visits.move_requests(session, visit_ids=[visit.id])
    facts = replace(visits.visit_facts(visit), move_requested=asked)
    phase = visit_now.phase(facts, clock.now())
    audit.record(
        session, actor_id=actor.id, action="dossier.view", entity="case", entity_id=case.id, detail=f"visit {visit.id}"
    )
    return Dossier(
        visit_id=visit.id,
        case_id=case.id,
        debtor_name=debtor.name,
        address=debtor.address,
        district=debtor.district,
        lat=debtor.lat,
        lon=debtor.lon,
        phones_masked=[mask_phone(p) for p in phones],
        window=f"{visit.window_start:%H:%M}–{visit.window_end:%H:%M}",
        confirmation=visit.confirmation,
        contract_no=debt.contract_no if debt else "",
        creditor=debt.creditor if debt else "",
        lines=rows,
        totals=sums,
        ledger=[(e.at, e.channel, e.result, e.allowed, list(e.reasons or [])) for e in ledger],
        notes=[(n.created_at, name, n.body) for n, name in notes],
        promises=[(p.due_date, p.amount_cents, p.status) for p in promises],
        segment=case.segment,
        score=case.score,
        strategy=case.strategy,
        score_factors=list(case.score_factors or []),
        checked_in=visit.checkin_at is not None,
        checked_out=visit.checkout_at is not None,
        status=visit.status,
        phase=phase.value,
        actions=tuple(str(a) for a in visit_now.actions(facts, phase)) if visit.visit_date == today else (),
        not_visited_reason=visits.not_visited_reasons(session, visit_ids=[visit.id]).get(visit.id, ""),
        move_requested=asked,
    )


def reveal_phones(session: Session, *, actor: Identity, visit_id: int) -> list[str]:
    """The full numbers, for the agent who is about to call; every reveal is in the audit log."""
    visit, case = access.visit_for(session, actor, visit_id)
    phones = session.exec(
        select(DebtorPhone.number)
        .where(DebtorPhone.debtor_id == case.debtor_id)
        .order_by(col(DebtorPhone.is_primary).desc(), col(DebtorPhone.id))
    ).all()
    record_reveal(session, actor=actor, case_id=pk(case), visit_id=pk(visit))
    return list(phones)


def record_reveal(session: Session, *, actor: Identity, case_id: int, visit_id: int, why: str = "") -> None:
    """A full phone number left the server for this actor (shown on the dossier, or handed out to call)."""
    audit.record(
        session,
        actor_id=actor.id,
        action="dossier.reveal_phone",
        entity="case",
        entity_id=case_id,
        detail=f"visit {visit_id}" + (f": {why}" if why else ""),
    )


def record_offline_reveal(session: Session, *, actor: Identity, visit_id: int, at: datetime | None) -> None:
    """The agent showed the full numbers offline (the day's snapshot holds them for today's visits only):
    the phone's queue brings it here for the audit log. Refused for a visit not of today or not reached."""
    visit, case = access.visit_for(session, actor, visit_id)
    when = visit_log.plausible_time(at)
    day = clock.to_local(when).date() if when else clock.today()
    if visit.visit_date != day:
        raise ValidationError("day.reveal_not_today")
    stamp = clock.to_local(when).strftime("%Y-%m-%d %H:%M") if when else "?"
    record_reveal(session, actor=actor, case_id=pk(case), visit_id=pk(visit), why=f"offline at {stamp}")
