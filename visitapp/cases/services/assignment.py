"""Assigning cases to agents: by hand, in bulk, and automatically by territory and load.

Who may assign what:
- agents may not assign at all;
- a dispatcher assigns only cases of the teams they run (`Team.dispatcher_id`), and only to active agents
  of those teams; cases not yet in any team are distributed by supervisors and administrators;
- supervisors and administrators assign any case to any active agent who belongs to a team.

Every assignment is one versioned UPDATE (`WHERE id = :id AND version = :expected`, bumping the version):
if someone changed the case since the user loaded it, nothing is written and `Conflict` names who changed
it last and when (from the audit log). The case moves to the agent's team. Every assignment is audited with
before and after. Assigning a case to the agent who already has it (in that agent's team) changes nothing:
no new version, no audit entry, and the result says so (`changed` False), whatever version the user saw.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from visitapp.core import access, audit, clock, versioning
from visitapp.core.enums import CaseStatus, Role, VisitStatus
from visitapp.core.enums import Role as _Role
from visitapp.core.errors import Forbidden, NotFound, ValidationError
from visitapp.core.identity import Identity
from visitapp.core.models import Case, Debtor, Team, User, Visit, VisitAgent
from visitapp.core.rows import pk, pks, select_wide

ACTION = "case.assign"
# auto-assign: a team carrying more than (1 + LOAD_TOLERANCE) x the average open cases gets no more
LOAD_TOLERANCE = 0.2
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class AssignmentResult:
    case_id: int
    agent_id: int
    team_id: int
    version: int  # the case's new version
    previous_agent_id: int | None
    previous_team_id: int | None
    changed: bool = True  # False: the case was already this agent's; nothing was written
    agent_name: str = ""


class BulkAssigned(int):
    """How many cases a bulk assignment changed; `unchanged`: those that already were the agent's."""

    unchanged: int
    agent_name: str

    def __new__(cls, changed: int, *, unchanged: int = 0, agent_name: str = "") -> BulkAssigned:
        value = super().__new__(cls, changed)
        value.unchanged, value.agent_name = unchanged, agent_name
        return value


class AutoAssigned(dict[int, int]):
    """What auto-assign did: {team_id: cases assigned to that team}, so `sum(values())` is the number
    assigned; `skipped` counts the cases left alone because the debtor has no coordinates (they need a pin)."""

    def __init__(self, counts: dict[int, int] | None = None, *, skipped: int = 0) -> None:
        super().__init__(counts or {})
        self.skipped = skipped

    def __repr__(self) -> str:
        return f"AutoAssigned({dict(self)!r}, skipped={self.skipped})"


@dataclass(frozen=True)
class _CaseRow:
    id: int
    team_id: int | None
    agent_id: int | None
    version: int
    status: str


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


# --- checks


def _case_rows(session: Session, case_ids: list[int], *, lock: bool = False) -> dict[int, _CaseRow]:
    query = select_wide(Case.id, Case.team_id, Case.agent_id, Case.version, Case.status).where(
        col(Case.id).in_(case_ids)
    )
    if lock:
        query = query.with_for_update()  # PostgreSQL: hold the rows until the unit of work ends
    return {r[0]: _CaseRow(*r) for r in session.exec(query).all()}


def _check_case(row: _CaseRow, run: set[int] | None) -> None:
    if run is not None and row.team_id not in run:
        raise Forbidden("assign.not_your_case", case_id=row.id)
    if row.status == CaseStatus.CLOSED:
        raise ValidationError("assign.case_closed", case_id=row.id)


def _agent(session: Session, agent_id: int, run: set[int] | None) -> User:
    agent = session.get(User, agent_id)
    if agent is None or agent.role != Role.AGENT or not agent.active or agent.team_id is None:
        raise ValidationError("assign.agent_invalid", agent_id=agent_id)
    if run is not None and agent.team_id not in run:
        raise Forbidden("assign.not_your_agent", agent_id=agent_id)
    return agent


# --- the one write


def _already(row: _CaseRow, agent: User) -> bool:
    return row.agent_id == agent.id and row.team_id == agent.team_id


