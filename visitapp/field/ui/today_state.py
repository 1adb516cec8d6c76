"""The agent's Today page: today's or tomorrow's visits, as a list or a map (today_map_state), with a
navigation link per visit into the map app the agent chose. Each card says where the visit stands now
(done, in progress, next, late, not visited; on Tomorrow, not planned and why) and offers what can still
be done about it; the list follows the clock (a window ending) and changes made elsewhere."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta

import reflex as rx

from visitapp import i18n
from visitapp.compliance.services import notices
from visitapp.core import access, clock
from visitapp.core.enums import VisitPhase
from visitapp.field.rules.navigation import DEFAULT_NAV_APP, link_or_none, nav_parts
from visitapp.field.rules.visit_now import Action
from visitapp.field.services import navigation, visits
from visitapp.field.ui.notice_state import notice_words
from visitapp.field.ui.today_map_state import TodayMap
from visitapp.field.ui.visit_actions_state import VisitActions
from visitapp.money.services import followup
from visitapp.ui.auth import PageState
from visitapp.ui.entry import Ctx, handler

TABS = ("today", "tomorrow")
VIEWS = ("list", "map")
AGENT = handler(access.FIELD)
DROP_REASONS = ("no_time", "window_unreachable", "no_coordinates", "lunch_conflict", "stopped")


def _hhmm(at: datetime | None) -> str:
    return clock.to_local(at).strftime("%H:%M") if at else ""


def when_line(v: visits.AgentVisit, lang: str) -> str:
    """The one line that says where the visit stands, in words."""
    window = f"{v.window_start}–{v.window_end}"
    if v.phase == VisitPhase.DONE:
        return i18n.t("agent.today.done_at", lang, time=_hhmm(v.done_at)) if v.done_at else ""
    if v.phase == VisitPhase.IN_PROGRESS:
        return i18n.t("agent.today.checked_in_at", lang, time=_hhmm(v.checkin_at)) if v.checkin_at else ""
    if v.phase == VisitPhase.LATE:
        return i18n.t(f"agent.today.late.{v.late or 'window'}", lang, window=window, eta=_hhmm(v.eta))
    if v.phase == VisitPhase.MISSED:
        why = i18n.t(f"visit.not_visited.{v.not_visited_reason or 'other'}", lang)
        return i18n.t("agent.today.not_visited_because", lang, reason=why)
    if v.phase == VisitPhase.NOT_PLANNED:
        code = v.drop_reason if v.drop_reason in DROP_REASONS else "other"
        return i18n.t("agent.today.not_planned", lang, reason=i18n.t(f"agent.today.dropped.{code}", lang))
    return ""


def notice_line(v: visits.AgentVisit, lang: str) -> str:
    """The visit's pre-visit notice, while the visit is still to come: queued for when, sent when, or why
    not (blocked by the contact check, left out by the dispatcher, not needed)."""
    if v.phase not in (VisitPhase.UPCOMING, VisitPhase.NEXT) or not v.notice:
        return ""
    return notice_words(notices.NoticeView(v.notice, v.notice_at, v.notice_reason), lang)


def card(v: visits.AgentVisit, lang: str, nav: str) -> dict[str, str]:
    """What one card shows: short display strings only, interned: the cards of a day repeat most of them
    (a label, a window, the partner), and the page state that keeps them stores each repeat as a reference."""
    return {k: sys.intern(str(text)) for k, text in _card(v, lang, nav).items()}  # str: an enum is its value


def _card(v: visits.AgentVisit, lang: str, nav: str) -> dict[str, str]:
    to_come = v.phase in (VisitPhase.UPCOMING, VisitPhase.NEXT)
    return {
        "id": str(v.visit_id),
        "order": str(v.route_order or ""),
        "name": v.debtor_name,
        "address": v.address,
        "window": f"{v.window_start}–{v.window_end}",
        "eta": _hhmm(v.eta) if to_come and v.eta else "",  # a planned arrival only while it is still to come
        "confirmation": str(v.confirmation),  # the value, not an enum member (a dict of strings)
        "confirmation_label": i18n.t(f"confirmation.{v.confirmation}", lang),
        "phase": v.phase.value,
        "phase_label": i18n.t(f"agent.today.phase.{v.phase.value}", lang),
        "when": when_line(v, lang),
        "moved": i18n.t("agent.today.move_requested", lang) if v.move_requested else "",
        "notice": notice_line(v, lang),
        "notice_state": v.notice,
        "can_not_visit": "1" if Action.NOT_VISITED in v.actions else "",
        "can_move": "1" if Action.ASK_MOVE in v.actions else "",
        "partner": v.partner,
        "overdue": i18n.money(v.overdue_cents, lang),
        "nav": nav,
    }


class AgentTodayState(TodayMap, VisitActions, PageState):
    tab: str = "today"
    nav_app: str = DEFAULT_NAV_APP
    # every card's link is nav_head + its "nav" (the place's part) + nav_tail: the app's fixed parts once
    nav_head: str = ""
    nav_tail: str = ""
    # only what the cards show: every field is a short display string
    rows: list[dict[str, str]] = []
    heading: str = ""
    progress: str = ""
    summary: str = ""  # done, in progress, late, not visited (today); planned, not planned (tomorrow)
    loaded: bool = False
    reminder_count: int = 0  # the agent's open reminders: the bell in the header
    _signature: str = ""  # what the list was built from; `poll` reloads only when it changes
    _next_change: str = ""  # ISO instant at which a card changes by the clock alone ("" = none today)

    def _day(self):
        return clock.today() + timedelta(days=1 if self.tab == "tomorrow" else 0)

    def _load(self, ctx: Ctx) -> None:
        day = self._day()
        agent_day = visits.agent_day(ctx.db, actor=ctx.actor, day=day)
        self._signature = visits.day_signature(ctx.db, actor=ctx.actor, day=day)
        self._next_change = agent_day.next_change.isoformat() if agent_day.next_change else ""
        self.reminder_count = followup.count_open(ctx.db, actor=ctx.actor)
        lang = self.lang
        self.nav_app = agent_day.nav_app
        self.nav_head, self.nav_tail = nav_parts(self.nav_app)
        self.heading = i18n.t("agent.today.date", lang, date=agent_day.day.isoformat(), team=agent_day.team_name)
        count = agent_day.count
        total = len(agent_day.visits) - count(VisitPhase.NOT_PLANNED)
        if self.tab == "today":
            self.progress = i18n.t("agent.today.progress", lang, done=agent_day.done, total=total)
            self.summary = i18n.t(
                "agent.today.summary",
                lang,
                done=count(VisitPhase.DONE),
                in_progress=count(VisitPhase.IN_PROGRESS),
                late=count(VisitPhase.LATE),
                missed=count(VisitPhase.MISSED),
            )
        else:
            self.progress = i18n.t("agent.today.progress_planned", lang, total=total)
            dropped = count(VisitPhase.NOT_PLANNED)
            self.summary = (
                i18n.t("agent.today.summary_tomorrow", lang, planned=total, not_planned=dropped) if dropped else ""
            )
        self.rows = [card(v, lang, self._link(v)) for v in agent_day.visits]
        self._sketch(agent_day)
        self.loaded = True

    def _link(self, v: visits.AgentVisit) -> str:
        # the address is the pin's label: the map provider never sees the debtor's name
        return link_or_none(self.nav_app, v.lat, v.lon, v.address, query_only=True)

    def _after_visit_action(self, ctx: Ctx) -> None:
        self._load(ctx)

    def _visit_name(self, visit_id: int) -> str:
        return next((r["name"] for r in self.rows if r["id"] == str(visit_id)), "")

    @AGENT
    def load(self, ctx: Ctx):
        self._load(ctx)

    @AGENT
    def poll(self, ctx: Ctx):
        """Every few seconds from the page: the list follows changes made elsewhere, and the clock (a window
        ending makes a visit late), without a reload."""
        if not self.loaded:
            return
        due = bool(self._next_change) and clock.now() >= datetime.fromisoformat(self._next_change)
        if due or visits.day_signature(ctx.db, actor=ctx.actor, day=self._day()) != self._signature:
            self._load(ctx)

    @AGENT
    def set_tab(self, ctx: Ctx, value: str | list[str]):
        value = value if isinstance(value, str) else (value[0] if value else "")
        if value in TABS:
            self.tab, self.acting_on = value, ""
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
        self._load(ctx)  # the cards' links in the new app (the places are not kept in the page state)
        app = i18n.t(f"navapp.{self.nav_app}", self.lang)
        return rx.toast.success(i18n.t("navapp.saved", self.lang, app=app), id="nav-app")  # one toast, replaced
