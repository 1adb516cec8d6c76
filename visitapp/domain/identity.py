"""Who is acting, and the role checks every service and handler makes."""

from __future__ import annotations

from dataclasses import dataclass

from visitapp.domain.enums import Role
from visitapp.domain.errors import Forbidden


@dataclass(frozen=True)
class Identity:
    id: int
    username: str
    display_name: str
    role: Role
    team_id: int | None
    locale: str

    @property
    def is_staff(self) -> bool:
        return self.role in (Role.DISPATCHER, Role.SUPERVISOR, Role.ADMIN)


def require_role(identity: Identity | None, *roles: Role) -> Identity:
    """Raise Forbidden unless the identity exists and has one of the roles."""
    if identity is None:
        raise Forbidden("error.login_required")
    if roles and identity.role not in roles:
        raise Forbidden("error.forbidden_role", role=identity.role.value)
    return identity


def home_path(role: Role | str) -> str:
    from visitapp import routes

    return routes.AGENT_TODAY if Role(role) == Role.AGENT else routes.DISPATCH_CASES
