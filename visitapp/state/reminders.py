"""The reminders page, for every role: the signed-in user's own reminders, open first by due time.

Thin: each handler checks the sign-in, makes one service call, and turns domain errors into messages.
"""

from __future__ import annotations

from datetime import UTC, datetime

import reflex as rx

from visitapp import clock, i18n
from visitapp.db import session_scope
from visitapp.domain.enums import Role
from visitapp.domain.errors import DomainError
from visitapp.services import followup
from visitapp.state.auth import PageState

ROLES = (Role.AGENT, Role.DISPATCHER, Role.SUPERVISOR, Role.ADMIN)


def _when(value: datetime | None) -> str:
    if value is None:
        return ""
    local = clock.to_local(value if value.tzinfo else value.replace(tzinfo=UTC))
    return local.strftime("%H:%M") if local.date() == clock.today() else local.strftime("%m-%d %H:%M")


class RemindersState(PageState):
    rows: list[dict[str, str]] = []
    open_count: int = 0
    show_done: bool = False
    is_agent: bool = False
    loaded: bool = False

    def _fill(self, items: list[followup.ReminderOut]) -> None:
        lang = self.lang
        self.rows = [
            {
                "id": str(r.id),
                "kind": r.kind,
                "kind_label": i18n.t(
                    f"reminders.kind.{r.kind}" if r.kind in followup.KINDS else "reminders.kind.other", lang
                ),
                "title": r.title,
                "when": i18n.t("reminders.done_at", lang, time=_when(r.done_at))
                if r.done_at
                else i18n.t("reminders.overdue" if r.overdue else "reminders.due", lang, time=_when(r.due_at)),
                "overdue": "1" if r.overdue else "",
                "done": "1" if r.done_at else "",
                "case": i18n.t("reminders.case", lang, case=r.case_id, debtor=r.debtor or "—") if r.case_id else "",
                "link": r.link,
            }
            for r in items
        ]
        self.open_count = sum(1 for r in items if r.done_at is None)

    def _reload(self) -> None:
        identity = self._require(*ROLES)
        with session_scope() as s:
            items = followup.reminders(s, actor=identity, include_done=self.show_done)
        self.is_agent = identity.role == Role.AGENT
        self._fill(items)
        self.loaded = True

    @rx.event
    def load(self):
        self._reload()

    @rx.event
    def set_show_done(self, value: bool):
        self.show_done = bool(value)
        self._reload()

    @rx.event
    def mark_done(self, reminder_id: str):
        identity = self._require(*ROLES)
        try:
            with session_scope() as s:
                followup.done(s, actor=identity, reminder_id=int(reminder_id))
        except (DomainError, ValueError) as exc:
            key = exc.key if isinstance(exc, DomainError) else "error.not_found"
            return rx.toast.error(i18n.t(key, self.lang))
        self._reload()
        return rx.toast.success(i18n.t("reminders.done_ok", self.lang))
