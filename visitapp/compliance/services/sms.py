"""Sending an SMS that is already in the outbox, retrying it, and the gateway's delivery reports.

A message's life (`Message.status`) and its contact-ledger row's result:

    queued --send--> outbox (kept on this machine)            ledger: sent
                 \\-> sent ----report--> delivered | failed   ledger: sent -> delivered | failed
                 \\-> retry --(backoff)--> sent | retry | failed   ledger: queued (while it retries)
                 \\-> failed (4xx: never retried)              ledger: failed

- `deliver` hands one message to the provider and records the result. A temporary failure (5xx, 429, a
  network error or timeout) becomes "retry" with `next_attempt_at` = now + base * 2^(attempts-1)
  (1, 2, 4, 8 minutes with the default base); after `sms_max_attempts` attempts it is "failed".
- `retry_due` (a periodic job, every minute) re-sends the messages whose retry is due. A retry is a
  contact that happens later than the one the policy allowed, so the policy is asked again (without the
  message's own ledger row): quiet hours or a cap postpone it to when it becomes allowed, without using up
  an attempt; a stop condition (complaint, cease-communication, ...) or a closed or past visit ends it as
  "failed". The ledger row is not duplicated: one message, one contact.
- `apply_report` takes a delivery report (provider_ref, delivered|failed). delivered and failed are final:
  a repeated report changes nothing ("unchanged"), so the gateway may resend reports safely.

The ledger row of a message is the SMS row whose `details["message_id"]` names it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from visitapp.adapters.sms import SendResult, SmsProvider, get_provider
from visitapp.compliance.rules.policy import TIME_REASONS
from visitapp.compliance.services import contact, link_tokens
from visitapp.core import access, clock, links
from visitapp.core.enums import FINAL_MESSAGE_STATUSES, Channel, MessageStatus, VisitStatus
from visitapp.core.identity import Identity
from visitapp.core.models import ContactLedger, Debtor, Message, Visit
from visitapp.core.rows import pk
from visitapp.core.settings import get_settings

STATUSES = tuple(MessageStatus)
FINAL = tuple(FINAL_MESSAGE_STATUSES)
REPORTABLE = (MessageStatus.DELIVERED, MessageStatus.FAILED)
# the contact ledger's result for each message status (the ledger's results are not message statuses)
LEDGER_RESULT = {
    MessageStatus.OUTBOX: "sent",
    MessageStatus.SENT: "sent",
    MessageStatus.RETRY: "queued",
    MessageStatus.FAILED: "failed",
    MessageStatus.DELIVERED: "delivered",
    MessageStatus.QUEUED: "queued",
}
RETRY_BATCH = 50


def backoff(attempts: int, *, base_seconds: int | None = None) -> timedelta:
    """The wait after the `attempts`-th failed attempt: base, 2 base, 4 base, ..."""
    base = base_seconds if base_seconds is not None else get_settings().sms_retry_base_seconds
    return timedelta(seconds=base * 2 ** max(0, attempts - 1))


def ledger_for(session: Session, message: Message) -> ContactLedger | None:
    """The SMS ledger row that names this message (found among the debtor's SMS rows: portable JSON)."""
    if message.id is None or message.debtor_id is None:
        return None
    rows = session.exec(
        select(ContactLedger)
        .where(
            ContactLedger.debtor_id == message.debtor_id,
            ContactLedger.channel == Channel.SMS.value,
            col(ContactLedger.allowed).is_(True),
        )
        .order_by(col(ContactLedger.id).desc())
    ).all()
    return next((r for r in rows if (r.details or {}).get("message_id") == message.id), None)


def _set_ledger(session: Session, message: Message) -> None:
    entry = ledger_for(session, message)
    result = LEDGER_RESULT.get(message.status)
    if entry is None or result is None or entry.result == result:
        return
    if entry.result in (contact.PENDING, "queued", "sent"):
        contact.result_for_ledger(session, ledger_id=pk(entry), result=result)
    else:  # a final result (delivered/failed) stays; the message keeps the detail
        return


def _record(session: Session, message: Message, sent: SendResult, now: datetime) -> None:
    message.attempts += 1
    message.error = sent.error
    if sent.provider_ref:
        message.provider_ref = sent.provider_ref
    if sent.status in ("sent", "outbox"):
        message.status, message.sent_at, message.next_attempt_at = MessageStatus(sent.status), now, None
    elif sent.status == "retry" and message.attempts < get_settings().sms_max_attempts:
        message.status, message.next_attempt_at = MessageStatus.RETRY, now + backoff(message.attempts)
    else:
        message.status, message.next_attempt_at = MessageStatus.FAILED, None
        if sent.status == "retry":
            message.error = f"{sent.error or 'temporary failure'} (gave up after {message.attempts} attempts)"[:255]
    session.add(message)
    _set_ledger(session, message)


def deliver(
    session: Session,
    *,
    message: Message,
    provider: SmsProvider | None = None,
    now: datetime | None = None,
    body: str | None = None,
) -> SendResult:
    """Send one stored message now and record the result on the message and its ledger row. `body` is the
    text to send when it differs from the stored one (the stored text has the debtor-link token hidden)."""
    provider = provider or get_provider()
    if message.id is None:
        session.add(message)
        session.flush()
    if body is None:
        body = _with_fresh_link(session, message)
    sent = provider.send(to=message.to_number, body=body, ref=str(message.id))
    message.provider = provider.name
    _record(session, message, sent, now or clock.now())
    session.flush()
    return sent


def _with_fresh_link(session: Session, message: Message) -> str:
    """A retry of a text whose link token was hidden: mint a new link for the visit (the earlier one, never
    delivered, becomes "replaced") and put it in the text that goes to the gateway."""
    if link_tokens.HIDDEN not in message.body or message.visit_id is None:
        return message.body
    visit = session.get(Visit, message.visit_id)
    assert visit is not None  # the message's visit
    debtor = session.get(Debtor, message.debtor_id) if message.debtor_id else None
    base = links.public_base()
    _row, link = link_tokens.mint_link(session, visit=visit, base_url=base, zone=debtor.timezone if debtor else None)
    token = link.rsplit("/", 1)[-1]
    return message.body.replace(link_tokens.LINK_PATH + link_tokens.HIDDEN, link_tokens.LINK_PATH + token)


def _give_up(session: Session, message: Message, error: str) -> None:
    message.status, message.next_attempt_at, message.error = MessageStatus.FAILED, None, error[:255]
    session.add(message)
    _set_ledger(session, message)


def _still_allowed(session: Session, message: Message, now: datetime) -> tuple[bool, datetime | None, str]:
    """Ask the policy again for a retry: (allowed, postpone until, why not)."""
    if message.visit_id is not None:
        visit = session.get(Visit, message.visit_id)
        if (
            visit is None
            or visit.status in (VisitStatus.DONE, VisitStatus.CANCELLED)
            or visit.visit_date < clock.to_local(now).date()
        ):
            return False, None, "visit no longer open"
    entry = ledger_for(session, message)
    if entry is None or entry.case_id is None:
        return True, None, ""  # not a policy-gated contact of ours (nothing to re-check)
    text = message.body if entry.target == "third_party" else None  # its words, as the check reads them
    decision = contact.recheck(session, entry=entry, at=now, text=text)
    if decision.allowed:
        return True, None, ""
    why = "stopped by policy: " + ", ".join(decision.codes)
    if decision.next_allowed_at and all(code in TIME_REASONS for code in decision.codes):
        return False, decision.next_allowed_at, why
    return False, None, why


def retry_due(
    session: Session, *, provider: SmsProvider | None = None, now: datetime | None = None, limit: int = RETRY_BATCH
) -> dict[str, int]:
    """Re-send the messages whose retry is due; returns counts by what became of them."""
    now = now or clock.now()
    due = session.exec(
        select(Message)
        .where(
            Message.status == MessageStatus.RETRY,
            col(Message.next_attempt_at).is_not(None),
            col(Message.next_attempt_at) <= now,
        )
        .order_by(col(Message.next_attempt_at), col(Message.id))
        .limit(limit)
    ).all()
    counts = {"sent": 0, "retry": 0, "failed": 0, "postponed": 0}
    if not due:
        return counts
    provider = provider or get_provider()
    for message in due:
        allowed, until, why = _still_allowed(session, message, now)
        if not allowed and until is not None:
            message.next_attempt_at, message.error = until, why[:255]
            session.add(message)
            counts["postponed"] += 1
            continue
        if not allowed:
            _give_up(session, message, why)
            counts["failed"] += 1
            continue
        deliver(session, message=message, provider=provider, now=now)
        counts["sent" if message.status in (MessageStatus.SENT, MessageStatus.OUTBOX) else message.status.value] += 1
    session.flush()
    return counts


@dataclass(frozen=True)
class ReportResult:
    provider_ref: str
    result: str  # updated | unchanged | unknown


def apply_report(
    session: Session, *, provider_ref: str, status: str, error: str | None = None, now: datetime | None = None
) -> ReportResult:
    """A delivery report from the gateway. Idempotent: a message already delivered or failed is unchanged."""
    if status not in REPORTABLE:
        raise ValueError(f"status must be one of {REPORTABLE}")
    messages = session.exec(select(Message).where(Message.provider_ref == provider_ref)).all()
    if not messages:
        return ReportResult(provider_ref, "unknown")
    changed = False
    for message in messages:
        if message.status in FINAL:
            continue
        message.status, message.next_attempt_at = MessageStatus(status), None
        if status == MessageStatus.DELIVERED:
            message.delivered_at = now or clock.now()
        else:
            message.error = (error or "failed (delivery report)")[:255]
        session.add(message)
        _set_ledger(session, message)
        changed = True
    session.flush()
    return ReportResult(provider_ref, "updated" if changed else "unchanged")


# --- the outbox, for administrators ---


@dataclass(frozen=True)
class OutboxRow:
    id: int
    created_at: datetime
    phone: str  # as stored: the page masks it
    template_key: str
    locale: str
    status: str
    attempts: int
    error: str
    next_attempt_at: datetime | None
    sent_at: datetime | None
    delivered_at: datetime | None
    provider: str
    body: str


@dataclass(frozen=True)
class OutboxPage:
    rows: list[OutboxRow]
    page: int
    pages: int
    total: int


def outbox(session: Session, *, actor: Identity, status: str = "", page: int = 1, page_size: int = 20) -> OutboxPage:
    """Messages newest first, optionally of one status."""
    access.require(actor, access.ADMINS)
    q = select(Message)
    if status:
        q = q.where(Message.status == status)
    total = session.exec(select(func.count()).select_from(q.subquery())).one()
    pages = max(1, -(-total // page_size))
    page = min(max(1, page), pages)
    rows = session.exec(
        q.order_by(col(Message.created_at).desc(), col(Message.id).desc())
        .offset((page - 1) * page_size)
        .limit(page_size)
    ).all()
    return OutboxPage(
        rows=[
            OutboxRow(
                pk(m),
                m.created_at,
                m.to_number,
                m.template_key,
                m.locale,
                m.status,
                m.attempts,
                m.error or "",
                m.next_attempt_at,
                m.sent_at,
                m.delivered_at,
                m.provider,
                m.body,
            )
            for m in rows
        ],
        page=page,
        pages=pages,
        total=total,
    )
