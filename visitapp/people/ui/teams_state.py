"""Admin: the teams (/admin/teams). The list, one team's form at a time (its state belongs to the team it
edits: `edit_id`, `version`), and the team's other hours per weekday or date (the planner's shifts)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from visitapp import i18n
from visitapp.core import access
from visitapp.core.enums import Role
from visitapp.people.rules.teams import TeamForm
from visitapp.people.services import teams
from visitapp.people.ui.form_state import EditForm
from visitapp.people.ui.team_shifts_state import TeamShifts
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


class AdminTeamsState(TeamShifts, EditForm, PageState):
    loaded: bool = False
    cards: list[dict[str, str]] = []
    count_label: str = ""
    dispatchers: list[list[str]] = []  # [id, name]
    agents: list[list[str]] = []  # [id, "name (now in team)"]

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
        self.shift_error = ""
        self._fresh_form()
        self._shifts(ctx)

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
        self._problems_again()
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
