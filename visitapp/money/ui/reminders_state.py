"""The reminders page, for every role: the signed-in user's own reminders, open first by due time.

Thin: each handler checks the sign-in, makes one service call, and turns domain errors into messages.
"""

from __future__ import annotations

from datetime import datetime

import reflex as rx

from visitapp import i18n
from visitapp.core import access, clock
from visitapp.money.services import followup
from visitapp.ui.auth import PageState
from visitapp.ui.entry import Ctx, handler

ANYONE = handler(access.EVERYONE)


def _when(value: datetime | None) -> str:
    if value is None:
        return ""
    local = clock.to_local(value)
    return local.strftime("%H:%M") if local.date() == clock.today() else local.strftime("%m-%d %H:%M")


class RemindersState(PageState):
    rows: list[dict[str, str]] = []
    open_count: int = 0
    more: str = ""  # "the first 100 of 2,996 open" when not every open one is listed
    show_done: bool = False
    is_agent: bool = False
    loaded: bool = False

    def _fill(self, page: followup.RemindersPage) -> None:
        lang = self.lang
        items = page.items
        self.rows = [
            {
                "id": str(r.id),
                "kind": r.kind,
                "kind_label": i18n.t(
                    f"reminders.kind.{r.kind}" if r.kind in followup.KINDS else "reminders.kind.other", lang
                ),
                "title": r.title(lang),
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
        self.open_count = page.open_total
        shown = sum(1 for r in items if r.done_at is None)
        self.more = (
            i18n.t("reminders.more", lang, shown=shown, total=f"{page.open_total:,}") if page.open_total > shown else ""
        )

    def _reload(self, ctx: Ctx) -> None:
        page = followup.reminders_page(ctx.db, actor=ctx.actor, include_done=self.show_done)
        self.is_agent = ctx.actor.role in access.FIELD
        self._fill(page)
        self.loaded = True

    @ANYONE
    def load(self, ctx: Ctx):
        self._reload(ctx)

    @ANYONE
    def set_show_done(self, ctx: Ctx, value: bool):
        self.show_done = bool(value)
        self._reload(ctx)

    @ANYONE
    def mark_done(self, ctx: Ctx, reminder_id: str):
        followup.done(ctx.db, actor=ctx.actor, reminder_id=int(reminder_id) if reminder_id.isdigit() else 0)
        self._reload(ctx)
        return rx.toast.success(ctx.t("reminders.done_ok"))
