"""Login, sessions, logout and per-user preferences."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from visitapp.core import audit, clock, lockout, rate_limit, versioning
from visitapp.core.enums import Locale, Role
from visitapp.core.errors import ValidationError
from visitapp.core.identity import Identity
from visitapp.core.models import AuthSession, LoginAttempt, User
from visitapp.core.rows import pk
from visitapp.core.security import (
    hash_password,
    hash_token,
    new_token,
    password_needs_rehash,
    password_problem,
    verify_password,
)
from visitapp.core.settings import get_settings

# Verifying against this keeps an unknown username as slow as a wrong password (no user enumeration).
_DUMMY_HASH = hash_password("not-a-real-password")


@dataclass(frozen=True)
class LoginResult:
    """The outcome of a login. Failures are results, not exceptions, so that the unit of work commits
    the recorded attempt (an exception would roll it back and no lockout would ever happen)."""

    token: str | None = None
    identity: Identity | None = None
    error: str | None = None  # message key
    locked_until: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.token is not None


def identity_of(user: User) -> Identity:
    assert user.id is not None
    return Identity(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=Role(user.role),
        team_id=user.team_id,
        locale=user.locale,
        must_change_password=user.must_change_password,
    )


def _locked_until(session: Session, username: str):
    now = clock.now()
    since = now - lockout.WINDOW - lockout.LOCK
    last_ok = session.exec(
        select(LoginAttempt.at)
        .where(LoginAttempt.username == username, LoginAttempt.success == True)  # noqa: E712
        .order_by(col(LoginAttempt.at).desc())
        .limit(1)
    ).first()
    if last_ok is not None and last_ok > since:
        since = last_ok
    unlocked = session.exec(select(User.unlocked_at).where(User.username == username)).first()
    if unlocked is not None and unlocked > since:  # an admin ended the lock (people.services.users.unlock)
        since = unlocked
    failures = session.exec(
        select(LoginAttempt.at)
        .where(LoginAttempt.username == username, LoginAttempt.success == False)  # noqa: E712
        .where(LoginAttempt.at > since)
        .order_by(col(LoginAttempt.at))
    ).all()
    return lockout.locked_until(list(failures), now)


# Login attempts allowed per minute before the password is even checked (hashing is slow on purpose, so a
# burst must be refused before it): per client address, and per user name from anywhere. Wrong passwords
# are bounded sooner by the lockout (visitapp.core.lockout: ten within 15 minutes lock the name, and a
# locked name is refused without hashing); these limits bound everything else.
LOGINS_PER_IP_PER_MINUTE = int(os.environ.get("VISITAPP_LOGINS_PER_IP_PER_MINUTE", "30"))
LOGINS_PER_USER_PER_MINUTE = int(os.environ.get("VISITAPP_LOGINS_PER_USER_PER_MINUTE", "20"))


def login_allowed(session: Session, *, username: str, ip: str | None) -> bool:
    """Count one login attempt against its client address and its user name; False once either is over
    its limit for this minute. The caller commits the count whatever happens next."""
    name = (username or "").strip().lower()[:64]
    ok_ip = rate_limit.hit(session, bucket=f"login-ip:{ip or '-'}", limit=LOGINS_PER_IP_PER_MINUTE, seconds=60)
    ok_user = rate_limit.hit(session, bucket=f"login-user:{name}", limit=LOGINS_PER_USER_PER_MINUTE, seconds=60)
    return ok_ip and ok_user


def login(session: Session, *, username: str, password: str, ip: str | None = None) -> LoginResult:
    """Check the password and open a session. A failure says why: one message for an unknown user and a
    wrong password, another (with the time) for a locked account."""
    username = (username or "").strip().lower()
    if not username or not password:
        return LoginResult(error="login.error.missing")
    until = _locked_until(session, username)
    if until is not None:
        session.add(LoginAttempt(username=username, success=False, ip=ip))
        audit.record(session, actor_id=None, action="login.locked", entity="user", entity_id=username)
        return LoginResult(error="login.error.locked", locked_until=until)
    user = session.exec(select(User).where(User.username == username)).first()
    ok = verify_password(user.password_hash if user else _DUMMY_HASH, password)
    if not ok or user is None or not user.active:
        session.add(LoginAttempt(username=username, success=False, ip=ip))
        audit.record(session, actor_id=None, action="login.failed", entity="user", entity_id=username)
        session.flush()
        until = _locked_until(session, username)
        if until is not None:
            return LoginResult(error="login.error.locked", locked_until=until)
        return LoginResult(error="login.error.invalid")
    if password_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    session.add(LoginAttempt(username=username, success=True, ip=ip))
    token = new_token()
    now = clock.now()
    session.add(
        AuthSession(
            token_hash=hash_token(token),
            user_id=pk(user),
            expires_at=now + timedelta(hours=get_settings().session_hours),
        )
    )
    audit.record(session, actor_id=user.id, action="login", entity="user", entity_id=user.id)
    return LoginResult(token=token, identity=identity_of(user))


def resolve(session: Session, token: str | None) -> Identity | None:
    """The identity behind a session token, or None if it is unknown, expired, revoked or inactive."""
    if not token:
        return None
    row = session.exec(
        select(AuthSession, User)
        .join(User, col(User.id) == AuthSession.user_id)
        .where(AuthSession.token_hash == hash_token(token))
    ).first()
    if row is None:
        return None
    auth, user = row
    if auth.revoked_at is not None or auth.expires_at <= clock.now() or not user.active:
        return None
    return identity_of(user)


def logout(session: Session, *, token: str | None) -> None:
    if not token:
        return
    auth = session.exec(select(AuthSession).where(AuthSession.token_hash == hash_token(token))).first()
    if auth and auth.revoked_at is None:
        auth.revoked_at = clock.now()
        session.add(auth)
        audit.record(session, actor_id=auth.user_id, action="logout", entity="user", entity_id=auth.user_id)


def locked_until(session: Session, username: str) -> datetime | None:
    """When the login lock on `username` ends (None: not locked)."""
    return _locked_until(session, (username or "").strip().lower())


def end_sessions(session: Session, *, user_id: int, keep_token: str | None = None) -> int:
    """Revoke every open session of a user (but the one of `keep_token`): a password reset, a
    deactivation, a password change elsewhere. The next event of such a session signs out. Returns how many."""
    now = clock.now()
    keep = hash_token(keep_token) if keep_token else None
    rows = session.exec(
        select(AuthSession).where(
            AuthSession.user_id == user_id, col(AuthSession.revoked_at).is_(None), AuthSession.expires_at > now
        )
    ).all()
    ended = 0
    for row in rows:
        if row.token_hash != keep:
            row.revoked_at = now
            session.add(row)
            ended += 1
    return ended


def change_password(session: Session, *, actor: Identity, token: str, current: str, new: str, repeat: str) -> None:
    """The signed-in user chooses a new password (after a reset: the one-time password is `current`). Their
    other sessions end; this one stays. Refused with a specific reason; the password is never audited."""
    user = session.get(User, actor.id)
    if user is None or not user.active:
        raise ValidationError("error.login_required")
    if not verify_password(user.password_hash, current or ""):
        raise ValidationError("password.current_wrong")
    if new != repeat:
        raise ValidationError("password.mismatch")
    problem = password_problem(new or "", username=user.username)
    if problem:
        raise ValidationError(problem)
    if verify_password(user.password_hash, new):
        raise ValidationError("password.same")
    was_one_time = user.must_change_password
    user.password_hash = hash_password(new)
    user.must_change_password = False
    user.updated_at = clock.now()
    versioning.bump(user)
    session.add(user)
    end_sessions(session, user_id=actor.id, keep_token=token)
    audit.record(
        session,
        actor_id=actor.id,
        action="user.password_change",
        entity="user",
        entity_id=actor.id,
        before={"must_change_password": was_one_time},
        after={"must_change_password": False},
    )


def set_locale(session: Session, *, actor: Identity, locale: str) -> None:
    if locale not in {loc.value for loc in Locale}:
        raise ValidationError("error.bad_locale", locale=locale)
    user = session.get(User, actor.id)
    if user is not None and user.locale != locale:
        audit.record(
            session,
            actor_id=actor.id,
            action="user.locale",
            entity="user",
            entity_id=actor.id,
            before={"locale": user.locale},
            after={"locale": locale},
        )
        user.locale = locale
        session.add(user)
