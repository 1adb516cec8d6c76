"""The pre-visit notice: one tap on the agent's phone sends the SMS, through the one policy check.

Order of things, all in the caller's unit of work:
1. the agent must be on the visit (else "not found"), the visit still open and not in the past;
2. a notice already sent for the visit is not sent again by a plain tap: a second one needs `again` and a
   reason (`AGAIN_REASONS`), and none is sent for a time the debtor confirmed, unless the time changed
   since (every SMS counts against the debtor's daily and weekly allowance);
3. the debtor's mobile number is chosen (primary first);
4. `contact.attempt` decides and writes the ledger row; if blocked, nothing is sent and the caller gets
   the reasons and when it becomes possible;
5. a fresh debtor-link token is minted (older links of the visit are marked replaced), the text is
   filled from the effective template in the debtor's language (an admin's edit, else the shipped text;
   never stating the debt: `domain.notice.fill` refuses such a text), stored in the message outbox and
   handed to the SMS provider through `services.sms.deliver` (a temporary failure is retried later);
6. the ledger row gets the send result, the visit becomes "notified", and the audit log says who did it.

`send_new_link` is the same text after the debtor moved the visit on the link: the new time and the new
link, through the same policy check (no agent acts: the debtor asked for it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlmodel import Session, col, select

from visitapp import i18n
from visitapp.adapters.sms import SmsProvider, get_provider
from visitapp.compliance.rules.notice import NoticeFacts, fill
from visitapp.compliance.rules.policy import Decision
from visitapp.compliance.rules.templates import VISIT_NOTICE
from visitapp.compliance.services import contact, link_tokens, sms, templates
from visitapp.core import access, audit, clock, links
from visitapp.core.enums import Channel, Confirmation, MessageStatus, NoticeState, VisitStatus
from visitapp.core.errors import ValidationError
from visitapp.core.identity import Identity
from visitapp.core.models import (
    Case,
    ContactLedger,
    Debtor,
    DebtorPhone,
    Message,
    User,
    Visit,
    VisitAgent,
    VisitNotice,
)
from visitapp.core.privacy import mask_phone
from visitapp.core.rows import pk
from visitapp.core.settings import get_settings


@dataclass(frozen=True)
class NoticeResult:
    decision: Decision
    ledger_id: int
    message_id: int | None = None
    status: str = ""  # outbox | sent | retry | failed (when allowed)
    error: str | None = None
    phone_masked: str = ""
    body: str = ""  # as stored and shown: the link's token hidden
    link: str = ""  # the live link (sent only to the debtor's phone; never display or store it)


def mobile_number(session: Session, debtor_id: int) -> str | None:
    return session.exec(
        select(DebtorPhone.number)
        .where(DebtorPhone.debtor_id == debtor_id, DebtorPhone.kind == "mobile")
        .order_by(col(DebtorPhone.is_primary).desc(), col(DebtorPhone.id))
    ).first()


AGAIN_REASONS = ("time_changed", "no_answer", "debtor_asked")  # why a visit gets a second notice
CONFIRMED = (Confirmation.CONFIRMED, Confirmation.RESCHEDULED)  # the debtor agreed to the visit's time
AGREED_ACTIONS = ("visit.confirm", "visit.reschedule")  # the debtor link's audit entries that agree a time


def _sent_notices(session: Session, visit_id: int) -> list[Message]:
    """The visit's notices that went out or will (a failed one never reached the debtor), newest first."""
    return list(
        session.exec(
            select(Message)
            .where(
                Message.visit_id == visit_id,
                Message.template_key == VISIT_NOTICE,
                Message.status != MessageStatus.FAILED,
            )
            .order_by(col(Message.id).desc())
        ).all()
    )


def confirmed_time_stands(session: Session, visit: Visit) -> bool:
    """The debtor agreed to the visit's current time: confirmed (or picked) it, and it has not moved since.

    The agreed time is the one the debtor link recorded with the confirmation; when none was recorded (a
    confirmation taken another way) the debtor's agreement stands as it is."""
    if visit.confirmation not in CONFIRMED:
        return False
    entry = audit.latest(session, entity="visit", entity_id=visit.id, actions=AGREED_ACTIONS)
    agreed = (entry.after or {}) if entry else {}
    if "day" not in agreed or "start" not in agreed:
        return True
    return agreed["day"] == visit.visit_date.isoformat() and agreed["start"] == visit.window_start.strftime("%H:%M")


def _check_repeat(session: Session, visit: Visit, *, again: bool, reason: str | None) -> None:
    """A notice is sent once; a second one only on purpose, with a reason, and never for an agreed time."""
    if confirmed_time_stands(session, visit):
        raise ValidationError(
            "notice.confirmed",
            date=visit.visit_date,
            start=visit.window_start.strftime("%H:%M"),
            end=visit.window_end.strftime("%H:%M"),
        )
    sent = _sent_notices(session, pk(visit))
    if sent and not again:
        raise ValidationError("notice.already_sent", at=sent[0].created_at)
    if again and reason not in AGAIN_REASONS:
        raise ValidationError("notice.again_reason")


