"""Who is acting: resolved from the session on every event and request, never taken from the browser."""

from __future__ import annotations

from dataclasses import dataclass

from visitapp.core.enums import Role


@dataclass(frozen=True)
class Identity:
    id: int
    username: str
    display_name: str
    role: Role
    team_id: int | None
    locale: str
    must_change_password: bool = False  # signed in with a one-time password: only a new one may be chosen
