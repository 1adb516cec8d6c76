"""Admin: the teams (/admin/teams). The list, one team's form at a time (its state belongs to the team it
edits: `edit_id`, `version`), and the team's other hours per weekday or date (the planner's shifts)."""

from __future__ import annotations

from datetime import date
from typing import Any

import reflex as rx

from visitapp import i18n
from visitapp.core import access
from visitapp.core.enums import Role
from visitapp.core.errors import Conflict, DomainError
from visitapp.people.rules.teams import TeamForm, parse_time
from visitapp.people.services import teams
from visitapp.planning.services import shifts
from visitapp.ui.auth import PageState
from visitapp.ui.entry import Ctx, handler

ADMIN = handler(access.ADMINS)
NEW = "new"
NOBODY = "none"  # a Radix select item cannot have "" as its value
FIELDS = ("name", "dispatcher_id", "agent_a", "agent_b", "base_address", "base_lat", "base_lon",
          "shift_start", "shift_end", "lunch_start", "lunch_minutes")  # fmt: skip


def _pin(lat: float | None, lon: float | None) -> str:
    return f"{lat:.5f}, {lon:.5f}" if lat is not None and lon is not None else ""


def card_of(t: teams.TeamRow, lang: str) -> dict[str, str]:
    return {
        "id": str(t.id),
        "name": t.name,
        "dispatcher": t.dispatcher_name or i18n.t("teams.no_dispatcher", lang),
        "agents": "、".join(name for _, name in t.agents) if lang == "zh-CN" else ", ".join(n for _, n in t.agents),
        "agent_note": "" if len(t.agents) >= 2 else i18n.t("teams.one_agent" if t.agents else "teams.no_agents", lang),
        "base": t.base_address,
        "pin": _pin(t.base_lat, t.base_lon),
        "hours": i18n.t(
            "teams.hours", lang, start=t.shift_start, end=t.shift_end, lunch=t.lunch_start, minutes=t.lunch_minutes
        ),
    }


def when_of(weekday: int | None, day: date | None, lang: str) -> str:
    """ "Every Friday" or the date: when other hours apply."""
    if weekday is not None:
        return i18n.t("teams.shift.every", lang, weekday=i18n.t(f"weekday.{weekday}", lang))
    return i18n.t("teams.shift.on", lang, date=day.isoformat() if day else "")