def _apply(
    session: Session, *, actor: Identity, row: _CaseRow, agent: User, expected_version: int, how: str
) -> AssignmentResult:
    assert agent.id is not None and agent.team_id is not None
    if _already(row, agent):
        return AssignmentResult(
            row.id, agent.id, agent.team_id, row.version, row.agent_id, row.team_id, False, agent.display_name
        )
    case = session.get(Case, row.id)
    assert case is not None
    case = versioning.write(
        session,
        case,
        seen=expected_version,
        values={"agent_id": agent.id, "team_id": agent.team_id, "updated_at": clock.now()},
        key="assign.conflict",
        unknown_key="assign.conflict_unknown",
        entity="case",
        fallback_at=case.updated_at,
        case_id=row.id,
    )
    if row.team_id != agent.team_id:
        _move_planned_visits(session, row.id, agent.team_id)
    audit.record(
        session,
        actor_id=actor.id,
        action=ACTION,
        entity="case",
        entity_id=row.id,
        before={"agent_id": row.agent_id, "team_id": row.team_id, "version": expected_version},
        after={"agent_id": agent.id, "team_id": agent.team_id, "version": case.version},
        detail=how,
    )
    return AssignmentResult(
        row.id, agent.id, agent.team_id, case.version, row.agent_id, row.team_id, True, agent.display_name
    )


def _move_planned_visits(session: Session, case_id: int, team_id: int) -> None:
    """A case that changes team takes its planned visits (today on) along: the new team's agents are put on
    them and they leave the old team's routes, to be planned again."""
    from sqlmodel import delete

    visits = session.exec(
        select(Visit).where(
            Visit.case_id == case_id, Visit.status == VisitStatus.PLANNED, Visit.visit_date >= clock.today()
        )
    ).all()
    if not visits:
        return
    agents = pks(
        session.exec(
            select(User.id).where(User.team_id == team_id, User.role == _Role.AGENT, col(User.active).is_(True))
        ).all()
    )
    for v in visits:
        assert v.id is not None  # a loaded row
        session.exec(delete(VisitAgent).where(col(VisitAgent.visit_id) == v.id))
        session.add_all([VisitAgent(visit_id=v.id, user_id=uid) for uid in agents])
        v.team_id, v.plan_id, v.route_order, v.eta, v.travel_minutes = team_id, None, None, None, None
        v.drop_reason = None  # not left out of the new team's day (yet): it is to be planned again
        v.version += 1
        session.add(v)


# --- by hand


def assign(
    session: Session, *, actor: Identity, case_id: int, agent_id: int, expected_version: int
) -> AssignmentResult:
    """Assign one case, as the user saw it at `expected_version`. Raises Conflict if it changed since."""
    access.require(actor, access.STAFF)
    rows = _case_rows(session, [case_id])
    if case_id not in rows:
        raise NotFound("error.not_found")
    run = access.team_ids_run_by(session, actor)
    _check_case(rows[case_id], run)
    agent = _agent(session, agent_id, run)
    return _apply(session, actor=actor, row=rows[case_id], agent=agent, expected_version=expected_version, how="manual")


def assign_bulk(
    session: Session,
    *,
    actor: Identity,
    case_ids: list[int],
    agent_id: int,
    seen_versions: dict[int, int] | None = None,
) -> BulkAssigned:
    """Assign several cases to one agent; all or nothing: every case is checked before anything is written,
    and a case changed since the user saw it (`seen_versions`, from the list they looked at; default: its
    current version) raises Conflict (the unit of work then rolls back the ones already written).
    Returns how many were assigned (`.unchanged`: how many already were the agent's, left as they are)."""
    access.require(actor, access.STAFF)
    ids = list(dict.fromkeys(case_ids))
    if not ids:
        return BulkAssigned(0)
    rows = _case_rows(session, ids, lock=True)
    missing = [i for i in ids if i not in rows]
    if missing:
        raise NotFound("assign.cases_not_found", ids=", ".join(map(str, missing)))
    run = access.team_ids_run_by(session, actor)
    for case_id in ids:
        _check_case(rows[case_id], run)
    agent = _agent(session, agent_id, run)
    changed = 0
    for case_id in sorted(ids):
        row = rows[case_id]
        expected = (seen_versions or {}).get(case_id, row.version)
        changed += _apply(session, actor=actor, row=row, agent=agent, expected_version=expected, how="bulk").changed
    return BulkAssigned(changed, unchanged=len(ids) - changed, agent_name=agent.display_name)


# --- automatically


