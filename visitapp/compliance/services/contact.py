"""The one gateway for every contact: check the policy and write the ledger in one step.

Nothing may text, call, visit or write to a debtor without a `Permit`, and only `attempt` mints one.
Adapters that reach the outside world (SMS, calls) take a Permit and refuse anything else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from visitapp.compliance.rules.policy import (
    FRUITLESS_RESULTS,
    DebtorState,
    Decision,
    PastContact,
    PolicyConfig,
    Proposed,
    decide,
)
from visitapp.compliance.services import policy_settings
from visitapp.core import access, clock
from visitapp.core.enums import CaseStatus, Channel
from visitapp.core.errors import NotFound, ValidationError
from visitapp.core.identity import Identity
from visitapp.core.models import Case, Complaint, ContactLedger, Debtor, User
from visitapp.core.rows import pk

PENDING = "pending"
BLOCKED = "blocked"
_MINT = object()
# Results an agent may record after an allowed contact, per channel.
RESULTS = {
    Channel.SMS: {"queued", "sent", "delivered", "failed"},
    Channel.CALL: {"connected", "unanswered", "wrong_number"},
    Channel.VISIT: {"met", "not_home", "refused", "wrong_address", "third_party", "paid", "promise", "plan_agreed"},
    Channel.LETTER: {"sent", "returned"},
    Channel.LINK_VIEW: {"viewed"},
}
UNREACHABLE_AFTER = 5  # fruitless attempts in a row, with no conversation in 30 days


@dataclass(frozen=True)
class Permit:
    """Proof that a contact passed the policy and is in the ledger. Only `attempt` can make one."""

    ledger_id: int
    channel: Channel
    debtor_id: int
    case_id: int | None
    target_ref: str | None
    _mint: object = None

    def __post_init__(self) -> None:
        if self._mint is not _MINT:
            raise TypeError("a Permit comes only from visitapp.compliance.services.contact.attempt")


@dataclass(frozen=True)
class Outcome:
    decision: Decision
    ledger_id: int
    permit: Permit | None

    @property
    def allowed(self) -> bool:
        return self.decision.allowed


def require_permit(permit: Any, channel: Channel) -> Permit:
    """For adapters: refuse to act without a genuine permit for this channel."""
    if not isinstance(permit, Permit) or permit._mint is not _MINT or permit.channel != channel:
        raise PermissionError(f"no policy permit for this {channel.value} contact")
    return permit


def debtor_state(session: Session, debtor: Debtor, case: Case | None) -> DebtorState:
    complaint_open = False
    if case is not None:
        complaint_open = (
            session.exec(
                select(Complaint.id)
                .where(Complaint.case_id == case.id, Complaint.closed_at == None)  # noqa: E711
                .limit(1)
            ).first()
            is not None
        )
    return DebtorState(
        timezone=debtor.timezone,
        deceased=debtor.deceased,
        lawyer=debtor.lawyer,
        disputed=debtor.disputed,
        complaint_open=complaint_open,
        paused=case is not None and case.status == CaseStatus.PAUSED and not complaint_open,
        cease_communication=debtor.cease_communication,
        do_not_visit=debtor.do_not_visit,
        night_worker=debtor.night_worker,
        unreachable=_unreachable(session, pk(debtor)),
    )


def _unreachable(session: Session, debtor_id: int) -> bool:
    """Unreachable: the last UNREACHABLE_AFTER calls and visits all failed, and none connected within 30
    days. Only then may a third party be asked where the debtor can be found."""
    rows = session.exec(
        select(ContactLedger.result, ContactLedger.at)
        .where(
            ContactLedger.debtor_id == debtor_id,
            ContactLedger.allowed == True,  # noqa: E712
            ContactLedger.target == "debtor",
            col(ContactLedger.channel).in_([Channel.CALL, Channel.VISIT]),
        )
        .order_by(col(ContactLedger.at).desc())
        .limit(UNREACHABLE_AFTER)
    ).all()
    if len(rows) < UNREACHABLE_AFTER:
        return False
    failed = FRUITLESS_RESULTS | {"unanswered", "wrong_number"}
    return all(result in failed for result, _ in rows)


def history(
    session: Session, debtor_id: int, at: datetime, cfg: PolicyConfig, target_ref: str | None = None
) -> list[PastContact]:
    """What the policy needs of the ledger: the recent window, the visit streak, third-party contacts."""
    days = max(8, (cfg.days_after_conversation or 0) + 1)
    since = at - timedelta(days=days)
    base = select(ContactLedger).where(ContactLedger.debtor_id == debtor_id, ContactLedger.allowed == True)  # noqa: E712
    rows = {r.id: r for r in session.exec(base.where(ContactLedger.at >= since)).all()}
    streak = session.exec(
        base.where(ContactLedger.channel == Channel.VISIT)
        .order_by(col(ContactLedger.at).desc())
        .limit(cfg.fruitless_visits_limit + 1)
    ).all()
    rows.update({r.id: r for r in streak})
    if target_ref:
        rows.update(
            {
                r.id: r
                for r in session.exec(
                    base.where(ContactLedger.target == "third_party", ContactLedger.target_ref == target_ref)
                ).all()
            }
        )
    return [PastContact(r.channel, r.at, r.result, r.allowed, r.target, r.target_ref) for r in rows.values()]


def _decide(
    session: Session,
    *,
    case_id: int,
    channel: Channel,
    at: datetime | None,
    target: str,
    target_ref: str | None,
    agents: int,
    agreed_time: bool,
    evening_requested: bool,
    supervisor_approved: bool,
    mentions_debt: bool,
    config: PolicyConfig | None,
) -> tuple[Case, Debtor, Proposed, PolicyConfig, Decision]:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound("error.not_found")
    debtor = session.get(Debtor, case.debtor_id)
    assert debtor is not None and debtor.id is not None
    at = at or clock.now()
    cfg = config or policy_settings.load(session)
    proposal = Proposed(
        channel=Channel(channel),
        at=at,
        target=target,
        target_ref=target_ref,
        agents=agents,
        agreed_time=agreed_time,
        evening_requested=evening_requested,
        supervisor_approved=supervisor_approved,
        mentions_debt=mentions_debt,
    )
    decision = decide(
        proposal,
        cfg,
        debtor_state(session, debtor, case),
        history(session, debtor.id, at, cfg, target_ref if target == "third_party" else None),
    )
    return case, debtor, proposal, cfg, decision


def preview(
    session: Session,
    *,
    case_id: int,
    channel: Channel,
    at: datetime | None = None,
    agents: int = 1,
    agreed_time: bool = False,
    evening_requested: bool = False,
) -> Decision:
    """What `attempt` would decide now, without recording anything and without a permit: for showing a
    control disabled with the reason before anyone tries (the real attempt decides again)."""
    return _decide(
        session,
        case_id=case_id,
        channel=channel,
        at=at,
        target="debtor",
        target_ref=None,
        agents=agents,
        agreed_time=agreed_time,
        evening_requested=evening_requested,
        supervisor_approved=False,
        mentions_debt=False,
        config=None,
    )[4]


def attempt(
    session: Session,
    *,
    case_id: int,
    channel: Channel,
    actor_id: int | None,
    at: datetime | None = None,
    target: str = "debtor",
    target_ref: str | None = None,
    agents: int = 1,
    agreed_time: bool = False,
    evening_requested: bool = False,
    supervisor_approved: bool = False,
    mentions_debt: bool = False,
    result: str = PENDING,
    details: dict | None = None,
    config: PolicyConfig | None = None,
) -> Outcome:
    """Decide and record, in one step. The ledger row is written whether allowed or blocked."""
    case, debtor, proposal, cfg, decision = _decide(
        session,
        case_id=case_id,
        channel=channel,
        at=at,
        target=target,
        target_ref=target_ref,
        agents=agents,
        agreed_time=agreed_time,
        evening_requested=evening_requested,
        supervisor_approved=supervisor_approved,
        mentions_debt=mentions_debt,
        config=config,
    )
    at = proposal.at
    assert debtor.id is not None
    entry = ContactLedger(
        debtor_id=debtor.id,
        case_id=case.id,
        channel=proposal.channel,
        target=target,
        target_ref=target_ref,
        actor_id=actor_id,
        at=at,
        allowed=decision.allowed,
        result=result if decision.allowed else BLOCKED,
        reasons=[{"code": r.code, "params": r.kw} for r in decision.reasons],
        profile=cfg.profile,
        details={
            **(details or {}),
            **({"next_allowed_at": decision.next_allowed_at.isoformat()} if decision.next_allowed_at else {}),
        },
    )
    session.add(entry)
    session.flush()
    assert entry.id is not None  # flushed
    permit = None
    if decision.allowed:
        permit = Permit(entry.id, proposal.channel, debtor.id, case.id, target_ref, _MINT)
    return Outcome(decision, entry.id, permit)


def record_result(session: Session, *, permit: Permit, result: str) -> ContactLedger:
    """The result of an allowed contact (a call connected, a visit found nobody home). Once only."""
    entry = session.get(ContactLedger, permit.ledger_id)
    if entry is None or not entry.allowed:
        raise NotFound("error.not_found")
    if result not in RESULTS[Channel(entry.channel)]:
        raise ValidationError("contact.bad_result", result=result)
    if entry.result not in (PENDING, "queued", "sent"):
        raise ValidationError("contact.result_already_recorded")
    entry.result = result
    session.add(entry)
    return entry


def result_for_ledger(session: Session, *, ledger_id: int, result: str) -> ContactLedger:
    """For callbacks that hold only the ledger id (SMS delivery reports)."""
    entry = session.get(ContactLedger, ledger_id)
    if entry is None or not entry.allowed:
        raise NotFound("error.not_found")
    permit = Permit(pk(entry), Channel(entry.channel), entry.debtor_id, entry.case_id, entry.target_ref, _MINT)
    return record_result(session, permit=permit, result=result)


def link_view(session: Session, *, case_id: int, details: dict | None = None) -> Outcome:
    """The debtor opened their link: inbound, always allowed, always in the ledger."""
    return attempt(session, case_id=case_id, channel=Channel.LINK_VIEW, actor_id=None, result="viewed", details=details)


# --- reading the ledger (administrators and supervisors) ---


@dataclass(frozen=True)
class LedgerRow:
    id: int
    at: datetime
    debtor_name: str
    case_id: int | None
    channel: str
    target: str
    actor: str
    allowed: bool
    result: str
    reasons: list[dict]
    profile: str


@dataclass(frozen=True)
class LedgerPage:
    rows: list[LedgerRow]
    page: int
    pages: int
    total: int


def search_ledger(
    session: Session,
    *,
    actor: Identity,
    debtor: str = "",
    channel: str = "",
    allowed: bool | None = None,
    case_id: int | None = None,
    page: int = 1,
    page_size: int = 50,
) -> LedgerPage:
    access.require(actor, access.AUDITORS)
    q = (
        select(ContactLedger, Debtor.name, User.username)
        .join(Debtor, col(Debtor.id) == ContactLedger.debtor_id)
        .outerjoin(User, col(User.id) == ContactLedger.actor_id)
    )
    if debtor:
        q = q.where(col(Debtor.name).contains(debtor.strip()))
    if channel:
        q = q.where(ContactLedger.channel == channel)
    if allowed is not None:
        q = q.where(ContactLedger.allowed == allowed)
    if case_id is not None:
        q = q.where(ContactLedger.case_id == case_id)
    total = session.exec(select(func.count()).select_from(q.subquery())).one()
    pages = max(1, -(-total // page_size))
    page = min(max(1, page), pages)
    rows = session.exec(
        q.order_by(col(ContactLedger.at).desc(), col(ContactLedger.id).desc())
        .offset((page - 1) * page_size)
        .limit(page_size)
    ).all()
    return LedgerPage(
        rows=[
            LedgerRow(
                pk(e),
                e.at,
                name,
                e.case_id,
                e.channel,
                e.target,
                username or "—",
                e.allowed,
                e.result,
                list(e.reasons or []),
                e.profile,
            )
            for e, name, username in rows
        ],
        page=page,
        pages=pages,
        total=total,
    )
