"""What the agent can still do about a visit that will not take place, on Today and on the dossier: record
it as not visited with a reason, and ask the team's dispatcher to move it (a task in their reminders).
The rules are in field/services/visits.py; this mixin only takes the input and says what happened."""

from __future__ import annotations

import reflex as rx

from visitapp import i18n
from visitapp.core import access
from visitapp.field.services import visits
from visitapp.ui.entry import Ctx, handler

AT_DOOR = handler(access.FIELD)


class VisitActions(rx.State, mixin=True):
    acting_on: str = ""  # the visit whose "not visited" form is open ("" = none)

    def _after_visit_action(self, ctx: Ctx) -> None:
        """The page shows the visit's new state (Today reloads its list, the dossier itself)."""
        raise NotImplementedError

    @AT_DOOR
    def open_not_visited(self, ctx: Ctx, visit_id: str):
        self.acting_on = str(visit_id)

    @AT_DOOR
    def close_not_visited(self, ctx: Ctx):
        self.acting_on = ""

    @AT_DOOR
    def not_visited(self, ctx: Ctx, form: dict):
        visit_id = int(form.get("visit_id") or 0) if str(form.get("visit_id") or "").isdigit() else 0
        reason = str(form.get("reason") or "")
        visits.record_not_visited(ctx.db, actor=ctx.actor, visit_id=visit_id, reason=reason)
        self.acting_on = ""
        name = self._visit_name(visit_id)
        self._after_visit_action(ctx)
        label = i18n.t(f"visit.not_visited.{reason}", self.lang)
        return rx.toast.success(i18n.t("agent.today.not_visited_saved", self.lang, name=name, reason=label))

    @AT_DOOR
    def ask_move(self, ctx: Ctx, visit_id: str):
        asked = visits.ask_to_move(ctx.db, actor=ctx.actor, visit_id=int(visit_id) if str(visit_id).isdigit() else 0)
        self._after_visit_action(ctx)
        key = "agent.today.move_sent" if asked.created else "agent.today.move_already"
        return rx.toast.success(i18n.t(key, self.lang, dispatcher=asked.dispatcher_name))

    def _visit_name(self, visit_id: int) -> str:
        return ""