def auto_assign(
    session: Session,
    *,
    actor: Identity,
    case_ids: list[int] | None = None,
    only_unassigned: bool = True,
    tolerance: float = LOAD_TOLERANCE,
) -> AutoAssigned:
    """Give each case to the team whose base is nearest the debtor (haversine), unless that team already
    carries more than (1 + tolerance) x the average open cases of the candidate teams (counting the cases
    being placed): then the next-nearest such team. Within the team, the active agent with the fewest open
    cases gets it. Cases are placed in order of priority, then id.

    Candidate teams: those the actor may assign to (a dispatcher: the teams they run) with base coordinates
    and at least one active agent. Cases: the given ones (default: all the actor may assign), not closed,
    and without an agent if `only_unassigned`.

    Returns {team_id: cases assigned} (an `AutoAssigned`), with `.skipped`: the cases left alone because
    the debtor has no coordinates.
    """
    access.require(actor, access.STAFF)
    if tolerance < 0:
        raise ValidationError("assign.bad_tolerance")
    run = access.team_ids_run_by(session, actor)

    query = (
        select_wide(
            Case.id, Case.team_id, Case.agent_id, Case.version, Case.status, Case.priority, Debtor.lat, Debtor.lon
        )
        .join(Debtor, col(Debtor.id) == Case.debtor_id)
        .where(Case.status != CaseStatus.CLOSED)
    )
    if case_ids is not None:
        ids = list(dict.fromkeys(case_ids))
        known = set(session.exec(select(Case.id).where(col(Case.id).in_(ids))).all())
        missing = [i for i in ids if i not in known]
        if missing:
            raise NotFound("assign.cases_not_found", ids=", ".join(map(str, missing)))
        query = query.where(col(Case.id).in_(ids))
    elif run is not None:
        query = query.where(col(Case.team_id).in_(run))
    if only_unassigned:
        query = query.where(Case.agent_id == None)  # noqa: E711
    found = session.exec(query.order_by(col(Case.priority).desc(), col(Case.id)).with_for_update(of=Case)).all()
    for case_id, team_id, *_ in found:
        if run is not None and team_id not in run:
            raise Forbidden("assign.not_your_case", case_id=case_id)

    # candidate teams and their agents
    team_query = select(Team).where(Team.base_lat != None, Team.base_lon != None)  # noqa: E711
    if run is not None:
        team_query = team_query.where(col(Team.id).in_(run))
    teams = {pk(t): t for t in session.exec(team_query).all()}
    agents: dict[int, list[User]] = {}
    if teams:
        for agent in session.exec(
            select(User)
            .where(
                User.role == Role.AGENT,
                User.active == True,  # noqa: E712
                col(User.team_id).in_(list(teams)),
            )
            .order_by(col(User.id))
        ).all():
            assert agent.team_id is not None  # one of the teams (query)
            agents.setdefault(agent.team_id, []).append(agent)
    teams = {tid: t for tid, t in teams.items() if agents.get(tid)}

    placeable = [r for r in found if r[6] is not None and r[7] is not None]
    result = AutoAssigned(skipped=len(found) - len(placeable))
    if not placeable:
        return result
    if not teams:
        raise ValidationError("assign.no_teams")

    # open cases per team and per agent, leaving out the cases being placed now
    moving = {r[0] for r in placeable}
    team_load: Counter[int | None] = Counter(dict.fromkeys(teams, 0))
    for tid, n in session.exec(
        select(Case.team_id, func.count())
        .where(Case.status == CaseStatus.OPEN, col(Case.team_id).in_(list(teams)), col(Case.id).not_in(moving))
        .group_by(col(Case.team_id))
    ).all():
        team_load[tid] = n
    agent_ids = [a.id for members in agents.values() for a in members]
    agent_load = Counter(
        dict(
            session.exec(
                select(Case.agent_id, func.count())
                .where(Case.status == CaseStatus.OPEN, col(Case.agent_id).in_(agent_ids), col(Case.id).not_in(moving))
                .group_by(col(Case.agent_id))
            ).all()
        )
    )
    cap = (1 + tolerance) * (sum(team_load.values()) + len(placeable)) / len(teams)

    for case_id, team_id, agent_id, version, status, _priority, lat, lon in placeable:
        ranked = sorted(teams.items(), key=lambda item: (_km_to_base(lat, lon, item[1]), item[0]))
        tid, _team = next(((i, t) for i, t in ranked if team_load[i] <= cap), ranked[0])
        agent = min(agents[tid], key=lambda a: (agent_load[a.id], a.id))
        done = _apply(
            session,
            actor=actor,
            row=_CaseRow(case_id, team_id, agent_id, version, status),
            agent=agent,
            expected_version=version,
            how="auto",
        )
        team_load[tid] += 1
        agent_load[agent.id] += 1
        if done.changed:  # a case that already was this agent's is not counted as assigned
            result[tid] = result.get(tid, 0) + 1
    return result


def _km_to_base(lat: float, lon: float, team: Team) -> float:
    assert team.base_lat is not None and team.base_lon is not None  # candidate teams have a base (query)
    return haversine_km(lat, lon, team.base_lat, team.base_lon)
