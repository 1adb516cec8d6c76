"""The agent's Today page: today's or tomorrow's visits, as a list or an offline route sketch, with a
navigation link per visit into the map app the agent chose."""

from __future__ import annotations

from datetime import timedelta

import reflex as rx

from visitapp import i18n
from visitapp.core import access, clock
from visitapp.core.enums import VisitStatus
from visitapp.field.rules.navigation import DEFAULT_NAV_APP, has_position, nav_url
from visitapp.field.services import navigation, visits
from visitapp.money.services import followup
from visitapp.planning.rules.sketch import sketch_positions, sketch_svg
from visitapp.ui.auth import PageState
from visitapp.ui.entry import Ctx, handler

TABS = ("today", "tomorrow")
VIEWS = ("list", "map")
SKETCH_SIZE = 320
AGENT = handler(access.FIELD)


class AgentTodayState(PageState):
    tab: str = "today"
    view: str = "list"
    nav_app: str = DEFAULT_NAV_APP
    # only what the cards show: every field is a short display string
    rows: list[dict[str, str]] = []
    heading: str = ""
    progress: str = ""
    loaded: bool = False
    reminder_count: int = 0  # the agent's open reminders: the bell in the header
    # the map view (filled only while it is shown)
    map_src: str = ""
    map_pins: list[dict[str, str]] = []
    map_note: str = ""
    # backend only: (visit id, lat, lon, address) per row, to rebuild the nav links when the app changes
    _places: list[tuple[str, float | None, float | None, str]] = []
    _signature: str = ""  # what the list was built from; `poll` reloads only when it changes

    def _day(self):
        return clock.today() + timedelta(days=1 if self.tab == "tomorrow" else 0)

    def _load(self, ctx: Ctx) -> None:
        day = self._day()
        agent_day = visits.agent_day(ctx.db, actor=ctx.actor, day=day)
        self._signature = visits.day_signature(ctx.db, actor=ctx.actor, day=day)
        self.reminder_count = followup.count_open(ctx.db, actor=ctx.actor)
        lang = self.lang
        self.nav_app = agent_day.nav_app
        self.heading = i18n.t("agent.today.date", lang, date=agent_day.day.isoformat(), team=agent_day.team_name)
        total = len(agent_day.visits)
        self.progress = (
            i18n.t("agent.today.progress", lang, done=agent_day.done, total=total)
            if self.tab == "today"
            else i18n.t("agent.today.progress_planned", lang, total=total)
        )
        self._places = [(str(v.visit_id), v.lat, v.lon, v.address) for v in agent_day.visits]
        links = self._links()
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
                "status_label": i18n.t(f"visit.status.{v.status}", lang),
                "partner": v.partner,
                "overdue": i18n.money(v.overdue_cents, lang),
                "nav": links[i],
            }
            for i, v in enumerate(agent_day.visits)
        ]
        self._sketch(agent_day)
        self.loaded = True

    def _links(self) -> list[str]:
        # the address is the pin's label: the map provider never sees the debtor's name
        return [
            nav_url(self.nav_app, lat, lon, address) if has_position(lat, lon) else ""
            for _, lat, lon, address in self._places
        ]

    def _sketch(self, agent_day: visits.AgentDay) -> None:
        if self.view != "map":
            self.map_src, self.map_pins, self.map_note = "", [], ""
            return
        placed = [v for v in agent_day.visits if has_position(v.lat, v.lon)]
        missing = len(agent_day.visits) - len(placed)
        routes = [(agent_day.base, [(v.lat, v.lon) for v in placed])] if placed else []
        self.map_src = sketch_svg(routes, size=SKETCH_SIZE) if routes else ""
        positions = sketch_positions(routes, size=SKETCH_SIZE)[0] if routes else []
        self.map_pins = [
            {
                "id": str(v.visit_id),
                "order": str(v.route_order or n),
                "left": f"{x}%",
                "top": f"{y}%",
                "done": "1" if v.status == VisitStatus.DONE else "",
                "name": v.debtor_name,
                "eta": clock.to_local(v.eta).strftime("%H:%M") if v.eta else f"{v.window_start}–{v.window_end}",
            }
            for n, (v, (x, y)) in enumerate(zip(placed, positions), 1)
        ]
        lang = self.lang
        if agent_day.visits and not placed:
            self.map_note = i18n.t("agent.today.map_none", lang)
        elif missing:
            self.map_note = i18n.t("agent.today.map_missing", lang, count=missing)
        else:
            self.map_note = ""

    @AGENT
    def load(self, ctx: Ctx):
        self._load(ctx)

    @AGENT
    def poll(self, ctx: Ctx):
        """Every few seconds from the page: the list follows changes made elsewhere without a reload."""
        if not self.loaded:
            return
        signature = visits.day_signature(ctx.db, actor=ctx.actor, day=self._day())
        if signature != self._signature:
            self._load(ctx)

    @AGENT
    def set_tab(self, ctx: Ctx, value: str | list[str]):
        value = value if isinstance(value, str) else (value[0] if value else "")
        if value in TABS:
            self.tab = value
        self._load(ctx)

    @AGENT
    def set_view(self, ctx: Ctx, value: str | list[str]):
        value = value if isinstance(value, str) else (value[0] if value else "")
        if value in VIEWS:
            self.view = value
        self._load(ctx)

    @AGENT
    def set_nav_app(self, ctx: Ctx, value: str):
        self.nav_app = navigation.set_nav_app(ctx.db, actor=ctx.actor, app=value)
        self.rows = [{**row, "nav": link} for row, link in zip(self.rows, self._links())]
        return rx.toast.success(i18n.t("navapp.saved", self.lang, app=i18n.t(f"navapp.{self.nav_app}", self.lang)))
