"""Cases as dispatchers and supervisors see them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, func, select

from visitapp import clock
from visitapp.domain.enums import Role
from visitapp.domain.identity import Identity, require_role
from visitapp.domain.privacy import mask_phone
from visitapp.models import Case, Debt, Debtor, DebtorPhone, StatementLine, Team, User

PAGE_SIZE = 25


@dataclass(frozen=True)
class CaseRow:
    case_id: int
    debtor_name: str
    phone_masked: str
    district: str
    overdue_cents: int
    days_overdue: int
    segment: str
    status: str
    agent_name: str | None
    team_name: str | None


@dataclass(frozen=True)
class CasePage:
    rows: list[CaseRow]
    page: int
    pages: int
    total: int


def _visible_cases(actor: Identity):
    """Dispatchers see the cases of the teams they run; supervisors and admins see all."""
    query = select(Case.id)
    if actor.role == Role.DISPATCHER:
        query = query.join(Team, Team.id == Case.team_id).where(Team.dispatcher_id == actor.id)
    return query


def list_cases(session: Session, *, actor: Identity, page: int = 1, page_size: int = PAGE_SIZE,
               today: date | None = None) -> CasePage:
    require_role(actor, Role.DISPATCHER, Role.SUPERVISOR, Role.ADMIN)
    today = today or clock.today()
    visible = _visible_cases(actor).subquery()
    total = session.exec(select(func.count()).select_from(visible)).one()
    pages = max(1, -(-total // page_size))
    page = min(max(1, page), pages)

    outstanding = StatementLine.amount_due_cents - StatementLine.amount_paid_cents
    is_overdue = sa.and_(StatementLine.due_date < today, outstanding > 0)
    overdue = (
        select(
            StatementLine.debt_id.label("debt_id"),
            func.sum(sa.case((is_overdue, outstanding), else_=0)).label("overdue"),
            func.min(sa.case((is_overdue, StatementLine.due_date), else_=None)).label("oldest"),
        )
        .group_by(StatementLine.debt_id)
        .subquery()
    )
    primary_phone = (
        select(DebtorPhone.debtor_id, func.min(DebtorPhone.number).label("number"))
        .where(DebtorPhone.is_primary == True)  # noqa: E712
        .group_by(DebtorPhone.debtor_id)
        .subquery()
    )
    agent = aliased(User)
    query = (
        select(Case, Debtor.name, Debtor.district, overdue.c.overdue, overdue.c.oldest, primary_phone.c.number,
               agent.display_name, Team.name)
        .join(Debtor, Debtor.id == Case.debtor_id)
        .join(Debt, Debt.id == Case.debt_id)
        .outerjoin(overdue, overdue.c.debt_id == Debt.id)
        .outerjoin(primary_phone, primary_phone.c.debtor_id == Debtor.id)
        .outerjoin(agent, agent.id == Case.agent_id)
        .outerjoin(Team, Team.id == Case.team_id)
        .where(col(Case.id).in_(select(visible.c.id)))
        .order_by(sa.desc(func.coalesce(overdue.c.overdue, 0)), Case.id)
        .offset((page - 1) * page_size)
        .limit(page_size)
    )
    rows = []
    for case, name, district, overdue_cents, oldest, phone, agent_name, team_name in session.exec(query).all():
        if isinstance(oldest, str):  # SQLite returns MIN() over a CASE as text
            oldest = date.fromisoformat(oldest)
        rows.append(
            CaseRow(
                case_id=case.id,
                debtor_name=name,
                phone_masked=mask_phone(phone),
                district=district,
                overdue_cents=int(overdue_cents or 0),
                days_overdue=(today - oldest).days if oldest else 0,
                segment=case.segment,
                status=case.status,
                agent_name=agent_name,
                team_name=team_name,
            )
        )
    return CasePage(rows=rows, page=page, pages=pages, total=total)
