"""Teams admin (issue 13.1): the pair, the dispatcher, the base with its pin, the usual hours; agents move
between teams but are never left without one; a second admin is told; every change audited."""

from __future__ import annotations

from datetime import time

import pytest
from sqlmodel import select

from tests import factories as f
from visitapp.core import auth, clock
from visitapp.core.errors import Conflict, Forbidden, ValidationError
from visitapp.core.models import AuditLog, Team, User
from visitapp.people.rules.teams import TeamForm, check
from visitapp.people.services import teams
from visitapp.planning.services import shifts


def _admin(session):
    return auth.identity_of(f.user(session, role="admin"))


def _form(**kw) -> TeamForm:
    base = dict(name="闵行五队", base_address="上海市闵行区莘庄镇", base_lat="31.1120", base_lon="121.3810",
                shift_start="09:00", shift_end="18:00", lunch_start="12:00", lunch_minutes="60")  # fmt: skip
    return TeamForm(**(base | kw))


def test_the_team_form_check_names_every_problem():
    fields, problems = check(_form(agent_ids=("3", "4")))
    assert problems == [] and fields.agent_ids == (3, 4) and fields.shift_end == time(18)
    _, problems = check(_form(name=" ", agent_ids=("3", "3"), base_lat="95", shift_start="9h", lunch_minutes="-5"))
    assert {p for p, _ in problems} == {"name", "agent_ids", "base_lat", "shift_start", "lunch_minutes"}
    _, problems = check(_form(agent_ids=("1", "2", "3")))
    assert problems == [("agent_ids", "teams.error.pair")]
    _, problems = check(_form(base_lon=""))
    assert problems == [("base_lat", "teams.error.pin_half")]
    _, problems = check(_form(lunch_start="17:30", lunch_minutes="60"))  # the break would end after the shift
    assert problems == [("lunch_start", "shift.bad_lunch")]
    _, problems = check(_form(shift_start="18:00", shift_end="09:00"))
    assert ("shift_end", "shift.bad_hours") in problems


def test_a_new_team_takes_its_pair_from_their_old_team_and_both_moves_are_audited(session):
    admin = _admin(session)
    old = f.team(session, name="旧队")
    a, b = f.user(session, team=old), f.user(session, team=old)
    dispatcher = f.user(session, role="dispatcher")
    row = teams.create(
        session, actor=admin, form=_form(dispatcher_id=str(dispatcher.id), agent_ids=(str(a.id), str(b.id)))
    )
    assert {i for i, _ in row.agents} == {a.id, b.id} and row.dispatcher_name == dispatcher.display_name
    assert session.get(User, a.id).team_id == row.id and (row.base_lat, row.base_lon) == (31.112, 121.381)
    made = session.exec(select(AuditLog).where(AuditLog.action == "team.create")).one()
    assert made.after["name"] == "闵行五队" and sorted(made.after["agents"]) == sorted([a.id, b.id])
    moves = session.exec(select(AuditLog).where(AuditLog.action == "user.update")).all()
    assert {(m.entity_id, m.before["team_id"], m.after["team_id"]) for m in moves} == {
        (str(a.id), old.id, row.id),
        (str(b.id), old.id, row.id),
    }


def test_an_agent_is_never_left_without_a_team_and_roles_are_checked(session):
    admin, team = _admin(session), f.team(session)
    a, b = f.user(session, team=team), f.user(session, team=team)
    version = session.get(Team, team.id).version
    with pytest.raises(ValidationError) as exc:  # b would be left without a team
        teams.update(
            session, actor=admin, team_id=team.id, version=version, form=_form(name=team.name, agent_ids=(str(a.id),))
        )
    assert exc.value.params["problems"] == [("agent_ids", "teams.error.agent_left")]
    not_a_dispatcher = f.user(session, role="supervisor")
    with pytest.raises(ValidationError) as exc:
        pair = (str(a.id), str(b.id))
        form = _form(name=team.name, dispatcher_id=str(not_a_dispatcher.id), agent_ids=pair)
        teams.update(session, actor=admin, team_id=team.id, version=version, form=form)
    assert exc.value.params["problems"] == [("dispatcher_id", "teams.error.dispatcher")]
    other = f.team(session, name="另一队")
    with pytest.raises(ValidationError) as exc:
        teams.update(session, actor=admin, team_id=other.id, version=1, form=_form(name=team.name))
    assert exc.value.params["problems"] == [("name", "teams.error.name_taken")]


def test_an_edit_is_audited_and_a_second_admin_is_told(session):
    admin, other_admin = _admin(session), _admin(session)
    row = teams.create(session, actor=admin, form=_form())
    saved = teams.update(
        session, actor=admin, team_id=row.id, version=row.version, form=_form(shift_end="21:00", lunch_start="17:00")
    )
    assert saved.shift_end == "21:00" and saved.version == row.version + 1
    entry = session.exec(select(AuditLog).where(AuditLog.action == "team.update")).one()
    assert entry.before == {"shift_end": "18:00", "lunch_start": "12:00"}
    assert entry.after == {"shift_end": "21:00", "lunch_start": "17:00"}
    with pytest.raises(Conflict) as exc:
        teams.update(session, actor=other_admin, team_id=row.id, version=row.version, form=_form(name="改名"))
    assert exc.value.key == "teams.stale"
    assert session.get(Team, row.id).name == "闵行五队"
    # the planner reads the new usual hours
    [hours] = shifts.hours_for(session, [session.get(Team, row.id)], clock.today()).values()
    assert (hours.start, hours.end, hours.lunch_start) == (time(9), time(21), time(17))


def test_only_admins_manage_teams(session):
    team = f.team(session)
    for role in ("agent", "dispatcher", "supervisor"):
        actor = auth.identity_of(f.user(session, role=role, team=team))
        with pytest.raises(Forbidden):
            teams.list_teams(session, actor=actor)
        with pytest.raises(Forbidden):
            teams.create(session, actor=actor, form=_form(name=f"x-{role}"))
