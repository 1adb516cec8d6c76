"""The case page for dispatchers and supervisors (/dispatch/case/<id>, issue 13.2): the case in one place.

- `head`: who and what (the debtor masked; a reveal is audited), the status with its pause reason, the
  team and agent, the score and its factors, the debtor's stop facts, and the itemized statement.
- `story`: everything that happened, newest first, paged: contacts (allowed or blocked, with the
  reasons), visits with their outcome, check-in distance and photos, notes, plans with their agreement,
  promises, payments, complaints and reminders. The audit trail is its own list (`audit.case_trail`).
Opening the page is audited like the agent's dossier (every view of a full dossier is).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, func, select

from visitapp import i18n
from visitapp.cases.rules.statement import Totals
from visitapp.cases.services import geocoding, statement
from visitapp.cases.services.statement import StatementRow
from visitapp.core import access, audit, clock
from visitapp.core.identity import Identity
from visitapp.core.models import (
    Attachment,
    Complaint,
    ContactLedger,
    Debt,
    Debtor,
    DebtorPhone,
    Note,
    Payment,
    Plan,
    Promise,
    Reminder,
    Team,
    User,
    Visit,
)
from visitapp.core.privacy import mask_name, mask_phone
from visitapp.core.rows import pk

PAGE_SIZE = 20
STOP_FACTS = ("disputed", "lawyer", "deceased", "do_not_visit", "cease_communication")


@dataclass(frozen=True)
class CaseHead:
    id: int
    version: int
    status: str
    pause_reason: str
    contract_no: str
    creditor: str
    product: str
    debtor_masked: str
    district: str
    phones_masked: list[str]
    team_id: int | None
    team_name: str
    agent_id: int | None
    agent_name: str
    segment: str
    score: int | None
    strategy: str
    factors: list[dict]
    stops: tuple[str, ...]  # the debtor's facts that stop contact (STOP_FACTS)
    night_worker: bool
    lines: list[StatementRow]
    totals: Totals
    position: Position | None = None


@dataclass(frozen=True)
class Position:
    """Where the debtor's pin stands, for fixing it by hand: at the debtor's position, or (none yet) at the
    team's base, else nowhere."""

    debtor_id: int
    version: int
    address: str
    lat: float | None
    lon: float | None
    status: str  # Debtor.geocode_status
    near: tuple[float, float] | None  # where to start a pin that has no position: the team's base


@dataclass(frozen=True)
class StoryItem:
    at: datetime
    kind: str  # contact | visit | note | plan | promise | payment | complaint | reminder
    who: str
    text: str  # in the reader's language
    blocked: bool = False


@dataclass(frozen=True)
class Story:
    items: list[StoryItem]
    page: int
    pages: int
    total: int


def _names(session: Session, ids: set[int | None]) -> dict[int, str]:
    real = {i for i in ids if i is not None}
    if not real:
        return {}
    return {pk(u): u.display_name for u in session.exec(select(User).where(col(User.id).in_(real))).all()}


def head(session: Session, *, actor: Identity, case_id: int) -> CaseHead:
    access.require(actor, access.STAFF)
    case = access.case_for(session, actor, case_id)
    debtor = session.get(Debtor, case.debtor_id)
    debt = session.get(Debt, case.debt_id)
    assert debtor is not None and debt is not None
    team = session.get(Team, case.team_id) if case.team_id else None
    agent = session.get(User, case.agent_id) if case.agent_id else None
    phones = session.exec(
        select(DebtorPhone.number)
        .where(DebtorPhone.debtor_id == debtor.id)
        .order_by(col(DebtorPhone.is_primary).desc(), col(DebtorPhone.id))
    ).all()
    rows, sums = statement.statement(session, case)
    return CaseHead(
        id=pk(case),
        version=case.version,
        status=case.status.value,
        pause_reason=case.pause_reason or "",
        contract_no=debt.contract_no,
        creditor=debt.creditor,
        product=debt.product,
        debtor_masked=mask_name(debtor.name),
        district=debtor.district,
        phones_masked=[mask_phone(p) for p in phones],
        team_id=case.team_id,
        team_name=team.name if team else "",
        agent_id=case.agent_id,
        agent_name=agent.display_name if agent else "",
        segment=case.segment,
        score=case.score,
        strategy=case.strategy,
        factors=list(case.score_factors or []),
        stops=tuple(f for f in STOP_FACTS if getattr(debtor, f)),
        night_worker=debtor.night_worker,
        lines=rows,
        totals=sums,
        position=Position(
            debtor_id=pk(debtor),
            version=debtor.version,
            address=geocoding.query_for(debtor),
            lat=debtor.lat,
            lon=debtor.lon,
            status=debtor.geocode_status,
            near=_near(session, debtor, team),
        ),
    )


def _near(session: Session, debtor: Debtor, team: Team | None) -> tuple[float, float] | None:
    """Where a pin with no position starts: the team's base, else the middle of the city's placed debtors."""
    if team is not None and team.base_lat is not None and team.base_lon is not None:
        return team.base_lat, team.base_lon
    if not debtor.city:
        return None
    lat, lon = session.exec(
        select(func.avg(Debtor.lat), func.avg(Debtor.lon)).where(
            Debtor.city == debtor.city, col(Debtor.lat).is_not(None), col(Debtor.lon).is_not(None)
        )
    ).one()
    return (float(lat), float(lon)) if lat is not None and lon is not None else None


def record_view(session: Session, *, actor: Identity, case_id: int) -> None:
    """The page was opened: audited once per opening (not again after each action on it)."""
    access.require(actor, access.STAFF)
    case = access.case_for(session, actor, case_id)
    audit.record(session, actor_id=actor.id, action="case.view", entity="case", entity_id=case.id)


