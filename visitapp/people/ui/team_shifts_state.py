"""A team's other hours on the teams page: per weekday (every week) or on one date, e.g. 12:00-21:00 on the
days with evening appointments for night workers. The rules and their audit are the planner's
(`planning.services.shifts`); this mixin takes the input and says what happened. The page state
(teams_state.AdminTeamsState) provides `edit_id`."""

from __future__ import annotations

from datetime import date

import reflex as rx

from visitapp import i18n
from visitapp.core import access
from visitapp.core.errors import DomainError
from visitapp.people.rules.teams import parse_time
from visitapp.planning.services import shifts
from visitapp.ui.entry import Ctx, handler

ADMIN = handler(access.ADMINS)


def when_of(weekday: int | None, day: date | None, lang: str) -> str:
    """ "Every Friday" or the date: when other hours apply."""
    if weekday is not None:
        return i18n.t("teams.shift.every", lang, weekday=i18n.t(f"weekday.{weekday}", lang))
    return i18n.t("teams.shift.on", lang, date=day.isoformat() if day else "")


class TeamShifts(rx.State, mixin=True):
    shift_rows: list[dict[str, str]] = []  # the edited team's other hours: key ("w4", "d2026-12-05"), label
    shift_mode: str = "weekday"
    shift_error: str = ""
    shift_key: int = 0  # bumped after a shift is added: its form is drawn again

    def _shifts(self, ctx: Ctx) -> None:
        lang = self.lang
        if not self.edit_id.isdigit():
            self.shift_rows = []
            return
        self.shift_rows = [
            {
                "key": f"w{v.weekday}" if v.weekday is not None else f"d{v.day.isoformat() if v.day else ''}",
                "label": i18n.t(
                    "teams.shift.row",
                    lang,
                    when=when_of(v.weekday, v.day, lang),
                    start=v.hours.start.strftime("%H:%M"),
                    end=v.hours.end.strftime("%H:%M"),
                    lunch=v.hours.lunch_start.strftime("%H:%M"),
                    minutes=v.hours.lunch_minutes,
                ),
            }
            for v in shifts.team_shifts(ctx.db, actor=ctx.actor, team_id=int(self.edit_id))
        ]

    @ADMIN
    def set_shift_mode(self, ctx: Ctx, value: str):
        self.shift_mode = value if value in ("weekday", "date") else "weekday"

    def _shift_refused(self, ctx: Ctx, exc: DomainError, message: str) -> None:
        self._say("shift_error", exc.key, **exc.params)

    @handler(access.ADMINS, on_error="_shift_refused")
    def add_shift(self, ctx: Ctx, data: dict):
        if not self.edit_id.isdigit():
            return None
        start, end = parse_time(str(data.get("start", ""))), parse_time(str(data.get("end", "")))
        lunch = parse_time(str(data.get("lunch_start", "")))
        minutes_text = str(data.get("lunch_minutes", "0")).strip() or "0"
        if start is None or end is None or (str(data.get("lunch_start", "")).strip() and lunch is None):
            self._say("shift_error", "teams.error.time")
            return None
        if not minutes_text.isdigit() or int(minutes_text) > 180:
            self._say("shift_error", "teams.error.lunch_minutes")
            return None
        day: date | None = None
        weekday: int | None = None
        if self.shift_mode == "date":
            try:
                day = date.fromisoformat(str(data.get("day", "")))
            except ValueError:
                self._say("shift_error", "teams.shift.pick_date")
                return None
        else:
            text = str(data.get("weekday", ""))
            weekday = int(text) if text.isdigit() else None
        view = shifts.set_team_shift(
            ctx.db,
            actor=ctx.actor,
            team_id=int(self.edit_id),
            start=start,
            end=end,
            lunch_start=lunch,
            lunch_minutes=int(minutes_text),
            day=day,
            weekday=weekday,
        )
        self.shift_error = ""
        self.shift_key += 1
        self._shifts(ctx)
        return rx.toast.success(ctx.t("teams.shift.saved", when=when_of(view.weekday, view.day, self.lang)))

    @handler(access.ADMINS, on_error="_shift_refused")
    def remove_shift(self, ctx: Ctx, key: str):
        if not self.edit_id.isdigit() or len(key) < 2:
            return None
        day: date | None = None
        weekday: int | None = None
        if key[0] == "w" and key[1:].isdigit():
            weekday = int(key[1:])
        elif key[0] == "d":
            try:
                day = date.fromisoformat(key[1:])
            except ValueError:
                return None
        else:
            return None
        shifts.clear_team_shift(ctx.db, actor=ctx.actor, team_id=int(self.edit_id), day=day, weekday=weekday)
        self._shifts(ctx)
        return rx.toast.success(ctx.t("teams.shift.removed", when=when_of(weekday, day, self.lang)))