class AdminTeamsState(PageState):
    loaded: bool = False
    cards: list[dict[str, str]] = []
    count_label: str = ""
    dispatchers: list[list[str]] = []  # [id, name]
    agents: list[list[str]] = []  # [id, "name (now in team)"]
    edit_id: str = ""
    version: int = 0
    edit_title: str = ""
    form: dict[str, str] = {}
    form_key: int = 0
    problems: dict[str, str] = {}
    _problem_keys: list[tuple[str, str]] = []
    form_error: str = ""
    stale: bool = False
    # the edited team's other hours, and the form to add one
    shift_rows: list[dict[str, str]] = []
    shift_mode: str = "weekday"
    shift_error: str = ""
    shift_key: int = 0

    def _list(self, ctx: Ctx) -> None:
        lang = self.lang
        found = teams.list_teams(ctx.db, actor=ctx.actor)
        self.cards = [card_of(t, lang) for t in found]
        n = len(found)
        self.count_label = i18n.t("teams.count.one", lang) if n == 1 else i18n.t("teams.count", lang, count=n)
        names = {t.id: t.name for t in found}
        self.dispatchers = [[str(p.id), p.name] for p in teams.people(ctx.db, actor=ctx.actor, role=Role.DISPATCHER)]
        self.agents = [
            [
                str(p.id),
                i18n.t("teams.field.agent_from", lang, name=p.name, team=names[p.team_id])
                if p.team_id in names
                else p.name,
            ]
            for p in teams.people(ctx.db, actor=ctx.actor, role=Role.AGENT)
        ]
        self.loaded = True

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

    def _open(self, ctx: Ctx, team_id: int) -> None:
        t = teams.get(ctx.db, actor=ctx.actor, team_id=team_id)
        agent_ids = [str(a) for a, _ in t.agents] + [NOBODY, NOBODY]
        self.edit_id, self.version = str(t.id), t.version
        self.edit_title = i18n.t("teams.form.edit", self.lang, name=t.name)
        self.form = {
            "name": t.name,
            "dispatcher_id": str(t.dispatcher_id) if t.dispatcher_id else NOBODY,
            "agent_a": agent_ids[0],
            "agent_b": agent_ids[1],
            "base_address": t.base_address,
            "base_lat": "" if t.base_lat is None else str(t.base_lat),
            "base_lon": "" if t.base_lon is None else str(t.base_lon),
            "shift_start": t.shift_start,
            "shift_end": t.shift_end,
            "lunch_start": t.lunch_start,
            "lunch_minutes": str(t.lunch_minutes),
        }
        self._fresh_form()
        self._shifts(ctx)

    def _fresh_form(self) -> None:
        self.problems, self._problem_keys, self.form_error, self.stale = {}, [], "", False
        self.shift_error = ""
        self.form_key += 1

    def _refused(self, ctx: Ctx, exc: DomainError, message: str) -> None:
        if isinstance(exc, Conflict):
            self.stale = True
            self._say("form_error", exc.key, **exc.params)
            return None
        self.stale = False
        found = exc.params.get("problems") or []
        self._problem_keys = [(field, key) for field, key in found]
        self.problems = {field: i18n.t(key, self.lang) for field, key in found}
        self._say("form_error", "people.invalid" if found else exc.key, **({} if found else exc.params))
        return None

    def _form_of(self, data: dict[str, Any]) -> TeamForm:
        v = {name: str(data.get(name, self.form.get(name, "")) or "") for name in FIELDS}
        pick = lambda value: "" if value == NOBODY else value  # noqa: E731
        return TeamForm(
            name=v["name"],
            dispatcher_id=pick(v["dispatcher_id"]),
            agent_ids=tuple(a for a in (pick(v["agent_a"]), pick(v["agent_b"])) if a),
            base_address=v["base_address"],
            base_lat=v["base_lat"],
            base_lon=v["base_lon"],
            shift_start=v["shift_start"],
            shift_end=v["shift_end"],
            lunch_start=v["lunch_start"],
            lunch_minutes=v["lunch_minutes"],
        )

    @ADMIN
    def load(self, ctx: Ctx):
        self.edit_id, self.form, self.shift_rows = "", {}, []
        self._fresh_form()
        self._list(ctx)

    @ADMIN
    def relabel(self, ctx: Ctx):
        """After a language switch: the same page in the new language; the form keeps what is typed in it."""
        self._list(ctx)
        self.problems = {field: i18n.t(key, self.lang) for field, key in self._problem_keys}
        if self.edit_id.isdigit():
            self.edit_title = i18n.t("teams.form.edit", self.lang, name=self.form.get("name", ""))
            self._shifts(ctx)

    @ADMIN
    def new_team(self, ctx: Ctx):
        self.edit_id, self.version, self.edit_title, self.shift_rows = NEW, 0, "", []
        self.form = dict.fromkeys(FIELDS, "") | {
            "dispatcher_id": NOBODY,
            "agent_a": NOBODY,
            "agent_b": NOBODY,
            "shift_start": "09:00",
            "shift_end": "18:00",
            "lunch_start": "12:00",
            "lunch_minutes": "60",
        }
        self._fresh_form()

    @ADMIN
    def edit(self, ctx: Ctx, team_id: str):
        if str(team_id).isdigit():
            self._open(ctx, int(team_id))

    @ADMIN
    def cancel(self, ctx: Ctx):
        self.edit_id, self.form, self.shift_rows = "", {}, []
        self._fresh_form()

    @handler(access.ADMINS, on_error="_refused")
    def save(self, ctx: Ctx, data: dict):
        form = self._form_of(data)
        if self.edit_id == NEW:
            made = teams.create(ctx.db, actor=ctx.actor, form=form)
            self._list(ctx)
            self._open(ctx, made.id)
            return rx.toast.success(ctx.t("teams.created", name=made.name))
        if not self.edit_id.isdigit():
            return None
        before = self.version
        saved = teams.update(ctx.db, actor=ctx.actor, team_id=int(self.edit_id), version=self.version, form=form)
        self._list(ctx)
        self._open(ctx, saved.id)
        return rx.toast.success(ctx.t("teams.unchanged" if saved.version == before else "teams.saved", name=saved.name))

    @ADMIN
    def reload_latest(self, ctx: Ctx):
        if self.edit_id.isdigit():
            self._open(ctx, int(self.edit_id))

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
