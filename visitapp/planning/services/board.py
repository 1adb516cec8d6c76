"""Today's progress per team, for the dispatcher's live board."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from visitapp.core import access, clock
from visitapp.core.enums import VisitPhase, VisitStatus
from visitapp.core.identity import Identity
from visitapp.core.models import Case, Debtor, Team, Visit
from visitapp.core.rows import pk
from visitapp.field.rules import visit_now
from visitapp.field.services import visits


@dataclass
class TeamProgress:
    team_id: int
    team_name: str
    total: int = 0
    done: int = 0
    checked_in: int = 0
    late: int = 0
    missed: int = 0  # recorded by the agent as not visited
    dropped: int = 0
    next_stop: str = ""
    next_eta: datetime | None = None
    flagged: int = 0  # check-ins far from the address
    late_names: list[str] = field(default_factory=list)

    @property
    def remaining(self) -> int:
        return self.total - self.done


def team_progress(
    session: Session, *, actor: Identity, day: date | None = None, now: datetime | None = None
) -> list[TeamProgress]:
    """Per team: visits done / remaining, checked in, late (not checked in, past the end of its window or
    its ETA + 30 min: visitapp.field.rules.visit_now), recorded as not visited, next stop. Dispatchers see
    their own teams."""
    access.require(actor, access.STAFF)
    day = day or clock.today()
    now = now or clock.now()
    teams = access.teams_for(session, actor)
    board = {pk(t): TeamProgress(pk(t), t.name) for t in teams}
    if not board:
        return []
    rows = session.exec(
        select(Visit, Debtor.name)
        .join(Case, col(Case.id) == Visit.case_id)
        .join(Debtor, col(Debtor.id) == Case.debtor_id)
        .where(Visit.visit_date == day, col(Visit.team_id).in_(list(board)), Visit.status != VisitStatus.CANCELLED)
        .order_by(col(Visit.team_id), func.coalesce(Visit.route_order, 10_000), col(Visit.window_start), col(Visit.id))
    ).all()
    pending: dict[int, list[tuple[Visit, str]]] = defaultdict(list)
    for visit, name in rows:
        assert visit.team_id is not None  # one of the board's teams (query)
        p = board[visit.team_id]
        if visit.drop_reason and visit.route_order is None:
            p.dropped += 1
            continue
        p.total += 1
        if visit.status == VisitStatus.DONE:
            p.done += 1
            continue
        if visit.checkin_at is not None:
            p.checked_in += 1
            p.flagged += int(visit.checkin_flagged)
        phase = visit_now.phase(visits.visit_facts(visit), now)  # "late" exactly as the agent's Today says
        if phase == VisitPhase.MISSED:
            p.missed += 1
            continue
        if phase == VisitPhase.LATE:
            p.late += 1
            p.late_names.append(name)
        pending[visit.team_id].append((visit, name))
    for team_id, items in pending.items():
        upcoming = [(v, n) for v, n in items if v.checkin_at is None]
        if upcoming:
            v, n = upcoming[0]
            board[team_id].next_stop, board[team_id].next_eta = n, v.eta
    return list(board.values())


def teams_for(session: Session, *, actor: Identity) -> list[tuple[int, str]]:
    """The teams this actor plans and watches: a dispatcher's own; everyone's for supervisors and admins."""
    return [(pk(t), t.name) for t in access.teams_for(session, actor)]


def route_points(
    session: Session, *, actor: Identity, visit_ids: list[int], team_ids: list[int]
) -> tuple[dict[int, tuple[float, float]], dict[int, tuple[float, float]]]:
    """Coordinates for drawing routes: visit id -> (lat, lon) and team id -> base (lat, lon)."""
    allowed = {i for i, _ in teams_for(session, actor=actor)}
    team_ids = [t for t in team_ids if t in allowed]
    visits: dict[int, tuple[float, float]] = {}
    if visit_ids:
        for vid, lat, lon in session.exec(
            select(Visit.id, Debtor.lat, Debtor.lon)
            .join(Case, col(Case.id) == Visit.case_id)
            .join(Debtor, col(Debtor.id) == Case.debtor_id)
            .where(col(Visit.id).in_(visit_ids), col(Visit.team_id).in_(team_ids))
        ).all():
            assert vid is not None  # a stored row's id
            if lat is not None and lon is not None:
                visits[vid] = (lat, lon)
    bases = {
        pk(t): (t.base_lat, t.base_lon)
        for t in session.exec(select(Team).where(col(Team.id).in_(team_ids)))
        if t.base_lat is not None and t.base_lon is not None
    }
    return visits, bases
