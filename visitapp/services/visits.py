"""Visits as the agent sees them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from visitapp import clock
from visitapp.domain.enums import Role, VisitStatus
from visitapp.domain.identity import Identity, require_role
from visitapp.domain.statement import Line, totals
from visitapp.models import Case, Debtor, StatementLine, Team, User, Visit, VisitAgent


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

    @property
    def done(self) -> int:
        return sum(1 for v in self.visits if v.status == VisitStatus.DONE)


def agent_day(session: Session, *, actor: Identity, day: date | None = None) -> AgentDay:
    """The visits this agent is on for a day, in route order. Only the actor's own visits."""
    require_role(actor, Role.AGENT)
    day = day or clock.today()
    rows = session.exec(
        select(Visit, Case, Debtor)
        .join(VisitAgent, VisitAgent.visit_id == Visit.id)
        .join(Case, Case.id == Visit.case_id)
        .join(Debtor, Debtor.id == Case.debtor_id)
        .where(VisitAgent.user_id == actor.id, Visit.visit_date == day)
        .where(Visit.status != VisitStatus.CANCELLED)
        .order_by(func.coalesce(Visit.route_order, 10_000), Visit.window_start, Visit.id)
    ).all()
    visit_ids = [v.id for v, _, _ in rows]
    partners: dict[int, list[str]] = defaultdict(list)
    if visit_ids:
        for visit_id, name in session.exec(
            select(VisitAgent.visit_id, User.display_name)
            .join(User, User.id == VisitAgent.user_id)
            .where(col(VisitAgent.visit_id).in_(visit_ids), VisitAgent.user_id != actor.id)
        ).all():
            partners[visit_id].append(name)
    debt_ids = [c.debt_id for _, c, _ in rows]
    lines: dict[int, list[Line]] = defaultdict(list)
    if debt_ids:
        for sl in session.exec(select(StatementLine).where(col(StatementLine.debt_id).in_(debt_ids))).all():
            lines[sl.debt_id].append(Line(sl.due_date, sl.amount_due_cents, sl.amount_paid_cents, sl.kind))
    team_name = ""
    if actor.team_id:
        team = session.get(Team, actor.team_id)
        team_name = team.name if team else ""
    today = clock.today()
    return AgentDay(
        day=day,
        team_name=team_name,
        visits=[
            AgentVisit(
                visit_id=v.id,
                route_order=v.route_order,
                debtor_name=d.name,
                address=d.address,
                district=d.district,
                window_start=v.window_start.strftime("%H:%M"),
                window_end=v.window_end.strftime("%H:%M"),
                eta=v.eta,
                confirmation=v.confirmation,
                status=v.status,
                partner="、".join(partners.get(v.id, [])),
                overdue_cents=totals(lines.get(c.debt_id, []), today).overdue_cents,
                lat=d.lat,
                lon=d.lon,
            )
            for v, c, d in rows
        ],
    )
