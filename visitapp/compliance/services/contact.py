"""The one gateway for every contact: check the policy and write the ledger in one step.

Nothing may text, call, visit or write to a debtor without a `Permit`, and only `attempt` mints one.
Adapters that reach the outside world (SMS, calls) take a Permit and refuse anything else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_
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
from visitapp.compliance.rules.templates import discloses_debt
from visitapp.compliance.services import policy_settings
from visitapp.core import access, clock
from visitapp.core.enums import OPEN_VISIT_STATUSES, CaseStatus, Channel, Confirmation
from visitapp.core.errors import NotFound, ValidationError
from visitapp.core.identity import Identity
from visitapp.core.models import Case, Complaint, ContactLedger, Debtor, Lawyer, ThirdParty, User, Visit
from visitapp.core.rows import pk

PENDING = "pending"
CONVERSATIONS = frozenset({"connected", "met", "paid", "promise", "plan_agreed"})  # the debtor was reached
# a message that got there (a text or a letter: nobody answers it, so "reached" is "delivered")
ARRIVED = frozenset({"sent", "delivered", "viewed"})
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


def debtor_state(
    session: Session, debtor: Debtor, case: Case | None, *, cfg: PolicyConfig | None = None, at: datetime | None = None
) -> DebtorState:
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
        lawyer=debtor.lawyer,  # kept true while a lawyer is on file (field.services.lawyers)
        disputed=debtor.disputed,
        complaint_open=complaint_open,
        paused=case is not None and case.status == CaseStatus.PAUSED and not complaint_open,
        cease_communication=debtor.cease_communication,
        do_not_visit=debtor.do_not_visit,
        night_worker=debtor.night_worker,
        unreachable=unreachable(session, pk(debtor), cfg or policy_settings.load(session), at or clock.now()),
    )


def unreachable(session: Session, debtor_id: int, cfg: PolicyConfig, at: datetime) -> bool:
    """Unreachable: the last `cfg.unreachable_attempts` calls and visits to the debtor (3 by default) all
    failed, and none of them reached the debtor in the `cfg.unreachable_days` before `at` (30 by default).
    Only then may a third party be asked where the debtor can be found."""
    attempts = max(1, cfg.unreachable_attempts)
    base = select(ContactLedger.result).where(
        ContactLedger.debtor_id == debtor_id,
        ContactLedger.allowed == True,  # noqa: E712
        ContactLedger.target == "debtor",
        ContactLedger.at <= at,
        col(ContactLedger.channel).in_([Channel.CALL, Channel.VISIT]),
    )
    last = session.exec(base.order_by(col(ContactLedger.at).desc()).limit(attempts)).all()
    failed = FRUITLESS_RESULTS | {"unanswered", "wrong_number"}
    if len(last) < attempts or not all(result in failed for result in last):
        return False
    # a conversation (a call answered, the debtor met) in the window makes them reachable, however many
    # failures came after it; results still open ("pending") are not conversations
    since = at - timedelta(days=cfg.unreachable_days)
    spoke = base.where(ContactLedger.at >= since, col(ContactLedger.result).in_(tuple(CONVERSATIONS))).limit(1)
    return session.exec(spoke).first() is None


def history(
    session: Session,
    debtor_id: int,
    at: datetime,
    cfg: PolicyConfig,
    target_ref: str | None = None,
    *,
    leave_out: int | None = None,
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
    rows.pop(leave_out, None)
    return [PastContact(r.channel, r.at, r.result, r.allowed, r.target, r.target_ref) for r in rows.values()]


def lawyer_on_file(session: Session, debtor_id: int) -> Lawyer | None:
    """The debtor's lawyer, if one is on file (the newest not removed)."""
    return session.exec(
        select(Lawyer)
        .where(Lawyer.debtor_id == debtor_id, col(Lawyer.removed_at).is_(None))
        .order_by(col(Lawyer.created_at).desc(), col(Lawyer.id).desc())
        .limit(1)
    ).first()


def agreed_appointment(session: Session, case: Case, debtor: Debtor, at: datetime) -> bool:
    """Whether the debtor agreed to be contacted at `at`: an open visit of the case that the debtor confirmed
    (or chose, a hard window) whose window, in the debtor's local time, holds `at`. Read from the visit
    itself, never from a caller: this is what lifts the quiet hours and the visit slots."""
    local = clock.to_local(at, debtor.timezone)
    return (
        session.exec(
            select(Visit.id)
            .where(
                Visit.case_id == case.id,
                col(Visit.status).in_(tuple(OPEN_VISIT_STATUSES)),
                Visit.visit_date == local.date(),
                col(Visit.window_start) <= local.time(),
                col(Visit.window_end) > local.time(),
                or_(col(Visit.hard_window).is_(True), col(Visit.confirmation) == Confirmation.CONFIRMED),
            )
            .limit(1)
        ).first()
        is not None
    )


