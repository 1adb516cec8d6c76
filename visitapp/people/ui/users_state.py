"""Admin: the people who work here (/admin/users). The list with its filters, one edit form at a time (its
state belongs to the account it edits: `edit_id`, `version`), and a one-time password shown once."""

from __future__ import annotations

from typing import Any

import reflex as rx

from visitapp import i18n
from visitapp.core import access, clock
from visitapp.people.rules.users import LOCALES, ROLES, UserForm
from visitapp.people.services import users
from visitapp.people.ui.account_actions_state import AccountActions
from visitapp.people.ui.form_state import EditForm
from visitapp.ui.auth import PageState
from visitapp.ui.entry import Ctx, handler

ADMIN = handler(access.ADMINS)
ALL = "all"
FIELDS = ("username", "display_name", "role", "team_id", "badge_no", "phone", "locale")
NEW = "new"
NO_TEAM = "none"  # the team select's "no team" (a Radix select item cannot have "" as its value)


def _when(at) -> str:
    return clock.to_local(at).strftime("%Y-%m-%d %H:%M") if at else ""


def row_of(u: users.UserRow, lang: str) -> dict[str, str]:
    """What one line of the list shows: short display strings only."""
    return {
        "id": str(u.id),
        "name": u.display_name,
        "username": u.username,
        "role": i18n.t(f"role.{u.role.value}", lang),
        "team": u.team_name,
        "badge": u.badge_no,
        "active": "1" if u.active else "",
        "locked": i18n.t("people.status.locked", lang, time=_when(u.locked_until)) if u.locked_until else "",
        "one_time": "1" if u.must_change_password else "",
        "last_login": _when(u.last_login) or i18n.t("people.never", lang),
    }