def reveal(session: Session, *, actor: Identity, case_id: int) -> tuple[str, list[str]]:
    """The debtor's full name and numbers, for whoever may open the case; audited as a reveal."""
    access.require(actor, access.STAFF)
    case = access.case_for(session, actor, case_id)
    debtor = session.get(Debtor, case.debtor_id)
    assert debtor is not None
    phones = session.exec(select(DebtorPhone.number).where(DebtorPhone.debtor_id == debtor.id)).all()
    audit.record(
        session, actor_id=actor.id, action="dossier.reveal_phone", entity="case", entity_id=case.id, detail="case page"
    )
    return debtor.name, list(phones)


def _day(value: date) -> str:
    return value.isoformat()


def story(session: Session, *, actor: Identity, case_id: int, lang: str, page: int = 1) -> Story:
    """Everything that happened on the case, newest first, `PAGE_SIZE` a page, in `lang`."""
    access.require(actor, access.STAFF)
    case = access.case_for(session, actor, case_id)
    cid = pk(case)
    t = lambda key, **kw: i18n.t(key, lang, **kw)  # noqa: E731
    money = lambda cents: i18n.money(cents, lang)  # noqa: E731
    ledger = session.exec(select(ContactLedger).where(ContactLedger.case_id == cid)).all()
    visits = session.exec(select(Visit).where(Visit.case_id == cid)).all()
    photos = dict(
        session.exec(
            select(Attachment.visit_id, func.count())
            .where(Attachment.case_id == cid)
            .group_by(col(Attachment.visit_id))
        ).all()
    )
    notes = session.exec(select(Note).where(Note.case_id == cid)).all()
    plans = session.exec(select(Plan).where(Plan.case_id == cid)).all()
    promises = session.exec(select(Promise).where(Promise.case_id == cid)).all()
    payments = session.exec(select(Payment).where(Payment.case_id == cid)).all()
    complaints = session.exec(select(Complaint).where(Complaint.case_id == cid)).all()
    reminders = session.exec(select(Reminder).where(Reminder.case_id == cid)).all()
    names = _names(
        session,
        {e.actor_id for e in ledger}
        | {n.author_id for n in notes}
        | {p.proposed_by for p in plans}
        | {p.created_by for p in promises}
        | {p.recorded_by for p in payments}
        | {r.user_id for r in reminders},
    )
    who = lambda i: names.get(i, "") if i is not None else t("audit.who.system")  # noqa: E731
    items: list[StoryItem] = []
    for e in ledger:
        why = " ".join(i18n.reason_text(r["code"], r.get("params", {}), lang) for r in e.reasons or [])
        text = t(
            "case.story.contact",
            channel=t(f"channel.{e.channel.value}"),
            target=t(f"case.story.target.{e.target}"),
            result=t(f"result.{e.result}") if e.allowed and e.result else t("dossier.blocked"),
        )
        items.append(StoryItem(e.at, "contact", who(e.actor_id), f"{text} {why}".strip(), blocked=not e.allowed))
    for v in visits:
        at = v.outcome_at or v.checkin_at or datetime.combine(v.visit_date, v.window_start, tzinfo=clock.local_zone())
        parts = [
            t(
                "case.story.visit",
                day=_day(v.visit_date),
                start=f"{v.window_start:%H:%M}",
                end=f"{v.window_end:%H:%M}",
                status=t(f"visit.status.{v.status.value}"),
            )
        ]
        if v.checkin_at is not None:
            distance = round(v.checkin_distance_m) if v.checkin_distance_m is not None else "—"
            checked = clock.to_local(v.checkin_at).strftime("%H:%M")
            parts.append(t("case.story.checkin", time=checked, distance=distance))
        if v.outcome is not None:
            parts.append(t(f"outcome.{v.outcome.value}"))
        if photos.get(v.id):
            parts.append(t("case.story.photos", count=photos[v.id]))
        items.append(StoryItem(at, "visit", "", " · ".join(parts)))
    items += [StoryItem(n.created_at, "note", who(n.author_id), n.body) for n in notes]
    for p in plans:
        text = t(
            "case.story.plan", months=p.months, total=money(p.total_cents), status=t(f"payplan.status.{p.status.value}")
        )
        if p.agreement_sha256:
            text += " · " + t("case.story.agreement", sha=p.agreement_sha256[:12])
        items.append(StoryItem(p.signed_at or p.created_at, "plan", who(p.proposed_by), text))
    items += [
        StoryItem(
            p.created_at,
            "promise",
            who(p.created_by),
            t(
                "case.story.promise",
                amount=money(p.amount_cents),
                due=_day(p.due_date),
                status=t(f"audit.value.promise.{p.status.value}"),
            ),
        )
        for p in promises
    ]
    items += [
        StoryItem(
            p.created_at,
            "payment",
            who(p.recorded_by),
            t("case.story.payment", amount=money(p.amount_cents), day=_day(p.paid_on), receipt=p.receipt_no),
        )
        for p in payments
    ]
    items += [
        StoryItem(
            c.created_at,
            "complaint",
            "",
            t(
                "case.story.complaint",
                ref=c.reference_no,
                category=t(f"complaint.category.{c.category}"),
                status=t(f"complaint.status.{c.status.value}"),
            ),
        )
        for c in complaints
    ]
    items += [
        StoryItem(
            r.created_at,
            "reminder",
            who(r.user_id),
            i18n.render(r.title_key, r.title_params or {}, lang) if r.title_key else r.title,
        )
        for r in reminders
    ]
    items.sort(key=lambda i: clock.aware(i.at), reverse=True)
    total = len(items)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page), pages)
    return Story(items[(page - 1) * PAGE_SIZE : page * PAGE_SIZE], page, pages, total)