def visit_approved(session: Session, case: Case, at: datetime) -> bool:
    """Whether a supervisor approved one more visit of the case (after the fruitless ones) and no visit
    was attempted since: the approval holds for one visit."""
    if case.visit_approved_at is None:
        return False
    since = session.exec(
        select(ContactLedger.id)
        .where(
            ContactLedger.case_id == case.id,
            ContactLedger.channel == Channel.VISIT,
            ContactLedger.allowed == True,  # noqa: E712
            ContactLedger.at > case.visit_approved_at,
            ContactLedger.at <= at,
        )
        .limit(1)
    ).first()
    return since is None and clock.aware(case.visit_approved_at) <= at


def third_party_stopped(session: Session, debtor_id: int, target_ref: str | None) -> bool:
    """Whether the third party at `target_ref` (their number) asked not to be contacted again."""
    if not target_ref:
        return False
    return (
        session.exec(
            select(ThirdParty.id)
            .where(
                ThirdParty.debtor_id == debtor_id,
                ThirdParty.phone == target_ref,
                col(ThirdParty.stop_requested_at).is_not(None),
            )
            .limit(1)
        ).first()
        is not None
    )


def _decide(
    session: Session,
    *,
    case_id: int,
    channel: Channel,
    at: datetime | None,
    target: str,
    target_ref: str | None,
    agents: int,
    text: str | None,
    config: PolicyConfig | None,
    leave_out: int | None = None,
) -> tuple[Case, Debtor, Proposed, PolicyConfig, Decision]:
    """The policy's decision from the records: the debtor's state, the ledger, a confirmed appointment at
    that moment, a third party's "stop", and the words of a third-party message (`text`). `leave_out`: a
    ledger row not to count (the attempt being re-checked for a retry)."""
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound("error.not_found")
    debtor = session.get(Debtor, case.debtor_id)
    assert debtor is not None and debtor.id is not None
    at = at or clock.now()
    cfg = config or policy_settings.load(session)
    third = target == "third_party"
    proposal = Proposed(
        channel=Channel(channel),
        at=at,
        target=target,
        target_ref=target_ref,
        agents=agents,
        agreed_time=agreed_appointment(session, case, debtor, at),
        supervisor_approved=channel == Channel.VISIT and visit_approved(session, case, at),
        mentions_debt=third and bool(discloses_debt(text or "")),
        target_stopped=third and third_party_stopped(session, debtor.id, target_ref),
    )
    past = history(session, debtor.id, at, cfg, target_ref if third else None, leave_out=leave_out)
    decision = decide(proposal, cfg, debtor_state(session, debtor, case, cfg=cfg, at=at), past)
    return case, debtor, proposal, cfg, decision


def preview(
    session: Session,
    *,
    case_id: int,
    channel: Channel,
    at: datetime | None = None,
    agents: int = 1,
    target: str = "debtor",
    target_ref: str | None = None,
    text: str | None = None,
) -> Decision:
    """What `attempt` would decide now, without recording anything and without a permit: for showing a
    control disabled with the reason before anyone tries (the real attempt decides again)."""
    return _decide(
        session,
        case_id=case_id,
        channel=channel,
        at=at,
        target=target,
        target_ref=target_ref,
        agents=agents,
        text=text,
        config=None,
    )[4]


def recheck(session: Session, *, entry: ContactLedger, at: datetime, text: str | None = None) -> Decision:
    """The policy again for an attempt already in the ledger (an SMS retry), as if it were made at `at`:
    the same checks from the records, the attempt itself not counted."""
    if entry.case_id is None:
        raise NotFound("error.not_found")
    return _decide(
        session,
        case_id=entry.case_id,
        channel=Channel(entry.channel),
        at=at,
        target=entry.target,
        target_ref=entry.target_ref,
        agents=1,
        text=text,
        config=None,
        leave_out=entry.id,
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
    text: str | None = None,
    result: str = PENDING,
    details: dict | None = None,
    config: PolicyConfig | None = None,
) -> Outcome:
    """Decide and record, in one step. The ledger row is written whether allowed or blocked. Every fact the
    policy weighs comes from the records (`_decide`); a caller says only what the contact is: its channel,
    when, to whom, with how many agents, and for a message to a third party its exact text."""
    case, debtor, proposal, cfg, decision = _decide(
        session,
        case_id=case_id,
        channel=channel,
        at=at,
        target=target,
        target_ref=target_ref,
        agents=agents,
        text=text,
        config=config,
    )
    at = proposal.at
    assert debtor.id is not None
    entry = ContactLedger(
        debtor_id=debtor.id,
        case_id=case.id,
        team_id=case.team_id,
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
