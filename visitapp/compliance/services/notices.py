"""The pre-visit notice: one tap on the agent's phone sends the SMS, through the one policy check.

Order of things, all in the caller's unit of work:
1. the agent must be on the visit (else "not found"), the visit still open and not in the past;
2. the debtor's mobile number is chosen (primary first);
3. `contact.attempt` decides and writes the ledger row; if blocked, nothing is sent and the caller gets
   the reasons and when it becomes possible;
4. a fresh debtor-link token is minted (older links of the visit are marked replaced), the text is
   filled from the effective template in the debtor's language (an admin's edit, else the shipped text;
   never stating the debt: `domain.notice.fill` refuses such a text), stored in the message outbox and
   handed to the SMS provider through `services.sms.deliver` (a temporary failure is retried later);
5. the ledger row gets the send result, the visit becomes "notified", and the audit log says who did it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from visitapp import i18n
from visitapp.adapters.sms import SmsProvider, get_provider
from visitapp.compliance.rules.notice import NoticeFacts, fill
from visitapp.compliance.rules.policy import Decision
from visitapp.compliance.rules.templates import VISIT_NOTICE
from visitapp.compliance.services import contact, link_tokens, sms, templates
from visitapp.core import access, audit, clock
from visitapp.core.enums import Channel, Confirmation, MessageStatus, VisitStatus
from visitapp.core.errors import ValidationError
from visitapp.core.identity import Identity
from visitapp.core.models import ContactLedger, Debtor, DebtorPhone, Message, User
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


def _mobile(session: Session, debtor_id: int) -> str | None:
    return session.exec(
        select(DebtorPhone.number)
        .where(DebtorPhone.debtor_id == debtor_id, DebtorPhone.kind == "mobile")
        .order_by(col(DebtorPhone.is_primary).desc(), col(DebtorPhone.id))
    ).first()


def send_visit_notice(
    session: Session, *, actor: Identity, visit_id: int, base_url: str, provider: SmsProvider | None = None
) -> NoticeResult:
    visit, case = access.visit_for(session, actor, visit_id, at_door=True)
    if visit.status in (VisitStatus.DONE, VisitStatus.CANCELLED):
        raise ValidationError("notice.visit_closed")
    if visit.visit_date < clock.today():
        raise ValidationError("notice.past")
    debtor = session.get(Debtor, case.debtor_id)
    assert debtor is not None
    number = _mobile(session, pk(debtor))
    if not number:
        raise ValidationError("notice.no_phone")
    outcome = contact.attempt(
        session,
        case_id=pk(case),
        channel=Channel.SMS,
        actor_id=actor.id,
        target_ref=number,
        result="queued",
        details={"visit_id": visit.id, "kind": "visit_notice"},
    )
    if not outcome.allowed:
        return NoticeResult(outcome.decision, outcome.ledger_id, phone_masked=mask_phone(number))

    settings = get_settings()
    lang = i18n.normalize(debtor.locale)
    agent = session.get(User, actor.id)
    assert agent is not None
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
    if visit.confirmation == Confirmation.PROPOSED:
        visit.confirmation = Confirmation.NOTIFIED
        visit.version += 1
        session.add(visit)
    audit.record(
        session,
        actor_id=actor.id,
        action="visit.notice",
        entity="visit",
        entity_id=visit.id,
        after={"message_id": message.id, "status": message.status, "ledger_id": outcome.ledger_id},
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
        .where(Message.visit_id == visit_id, Message.template_key == "sms.visit_notice")
        .order_by(col(Message.id).desc())
    ).first()
    return LastNotice(m.created_at, m.status) if m else None
