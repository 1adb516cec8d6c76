"""The agent's day on the phone (issue 14): what the phone keeps so that Today and each dossier open
without a connection.

`snapshot` is built whenever the agent's Today loads online (`/api/agent/day`): today and tomorrow, each
visit the agent reaches now (core.access, through `visits.agent_day`) with what the agent needs at the
door, and no more personal data than the online dossier shows:

- the route: order, window, ETA, address, position (and its link in the agent's map app), partner,
  confirmation, where the visit stands;
- the debtor's name and masked phones; the full numbers only for today's visits (an offline reveal is
  allowed for those only, and the phone queues it for the audit log: outbox kind "reveal");
- the statement lines and totals, the talking points, the last outcomes and notes, an active plan's
  schedule.

It belongs to one user (`owner`); the phone drops it at logout, when its days are over, and a visit
leaves it with the next snapshot once it is reassigned or cancelled. Making one is audited, with the
visits it holds.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session, col, select

from visitapp.cases.services import statement as case_statement
from visitapp.core import access, audit, clock
from visitapp.core.identity import Identity
from visitapp.core.models import Case, Debtor, DebtorPhone, Note, User, Visit, VisitOutcome
from visitapp.core.privacy import mask_phone
from visitapp.core.rows import pk
from visitapp.field.rules.navigation import link_or_none
from visitapp.field.services import scripts, visits
from visitapp.money.services import followup, plans

HISTORY = 3  # outcomes and notes per visit: the last few, as the dossier's top shows them
FORMAT = 2  # the snapshot's layout; the phone ignores one it does not know (2: talking points once each)


def snapshot(session: Session, *, actor: Identity, lang: str = "zh-CN") -> dict[str, Any]:
    """Today and tomorrow for this agent, as plain JSON (see the module's docstring)."""
    access.require(actor, access.FIELD)
    today = clock.today()
    days = []
    held: list[int] = []
    points: dict[tuple[str, str], int] = {}  # the talking points, once each: visits name them by index
    for day in (today, today + timedelta(days=1)):
        agent_day = visits.agent_day(session, actor=actor, day=day)
        days.append(
            {
                "day": day.isoformat(),
                "team": agent_day.team_name,
                "base": list(agent_day.base) if agent_day.base else None,
                "visits": [
                    _visit(session, actor, v, day == today, today, lang, points, agent_day.nav_app)
                    for v in agent_day.visits
                ],
            }
        )
        held += [v.visit_id for v in agent_day.visits]
    audit.record(
        session,
        actor_id=actor.id,
        action="day.snapshot",
        entity="user",
        entity_id=actor.id,
        after={"visits": held},
        detail=f"{len(held)} visit(s) kept on the phone",
    )
    return {
        "format": FORMAT,
        "owner": str(actor.id),
        "made_at": clock.now().isoformat(),
        "today": today.isoformat(),
        "keep_until": (today + timedelta(days=2)).isoformat(),  # the phone drops it from this day on
        "days": days,
        "reminders": followup.count_open(session, actor=actor),  # the bell's number, as Today shows it
        "points": [{"title": title, "body": body} for title, body in points],
    }


def _visit(
    session: Session,
    actor: Identity,
    v: visits.AgentVisit,
    is_today: bool,
    today: date,
    lang: str,
    points: dict[tuple[str, str], int],
    nav_app: str,
) -> dict[str, Any]:
    visit = session.get(Visit, v.visit_id)
    assert visit is not None  # listed a moment ago, in the same unit of work
    case = session.get(Case, visit.case_id)
    assert case is not None
    debtor = session.get(Debtor, case.debtor_id)
    assert debtor is not None
    numbers = list(
        session.exec(
            select(DebtorPhone.number)
            .where(DebtorPhone.debtor_id == debtor.id)
            .order_by(col(DebtorPhone.is_primary).desc(), col(DebtorPhone.id))
        ).all()
    )
    rows, sums = case_statement.statement(session, case, today)
    case_plans = plans.case_plans(session, actor=actor, visit_id=pk(visit))
    signed = case_plans.signed
    return {
        "id": v.visit_id,
        "case_id": pk(case),
        "order": v.route_order,
        "name": v.debtor_name,
        "address": v.address,
        "district": v.district,
        "lat": v.lat,
        "lon": v.lon,
        "nav": link_or_none(nav_app, v.lat, v.lon, v.address),
        "window": [v.window_start, v.window_end],
        "eta": clock.to_local(v.eta).strftime("%H:%M") if v.eta else "",
        "confirmation": v.confirmation,
        "status": v.status,
        "phase": str(v.phase),
        "partner": v.partner,
        "checked_in": v.checkin_at is not None,
        "phones_masked": [mask_phone(n) for n in numbers],
        "phones": numbers if is_today else [],  # an offline reveal: today's visits only, audited when sent
        "statement": [
            {
                "due": r.due_date.isoformat(),
                "kind": r.kind,
                "text": r.description,
                "due_cents": r.due_cents,
                "paid_cents": r.paid_cents,
                "open_cents": r.outstanding_cents,
                "days_overdue": r.days_overdue,
            }
            for r in rows
        ],
        "totals": asdict(sums),
        "talking_points": [
            points.setdefault((s.title, s.body), len(points))
            for s in scripts.suggest(session, actor=actor, visit_id=pk(visit), lang=lang)
        ],
        "outcomes": _outcomes(session, pk(case)),
        "notes": _notes(session, pk(case)),
        "plan": None
        if signed is None
        else {
            "status": str(signed.status),
            "months": signed.months,
            "total_cents": signed.total_cents,
            "open_cents": signed.open_cents,
            "schedule": [
                {
                    "seq": i.seq,
                    "due": i.due_date.isoformat() if i.due_date else "",
                    "amount_cents": i.amount_cents,
                    "paid_cents": i.paid_cents,
                    "status": i.status,
                }
                for i in signed.schedule
            ],
        },
    }


def _outcomes(session: Session, case_id: int) -> list[dict[str, str]]:
    found = session.exec(
        select(VisitOutcome, col(Visit.visit_date))
        .join(Visit, col(Visit.id) == VisitOutcome.visit_id)
        .where(VisitOutcome.case_id == case_id)
        .order_by(col(VisitOutcome.created_at).desc(), col(VisitOutcome.id).desc())
        .limit(HISTORY)
    ).all()
    return [{"day": day.isoformat(), "outcome": str(o.outcome)} for o, day in found]


def _notes(session: Session, case_id: int) -> list[dict[str, str]]:
    found = session.exec(
        select(Note, User.display_name)
        .join(User, col(User.id) == Note.author_id)
        .where(Note.case_id == case_id)
        .order_by(col(Note.created_at).desc(), col(Note.id).desc())
        .limit(HISTORY)
    ).all()
    return [
        {"at": clock.to_local(clock.aware(n.created_at)).strftime("%m-%d %H:%M"), "by": by, "body": n.body}
        for n, by in found
    ]
