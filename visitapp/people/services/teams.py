"""Teams, for administrators: the pair of agents, the dispatcher who runs it, the home base (an address and
its pin) and the usual shift with its break. Other hours per weekday or date are the planner's
(`planning.services.shifts`), set from the same page. Every change is audited with before and after.

- An agent belongs to exactly one team: choosing an agent for a team moves them from the team they were
  in (audited on the agent too). An agent can leave a team only by being chosen for another one (or by an
  edit of the account), so nobody is left without a team by accident.
- A team holds at most a pair of agents; its dispatcher is an active dispatcher.
- Edits are written on the version the admin saw (core.versioning).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from visitapp.core import access, audit, clock, versioning
from visitapp.core.enums import Role
from visitapp.core.errors import NotFound, ValidationError
from visitapp.core.identity import Identity
from visitapp.core.models import Team, User
from visitapp.core.rows import pk
from visitapp.people.rules.teams import TeamFields, TeamForm, check

ENTITY = "team"
STALE = "teams.stale"
AUDITED = (
    "name",
    "dispatcher_id",
    "base_address",
    "base_lat",
    "base_lon",
    "shift_start",
    "shift_end",
    "lunch_start",
    "lunch_minutes",
)


@dataclass(frozen=True)
class TeamRow:
    id: int
    name: str
    dispatcher_id: int | None
    dispatcher_name: str
    agents: tuple[tuple[int, str], ...]  # (id, name), by name
    base_address: str
    base_lat: float | None
    base_lon: float | None
    shift_start: str  # HH:MM
    shift_end: str
    lunch_start: str
    lunch_minutes: int
    version: int


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    team_id: int | None


def _plain(value: object) -> object:
    return value.strftime("%H:%M") if hasattr(value, "strftime") else value


def _snapshot(team: Team) -> dict[str, object]:
    return {name: _plain(getattr(team, name)) for name in AUDITED}


def _row(session: Session, team: Team) -> TeamRow:
    dispatcher = session.get(User, team.dispatcher_id) if team.dispatcher_id else None
    agents = session.exec(
        select(User).where(User.team_id == team.id, User.role == Role.AGENT).order_by(col(User.display_name))
    ).all()
    return TeamRow(
        id=pk(team),
        name=team.name,
        dispatcher_id=team.dispatcher_id,
        dispatcher_name=dispatcher.display_name if dispatcher else "",
        agents=tuple((pk(a), a.display_name) for a in agents),
        base_address=team.base_address,
        base_lat=team.base_lat,
        base_lon=team.base_lon,
        shift_start=team.shift_start.strftime("%H:%M"),
        shift_end=team.shift_end.strftime("%H:%M"),
        lunch_start=team.lunch_start.strftime("%H:%M"),
        lunch_minutes=int(team.lunch_minutes or 0),
        version=team.version,
    )


def _team(session: Session, team_id: int) -> Team:
    team = session.get(Team, team_id, populate_existing=True)
    if team is None:
        raise NotFound("teams.not_found")
    return team


def list_teams(session: Session, *, actor: Identity) -> list[TeamRow]:
    access.require(actor, access.ADMINS)
    return [_row(session, t) for t in session.exec(select(Team).order_by(col(Team.name))).all()]


def get(session: Session, *, actor: Identity, team_id: int) -> TeamRow:
    access.require(actor, access.ADMINS)
    return _row(session, _team(session, team_id))


def people(session: Session, *, actor: Identity, role: Role) -> list[Person]:
    """The active users of a role (the agents and dispatchers a team can be given), by name."""
    access.require(actor, access.ADMINS)
    rows = session.exec(
        select(User).where(User.role == role, User.active == True).order_by(col(User.display_name))  # noqa: E712
    ).all()
    return [Person(pk(u), u.display_name, u.team_id) for u in rows]


def _checked(session: Session, form: TeamForm, *, team_id: int | None) -> TeamFields:
    fields, problems = check(form)
    others = col(Team.id) != team_id if team_id is not None else col(Team.id).is_not(None)
    name = " ".join(form.name.split())
    if name and session.exec(select(Team.id).where(Team.name == name, others)).first() is not None:
        problems.append(("name", "teams.error.name_taken"))
    if fields is not None:
        if fields.dispatcher_id is not None:
            who = session.get(User, fields.dispatcher_id)
            if who is None or who.role != Role.DISPATCHER or not who.active:
                problems.append(("dispatcher_id", "teams.error.dispatcher"))
        for agent_id in fields.agent_ids:
            who = session.get(User, agent_id)
            if who is None or who.role != Role.AGENT or not who.active:
                problems.append(("agent_ids", "teams.error.agent"))
                break
        if team_id is not None:
            staying = set(fields.agent_ids)
            for agent in session.exec(select(User).where(User.team_id == team_id, User.role == Role.AGENT)).all():
                if pk(agent) not in staying:
                    problems.append(("agent_ids", "teams.error.agent_left"))
                    break
    if fields is None or problems:
        raise ValidationError(problems[0][1], problems=problems)
    return fields


def _move_agents(session: Session, *, actor: Identity, team: Team, agent_ids: tuple[int, ...]) -> list[int]:
    """Put the chosen agents into `team` (from wherever they were); returns who moved."""
    moved = []
    for agent_id in agent_ids:
        agent = session.get(User, agent_id)
        assert agent is not None
        if agent.team_id == team.id:
            continue
        before = agent.team_id
        agent.team_id = team.id
        agent.updated_at = clock.now()
        versioning.bump(agent)
        session.add(agent)
        audit.record(
            session,
            actor_id=actor.id,
            action="user.update",
            entity="user",
            entity_id=agent_id,
            before={"team_id": before},
            after={"team_id": team.id},
        )
        moved.append(agent_id)
    return moved


def _values(fields: TeamFields) -> dict[str, object]:
    return {name: getattr(fields, name) for name in AUDITED}


def create(session: Session, *, actor: Identity, form: TeamForm) -> TeamRow:
    access.require(actor, access.ADMINS)
    fields = _checked(session, form, team_id=None)
    team = Team(**_values(fields), updated_at=clock.now())  # type: ignore[arg-type]
    session.add(team)
    try:
        session.flush()
    except IntegrityError:  # the same name saved by another admin a moment ago
        raise ValidationError("teams.error.name_taken", problems=[("name", "teams.error.name_taken")]) from None
    moved = _move_agents(session, actor=actor, team=team, agent_ids=fields.agent_ids)
    audit.record(
        session,
        actor_id=actor.id,
        action="team.create",
        entity=ENTITY,
        entity_id=team.id,
        after={**_snapshot(team), "agents": moved},
    )
    return _row(session, team)


def update(session: Session, *, actor: Identity, team_id: int, version: int, form: TeamForm) -> TeamRow:
    access.require(actor, access.ADMINS)
    team = _team(session, team_id)
    versioning.expect(session, team, seen=version, key=STALE, entity=ENTITY)
    fields = _checked(session, form, team_id=team_id)
    before = _snapshot(team)
    values = _values(fields)
    changed = {k: v for k, v in values.items() if before[k] != _plain(v)}
    if changed:
        team = versioning.write(
            session, team, seen=version, values={**changed, "updated_at": clock.now()}, key=STALE, entity=ENTITY
        )
    moved = _move_agents(session, actor=actor, team=team, agent_ids=fields.agent_ids)
    if changed or moved:
        if not changed:
            versioning.bump(team)
            session.add(team)
            session.flush()
        audit.record(
            session,
            actor_id=actor.id,
            action="team.update",
            entity=ENTITY,
            entity_id=team_id,
            before={k: before[k] for k in changed},
            after={**{k: _plain(v) for k, v in changed.items()}, **({"agents": moved} if moved else {})},
        )
    return _row(session, team)
