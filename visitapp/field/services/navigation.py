"""Which map app a user's navigation buttons open: a per-user preference stored in `User.nav_app`."""

from __future__ import annotations

from sqlmodel import Session

from visitapp.core import audit
from visitapp.core.errors import NotFound
from visitapp.core.identity import Identity
from visitapp.core.models import User
from visitapp.field.rules.navigation import DEFAULT_NAV_APP, NAV_APPS, validate_app


def nav_app_of(user: User | None) -> str:
    """The user's choice; an unknown stored value (e.g. an app we stopped supporting) falls back to the default."""
    app = user.nav_app if user is not None else None
    return app if app in NAV_APPS else DEFAULT_NAV_APP


def get_nav_app(session: Session, *, actor: Identity) -> str:
    return nav_app_of(session.get(User, actor.id))


def set_nav_app(session: Session, *, actor: Identity, app: str) -> str:
    """Remember the actor's map app (only their own). Unknown apps raise ValidationError; a change is audited."""
    validate_app(app)
    user = session.get(User, actor.id)
    if user is None or not user.active:
        raise NotFound("error.not_found")
    if user.nav_app != app:
        audit.record(
            session,
            actor_id=actor.id,
            action="user.nav_app",
            entity="user",
            entity_id=actor.id,
            before={"nav_app": user.nav_app},
            after={"nav_app": app},
        )
        user.nav_app = app
        session.add(user)
        session.flush()
    return app
