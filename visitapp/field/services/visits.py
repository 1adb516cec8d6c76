"""Visits as the agent sees them: the day in route order with where each visit stands now
(visitapp.field.rules.visit_now), and what the agent can still do about a visit that will not take place:
record it as not visited, with a reason, and ask the team's dispatcher to move it."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from visitapp.cases.rules.statement import Line, totals
from visitapp.compliance.rules.policy import Proposed, decide
from visitapp.compliance.services import contact, notices, policy_settings
from visitapp.core import access, audit, clock
from visitapp.core.enums import CaseStatus, Channel, Confirmation, NotVisitedReason, Role, VisitPhase, VisitStatus
from visitapp.core.errors import ValidationError
from visitapp.core.identity import Identity
from visitapp.core.models import AuditLog, Case, Debtor, Reminder, StatementLine, Team, User, Visit, VisitAgent
from visitapp.core.models import Visit as VisitRow
from visitapp.core.privacy import mask_name
from visitapp.core.rows import pk
from visitapp.field.rules import visit_now
from visitapp.field.services.navigation import get_nav_app


@dataclass(frozen=True)
class AgentVisit:
    visit_id: int
    route_order: int | None
    debtor_name: str
    address: str
    district: str
    window_start: str
    window_end: str
    eta: datetime | None
    confirmation: str
    status: str
    partner: str
    overdue_cents: int
    lat: float | None
    lon: float | None
    # where it stands now (visitapp.field.rules.visit_now) and what the agent can still do about it
    phase: VisitPhase = VisitPhase.UPCOMING
    late: str = ""  # visit_now.Late: why it is late ("" if it is not)
    actions: tuple[str, ...] = ()
    checkin_at: datetime | None = None
    done_at: datetime | None = None  # checked out, or the outcome recorded
    drop_reason: str = ""  # why the planner left it out
    not_visited_reason: str = ""  # NotVisitedReason, once recorded
    move_requested: bool = False
    # the pre-visit notice of the visit's time (compliance.services.notice_queue): state, when, why not
    notice: str = ""  # a NoticeState, or "" when none was queued or sent
    notice_at: datetime | None = None
    notice_reason: str = ""


@dataclass(frozen=True)
class AgentDay:
    day: date
    team_name: str
    visits: list[AgentVisit]
    # the team's start point (lat, lon) if known, for the route sketch; the agent's map app for nav links
    base: tuple[float, float] | None = None
    nav_app: str = "amap"

    next_change: datetime | None = None  # when a phase next changes by the clock alone

    @property
    def done(self) -> int:
        return sum(1 for v in self.visits if v.status == VisitStatus.DONE)

    def count(self, phase: VisitPhase) -> int:
        return sum(1 for v in self.visits if v.phase == phase)


def agent_day(session: Session, *, actor: Identity, day: date | None = None) -> AgentDay:
    """The visits this agent is on for a day (default today, in the app's time zone), in route order: only
    those the agent reaches now (core.access), so a case that moved to another team leaves the list."""
    access.require(actor, access.FIELD)
    day = day or clock.today()
    rows = session.exec(
        select(Visit, Case, Debtor)
        .join(Case, col(Case.id) == Visit.case_id)
        .join(Debtor, col(Debtor.id) == Case.debtor_id)
        .where(Visit.visit_date == day, access.visit_condition(actor))
        .where(Visit.status != VisitStatus.CANCELLED)
        .order_by(func.coalesce(Visit.route_order, 10_000), col(Visit.window_start), col(Visit.id))
    ).all()
    visit_ids = [v.id for v, _, _ in rows]
    partners: dict[int, list[str]] = defaultdict(list)
    if visit_ids:
        for visit_id, name in session.exec(
            select(VisitAgent.visit_id, User.display_name)
            .join(User, col(User.id) == VisitAgent.user_id)
            .where(col(VisitAgent.visit_id).in_(visit_ids), VisitAgent.user_id != actor.id)
        ).all():
            partners[visit_id].append(name)
    debt_ids = [c.debt_id for _, c, _ in rows]
    lines: dict[int, list[Line]] = defaultdict(list)
    if debt_ids:
        for sl in session.exec(select(StatementLine).where(col(StatementLine.debt_id).in_(debt_ids))).all():
            lines[sl.debt_id].append(Line(sl.due_date, sl.amount_due_cents, sl.amount_paid_cents, sl.kind))
    team_name, base = "", None
    if actor.team_id:
        team = session.get(Team, actor.team_id)
        team_name = team.name if team else ""
        if team is not None and team.base_lat is not None and team.base_lon is not None:
            base = (team.base_lat, team.base_lon)

    today = clock.today()
    now = clock.now()
    ids = [pk(v) for v, _, _ in rows]
    reasons = not_visited_reasons(session, visit_ids=ids)
    asked = move_requests(session, visit_ids=ids)
    noticed = notices.notice_views(session, [v for v, _, _ in rows])
    facts = [_facts(v, pk(v) in asked) for v, _, _ in rows]
    phases = visit_now.day(facts, now, mark_next=day == today)
    return AgentDay(
        day=day,
        team_name=team_name,
        base=base,
        nav_app=get_nav_app(session, actor=actor),
        next_change=visit_now.next_change(facts, now) if day == today else None,
        visits=[
            AgentVisit(
                visit_id=pk(v),
                route_order=v.route_order,
                debtor_name=d.name,
                address=d.address,
                district=d.district,
                window_start=v.window_start.strftime("%H:%M"),
                window_end=v.window_end.strftime("%H:%M"),
                eta=v.eta,
                confirmation=v.confirmation,
                status=v.status,
                partner="、".join(partners.get(pk(v), [])),
                overdue_cents=totals(lines.get(c.debt_id, []), today).overdue_cents,
                lat=d.lat,
                lon=d.lon,
                phase=ph,
                late=str(visit_now.late(f, now) or "") if ph == VisitPhase.LATE else "",
                actions=tuple(str(a) for a in visit_now.actions(f, ph)) if day == today else (),
                checkin_at=clock.aware(v.checkin_at),
                done_at=clock.aware(v.checkout_at or v.outcome_at),
                drop_reason=v.drop_reason or "",
                not_visited_reason=reasons.get(pk(v), ""),
                move_requested=pk(v) in asked,
                **_notice(noticed.get(pk(v))),
            )
            for (v, c, d), f, ph in zip(rows, facts, phases)
        ],
    )


def _notice(view: notices.NoticeView | None) -> dict:
    return {"notice": view.state, "notice_at": view.at, "notice_reason": view.reason} if view else {}


def _facts(v: Visit, move_requested: bool) -> visit_now.VisitFacts:
    zone = clock.local_zone()
    return visit_now.VisitFacts(
        status=VisitStatus(v.status),
        window_start=datetime.combine(v.visit_date, v.window_start, zone),
        window_end=datetime.combine(v.visit_date, v.window_end, zone),
        eta=clock.aware(v.eta),
        checked_in=v.checkin_at is not None,
        planned=not (v.drop_reason and v.route_order is None),
        move_requested=move_requested,
    )


def visit_facts(v: Visit) -> visit_now.VisitFacts:
    """The facts the phase rule reads, for one visit (the board uses them too)."""
    return _facts(v, False)


# --- what the agent can still do about a visit that did not or will not take place ---

MOVE_KIND = "visit_move"  # the reminder the team's dispatcher gets


def not_visited_reasons(session: Session, *, visit_ids: list[int]) -> dict[int, str]:
    """The reason recorded for each visit marked "not visited" (the newest, if recorded twice)."""
    if not visit_ids:
        return {}
    rows = session.exec(
        select(AuditLog.entity_id, AuditLog.after)
        .where(
            AuditLog.action == "visit.not_visited",
            AuditLog.entity == "visit",
            col(AuditLog.entity_id).in_([str(i) for i in visit_ids]),
        )
        .order_by(col(AuditLog.id))
    ).all()
    return {int(entity_id): str((after or {}).get("reason", "")) for entity_id, after in rows if entity_id}


def move_requests(session: Session, *, visit_ids: list[int]) -> set[int]:
    """The visits whose move the dispatcher was asked for and has not dealt with yet."""
    if not visit_ids:
        return set()
    refs = {f"visit:{i}": i for i in visit_ids}
    found = session.exec(
        select(Reminder.source_ref).where(
            Reminder.kind == MOVE_KIND, col(Reminder.source_ref).in_(list(refs)), col(Reminder.done_at).is_(None)
        )
    ).all()
    return {refs[r] for r in found if r in refs}


def record_not_visited(session: Session, *, actor: Identity, visit_id: int, reason: str) -> Visit:
    """The agent on today's visit says it did not take place, and why. Nothing was a contact: the ledger
    is not touched. A visit checked in, done or already recorded cannot be marked."""
    visit, _case = access.visit_for(session, actor, visit_id, at_door=True)
    try:
        why = NotVisitedReason(reason)
    except ValueError:
        raise ValidationError("visit.bad_not_visited_reason", field="reason") from None
    if visit.status == VisitStatus.MISSED:
        raise ValidationError("visit.already_not_visited")
    if visit.checkin_at is not None or visit.status != VisitStatus.PLANNED:
        raise ValidationError("visit.already_started", status=visit.status)
    if visit.visit_date != clock.today():
        raise ValidationError("visit.not_today", day=visit.visit_date)
    visit.status = VisitStatus.MISSED
    visit.version += 1
    session.add(visit)
    audit.record(
        session,
        actor_id=actor.id,
        action="visit.not_visited",
        entity="visit",
        entity_id=visit.id,
        before={"status": VisitStatus.PLANNED.value},
        after={"status": VisitStatus.MISSED.value, "reason": why.value},
        detail=why.value,
    )
    session.flush()
    return visit


@dataclass(frozen=True)
class MoveRequest:
    reminder_id: int
    dispatcher_name: str
    created: bool  # False: it had been asked already (and not dealt with yet)


def ask_to_move(session: Session, *, actor: Identity, visit_id: int) -> MoveRequest:
    """Ask the team's dispatcher to move the visit to another time: a reminder (a task) for them, once
    while it is open. A visit checked in or done is not moved."""
    visit, case = access.visit_for(session, actor, visit_id, at_door=True)
    if visit.checkin_at is not None or visit.status in (VisitStatus.DONE, VisitStatus.CANCELLED):
        raise ValidationError("visit.move_started", status=visit.status)
    team = session.get(Team, visit.team_id or case.team_id or 0)
    dispatcher = session.get(User, team.dispatcher_id) if team is not None and team.dispatcher_id else None
    if team is None or dispatcher is None:
        raise ValidationError("visit.no_dispatcher")
    ref = f"visit:{visit.id}"
    open_one = session.exec(
        select(Reminder).where(Reminder.kind == MOVE_KIND, Reminder.source_ref == ref, col(Reminder.done_at).is_(None))
    ).first()
    if open_one is not None:
        return MoveRequest(pk(open_one), dispatcher.display_name, created=False)
    debtor = session.get(Debtor, case.debtor_id)
    reason = not_visited_reasons(session, visit_ids=[pk(visit)]).get(pk(visit), "")
    params = {
        "agent": actor.display_name,
        "debtor": mask_name(debtor.name if debtor else ""),
        "day": visit.visit_date.isoformat(),
        "window": f"{visit.window_start:%H:%M}–{visit.window_end:%H:%M}",
        "why_key": f"visit.not_visited.{reason}" if reason else "visit.move_no_reason",
    }
    reminder = Reminder(
        user_id=pk(dispatcher),
        case_id=case.id,
        kind=MOVE_KIND,
        due_at=clock.now(),
        title_key="visit.move_title",
        title_params=params,
        source_ref=ref,
    )
    session.add(reminder)
    session.flush()
    audit.record(
        session,
        actor_id=actor.id,
        action="visit.move_request",
        entity="visit",
        entity_id=visit.id,
        after={"reminder_id": reminder.id, "dispatcher_id": dispatcher.id, "reason": reason},
    )
    return MoveRequest(pk(reminder), dispatcher.display_name, created=True)


def tomorrow() -> date:
    """The next calendar day in the app's time zone (what the agent's "tomorrow" tab shows)."""

    return clock.today() + timedelta(days=1)


# --- scheduling visits for cases (dispatchers) ---

SLOTS = {"morning": 0, "afternoon": 1}


@dataclass(frozen=True)
class ScheduleResult:
    created: int
    refused: list[tuple[int, str, list[tuple[str, dict]]]]  # (case id, debtor name, [(message key, params)])

    def refused_keys(self) -> list[list[str]]:
        return [[key for key, _ in reasons] for _, _, reasons in self.refused]


def schedule(
    session: Session, *, actor: Identity, case_ids: list[int], day: date, slot: str = "morning"
) -> ScheduleResult:
    """Propose a visit on `day` in an offered slot for each case, for its team; the route planner orders
    them. The compliance policy is asked first (stop conditions, declined visits, holidays, caps) and a
    case it refuses gets no visit, with the reasons. Nothing is sent: the notice comes later."""

    access.require(actor, access.STAFF)
    cfg = policy_settings.load(session)
    start, end = cfg.visit_slots[min(SLOTS.get(slot, 0), len(cfg.visit_slots) - 1)]
    visible = set(session.exec(select(Case.id).where(col(Case.id).in_(case_ids), access.case_condition(actor))).all())
    agents_by_team: dict[int, list[int]] = defaultdict(list)
    for uid, team_id in session.exec(
        select(User.id, User.team_id).where(User.role == Role.AGENT, col(User.active).is_(True))
    ).all():
        if team_id:
            assert uid is not None  # a stored row's id
            agents_by_team[team_id].append(uid)
    created = 0
    refused: list[tuple[int, str, list[tuple[str, dict]]]] = []
    zone = clock.local_zone()
    if day < clock.today():
        return ScheduleResult(0, [(c, "", [("visit.past_day", {})]) for c in case_ids])
    for case_id in case_ids:
        case = session.get(Case, case_id) if case_id in visible else None
        if case is None:
            refused.append((case_id, "", [("error.not_found", {})]))
            continue
        debtor = session.get(Debtor, case.debtor_id)
        assert debtor is not None and debtor.id is not None and case.id is not None  # a case has its debtor
        if case.status != CaseStatus.OPEN:
            refused.append(
                (case_id, debtor.name, [(f"policy.stop.{'paused' if case.status == 'paused' else 'closed'}", {})])
            )
            continue
        if case.team_id is None:
            refused.append((case_id, debtor.name, [("visit.no_team", {})]))
            continue
        at = datetime.combine(day, start, zone)
        decision = decide(
            Proposed(Channel.VISIT, at, agents=cfg.agents_per_visit),
            cfg,
            contact.debtor_state(session, debtor, case),
            contact.history(session, debtor.id, at, cfg),
        )
        # one visit a day per debtor, whichever of their cases it is for
        already = session.exec(
            select(VisitRow.id)
            .join(Case, col(Case.id) == VisitRow.case_id)
            .where(Case.debtor_id == debtor.id, VisitRow.visit_date == day, VisitRow.status != VisitStatus.CANCELLED)
        ).first()
        if already is not None:
            refused.append((case_id, debtor.name, [("visit.already_scheduled", {})]))
            continue
        if not decision.allowed:
            refused.append((case_id, debtor.name, [(f"policy.{r.code}", r.kw) for r in decision.reasons]))
            continue
        v = VisitRow(
            case_id=case.id,
            team_id=case.team_id,
            visit_date=day,
            window_start=start,
            window_end=end,
            confirmation=Confirmation.PROPOSED,
            status=VisitStatus.PLANNED,
            priority=case.priority,
        )
        session.add(v)
        session.flush()
        assert v.id is not None  # flushed
        session.add_all([VisitAgent(visit_id=v.id, user_id=uid) for uid in agents_by_team[case.team_id]])
        created += 1

    audit.record(
        session,
        actor_id=actor.id,
        action="visit.schedule",
        entity="visit",
        after={"day": day.isoformat(), "slot": slot, "created": created, "refused": len(refused)},
    )
    return ScheduleResult(created, refused)


@lru_cache(maxsize=4096)
def _signature_query(actor: Identity, day: date, today: date) -> Any:
    """The fingerprint's statement, built once per agent, day and date (the access condition depends on
    today): building it and its SQL cache key anew took a third of a poll's CPU at 200 sessions."""
    return (
        select(Visit.id, Visit.version, Visit.status, Visit.confirmation)
        .join(Case, col(Case.id) == Visit.case_id)
        .where(Visit.visit_date == day, access.visit_condition(actor))
        .order_by(col(Visit.id))
    )


def day_signature(session: Session, *, actor: Identity, day: date) -> str:
    """A short fingerprint of the agent's visits for a day (ids, versions, statuses): the Today page polls
    it and reloads the list only when something changed (a debtor rescheduled, a re-plan, a move)."""
    access.require(actor, access.FIELD)
    rows = session.exec(_signature_query(actor, day, clock.today())).all()
    text = ";".join(f"{i}.{v}.{s}.{c}" for i, v, s, c in rows)
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()  # kept in every agent's page state