def window_over(visit: Visit) -> bool:
    """The visit's window has ended (local time): no notice for it, and nothing for the debtor to confirm."""
    return clock.now() >= clock.local_at(visit.visit_date, visit.window_end)


def send_visit_notice(
    session: Session,
    *,
    actor: Identity,
    visit_id: int,
    base_url: str,
    provider: SmsProvider | None = None,
    again: bool = False,
    reason: str | None = None,
) -> NoticeResult:
    """The agent's notice. `again` with a `reason` (one of AGAIN_REASONS) for a second one."""
    visit, case = access.visit_for(session, actor, visit_id, at_door=True)
    if visit.status in (VisitStatus.DONE, VisitStatus.CANCELLED):
        raise ValidationError("notice.visit_closed")
    if window_over(visit):  # the debtor would wait for nobody
        raise ValidationError("notice.past")
    _check_repeat(session, visit, again=again, reason=reason)
    debtor = session.get(Debtor, case.debtor_id)
    assert debtor is not None
    number = mobile_number(session, pk(debtor))
    if not number:
        raise ValidationError("notice.no_phone")
    agent = session.get(User, actor.id)
    assert agent is not None
    details: dict = {"kind": "visit_notice", **({"again": True, "reason": reason} if again else {})}
    return _send(
        session,
        visit=visit,
        case=case,
        debtor=debtor,
        number=number,
        agent=agent,
        actor_id=actor.id,
        details=details,
        base_url=base_url,
        provider=provider,
    )


def _visit_agent(session: Session, visit: Visit, case: Case) -> User | None:
    """The agent a notice names: the case's own agent if on the visit, else the first one on it."""
    agents = session.exec(
        select(User)
        .join(VisitAgent, col(VisitAgent.user_id) == User.id)
        .where(VisitAgent.visit_id == visit.id)
        .order_by(col(User.id))
    ).all()
    return next((u for u in agents if u.id == case.agent_id), agents[0] if agents else None)


def send_new_link(
    session: Session, *, visit: Visit, link: str, provider: SmsProvider | None = None
) -> NoticeResult | None:
    """The debtor moved the visit on the link: text the new time and the new `link` (already minted: the
    debtor's page moves to it whatever happens here). The policy decides first, as for every SMS; when it
    blocks, nothing is sent and the result says why. None when there is nobody to name or no mobile
    number (nothing is attempted then)."""
    return _send_unattended(session, visit, details={"kind": "visit_moved"}, link=link, provider=provider)


def send_queued(
    session: Session, *, visit: Visit, row_id: int, provider: SmsProvider | None = None
) -> NoticeResult | None:
    """A notice queued on publish, now due (compliance.services.notice_queue, which checked the visit as it
    is now): the same text, through the same contact check, at the real send time; no agent acts. The
    link comes from the settings. None when there is nobody to name or no mobile number."""
    details = {"kind": "visit_notice", "queued": row_id}
    return _send_unattended(session, visit, details=details, base_url=links.public_base(), provider=provider)


def _send_unattended(
    session: Session,
    visit: Visit,
    *,
    details: dict,
    link: str | None = None,
    base_url: str = "",
    provider: SmsProvider | None = None,
) -> NoticeResult | None:
    """A notice no agent sends (the system, for the debtor or the queue): it names the visit's agent."""
    case = session.get(Case, visit.case_id)
    debtor = session.get(Debtor, case.debtor_id) if case else None
    assert case is not None and debtor is not None  # a visit's case and debtor
    number = mobile_number(session, pk(debtor))
    agent = _visit_agent(session, visit, case)
    if not number or agent is None:
        return None
    return _send(
        session,
        visit=visit,
        case=case,
        debtor=debtor,
        number=number,
        agent=agent,
        actor_id=None,
        details=details,
        base_url=base_url,
        link=link,
        provider=provider,
    )


def _record_sent(session: Session, visit: Visit, message: Message, ledger_id: int) -> None:
    """The visit's current time is noticed: its queue row (made here if the plan queued none) is sent, so a
    publish or the queue never sends another notice for this time."""
    now = clock.now()
    row = session.exec(
        select(VisitNotice).where(
            VisitNotice.visit_id == visit.id,
            VisitNotice.visit_day == visit.visit_date,
            VisitNotice.window_start == visit.window_start,
        )
    ).first() or VisitNotice(
        visit_id=pk(visit), visit_day=visit.visit_date, window_start=visit.window_start, window_end=visit.window_end
    )
    row.state, row.reason, row.reasons, row.updated_at = NoticeState.SENT, None, [], now
    row.message_id, row.ledger_id, row.sent_at = message.id, ledger_id, now
    session.add(row)


