from datetime import timedelta

from sqlmodel import select

from tests import factories as f
from visitapp.core import auth, clock
from visitapp.core.enums import Role
from visitapp.core.models import AuditLog, AuthSession


def test_login_opens_a_session_that_resolves_and_logs_out(session):
    u = f.user(session, role="dispatcher", username="disp")
    result = auth.login(session, username="Disp ", password=f.PASSWORD)
    assert result.identity.id == u.id and result.identity.role == Role.DISPATCHER
    stored = session.exec(select(AuthSession)).one()
    assert stored.token_hash != result.token  # only the hash is stored
    assert auth.resolve(session, result.token).username == "disp"
    auth.logout(session, token=result.token)
    assert auth.resolve(session, result.token) is None
    actions = [a.action for a in session.exec(select(AuditLog).order_by(AuditLog.id)).all()]
    assert actions == ["login", "logout"]


def test_wrong_password_and_unknown_user_get_the_same_error(session):
    f.user(session, username="agentx")
    wrong = auth.login(session, username="agentx", password="nope")
    unknown = auth.login(session, username="nobody", password="nope")
    assert not wrong.ok and wrong.token is None
    assert wrong.error == unknown.error == "login.error.invalid"
    assert auth.login(session, username="", password="x").error == "login.error.missing"


def test_inactive_user_cannot_log_in(session):
    f.user(session, username="gone", active=False)
    assert not auth.login(session, username="gone", password=f.PASSWORD).ok


def test_session_expires(session):
    f.user(session, username="a1")
    token = auth.login(session, username="a1", password=f.PASSWORD).token
    clock.set_now(clock.now() + timedelta(hours=12, seconds=1))
    assert auth.resolve(session, token) is None


def test_ten_wrong_passwords_lock_the_account_for_fifteen_minutes(session):
    f.user(session, username="victim")
    start = clock.now()
    for i in range(9):
        clock.set_now(start + timedelta(seconds=30 * i))
        assert auth.login(session, username="victim", password="wrong").error == "login.error.invalid"
    clock.set_now(start + timedelta(minutes=5))
    locked = auth.login(session, username="victim", password="wrong")
    assert locked.error == "login.error.locked"
    assert locked.locked_until == start + timedelta(minutes=20)
    # even the right password is refused while locked
    clock.set_now(start + timedelta(minutes=19))
    assert auth.login(session, username="victim", password=f.PASSWORD).error == "login.error.locked"
    clock.set_now(start + timedelta(minutes=20))
    assert auth.login(session, username="victim", password=f.PASSWORD).identity.username == "victim"


def test_set_locale_is_remembered_and_audited(session):
    u = f.user(session, username="lang")
    ident = auth.identity_of(u)
    auth.set_locale(session, actor=ident, locale="en")
    token = auth.login(session, username="lang", password=f.PASSWORD).token
    assert auth.resolve(session, token).locale == "en"
    entry = session.exec(select(AuditLog).where(AuditLog.action == "user.locale")).one()
    assert entry.before == {"locale": "zh-CN"} and entry.after == {"locale": "en"}