class AdminUsersState(AccountActions, EditForm, PageState):
    loaded: bool = False
    query: str = ""
    role_filter: str = ALL
    status_filter: str = ALL
    rows: list[dict[str, str]] = []
    count_label: str = ""
    teams: list[list[str]] = []  # [id, name]
    edit_name: str = ""
    edit_active: bool = True
    edit_locked: str = ""
    edit_sessions: str = ""

    def _filters(self) -> dict[str, str]:
        return {
            "query": self.query,
            "role": "" if self.role_filter == ALL else self.role_filter,
            "active": {"active": "yes", "inactive": "no"}.get(self.status_filter, ""),
        }

    def _list(self, ctx: Ctx) -> None:
        found = users.list_users(ctx.db, actor=ctx.actor, **self._filters())
        lang = self.lang
        self.rows = [row_of(u, lang) for u in found]
        n = len(found)
        self.count_label = i18n.t("people.count.one", lang) if n == 1 else i18n.t("people.count", lang, count=n)
        self.teams = [[str(i), name] for i, name in users.teams(ctx.db, actor=ctx.actor)]
        self.loaded = True

    def _open(self, ctx: Ctx, user_id: int) -> None:
        u = users.get(ctx.db, actor=ctx.actor, user_id=user_id)
        self.edit_id, self.version = str(u.id), u.version
        self.form = {
            "username": u.username,
            "display_name": u.display_name,
            "role": u.role.value,
            "team_id": str(u.team_id or ""),
            "badge_no": u.badge_no,
            "phone": i18n.phone(u.phone) if u.phone else "",  # as people read it (parsed again on save)
            "locale": u.locale,
        }
        self.edit_name, self.edit_active = u.display_name, u.active
        self.edit_title = i18n.t("people.form.edit", self.lang, name=u.display_name)
        self.edit_locked = (
            i18n.t("people.status.locked", self.lang, time=_when(u.locked_until)) if u.locked_until else ""
        )
        count = users.open_sessions(ctx.db, actor=ctx.actor, user_id=u.id)
        self.edit_sessions = i18n.t("people.sessions", self.lang, count=count)
        self.edit_photo = u.photo
        self.confirming = ""
        self._fresh_form()

    def _close(self) -> None:
        self.edit_id, self.version, self.form, self.edit_name, self.confirming = "", 0, {}, "", ""
        self._fresh_form()

    def _form_of(self, data: dict[str, Any]) -> UserForm:
        values = {name: str(data.get(name, self.form.get(name, "")) or "") for name in FIELDS}
        if values["role"] not in ROLES:
            values["role"] = ""
        if values["team_id"] == NO_TEAM:
            values["team_id"] = ""
        if values["locale"] not in LOCALES:
            values["locale"] = ""
        return UserForm(**values)

    @ADMIN
    def load(self, ctx: Ctx):
        self.one_time, self.one_time_for = "", ""  # shown once: never again after leaving the page
        self._close()
        self._list(ctx)

    @ADMIN
    def relabel(self, ctx: Ctx):
        """After a language switch: the same page in the new language; the form keeps what is typed in it."""
        self._list(ctx)
        lang = self.lang
        self._problems_again()
        if self.confirming:
            self.confirm_text = i18n.t(f"people.confirm_{self.confirming}", lang, name=self.edit_name)
        if self.edit_id.isdigit():
            u = users.get(ctx.db, actor=ctx.actor, user_id=int(self.edit_id))
            self.edit_title = i18n.t("people.form.edit", lang, name=self.edit_name)
            self.edit_locked = (
                i18n.t("people.status.locked", lang, time=_when(u.locked_until)) if u.locked_until else ""
            )
            count = users.open_sessions(ctx.db, actor=ctx.actor, user_id=u.id)
            self.edit_sessions = i18n.t("people.sessions", lang, count=count)

    @ADMIN
    def set_query(self, ctx: Ctx, value: str):
        self.query = str(value or "")[:80]
        self._list(ctx)

    @ADMIN
    def set_role_filter(self, ctx: Ctx, value: str):
        self.role_filter = value if value in ROLES else ALL
        self._list(ctx)

    @ADMIN
    def set_status_filter(self, ctx: Ctx, value: str):
        self.status_filter = value if value in ("active", "inactive") else ALL
        self._list(ctx)

    @ADMIN
    def clear_filters(self, ctx: Ctx):
        self.query, self.role_filter, self.status_filter = "", ALL, ALL
        self._list(ctx)

    @ADMIN
    def new_user(self, ctx: Ctx):
        self.edit_id, self.version, self.edit_name, self.edit_active = NEW, 0, "", True
        self.form = dict.fromkeys(FIELDS, "") | {"role": "agent", "locale": "zh-CN"}
        self.edit_locked, self.edit_sessions, self.confirming = "", "", ""
        self._fresh_form()

    @ADMIN
    def edit(self, ctx: Ctx, user_id: str):
        if str(user_id).isdigit():
            self._open(ctx, int(user_id))

    @ADMIN
    def cancel(self, ctx: Ctx):
        self._close()

    @handler(access.ADMINS, on_error="_refused")
    def save(self, ctx: Ctx, data: dict):
        form = self._form_of(data)
        if self.edit_id == NEW:
            made, password = users.create(ctx.db, actor=ctx.actor, form=form)
            self.one_time, self.one_time_for = (
                password,
                i18n.t("people.one_time.for", self.lang, name=made.display_name, username=made.username),
            )
            self._list(ctx)
            self._open(ctx, made.id)
            return rx.toast.success(ctx.t("people.created", name=made.display_name))
        if not self.edit_id.isdigit():
            return None
        before = self.version
        saved = users.update(ctx.db, actor=ctx.actor, user_id=int(self.edit_id), version=self.version, form=form)
        self._list(ctx)
        self._open(ctx, saved.id)
        key = "people.unchanged" if saved.version == before else "people.saved"
        return rx.toast.success(ctx.t(key, name=saved.display_name))

    @ADMIN
    def reload_latest(self, ctx: Ctx):
        if self.edit_id.isdigit():
            self._open(ctx, int(self.edit_id))
