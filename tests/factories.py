"""Small builders for test data (tests state what matters; defaults fill the rest)."""

from __future__ import annotations

import itertools
from datetime import date, time, timedelta
from functools import lru_cache

from sqlmodel import Session

from visitapp.core import clock
from visitapp.core.models import Case, Debt, Debtor, DebtorPhone, StatementLine, Team, User, Visit, VisitAgent
from visitapp.core.security import hash_password

PASSWORD = "correct horse"
_seq = itertools.count(1)


@lru_cache(maxsize=1)
def _hash() -> str:
    return hash_password(PASSWORD)


def team(s: Session, *, name: str | None = None, dispatcher: User | None = None) -> Team:
    t = Team(
        name=name or f"Team {next(_seq)}",
        base_lat=31.23,
        base_lon=121.47,
        dispatcher_id=dispatcher.id if dispatcher else None,
    )
    s.add(t)
    s.flush()
    return t


def user(
    s: Session,
    *,
    role: str = "agent",
    username: str | None = None,
    team: Team | None = None,
    locale: str = "zh-CN",
    active: bool = True,
) -> User:
    n = next(_seq)
    u = User(
        username=username or f"{role}{n}",
        display_name=f"{role.title()} {n}",
        role=role,
        team_id=team.id if team else None,
        password_hash=_hash(),
        locale=locale,
        active=active,
        badge_no=f"T-{n:04d}" if role == "agent" else None,
        verify_token=f"verify-token-{n:06d}-{'x' * 30}" if role == "agent" else None,
    )
    s.add(u)
    s.flush()
    return u


def case(
    s: Session,
    *,
    team: Team | None = None,
    agent: User | None = None,
    name: str | None = None,
    lines: list[tuple[date, int, int]] | None = None,
    phone: str = "+8613812345678",
) -> Case:
    n = next(_seq)
    d = Debtor(
        name=name or f"债务人{n}",
        address=f"上海市静安区南京西路{n}号",
        district="静安区",
        city="上海",
        lat=31.229,
        lon=121.455,
    )
    s.add(d)
    s.flush()
    s.add(DebtorPhone(debtor_id=d.id, number=phone, is_primary=True))
    debt = Debt(debtor_id=d.id, contract_no=f"HT-TEST-{n:06d}", principal_cents=1_000_000)
    s.add(debt)
    s.flush()
    today = clock.today()
    for due, amount, paid in lines if lines is not None else [(today - timedelta(days=40), 50_000, 0)]:
        s.add(StatementLine(debt_id=debt.id, due_date=due, amount_due_cents=amount, amount_paid_cents=paid))
    c = Case(
        debtor_id=d.id,
        debt_id=debt.id,
        team_id=team.id if team else None,
        agent_id=agent.id if agent else None,
        segment="B",
        district=d.district,
    )
    s.add(c)
    s.flush()
    return c


def visit(
    s: Session,
    *,
    case: Case,
    agents: list[User],
    day: date | None = None,
    order: int = 1,
    window: tuple[time, time] = (time(9), time(11)),
    confirmation: str = "proposed",
    status: str = "planned",
) -> Visit:
    v = Visit(
        case_id=case.id,
        team_id=case.team_id,
        visit_date=day or clock.today(),
        window_start=window[0],
        window_end=window[1],
        route_order=order,
        confirmation=confirmation,
        status=status,
    )
    s.add(v)
    s.flush()
    for a in agents:
        s.add(VisitAgent(visit_id=v.id, user_id=a.id))
    s.flush()
    return v
