"""People admin (issue 13.1): create, edit, deactivate, reactivate, unlock, reset; one-time passwords that
open nothing but their change; sessions that end; a second admin told; every change audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from tests import factories as f
from visitapp.core import auth, clock, lockout
from visitapp.core.errors import Conflict, Forbidden, ValidationError
from visitapp.core.models import AuditLog, LoginAttempt, User
from visitapp.people.rules.users import UserForm, check
from visitapp.people.services import users


def _admin(session):
    return auth.identity_of(f.user(session, role="admin"))


def _form(team=None, **kw) -> UserForm:
    base = dict(username="li.na", display_name="李娜", role="agent", team_id=str(team.id) if team else "",
                badge_no="sh-a-0099", phone="187 2764 8924", locale="zh-CN")  # fmt: skip
    return UserForm(**(base | kw))


def test_the_form_check_names_every_problem_and_normalizes():
    fields, problems = check(_form(team_id="3"))
    assert problems == [] and fields is not None
    assert (fields.username, fields.badge_no, fields.phone, fields.team_id) == (
        "li.na",
        "SH-A-0099",
        "+8618727648924",
        3,
    )
    _, problems = check(UserForm(username="X", display_name=" ", role="boss", phone="12", locale="fr"))
    assert {p for p, _ in problems} == {"username", "display_name", "role", "phone", "locale"}
    _, problems = check(_form(team_id="", badge_no=""))  # an agent needs a team and a badge
    assert {k for _, k in problems} == {"people.error.agent_team", "people.error.agent_badge"}


def test_a_new_user_signs_in_with_the_one_time_password_and_can_only_change_it(session):
    admin, team = _admin(session), f.team(session)
    row, password = users.create(session, actor=admin, form=_form(team))
    assert row.must_change_password and len(password) == 12 and row.phone == "+8618727648924"
    stored = session.get(User, row.id)
    assert password not in stored.password_hash and stored.verify_token  # an agent gets a verification page
    result = auth.login(session, username="li.na", password=password)
    assert result.ok and result.identity.must_change_password
    with pytest.raises(ValidationError, match=r"password\.too_short"):
        auth.change_password(
            session, actor=result.identity, token=result.token, current=password, new="short", repeat="short"
        )
    with pytest.raises(ValidationError, match=r"password\.mismatch"):
        auth.change_password(session, actor=result.identity, token=result.token, current=password,
                             new="a long new secret", repeat="a long new secreT")  # fmt: skip
    with pytest.raises(ValidationError, match=r"password\.current_wrong"):
        auth.change_password(session, actor=result.identity, token=result.token, current="nope",
                             new="a long new secret", repeat="a long new secret")  # fmt: skip
    auth.change_password(session, actor=result.identity, token=result.token, current=password,
                         new="a long new secret", repeat="a long new secret")  # fmt: skip
    now = auth.resolve(session, result.token)
    assert now is not None and not now.must_change_password  # this session stays, now a full one
    assert not auth.login(session, username="li.na", password=password).ok
    assert auth.login(session, username="li.na", password="a long new secret").ok
    logged = session.exec(select(AuditLog).where(AuditLog.action == "user.create")).one()
    assert logged.actor_id == admin.id and logged.after["username"] == "li.na" and password not in str(logged.after)


def test_duplicates_and_unknown_teams_are_refused_with_the_field(session):
    admin, team = _admin(session), f.team(session)
    users.create(session, actor=admin, form=_form(team))
    with pytest.raises(ValidationError) as exc:
        users.create(session, actor=admin, form=_form(team, display_name="另一个"))
    assert {p for p, _ in exc.value.params["problems"]} == {"username", "badge_no"}
    with pytest.raises(ValidationError) as exc:
        users.create(session, actor=admin, form=_form(team_id="9999", username="x.y.z", badge_no="SH-9"))
    assert exc.value.params["problems"] == [("team_id", "people.error.team")]


def test_only_admins_manage_people(session):
    team = f.team(session)
    for role in ("agent", "dispatcher", "supervisor"):
        actor = auth.identity_of(f.user(session, role=role, team=team))
        with pytest.raises(Forbidden):
            users.list_users(session, actor=actor)
        with pytest.raises(Forbidden):
            users.create(session, actor=actor, form=_form(team))


def test_an_edit_is_audited_before_and_after_and_a_second_admin_is_told(session):
    admin, other_admin, team = _admin(session), _admin(session), f.team(session)
    row, _ = users.create(session, actor=admin, form=_form(team))
    saved = users.update(
        session, actor=admin, user_id=row.id, version=row.version, form=_form(team, display_name="李 娜娜")
    )
    assert saved.display_name == "李 娜娜" and saved.version == row.version + 1
    entry = session.exec(select(AuditLog).where(AuditLog.action == "user.update")).one()
    assert entry.before == {"display_name": "李娜"} and entry.after == {"display_name": "李 娜娜"}
    with pytest.raises(Conflict) as exc:  # the other admin's form was read before that save
        users.update(session, actor=other_admin, user_id=row.id, version=row.version, form=_form(team, locale="en"))
    assert exc.value.key == "people.stale" and exc.value.params["name"] == session.get(User, admin.id).display_name
    assert session.get(User, row.id).locale == "zh-CN"


def test_deactivation_ends_sessions_at_once_and_reactivation_lets_them_back(session):
    admin, team = _admin(session), f.team(session)
    agent = f.user(session, team=team)
    token = auth.login(session, username=agent.username, password=f.PASSWORD).token
    assert auth.resolve(session, token) is not None
    row = users.set_active(session, actor=admin, user_id=agent.id, version=agent.version, active=False)
    assert not row.active and auth.resolve(session, token) is None
    assert not auth.login(session, username=agent.username, password=f.PASSWORD).ok
    entry = session.exec(select(AuditLog).where(AuditLog.action == "user.deactivate")).one()
    assert entry.after == {"active": False, "sessions_ended": 1}
    row = users.set_active(session, actor=admin, user_id=agent.id, version=row.version, active=True)
    assert row.active and auth.login(session, username=agent.username, password=f.PASSWORD).ok
    assert auth.resolve(session, token) is None  # an ended session stays ended
    with pytest.raises(ValidationError, match=r"people\.error\.deactivate_self"):
        users.set_active(session, actor=admin, user_id=admin.id, version=1, active=False)


def test_a_reset_ends_sessions_and_the_next_login_must_choose_a_password(session):
    admin, team = _admin(session), f.team(session)
    agent = f.user(session, team=team)
    token = auth.login(session, username=agent.username, password=f.PASSWORD).token
    row, password = users.reset_password(session, actor=admin, user_id=agent.id, version=agent.version)
    assert row.must_change_password and auth.resolve(session, token) is None
    assert not auth.login(session, username=agent.username, password=f.PASSWORD).ok
    again = auth.login(session, username=agent.username, password=password)
    assert again.ok and again.identity.must_change_password
    with pytest.raises(ValidationError, match=r"people\.error\.reset_self"):
        users.reset_password(session, actor=admin, user_id=admin.id, version=1)
    with pytest.raises(ValidationError, match=r"people\.error\.own_admin"):
        me = session.get(User, admin.id)
        users.update(session, actor=admin, user_id=admin.id, version=me.version,
                     form=UserForm(username=me.username, display_name=me.display_name, role="supervisor"))  # fmt: skip


def test_unlock_ends_the_lock_and_keeps_the_failed_attempts(session, fixed_clock):
    admin, team = _admin(session), f.team(session)
    agent = f.user(session, team=team)
    for _ in range(lockout.MAX_FAILURES):
        auth.login(session, username=agent.username, password="wrong")
    assert users.get(session, actor=admin, user_id=agent.id).locked_until is not None
    assert auth.login(session, username=agent.username, password=f.PASSWORD).error == "login.error.locked"
    failed = len(session.exec(select(LoginAttempt).where(LoginAttempt.success == False)).all())  # noqa: E712
    clock.set_now(clock.now() + timedelta(seconds=5))
    row = users.unlock(session, actor=admin, user_id=agent.id)
    assert row.locked_until is None
    assert len(session.exec(select(LoginAttempt).where(LoginAttempt.success == False)).all()) == failed  # noqa: E712
    clock.set_now(clock.now() + timedelta(seconds=5))
    assert auth.login(session, username=agent.username, password=f.PASSWORD).ok
    with pytest.raises(ValidationError, match=r"people\.error\.not_locked"):
        users.unlock(session, actor=admin, user_id=agent.id)


def test_the_list_filters_by_text_role_and_status(session):
    admin, team = _admin(session), f.team(session)
    users.create(session, actor=admin, form=_form(team))
    gone = f.user(session, role="dispatcher", active=False)
    assert [r.username for r in users.list_users(session, actor=admin, query="李")] == ["li.na"]
    assert [r.username for r in users.list_users(session, actor=admin, query="SH-A-0099")] == ["li.na"]
    assert {r.username for r in users.list_users(session, actor=admin, role="dispatcher")} == {gone.username}
    assert gone.username in {r.username for r in users.list_users(session, actor=admin, active="no")}
    assert gone.username not in {r.username for r in users.list_users(session, actor=admin, active="yes")}
