"""Visits as the agent sees them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from visitapp.cases.rules.statement import Line, totals
from visitapp.compliance.rules.policy import Proposed, decide
from visitapp.compliance.services import contact, policy_settings
from visitapp.core import access, audit, clock
from visitapp.core.enums import CaseStatus, Channel, Confirmation, Role, VisitStatus
from visitapp.core.identity import Identity
from visitapp.core.models import Case, Debtor, StatementLine, Team, User, Visit, VisitAgent
from visitapp.core.models import Visit as VisitRow
from visitapp.core.rows import pk
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


@dataclass(frozen=True)
class AgentDay:
    day: date
    team_name: str
    visits: list[AgentVisit]
    # the team's start point (lat, lon) if known, for the route sketch; the agent's map app for nav links
    base: tuple[float, float] | None = None
    nav_app: str = "amap"

    @property
    def done(self) -> int:
        return sum(1 for v in self.visits if v.status == VisitStatus.DONE)


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
    return AgentDay(
        day=day,
        team_name=team_name,
        base=base,
        nav_app=get_nav_app(session, actor=actor),
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
            )
            for v, c, d in rows
        ],
    )


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


def day_signature(session: Session, *, actor: Identity, day: date) -> str:
    """A short fingerprint of the agent's visits for a day (ids, versions, statuses): the Today page polls
    it and reloads the list only when something changed (a debtor rescheduled, a re-plan, a move)."""
    access.require(actor, access.FIELD)
    rows = session.exec(
        select(Visit.id, Visit.version, Visit.status, Visit.confirmation)
        .join(Case, col(Case.id) == Visit.case_id)
        .where(Visit.visit_date == day, access.visit_condition(actor))
        .order_by(col(Visit.id))
    ).all()
    return ";".join(f"{i}.{v}.{s}.{c}" for i, v, s, c in rows)
