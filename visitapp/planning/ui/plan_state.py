"""Route planning for a day: choose the date and teams, run the solver with progress, review, publish."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time as _time
from datetime import date, timedelta

import reflex as rx

from visitapp import i18n
from visitapp.core import access, clock, tasks
from visitapp.core.errors import DomainError
from visitapp.planning.rules.sketch import COLOURS, sketch_svg
from visitapp.planning.services import board, planning, shifts
from visitapp.planning.ui.notice_preview_state import NoticeDryRun
from visitapp.ui import street_map
from visitapp.ui.auth import PageState
from visitapp.ui.entry import Ctx, handler

OFFICE = handler(access.STAFF)


@dataclasses.dataclass
class StopRow:
    visit_id: str = ""
    order: str = ""
    eta: str = ""
    debtor: str = ""
    window: str = ""
    travel: str = ""
    hard: bool = False


@dataclasses.dataclass
class TeamRow:
    team_id: str = ""
    name: str = ""
    line: str = ""
    lunch: str = ""
    colour: str = ""
    stops: list[StopRow] = dataclasses.field(default_factory=list)


class PlanView(street_map.StreetMap, mixin=True):
    """Showing one plan, or the two plans after a visit moved, with their routes drawn."""

    teams: list[TeamRow] = []
    dropped: list[dict[str, str]] = []
    map_src: str = ""  # the offline sketch, when no tile server is set

    def _show(self, ctx: Ctx, *plan_ids: int) -> None:
        """Show one plan, or several side by side (after a visit moved, both teams' new plans)."""

        summaries = [planning.get_plan(ctx.db, actor=ctx.actor, plan_id=p) for p in plan_ids]
        teams = sorted((t for sm in summaries for t in sm.teams), key=lambda t: t.team_id)
        visit_ids = [st.visit_id for t in teams for st in t.stops]
        points, bases = board.route_points(
            ctx.db, actor=ctx.actor, visit_ids=visit_ids, team_ids=[t.team_id for t in teams]
        )
        lang = self.lang
        first = summaries[0]
        self.plan_ids = list(plan_ids)
        self.plan_id, self.status = first.plan_id, first.status
        self.status_label = i18n.t(f"plan.status.{first.status}", lang)
        self.summary = i18n.t(
            "plan.summary",
            lang,
            teams=len(teams),
            planned=sum(sm.planned for sm in summaries),
            dropped=sum(sm.dropped_count for sm in summaries),
            travel=sum(sm.travel_minutes for sm in summaries),
            seconds=f"{sum(sm.solver_seconds for sm in summaries):.1f}",
        )
        self.teams = [
            TeamRow(
                team_id=str(t.team_id),
                name=t.name,
                line=i18n.t("plan.team_line", lang, stops=len(t.stops), travel=t.travel_minutes),
                lunch=i18n.t("plan.lunch", lang, time=t.lunch) if t.lunch else "",
                colour=COLOURS[i % len(COLOURS)],
                stops=[
                    StopRow(
                        str(st.visit_id),
                        str(st.order),
                        st.eta,
                        st.debtor_name,
                        st.window,
                        f"{st.travel_minutes}′",
                        st.hard,
                    )
                    for st in t.stops
                ],
            )
            for i, t in enumerate(teams)
        ]
        self.dropped = [
            {
                "visit_id": str(d.visit_id),
                "team_id": str(d.team_id or ""),
                "debtor": d.debtor_name,
                "window": d.window,
                "team": d.team_name,
                "reason": i18n.t(f"plan.reason.{d.reason}", lang),
            }
            for sm in summaries
            for d in sm.dropped
        ]
        routes = [
            (bases.get(t.team_id), [points[st.visit_id] for st in t.stops if st.visit_id in points]) for t in teams
        ]
        if not self._street_map_on():
            self.map_src = sketch_svg(routes)
            return
        self.map_src = ""
        for i, (t, (base, path)) in enumerate(zip(teams, routes)):
            colour = COLOURS[i % len(COLOURS)]
            if base:
                base_pin = street_map.marker(f"base-{t.team_id}", *base, label="⌂", colour=colour, title=t.name)
                self.map_markers.append({**base_pin, "base": True})
            self.map_markers += [
                street_map.marker(
                    st.visit_id, *points[st.visit_id], label=str(st.order), colour=colour, title=st.debtor_name
                )
                for st in t.stops
                if st.visit_id in points
            ]
            line = ([base] if base else []) + path + ([base] if base else [])
            if len(line) > 1:
                self.map_lines.append(street_map.line(line, colour))


class ShiftCheck(rx.State, mixin=True):
    """Before solving: each team's hours on the chosen day, and the confirmed appointments no chosen team's
    shift covers (they would be left out "no_shift")."""

    team_hours: dict[str, str] = {}
    uncovered: list[dict[str, str]] = []

    def _check_shifts(self, ctx: Ctx) -> None:
        try:
            day = date.fromisoformat(self.day)
        except ValueError:
            self.team_hours, self.uncovered = {}, []
            return
        hours = shifts.day_hours(ctx.db, actor=ctx.actor, day=day)
        self.team_hours = {str(i): h.label for i, h in hours.items()}
        chosen = [int(t) for t in self.chosen]
        found = planning.uncovered_appointments(ctx.db, actor=ctx.actor, day=day, team_ids=chosen) if chosen else []
        self.uncovered = [{"debtor": u.debtor_masked, "window": u.window, "team": u.team_name} for u in found]


class PlanState(NoticeDryRun, ShiftCheck, PlanView, PageState):
    day: str = ""
    seconds: str = "5"
    team_options: list[list[str]] = []
    chosen: list[str] = []
    running: bool = False
    progress: int = 0
    error: str = ""
    plan_id: int = 0
    plan_ids: list[int] = []
    status: str = ""
    status_label: str = ""
    summary: str = ""
    move_message: str = ""
    move_ok: bool = True

    @OFFICE
    def load(self, ctx: Ctx):
        options = board.teams_for(ctx.db, actor=ctx.actor)
        self.team_options = [[str(i), n] for i, n in options]
        if not self.chosen:
            self.chosen = [str(i) for i, _ in options]
        if not self.day:
            self.day = (clock.today() + timedelta(days=1)).isoformat()
        if self.plan_ids:
            self._show(ctx, *self.plan_ids)
            self._preview_notices(ctx)
        self._check_shifts(ctx)

    @OFFICE
    def set_day(self, ctx: Ctx, value: str):
        self.day = value
        self._check_shifts(ctx)

    @OFFICE
    def set_seconds(self, ctx: Ctx, value: str):
        self.seconds = value

    @OFFICE
    def toggle_team(self, ctx: Ctx, team_id: str, checked: bool):
        self.chosen = [t for t in self.chosen if t != team_id] + ([team_id] if checked else [])
        self._check_shifts(ctx)

    @OFFICE
    def move(self, ctx: Ctx, visit_id: str, team_id: str):
        """Give a visit to another team and re-plan both teams (published at once); say where it landed."""
        moved = planning.move_visit(ctx.db, actor=ctx.actor, visit_id=int(visit_id), team_id=int(team_id))
        if moved.summaries:
            self._show(ctx, *[sm.plan_id for sm in moved.summaries])
            self._preview_notices(ctx)  # published now: the dry run is over
        if moved.eta is not None:
            self.move_ok = True
            self._say("move_message", "plan.moved_planned", team=moved.team_name, eta=moved.eta)
            return None  # said beside the plan (a toast would stay in this language after a switch)
        self.move_ok = False
        self._say_all(
            "move_message",
            [("plan.moved_left_out", {"team": moved.team_name, "reason": ctx.t(f"plan.reason.{moved.reason}")})],
        )
        return None

    @handler(access.STAFF, background=True)
    async def run(self, ctx: Ctx):
        identity = ctx.actor
        async with self:
            try:
                day = date.fromisoformat(self.day)
            except ValueError:
                self._say("error", "plan.bad_date")
                return
            if not self.chosen:
                self._say("error", "plan.pick_team")
                return
            if self.running:
                return
            try:
                seconds = min(max(float(self.seconds or 5), 1.0), 60.0)
            except ValueError:
                seconds = 5.0
            team_ids = [int(t) for t in self.chosen]
            self.running, self.progress, self.error, self.move_message = True, 0, "", ""

        started = _time.monotonic()
        task = asyncio.ensure_future(  # in another process (the task queue): this worker's events go on
            tasks.run(planning.plan_day_apart, actor=identity, day=day, team_ids=team_ids, seconds=seconds)
        )
        while not task.done():
            await asyncio.sleep(0.4)
            async with self:
                self.progress = min(95, round(100 * (_time.monotonic() - started) / (seconds + 1)))
        try:
            summary = task.result()
        except DomainError as exc:
            async with self:
                self.running = False
                self._say("error", exc.key, **exc.params)
            return
        except Exception:
            logging.getLogger("visitapp").exception("planning failed")
            async with self:
                self.running = False
                self._say("error", "error.unexpected")
            return
        async with self:
            self.running, self.progress = False, 100
            if summary.planned == 0 and not summary.dropped:
                self._say("error", "plan.no_visits")
            self.left_out = []
            with ctx.opened() as c:
                self._show(c, summary.plan_id)
                self._preview_notices(c)

    @OFFICE
    async def publish(self, ctx: Ctx):
        if not self.plan_id:
            return None
        leave_out = [int(x) for x in self.left_out]
        # in another process (the task queue): a big day's notices must not hold this worker's events
        count = await tasks.run(planning.publish_apart, actor=ctx.actor, plan_id=self.plan_id, leave_out=leave_out)
        with ctx.opened() as after:  # a unit of work begun after the publish, which sees what it wrote
            self._show(after, *self.plan_ids)
            self._preview_notices(after)
            self.left_out = []
            queued = planning.notices_queued(after.db, actor=after.actor, plan_id=self.plan_id)
        return rx.toast.success(ctx.t("plan.published_notices", count=count, notices=queued))
