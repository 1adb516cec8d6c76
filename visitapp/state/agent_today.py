"""The agent's Today page."""

from __future__ import annotations

import reflex as rx

from visitapp import clock, i18n
from visitapp.db import session_scope
from visitapp.domain.enums import Role
from visitapp.services import visits
from visitapp.state.auth import PageState


class AgentTodayState(PageState):
    rows: list[dict[str, str]] = []
    heading: str = ""
    progress: str = ""
    loaded: bool = False

    @rx.event
    def load(self):
        identity = self._require(Role.AGENT)
        with session_scope() as s:
            day = visits.agent_day(s, actor=identity)
        lang = self.lang
        self.heading = i18n.t("agent.today.date", lang, date=day.day.isoformat(), team=day.team_name)
        self.progress = i18n.t("agent.today.progress", lang, done=day.done, total=len(day.visits))
        self.rows = [
            {
                "id": str(v.visit_id),
                "order": str(v.route_order or ""),
                "name": v.debtor_name,
                "address": v.address,
                "window": f"{v.window_start}–{v.window_end}",
                "eta": clock.to_local(v.eta).strftime("%H:%M") if v.eta else "—",
                "confirmation": v.confirmation,
                "confirmation_label": i18n.t(f"confirmation.{v.confirmation}", lang),
                "status": v.status,
                "status_label": i18n.t(f"visit.status.{v.status}", lang),
                "partner": v.partner,
                "overdue": i18n.money(v.overdue_cents, lang),
            }
            for v in day.visits
        ]
        self.loaded = True
