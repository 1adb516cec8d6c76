"""Follow-up (product flow 7): promises and plan installments become reminders; a missed one becomes a broken
promise or a missed installment and a task for the agent; and the reminders people see.

`run` is a periodic job (`visitapp.jobs`, every 15 minutes, under the database lease). Every step is
idempotent, so running it twice, or a worker picking it up after another crashed midway, changes nothing:

- state changes are conditional UPDATEs (`... WHERE status = 'open'`): only the run that changes the row
  writes the reminder that goes with it;
- every reminder carries a `source_ref` (`promise:<id>`, `inst_due:<id>`, ...) and is written only if the
  same user has none with that kind and ref yet (a reminder marked done stays, so it is never re-created);
- a reminder SMS is tried at most once a day per promise or installment, and never again once one went out.

Dates are the debtor's local dates (`Debtor.timezone`). The figures (constants, not yet policy settings):

- `GRACE_DAYS` = 3: an installment not fully paid 3 days after its due date is "missed" (bank transfers take
  a day or two to be recorded); a promise has no grace: it is broken the day after its date.
- `MISSED_TO_BREAK` = 2: a plan with 2 missed installments (in total) is "broken" and goes to the team's
  dispatcher for review (`plan_review`).
- `NO_CONTACT_DAYS` = 14: an open case of an agent with no allowed contact in the ledger for 14 days (or since
  it was created) gets a `no_contact` reminder, once per silence (the ref names the last contact's date).
- `promise_due` / `installment_due` reminders appear the day before the due date (`DUE_LEAD_DAYS` = 1),
  due at 09:00 on the date (debtor's zone).
- Reminder SMS to the debtor (`SEND_REMINDER_SMS`): the day before and the day of a due date, between 09:00
  and 20:00 debtor time (`SMS_HOURS`), each through `contact.attempt` (the policy decides: quiet hours,
  caps, complaint open, cease-communication...; a blocked attempt leaves a ledger row saying why and nothing
  is sent) and then `sms.deliver`, with the neutral template `sms.payment_reminder` (no debt, no amount).

A payment recorded elsewhere marks a promise kept or an installment paid; as a safety net, a promise whose
amount was paid on the case (payments dated from the promise's day to its due date) is marked kept here
rather than broken. Reminders of promises or installments that are settled are marked done.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy import func
from sqlmodel import Session, col, select

from visitapp import i18n
from visitapp.compliance.rules.templates import PAYMENT_REMINDER, fill
from visitapp.compliance.services import contact, notices, sms, templates
from visitapp.core import access, audit, clock, routes
from visitapp.core.enums import CaseStatus, Channel, InstallmentStatus, MessageStatus, PlanStatus, PromiseStatus, Role
from visitapp.core.identity import Identity
from visitapp.core.models import (
    Case,
    ContactLedger,
    Debtor,
    Message,
    Payment,
    Plan,
    PlanInstallment,
    Promise,
    Reminder,
    Team,
    User,
    Visit,
)
from visitapp.core.privacy import mask_name
from visitapp.core.rows import pk

GRACE_DAYS = 3
MISSED_TO_BREAK = 2
NO_CONTACT_DAYS = 14
DUE_LEAD_DAYS = 1
DUE_REMINDER_AT = time(9, 0)
SEND_REMINDER_SMS = True
SMS_HOURS = (time(9, 0), time(20, 0))
SMS_KIND = "payment_reminder"  # ledger details["kind"]

# reminder kinds written here
PROMISE_BROKEN = "promise_broken"
PROMISE_DUE = "promise_due"
INSTALLMENT_MISSED = "installment_missed"
INSTALLMENT_DUE = "installment_due"
PLAN_REVIEW = "plan_review"
NO_CONTACT = "no_contact"
# every kind a reminder may have (others are written by complaints, distress and the debtor link)
KINDS = (
    PROMISE_BROKEN,
    PROMISE_DUE,
    INSTALLMENT_MISSED,
    INSTALLMENT_DUE,
    PLAN_REVIEW,
    NO_CONTACT,
    "complaint_review",
    "distress_review",
    "link_locked",
    "call_instead",
    "visit_move",  # an agent asks for a visit to be moved (field.services.visits.ask_to_move)
)
DONE_SHOWN = 30  # done reminders listed under the open ones
# open reminders listed, the soonest due first: an agent of a million-case office has thousands (a case
# silent for 14 days is one each), which the page took more than 25 s to load and a phone cannot scroll
OPEN_SHOWN = 100


@dataclass
class FollowupResult:
    promises_broken: int = 0
    promises_kept: int = 0
    installments_missed: int = 0
    plans_broken: int = 0
    reminders: int = 0
    sms_sent: int = 0
    sms_blocked: int = 0
    settled: int = 0  # due reminders marked done because the promise or installment was settled
    kinds: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        return (
            f"broken={self.promises_broken} kept={self.promises_kept} missed={self.installments_missed} "
            f"plans_broken={self.plans_broken} reminders={self.reminders} sms={self.sms_sent} "
            f"sms_blocked={self.sms_blocked} settled={self.settled}"
        )


# ------------------------------------------------------------------------------------------------- helpers


def _remind(
    session: Session,
    res: FollowupResult,
    *,
    user_id: int | None,
    case_id: int | None,
    kind: str,
    ref: str,
    due_at: datetime,
    title: tuple[str, dict[str, Any]],
) -> bool:
    """Write a reminder unless this user already has one of this kind and ref (open or done)."""
    if not user_id:
        return False
    exists = session.exec(
        select(Reminder.id)
        .where(Reminder.user_id == user_id, Reminder.kind == kind, Reminder.source_ref == ref)
        .limit(1)
    ).first()
    if exists is not None:
        return False
    key, params = title
    session.add(
        Reminder(
            user_id=user_id,
            case_id=case_id,
            kind=kind,
            due_at=due_at,
            title_key=key,
            title_params=params,
            source_ref=ref,
        )
    )
    session.flush()
    res.reminders += 1
    res.kinds[kind] = res.kinds.get(kind, 0) + 1
    return True


def _local_today(debtor: Debtor, now: datetime) -> date:
    return clock.to_local(now, debtor.timezone).date()


def _at(day: date, debtor: Debtor) -> datetime:
    return datetime.combine(day, DUE_REMINDER_AT, tzinfo=clock.local_zone(debtor.timezone))


def _dispatcher(session: Session, case: Case) -> int | None:
    team = session.get(Team, case.team_id) if case.team_id else None
    return team.dispatcher_id if team else None


def _conditional(session: Session, model, row_id: int, where_status: str, **values) -> bool:
    """UPDATE ... WHERE id = ? AND status = ?: True only for the one run that changed the row."""
    result = session.exec(sa.update(model).where(model.id == row_id, model.status == where_status).values(**values))
    return result.rowcount == 1


# ------------------------------------------------------------------------------------------------ promises


def _paid_for(session: Session, promise: Promise, debtor: Debtor) -> bool:
    since = clock.to_local(promise.created_at, debtor.timezone).date()
    paid = session.exec(
        select(func.coalesce(func.sum(Payment.amount_cents), 0)).where(
            Payment.case_id == promise.case_id, Payment.paid_on >= since, Payment.paid_on <= promise.due_date
        )
    ).one()
    return int(paid or 0) >= promise.amount_cents > 0


def _promises(session: Session, res: FollowupResult, now: datetime) -> None:
    rows = session.exec(
        select(Promise, Case, Debtor)
        .join(Case, col(Case.id) == Promise.case_id)
        .join(Debtor, col(Debtor.id) == Case.debtor_id)
        .where(Promise.status == PromiseStatus.OPEN)
        .order_by(col(Promise.id))
    ).all()
    for promise, case, debtor in rows:
        today = _local_today(debtor, now)
        owner = case.agent_id or promise.created_by
        if promise.due_date < today:
            if _paid_for(session, promise, debtor):
                if _conditional(
                    session, Promise, pk(promise), PromiseStatus.OPEN, status=PromiseStatus.KEPT, resolved_at=now
                ):
                    res.promises_kept += 1
                continue
            if not _conditional(
                session, Promise, pk(promise), PromiseStatus.OPEN, status=PromiseStatus.BROKEN, resolved_at=now
            ):
                continue  # another run got there first
            res.promises_broken += 1
            _remind(
                session,
                res,
                user_id=owner,
                case_id=case.id,
                kind=PROMISE_BROKEN,
                ref=f"promise:{promise.id}",
                due_at=now,
                title=(
                    "reminders.title.promise_broken",
                    {"case": case.id, "amount_cents": promise.amount_cents, "date": promise.due_date.isoformat()},
                ),
            )
            audit.record(
                session,
                actor_id=None,
                action="promise.broken",
                entity="promise",
                entity_id=promise.id,
                before={"status": "open"},
                after={"status": "broken"},
                detail=f"case {case.id}",
            )
        elif promise.due_date - timedelta(days=DUE_LEAD_DAYS) <= today:
            _remind(
                session,
                res,
                user_id=owner,
                case_id=case.id,
                kind=PROMISE_DUE,
                ref=f"promise_due:{promise.id}",
                due_at=_at(promise.due_date, debtor),
                title=(
                    "reminders.title.promise_due",
                    {"case": case.id, "amount_cents": promise.amount_cents, "date": promise.due_date.isoformat()},
                ),
            )
            _reminder_sms(
                session,
                res,
                case=case,
                debtor=debtor,
                ref=f"promise:{promise.id}",
                due=promise.due_date,
                agent_id=owner,
                now=now,
            )


# ------------------------------------------------------------------------------------------- installments


def _installments(session: Session, res: FollowupResult, now: datetime) -> None:
    rows = session.exec(
        select(PlanInstallment, Plan, Case, Debtor)
        .join(Plan, col(Plan.id) == PlanInstallment.plan_id)
        .join(Case, col(Case.id) == Plan.case_id)
        .join(Debtor, col(Debtor.id) == Case.debtor_id)
        .where(Plan.status == PlanStatus.ACTIVE, PlanInstallment.status == InstallmentStatus.DUE)
        .order_by(col(PlanInstallment.plan_id), col(PlanInstallment.seq))
    ).all()
    for inst, plan, case, debtor in rows:
        today = _local_today(debtor, now)
        owner = case.agent_id or plan.proposed_by
        if inst.paid_cents >= inst.amount_cents:
            _conditional(session, PlanInstallment, pk(inst), InstallmentStatus.DUE, status=InstallmentStatus.PAID)
            continue
        if inst.due_date + timedelta(days=GRACE_DAYS) < today:
            if not _conditional(
                session, PlanInstallment, pk(inst), InstallmentStatus.DUE, status=InstallmentStatus.MISSED
            ):
                continue
            res.installments_missed += 1
            session.execute(
                sa.update(Plan)
                .where(col(Plan.id) == plan.id)
                .values(missed_installments=Plan.missed_installments + 1, version=Plan.version + 1)
            )
            _remind(
                session,
                res,
                user_id=owner,
                case_id=case.id,
                kind=INSTALLMENT_MISSED,
                ref=f"inst:{inst.id}",
                due_at=now,
                title=(
                    "reminders.title.installment_missed",
                    {
                        "case": case.id,
                        "seq": inst.seq,
                        "amount_cents": inst.amount_cents - inst.paid_cents,
                        "date": inst.due_date.isoformat(),
                    },
                ),
            )
            audit.record(
                session,
                actor_id=None,
                action="installment.missed",
                entity="plan_installment",
                entity_id=inst.id,
                before={"status": "due"},
                after={"status": "missed"},
                detail=f"plan {plan.id} #{inst.seq}",
            )
            session.refresh(plan)
            if plan.missed_installments >= MISSED_TO_BREAK and _conditional(
                session, Plan, pk(plan), PlanStatus.ACTIVE, status=PlanStatus.BROKEN
            ):
                res.plans_broken += 1
                _remind(
                    session,
                    res,
                    user_id=_dispatcher(session, case),
                    case_id=case.id,
                    kind=PLAN_REVIEW,
                    ref=f"plan:{plan.id}",
                    due_at=now,
                    title=(
                        "reminders.title.plan_review",
                        {"case": case.id, "plan": plan.id, "missed": plan.missed_installments},
                    ),
                )
                audit.record(
                    session,
                    actor_id=None,
                    action="plan.broken",
                    entity="plan",
                    entity_id=plan.id,
                    before={"status": "active"},
                    after={"status": "broken", "missed_installments": plan.missed_installments},
                    detail=f"case {case.id}",
                )
        elif inst.due_date - timedelta(days=DUE_LEAD_DAYS) <= today:
            _remind(
                session,
                res,
                user_id=owner,
                case_id=case.id,
                kind=INSTALLMENT_DUE,
                ref=f"inst_due:{inst.id}",
                due_at=_at(inst.due_date, debtor),
                title=(
                    "reminders.title.installment_due",
                    {
                        "case": case.id,
                        "seq": inst.seq,
                        "amount_cents": inst.amount_cents - inst.paid_cents,
                        "date": inst.due_date.isoformat(),
                    },
                ),
            )
            if inst.due_date >= today:
                _reminder_sms(
                    session,
                    res,
                    case=case,
                    debtor=debtor,
                    ref=f"inst:{inst.id}",
                    due=inst.due_date,
                    agent_id=owner,
                    now=now,
                )


# ------------------------------------------------------------------------------------------ reminder SMS


def _reminder_sms(
    session: Session,
    res: FollowupResult,
    *,
    case: Case,
    debtor: Debtor,
    ref: str,
    due: date,
    agent_id: int | None,
    now: datetime,
) -> None:
    """A neutral reminder to the debtor, the day before or of `due`, when the policy allows it."""
    if not SEND_REMINDER_SMS or case.status == CaseStatus.CLOSED:
        return
    local = clock.to_local(now, debtor.timezone)
    if not (SMS_HOURS[0] <= local.time() < SMS_HOURS[1]) or not (0 <= (due - local.date()).days <= DUE_LEAD_DAYS):
        return
    tries = [
        r
        for r in session.exec(
            select(ContactLedger).where(ContactLedger.case_id == case.id, ContactLedger.channel == Channel.SMS.value)
        ).all()
        if (r.details or {}).get("kind") == SMS_KIND and (r.details or {}).get("ref") == ref
    ]
    if any(r.allowed for r in tries) or any(
        clock.to_local(r.at, debtor.timezone).date() == local.date() for r in tries
    ):
        return  # sent already, or tried (and blocked) today
    number = notices.mobile_number(session, pk(debtor))
    if not number:
        return
    outcome = contact.attempt(
        session,
        case_id=pk(case),
        channel=Channel.SMS,
        actor_id=None,
        at=now,
        target_ref=number,
        result="queued",
        details={"kind": SMS_KIND, "ref": ref},
    )
    if not outcome.allowed:
        res.sms_blocked += 1
        return
    lang = i18n.normalize(debtor.locale)
    agent = session.get(User, agent_id) if agent_id else None
    template = templates.effective(session, key=PAYMENT_REMINDER, lang=lang)
    body = fill(
        PAYMENT_REMINDER,
        template.body,
        {
            "company": templates.company_for(lang),
            "agent": agent.display_name if agent else templates.company_for(lang),
            "date": due.isoformat(),
        },
    )
    message = Message(
        debtor_id=debtor.id,
        case_id=case.id,
        to_number=number,
        body=body,
        locale=lang,
        template_key=PAYMENT_REMINDER,
        status=MessageStatus.QUEUED,
    )
    session.add(message)
    session.flush()
    ledger = session.get(ContactLedger, outcome.ledger_id)
    assert ledger is not None
    ledger.details = {**ledger.details, "message_id": message.id, "template_version": template.version}
    session.add(ledger)
    sms.deliver(session, message=message, now=now)
    res.sms_sent += 1


# ------------------------------------------------------------------------------------------- no contact


def _no_contact(session: Session, res: FollowupResult, now: datetime) -> None:
    """A `no_contact` reminder for each open case of an agent silent for NO_CONTACT_DAYS, once per silence.
    Read and written in bulk: the cases' ids, agents and creation (not the cases), the reminders of this
    kind already there once, and the new ones in one insert of many rows. Asked case by case, each lookup
    among its agent's reminders and each insert flushed apart, a million cases took more than 25 minutes
    of the daily job."""
    last = dict(
        session.exec(
            select(ContactLedger.case_id, func.max(ContactLedger.at))
            .where(
                col(ContactLedger.case_id).is_not(None),
                col(ContactLedger.allowed).is_(True),
                ContactLedger.channel != Channel.LINK_VIEW.value,
            )
            .group_by(col(ContactLedger.case_id))
        ).all()
    )
    cases = session.exec(
        select(Case.id, Case.agent_id, Case.created_at)
        .where(Case.status == CaseStatus.OPEN.value, col(Case.agent_id).is_not(None))
        .order_by(col(Case.id))
    ).all()
    had = set(session.exec(select(Reminder.user_id, Reminder.source_ref).where(Reminder.kind == NO_CONTACT)).all())
    zone = clock.now().tzinfo
    made: list[dict[str, Any]] = []
    for case_id, agent_id, created_at in cases:
        since = last.get(case_id) or created_at
        if since.tzinfo is None:
            since = since.replace(tzinfo=zone)
        if not agent_id or now - since < timedelta(days=NO_CONTACT_DAYS):
            continue
        ref = f"no_contact:{case_id}:{clock.to_local(since).strftime('%Y%m%d')}"
        if (agent_id, ref) in had:
            continue
        had.add((agent_id, ref))
        made.append(
            {
                "user_id": agent_id,
                "case_id": case_id,
                "kind": NO_CONTACT,
                "due_at": now,
                "title_key": "reminders.title.no_contact",
                "title_params": {"case": case_id, "days": (now - since).days},
                "source_ref": ref,
                "created_at": clock.db_now(),
            }
        )
    for i in range(0, len(made), _INSERT_ROWS):
        session.execute(sa.insert(Reminder), made[i : i + _INSERT_ROWS])
    res.reminders += len(made)
    if made:
        res.kinds[NO_CONTACT] = res.kinds.get(NO_CONTACT, 0) + len(made)


_INSERT_ROWS = 5_000  # rows per insert of new reminders


# ---------------------------------------------------------------------------------------- settled items


def _settle(session: Session, res: FollowupResult, now: datetime) -> None:
    """Due reminders of promises no longer open and installments no longer due are done."""
    open_due = session.exec(
        select(Reminder).where(col(Reminder.kind).in_([PROMISE_DUE, INSTALLMENT_DUE]), col(Reminder.done_at).is_(None))
    ).all()
    for r in open_due:
        _prefix, _, raw = (r.source_ref or "").partition(":")
        if not raw.isdigit():
            continue
        row: Promise | PlanInstallment | None
        if r.kind == PROMISE_DUE:
            row = session.get(Promise, int(raw))
            settled = row is None or row.status != PromiseStatus.OPEN
        else:
            row = session.get(PlanInstallment, int(raw))
            settled = row is None or row.status != InstallmentStatus.DUE
        if settled:
            r.done_at = now
            session.add(r)
            res.settled += 1


def run(session: Session, *, now: datetime | None = None) -> FollowupResult:
    """One pass of the follow-up job (see the module notes). Idempotent."""
    now = now or clock.now()
    res = FollowupResult()
    _promises(session, res, now)
    _installments(session, res, now)
    _no_contact(session, res, now)
    session.flush()
    _settle(session, res, now)
    session.flush()
    return res


# ------------------------------------------------------------------------------------ reading reminders


@dataclass(frozen=True)
class ReminderOut:
    id: int
    kind: str
    title_key: str  # "" for a reminder made before titles were keys: then `legacy_title` is its text
    title_params: dict[str, Any]
    legacy_title: str
    due_at: datetime
    overdue: bool
    done_at: datetime | None
    case_id: int | None
    debtor: str  # masked name
    link: str  # where to act on it ("" when there is nowhere to go)

    def title(self, lang: str) -> str:
        return i18n.render(self.title_key, self.title_params, lang) if self.title_key else self.legacy_title


def _link(session: Session, actor: Identity, r: Reminder) -> str:

    if actor.role == Role.AGENT:
        if r.case_id is None:
            return ""
        visit_id = session.exec(
            select(Visit.id)
            .join(Case, col(Case.id) == Visit.case_id)
            .where(Visit.case_id == r.case_id, access.visit_condition(actor))
            .order_by(col(Visit.visit_date).desc(), col(Visit.id).desc())
        ).first()
        return f"/agent/visit/{visit_id}" if visit_id else ""
    if r.kind == "complaint_review":
        return routes.DISPATCH_COMPLAINTS
    if r.kind == "visit_move":  # an agent asks for a visit to be moved: the day's plan is where that happens
        return routes.DISPATCH_PLAN
    return routes.DISPATCH_CASES


@dataclass(frozen=True)
class RemindersPage:
    items: list[ReminderOut]
    open_total: int  # all the open ones, of which `items` lists the OPEN_SHOWN due first


def reminders_page(session: Session, *, actor: Identity, include_done: bool = False) -> RemindersPage:
    """The reminders page: the actor's reminders (`reminders`) and how many are open in all."""
    return RemindersPage(reminders(session, actor=actor, include_done=include_done), count_open(session, actor=actor))