def _send(
    session: Session,
    *,
    visit: Visit,
    case: Case,
    debtor: Debtor,
    number: str,
    agent: User,
    actor_id: int | None,
    details: dict,
    base_url: str = "",
    link: str | None = None,
    provider: SmsProvider | None = None,
) -> NoticeResult:
    """Policy, then (if allowed) the link, the text, the outbox and the provider. `link`: an already minted
    link to send; else one is minted only once the policy allowed the SMS."""
    outcome = contact.attempt(
        session,
        case_id=pk(case),
        channel=Channel.SMS,
        actor_id=actor_id,
        target_ref=number,
        result="queued",
        details={"visit_id": visit.id, **details},
    )
    if not outcome.allowed:
        return NoticeResult(outcome.decision, outcome.ledger_id, phone_masked=mask_phone(number))

    settings = get_settings()
    lang = i18n.normalize(debtor.locale)
    if link is None:
        _token, link = link_tokens.mint_link(session, visit=visit, base_url=base_url, zone=debtor.timezone)
    facts = NoticeFacts(
        company=settings.company_name if lang == "zh-CN" else settings.company_name_en,
        agent_name=agent.display_name,
        badge_no=agent.badge_no or "",
        day=visit.visit_date,
        start=visit.window_start,
        end=visit.window_end,
    )
    template = templates.effective(session, key=VISIT_NOTICE, lang=lang)
    body = fill(template.body, facts, link, i18n.t(f"weekday.{visit.visit_date.weekday()}", lang))
    provider = provider or get_provider()
    message = Message(
        debtor_id=debtor.id,
        case_id=case.id,
        visit_id=visit.id,
        to_number=number,
        body=link_tokens.redact(body),
        locale=lang,
        template_key=VISIT_NOTICE,
        provider=provider.name,
        status=MessageStatus.QUEUED,
    )
    session.add(message)
    session.flush()
    ledger = session.get(ContactLedger, outcome.ledger_id)
    assert ledger is not None
    ledger.details = {**ledger.details, "message_id": message.id, "template_version": template.version}
    session.add(ledger)
    sms.deliver(session, message=message, provider=provider, body=body)  # also sets the ledger row's result
    if message.status != MessageStatus.FAILED:
        _record_sent(session, visit, message, outcome.ledger_id)
    if visit.confirmation == Confirmation.PROPOSED:
        visit.confirmation = Confirmation.NOTIFIED
        visit.version += 1
        session.add(visit)
    audit.record(
        session,
        actor_id=actor_id,
        action="visit.notice",
        entity="visit",
        entity_id=visit.id,
        after={
            "message_id": message.id,
            "status": message.status,
            "ledger_id": outcome.ledger_id,
            **{k: v for k, v in details.items() if k in ("kind", "reason")},
        },
    )
    return NoticeResult(
        outcome.decision,
        outcome.ledger_id,
        message.id,
        message.status,
        message.error,
        mask_phone(number),
        link_tokens.redact(body),
        link,
    )


@dataclass(frozen=True)
class LastNotice:
    at: datetime
    status: str


def last_notice(session: Session, *, actor: Identity, visit_id: int) -> LastNotice | None:
    access.visit_for(session, actor, visit_id)
    m = session.exec(
        select(Message)
        .where(Message.visit_id == visit_id, Message.template_key == VISIT_NOTICE)
        .order_by(col(Message.id).desc())
    ).first()
    return LastNotice(m.created_at, m.status) if m else None


@dataclass(frozen=True)
class NoticeView:
    """A visit's notice for its current time, as the agent sees it (its `VisitNotice` row)."""

    state: str  # a NoticeState
    at: datetime | None  # due (queued) or sent
    reason: str = ""  # why not (notice_queue.REASONS)


def notice_views(session: Session, visits: list[Visit]) -> dict[int, NoticeView]:
    """The notice row of each visit's current time, if any (agents' Today and dossier; access is the
    caller's)."""
    ids = [pk(v) for v in visits]
    rows = session.exec(select(VisitNotice).where(col(VisitNotice.visit_id).in_(ids))).all() if ids else []
    by_time = {(r.visit_id, r.visit_day, r.window_start): r for r in rows}
    out: dict[int, NoticeView] = {}
    for v in visits:
        row = by_time.get((pk(v), v.visit_date, v.window_start))
        if row is not None:
            at = row.sent_at if row.state == NoticeState.SENT else row.due_at
            out[pk(v)] = NoticeView(row.state, clock.aware(at), row.reason or "")
    return out


@dataclass(frozen=True)
class NoticeStatus:
    """What the dossier offers: `next` is "first" (a plain tap), "again" (needs a reason), "confirmed"
    (the debtor agreed to this time: no notice) or "over" (the visit's time is over, or it is closed)."""

    next: str
    last: LastNotice | None
    sent: int  # notices that went out for this visit
    day: date
    start: time
    end: time
    queued: NoticeView | None = None  # the notice of this time queued on publish (or sent), if any


def notice_status(session: Session, *, actor: Identity, visit_id: int) -> NoticeStatus:
    visit, _case = access.visit_for(session, actor, visit_id)
    last = last_notice(session, actor=actor, visit_id=visit_id)
    sent = len(_sent_notices(session, pk(visit)))
    over = visit.status in (VisitStatus.DONE, VisitStatus.CANCELLED) or window_over(visit)
    step = "over" if over else "confirmed" if confirmed_time_stands(session, visit) else "again" if sent else "first"
    queued = notice_views(session, [visit]).get(pk(visit))
    return NoticeStatus(step, last, sent, visit.visit_date, visit.window_start, visit.window_end, queued)
