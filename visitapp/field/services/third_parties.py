"""Asking a third party where an unreachable debtor can be found (PRODUCT: third parties; FDCPA 1692b):
a flow on the dossier, not only a rule.

- Offered only while the debtor is unreachable (the policy's settings: 3 failed calls and visits in a
  row, and no conversation in 30 days); the contact check decides again when the message goes.
- The agent gives the person's name, their relation to the debtor and their number; the message is the
  third-party template (company, the person sought, a number to call back), and the check reads its exact
  words: anything that would tell them about the debt is refused.
- Once per person (known by their number), and never again once they asked to be left alone: both are
  facts the contact check reads itself (the ledger, `third_party.stop_requested_at`).
- Only an agent on the visit may do it (at the door, like every contact of the visit); everything lands in
  the ledger and the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from visitapp import i18n
from visitapp.adapters.sms import SmsProvider, get_provider
from visitapp.cases.rules.importing.cells import e164_or_none
from visitapp.compliance.rules.policy import Decision
from visitapp.compliance.rules.templates import THIRD_PARTY_NOTICE, fill
from visitapp.compliance.services import contact, policy_settings, sms, templates
from visitapp.core import access, audit, clock
from visitapp.core.enums import Channel, MessageStatus
from visitapp.core.errors import NotFound, ValidationError
from visitapp.core.identity import Identity
from visitapp.core.models import ContactLedger, Debtor, DebtorPhone, Message, ThirdParty
from visitapp.core.privacy import mask_phone
from visitapp.core.rows import pk
from visitapp.core.settings import get_settings

RELATIONS = ("family", "neighbour", "colleague", "landlord", "other")
MAX_NAME = 40


@dataclass(frozen=True)
class Contacted:
    id: int
    name: str
    relation: str
    phone_masked: str
    at: datetime
    stopped: bool


@dataclass(frozen=True)
class Status:
    unreachable: bool
    attempts: int  # the settings, to say what "unreachable" means
    days: int
    people: list[Contacted]


@dataclass(frozen=True)
class Sent:
    decision: Decision
    ledger_id: int
    text: str  # what was (or would have been) sent


def status(session: Session, *, actor: Identity, visit_id: int) -> Status:
    _visit, case = access.visit_for(session, actor, visit_id)
    cfg = policy_settings.load(session)
    rows = session.exec(
        select(ThirdParty).where(ThirdParty.case_id == case.id).order_by(col(ThirdParty.created_at).desc())
    ).all()
    return Status(
        unreachable=contact.unreachable(session, case.debtor_id, cfg, clock.now()),
        attempts=cfg.unreachable_attempts,
        days=cfg.unreachable_days,
        people=[
            Contacted(pk(r), r.name, r.relation, mask_phone(r.phone), r.created_at, r.stop_requested_at is not None)
            for r in rows
        ],
    )


def message_text(session: Session, *, debtor: Debtor, lang: str) -> str:
    """The third-party template filled for this debtor: the company, whom we seek, a number to call back."""
    template = templates.effective(session, key=THIRD_PARTY_NOTICE, lang=lang)
    settings = get_settings()
    return fill(
        THIRD_PARTY_NOTICE,
        template.body,
        {"company": templates.company_for(lang), "name": debtor.name, "phone": settings.company_phone},
    )


def preview_text(session: Session, *, actor: Identity, visit_id: int) -> str:
    """The text a third party of this visit's debtor would get (shown to the agent before sending)."""
    _visit, case = access.visit_for(session, actor, visit_id)
    debtor = session.get(Debtor, case.debtor_id)
    assert debtor is not None
    return message_text(session, debtor=debtor, lang=i18n.normalize(debtor.locale))


def ask(
    session: Session,
    *,
    actor: Identity,
    visit_id: int,
    name: str,
    relation: str,
    phone: str,
    provider: SmsProvider | None = None,
) -> Sent:
    """Text a third party the template, through the contact check. Refused inputs raise with the field."""
    visit, case = access.visit_for(session, actor, visit_id, at_door=True)
    name = " ".join((name or "").split())
    problems: list[tuple[str, str]] = []
    if not name or len(name) > MAX_NAME:
        problems.append(("name", "third_party.error.name"))
    if relation not in RELATIONS:
        problems.append(("relation", "third_party.error.relation"))
    number = e164_or_none(phone or "")
    if number is None:
        problems.append(("phone", "third_party.error.phone"))
    debtor = session.get(Debtor, case.debtor_id)
    assert debtor is not None
    own = session.exec(select(DebtorPhone.number).where(DebtorPhone.debtor_id == debtor.id)).all()
    if number is not None and number in set(own):
        problems.append(("phone", "third_party.error.debtors_own"))
    if problems:
        raise ValidationError(problems[0][1], problems=problems)
    assert number is not None
    lang = i18n.normalize(debtor.locale)
    text = message_text(session, debtor=debtor, lang=lang)
    person = session.exec(
        select(ThirdParty).where(ThirdParty.debtor_id == debtor.id, ThirdParty.phone == number)
    ).first()
    if person is None:
        person = ThirdParty(
            debtor_id=pk(debtor), case_id=pk(case), name=name, relation=relation, phone=number, added_by=actor.id
        )
        session.add(person)
        session.flush()
    outcome = contact.attempt(
        session,
        case_id=pk(case),
        channel=Channel.SMS,
        actor_id=actor.id,
        target="third_party",
        target_ref=number,
        text=text,
        result="queued",
        details={"visit_id": visit.id, "third_party_id": person.id},
    )
    audit.record(
        session,
        actor_id=actor.id,
        action="third_party.contact",
        entity="case",
        entity_id=case.id,
        after={"relation": relation, "allowed": outcome.allowed, "ledger_id": outcome.ledger_id},
    )
    if not outcome.allowed:
        return Sent(outcome.decision, outcome.ledger_id, text)
    provider = provider or get_provider()
    message = Message(
        debtor_id=debtor.id,
        case_id=case.id,
        visit_id=visit.id,
        to_number=number,
        body=text,
        locale=lang,
        template_key=THIRD_PARTY_NOTICE,
        provider=provider.name,
        status=MessageStatus.QUEUED,
    )
    session.add(message)
    session.flush()
    ledger = session.get(ContactLedger, outcome.ledger_id)
    assert ledger is not None
    ledger.details = {**ledger.details, "message_id": message.id}
    session.add(ledger)
    sms.deliver(session, message=message, provider=provider, body=text)
    return Sent(outcome.decision, outcome.ledger_id, text)


def record_stop(session: Session, *, actor: Identity, visit_id: int, third_party_id: int) -> None:
    """The third party asked not to be contacted again: from now on the contact check refuses them."""
    _visit, case = access.visit_for(session, actor, visit_id, at_door=True)
    person = session.get(ThirdParty, third_party_id)
    if person is None or person.case_id != case.id:
        raise NotFound("error.not_found")
    if person.stop_requested_at is not None:
        return
    person.stop_requested_at, person.stop_recorded_by = clock.now(), actor.id
    session.add(person)
    session.flush()
    audit.record(
        session,
        actor_id=actor.id,
        action="third_party.stop",
        entity="case",
        entity_id=case.id,
        after={"third_party_id": person.id},
    )
