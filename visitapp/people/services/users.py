"""The people who work here, for administrators: create, edit, deactivate and reactivate (never delete),
unlock after the login lock, reset a password. Every change is audited with what it was before and after.

- A new user gets a one-time password, shown once to the admin and never stored in the clear nor audited;
  so does a reset. Until its owner chooses a new password (core.auth.change_password) the session can do
  nothing else (ui.entry's gate).
- A reset or a deactivation ends the user's open sessions at once: their next event signs them out.
- Edits are written on the version the admin saw (core.versioning): a second admin is told who changed
  the record and when, instead of overwriting it.
- An admin cannot deactivate themselves or take away their own admin role: the office would be locked out.
- `add` is the one way a user record comes to be: the admin's `create` and the demo both go through it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, func, select

from visitapp.core import access, audit, auth, clock, versioning
from visitapp.core.enums import Role
from visitapp.core.errors import NotFound, ValidationError
from visitapp.core.identity import Identity
from visitapp.core.models import AuthSession, LoginAttempt, Team, User
from visitapp.core.rows import pk
from visitapp.core.security import hash_password, new_one_time_password, new_token
from visitapp.people.rules.users import UserFields, UserForm, check
from visitapp.people.services import photos

ENTITY = "user"
STALE = "people.stale"
AUDITED = ("username", "display_name", "role", "team_id", "badge_no", "phone", "locale")


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    display_name: str
    role: Role
    team_id: int | None
    team_name: str
    badge_no: str
    phone: str  # E.164, "" for none
    locale: str
    active: bool
    must_change_password: bool
    locked_until: datetime | None
    last_login: datetime | None
    version: int
    photo: str  # a signed URL of the photo (people.services.photos), "" for none


def _last_logins(session: Session, usernames: list[str]) -> dict[str, datetime]:
    """The last successful sign-in of each user name, in one query."""
    if not usernames:
        return {}
    rows = session.exec(
        select(LoginAttempt.username, func.max(LoginAttempt.at))
        .where(col(LoginAttempt.username).in_(usernames), LoginAttempt.success == True)  # noqa: E712
        .group_by(col(LoginAttempt.username))
    ).all()
    return dict(rows)


def _row(session: Session, user: User, team_names: dict[int, str], last_login: datetime | None) -> UserRow:
    return UserRow(
        id=pk(user),
        username=user.username,
        display_name=user.display_name,
        role=Role(user.role),
        team_id=user.team_id,
        team_name=team_names.get(user.team_id, "") if user.team_id else "",
        badge_no=user.badge_no or "",
        phone=user.phone or "",
        locale=user.locale,
        active=user.active,
        must_change_password=user.must_change_password,
        locked_until=auth.locked_until(session, user.username),
        last_login=last_login,
        version=user.version,
        photo=photos.url(user),
    )


def _one(session: Session, user: User) -> UserRow:
    return _row(session, user, _team_names(session), _last_logins(session, [user.username]).get(user.username))


def _team_names(session: Session) -> dict[int, str]:
    return {pk(t): t.name for t in session.exec(select(Team)).all()}


def _user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id, populate_existing=True)
    if user is None:
        raise NotFound("people.not_found")
    return user


def _snapshot(user: User) -> dict[str, object]:
    return {name: getattr(user, name) for name in AUDITED}


def _checked(session: Session, form: UserForm, *, user_id: int | None = None) -> UserFields:
    """The form's fields, checked; every problem at once (the record's own and the taken ones)."""
    fields, problems = check(form)
    others = col(User.id) != user_id if user_id is not None else col(User.id).is_not(None)
    username = form.username.strip().lower()
    if username and session.exec(select(User.id).where(User.username == username, others)).first() is not None:
        problems.append(("username", "people.error.username_taken"))
    badge = form.badge_no.strip().upper()
    if badge and session.exec(select(User.id).where(User.badge_no == badge, others)).first() is not None:
        problems.append(("badge_no", "people.error.badge_taken"))
    if fields is not None and fields.team_id is not None and session.get(Team, fields.team_id) is None:
        problems.append(("team_id", "people.error.team"))
    if fields is None or problems:
        raise ValidationError(problems[0][1], problems=problems)
    return fields


def list_users(
    session: Session, *, actor: Identity, query: str = "", role: str = "", active: str = ""
) -> list[UserRow]:
    """Every user matching the filters (`active`: "yes", "no" or "" for both), by user name."""
    access.require(actor, access.ADMINS)
    stmt = select(User)
    text = query.strip().lower()
    if text:
        like = f"%{text}%"
        stmt = stmt.where(
            func.lower(User.username).like(like)
            | func.lower(User.display_name).like(like)
            | func.lower(func.coalesce(User.badge_no, "")).like(like)
        )
    if role in {r.value for r in Role}:
        stmt = stmt.where(User.role == role)
    if active in ("yes", "no"):
        stmt = stmt.where(User.active == (active == "yes"))
    found = session.exec(stmt.order_by(col(User.username))).all()  # by user name: agents stay in their order
    names, last = _team_names(session), _last_logins(session, [u.username for u in found])
    return [_row(session, u, names, last.get(u.username)) for u in found]


def get(session: Session, *, actor: Identity, user_id: int) -> UserRow:
    access.require(actor, access.ADMINS)
    return _one(session, _user(session, user_id))


def teams(session: Session, *, actor: Identity) -> list[tuple[int, str]]:
    access.require(actor, access.ADMINS)
    return [(pk(t), t.name) for t in session.exec(select(Team).order_by(col(Team.name))).all()]


def add(session: Session, fields: UserFields, *, password_hash: str, by: int | None, must_change: bool = True) -> User:
    """Write a new user (checked fields) with a hashed password; audited as made by `by` (None: the system,
    e.g. the demo)."""
    now = clock.now()
    user = User(
        username=fields.username,
        display_name=fields.display_name,
        role=fields.role,
        team_id=fields.team_id,
        badge_no=fields.badge_no,
        phone=fields.phone,
        locale=fields.locale,
        password_hash=password_hash,
        verify_token=new_token() if fields.role == Role.AGENT else None,
        must_change_password=must_change,
        updated_at=now,
    )
    session.add(user)
    session.flush()
    audit.record(session, actor_id=by, action="user.create", entity=ENTITY, entity_id=user.id, after=_snapshot(user))
    return user


def create(session: Session, *, actor: Identity, form: UserForm) -> tuple[UserRow, str]:
    """A new user with a one-time password (returned once, to be handed over; changed at the first login)."""
    access.require(actor, access.ADMINS)
    fields = _checked(session, form)
    password = new_one_time_password()
    user = add(session, fields, password_hash=hash_password(password), by=actor.id)
    return _one(session, user), password


def update(session: Session, *, actor: Identity, user_id: int, version: int, form: UserForm) -> UserRow:
    access.require(actor, access.ADMINS)
    user = _user(session, user_id)
    versioning.expect(session, user, seen=version, key=STALE, entity=ENTITY)
    fields = _checked(session, form, user_id=user_id)
    if user_id == actor.id and fields.role != Role.ADMIN:
        raise ValidationError("people.error.own_admin", problems=[("role", "people.error.own_admin")])
    before = _snapshot(user)
    values = {name: getattr(fields, name) for name in AUDITED}
    changed = {name: value for name, value in values.items() if before[name] != value}
    if not changed:
        return _one(session, user)
    if fields.role == Role.AGENT and not user.verify_token:
        changed["verify_token"] = new_token()
    user = versioning.write(
        session, user, seen=version, values={**changed, "updated_at": clock.now()}, key=STALE, entity=ENTITY
    )
    audit.record(
        session,
        actor_id=actor.id,
        action="user.update",
        entity=ENTITY,
        entity_id=user_id,
        before={k: before[k] for k in changed if k in before},
        after={k: v for k, v in changed.items() if k in before},
    )
    return _one(session, user)


def set_active(session: Session, *, actor: Identity, user_id: int, version: int, active: bool) -> UserRow:
    """Deactivate (the user can no longer sign in, and their open sessions end now) or reactivate."""
    access.require(actor, access.ADMINS)
    user = _user(session, user_id)
    versioning.expect(session, user, seen=version, key=STALE, entity=ENTITY)
    if user_id == actor.id and not active:
        raise ValidationError("people.error.deactivate_self")
    if user.active == active:
        return _one(session, user)
    user = versioning.write(
        session, user, seen=version, values={"active": active, "updated_at": clock.now()}, key=STALE, entity=ENTITY
    )
    ended = 0 if active else auth.end_sessions(session, user_id=user_id)
    audit.record(
        session,
        actor_id=actor.id,
        action="user.reactivate" if active else "user.deactivate",
        entity=ENTITY,
        entity_id=user_id,
        before={"active": not active},
        after={"active": active, "sessions_ended": ended},
    )
    return _one(session, user)


def unlock(session: Session, *, actor: Identity, user_id: int) -> UserRow:
    """End the login lock now (the failed attempts stay on record)."""
    access.require(actor, access.ADMINS)
    user = _user(session, user_id)
    until = auth.locked_until(session, user.username)
    if until is None:
        raise ValidationError("people.error.not_locked")
    user.unlocked_at = clock.now()
    session.add(user)
    session.flush()
    audit.record(
        session,
        actor_id=actor.id,
        action="user.unlock",
        entity=ENTITY,
        entity_id=user_id,
        before={"locked_until": until.isoformat()},
        after={"locked_until": None},
    )
    return _one(session, user)


def reset_password(session: Session, *, actor: Identity, user_id: int, version: int) -> tuple[UserRow, str]:
    """A new one-time password (returned once); the user's open sessions end, and the next login must choose
    a new password. A lock ends too: the admin has just given the user a way in."""
    access.require(actor, access.ADMINS)
    user = _user(session, user_id)
    versioning.expect(session, user, seen=version, key=STALE, entity=ENTITY)
    if user_id == actor.id:
        raise ValidationError("people.error.reset_self")
    password = new_one_time_password()
    now = clock.now()
    user = versioning.write(
        session,
        user,
        seen=version,
        values={
            "password_hash": hash_password(password),
            "must_change_password": True,
            "unlocked_at": now,
            "updated_at": now,
        },
        key=STALE,
        entity=ENTITY,
    )
    ended = auth.end_sessions(session, user_id=user_id)
    audit.record(
        session,
        actor_id=actor.id,
        action="user.password_reset",
        entity=ENTITY,
        entity_id=user_id,
        before={"must_change_password": False},
        after={"must_change_password": True, "sessions_ended": ended},
    )
    return _one(session, user), password


def open_sessions(session: Session, *, actor: Identity, user_id: int) -> int:
    access.require(actor, access.ADMINS)
    return len(
        session.exec(
            select(AuthSession.id).where(
                AuthSession.user_id == user_id,
                col(AuthSession.revoked_at).is_(None),
                AuthSession.expires_at > clock.now(),
            )
        ).all()
    )