def reminders(session: Session, *, actor: Identity, include_done: bool = False) -> list[ReminderOut]:
    """The actor's own reminders: the OPEN_SHOWN open ones due first, by due time, then (optionally) the
    DONE_SHOWN done most recently."""
    now = clock.now()
    base = (
        select(Reminder, Debtor.name)
        .outerjoin(Case, col(Case.id) == Reminder.case_id)
        .outerjoin(Debtor, col(Debtor.id) == Case.debtor_id)
        .where(access.reminder_condition(actor))
    )
    rows = list(
        session.exec(
            base.where(col(Reminder.done_at).is_(None))
            .order_by(col(Reminder.due_at), col(Reminder.id))
            .limit(OPEN_SHOWN)
        ).all()
    )
    if include_done:
        rows += session.exec(
            base.where(col(Reminder.done_at).is_not(None))
            .order_by(col(Reminder.done_at).desc(), col(Reminder.id).desc())
            .limit(DONE_SHOWN)
        ).all()
    out = []
    for r, name in rows:
        due = clock.aware(r.due_at)
        out.append(
            ReminderOut(
                pk(r),
                r.kind,
                r.title_key,
                r.title_params or {},
                r.title,
                due,
                r.done_at is None and due < now,
                r.done_at,
                r.case_id,
                mask_name(name or ""),
                _link(session, actor, r),
            )
        )
    return out


def count_open(session: Session, *, actor: Identity) -> int:
    return int(
        session.exec(
            select(func.count())
            .select_from(Reminder)
            .where(access.reminder_condition(actor), col(Reminder.done_at).is_(None))
        ).one()
    )


def done(session: Session, *, actor: Identity, reminder_id: int) -> ReminderOut:
    """Mark one of the actor's reminders done (someone else's is "not found"). Audited; twice is harmless."""
    r = access.reminder_for(session, actor, reminder_id)
    if r.done_at is None:
        r.done_at = clock.now()
        session.add(r)
        audit.record(
            session,
            actor_id=actor.id,
            action="reminder.done",
            entity="reminder",
            entity_id=r.id,
            before={"done_at": None},
            after={"done_at": r.done_at.isoformat()},
            detail=r.kind,
        )
        session.flush()
    debtor = ""
    if r.case_id:
        case = session.get(Case, r.case_id)
        d = session.get(Debtor, case.debtor_id) if case else None
        debtor = mask_name(d.name) if d else ""
    due = clock.aware(r.due_at)
    return ReminderOut(
        pk(r), r.kind, r.title_key, r.title_params or {}, r.title, due, False, r.done_at, r.case_id, debtor,
        _link(session, actor, r),
    )  # fmt: skip
