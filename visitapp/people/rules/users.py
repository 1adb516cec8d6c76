"""What a user record may hold: the checks of an admin's form, pure (no SQL, no Reflex)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from visitapp.cases.rules.importing.cells import e164_or_none
from visitapp.core.enums import Locale, Role

USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{2,63}")
BADGE = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{1,31}")
ROLES = tuple(r.value for r in Role)
LOCALES = tuple(loc.value for loc in Locale)
MAX_NAME = 80


@dataclass(frozen=True)
class UserForm:
    """An admin's form for one user, as typed (strings), before any check."""

    username: str = ""
    display_name: str = ""
    role: str = ""
    team_id: str = ""  # "" for none, else the team's id
    badge_no: str = ""
    phone: str = ""
    locale: str = Locale.ZH.value


@dataclass(frozen=True)
class UserFields:
    """A checked form: what is written to the record."""

    username: str
    display_name: str
    role: Role
    team_id: int | None
    badge_no: str | None
    phone: str | None  # E.164
    locale: str


def check(form: UserForm) -> tuple[UserFields | None, list[tuple[str, str]]]:
    """The checked fields, or None and every problem as (field, message key)."""
    problems: list[tuple[str, str]] = []
    username = form.username.strip().lower()
    if not USERNAME.fullmatch(username):
        problems.append(("username", "people.error.username"))
    name = " ".join(form.display_name.split())
    if not name:
        problems.append(("display_name", "people.error.name_missing"))
    elif len(name) > MAX_NAME:
        problems.append(("display_name", "people.error.name_long"))
    role = form.role.strip()
    if role not in ROLES:
        problems.append(("role", "people.error.role"))
    team_id: int | None = None
    if form.team_id.strip():
        if form.team_id.strip().isdigit():
            team_id = int(form.team_id.strip())
        else:
            problems.append(("team_id", "people.error.team"))
    if role == Role.AGENT.value and team_id is None:
        problems.append(("team_id", "people.error.agent_team"))
    badge = form.badge_no.strip().upper()
    if badge and not BADGE.fullmatch(badge):
        problems.append(("badge_no", "people.error.badge"))
    if role == Role.AGENT.value and not badge:
        problems.append(("badge_no", "people.error.agent_badge"))
    phone: str | None = None
    if form.phone.strip():
        phone = e164_or_none(form.phone)
        if phone is None:
            problems.append(("phone", "people.error.phone"))
    locale = form.locale if form.locale in LOCALES else ""
    if not locale:
        problems.append(("locale", "people.error.locale"))
    if problems:
        return None, problems
    return UserFields(username, name, Role(role), team_id, badge or None, phone, locale), []
