"""Admin: the teams (/admin/teams), at a laptop's width: the teams on the left, the one being edited on the
right (below on a narrow screen), with its other hours per weekday or date."""

from __future__ import annotations

import reflex as rx

from visitapp.people.ui.form import edit_form, labelled
from visitapp.people.ui.teams_state import NEW, NOBODY
from visitapp.people.ui.teams_state import AdminTeamsState as S
from visitapp.ui import lean
from visitapp.ui.layout import THEME, TOUCH, empty_state, loading, page


def _card(c: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(c["name"], size="4"),
                rx.spacer(),
                rx.button(
                    rx.icon("pencil", size=14),
                    S.t["people.edit"],
                    on_click=S.edit(c["id"]),
                    variant=rx.cond(S.edit_id == c["id"], "solid", "soft"),
                    aria_label=S.t["people.edit"] + " " + c["name"],
                    class_name="team-open",
                    **TOUCH,
                ),
                width="100%",
                align="center",
            ),
            rx.text(S.t["teams.agents"], ": ", c["agents"], size="2"),
            rx.cond(c["agent_note"] != "", rx.text(c["agent_note"], size="1", color="var(--amber-11)")),
            rx.text(S.t["teams.dispatcher"], ": ", c["dispatcher"], size="2"),
            rx.text(S.t["teams.base"], ": ", c["base"], size="2"),
            rx.cond(
                c["pin"] != "",
                rx.text(c["pin"], size="1", color="var(--gray-11)"),
                rx.text(S.t["teams.no_pin"], size="1", color="var(--amber-11)"),
            ),
            rx.text(c["hours"], size="2", color="var(--gray-11)"),
            spacing="1",
            width="100%",
        ),
        width="100%",
        class_name="team-card",
        data_team=c["name"],
    )


def _labelled(label, control: rx.Component, name: str) -> rx.Component:
    return labelled(S, label, control, name)


def _input(name: str, label_key: str, **props) -> rx.Component:
    return _labelled(
        S.t[label_key],
        rx.input(name=name, default_value=S.form[name], id=f"team-{name}", size="3", width="100%", **props),
        name,
    )


def _person_select(name: str, label_key: str, options, problem: str) -> rx.Component:
    return _labelled(
        S.t[label_key],
        rx.select.root(
            rx.select.trigger(id=f"team-{name}", width="100%"),
            rx.select.content(
                rx.select.item(S.t["teams.field.nobody"], value=NOBODY),
                rx.foreach(options, lambda p: rx.select.item(p[1], value=p[0])),
            ),
            name=name,
            default_value=S.form[name],
            size="3",
        ),
        problem,
    )


def _shifts() -> rx.Component:
    return rx.vstack(
        rx.divider(),
        rx.heading(S.t["teams.other_hours"], size="3"),
        rx.cond(
            S.shift_rows.length() > 0,
            rx.vstack(
                rx.foreach(
                    S.shift_rows,
                    lambda r: rx.hstack(
                        rx.text(r["label"], size="2"),
                        rx.spacer(),
                        rx.button(
                            S.t["teams.shift.remove"],
                            on_click=S.remove_shift(r["key"]),
                            variant="soft",
                            color_scheme="gray",
                            class_name="shift-remove",
                            **TOUCH,
                        ),
                        width="100%",
                        align="center",
                        class_name="shift-row",
                    ),
                ),
                width="100%",
                spacing="1",
                id="team-shifts",
            ),
            rx.text(S.t["teams.no_other_hours"], size="2", color="var(--gray-11)", id="team-no-shifts"),
        ),
        rx.form(
            rx.vstack(
                rx.text(S.t["teams.shift.add"], size="2", weight="medium"),
                lean.toggles(
                    S.shift_mode,
                    ("weekday", S.t["teams.shift.weekday"], "shift-mode-weekday", None),
                    ("date", S.t["teams.shift.date"], "shift-mode-date", None),
                    on_pick=S.set_shift_mode,
                    id="shift-mode",
                ),
                rx.cond(
                    S.shift_mode == "date",
                    rx.input(type="date", name="day", id="shift-day", size="3"),
                    rx.el.select(
                        *[rx.el.option(S.t[f"weekday.{d}"], value=str(d)) for d in range(7)],
                        name="weekday",
                        id="shift-weekday",
                        class_name="nav-app-select form-select",
                        aria_label=S.t["teams.shift.weekday"],
                    ),
                ),
                rx.grid(
                    _labelled(
                        S.t["teams.field.shift_start"],
                        rx.input(name="start", type="time", default_value="12:00", id="shift-start", size="3"),
                        "start",
                    ),
                    _labelled(
                        S.t["teams.field.shift_end"],
                        rx.input(name="end", type="time", default_value="21:00", id="shift-end", size="3"),
                        "end",
                    ),
                    _labelled(
                        S.t["teams.field.lunch_start"],
                        rx.input(name="lunch_start", type="time", default_value="17:00", id="shift-lunch", size="3"),
                        "lunch",
                    ),
                    _labelled(
                        S.t["teams.field.lunch_minutes"],
                        rx.input(name="lunch_minutes", type="number", default_value="60", id="shift-minutes", size="3"),
                        "minutes",
                    ),
                    columns="2",
                    spacing="2",
                    width="100%",
                ),
                rx.cond(
                    S.shift_error != "",
                    rx.callout(
                        S.shift_error, color_scheme="red", icon="triangle_alert", id="shift-error", width="100%"
                    ),
                ),
                rx.button(S.t["teams.shift.add"], type="submit", variant="soft", id="shift-add", **TOUCH),
                spacing="2",
                width="100%",
            ),
            on_submit=S.add_shift,
            reset_on_submit=False,
            key=S.shift_key,
            width="100%",
        ),
        spacing="2",
        width="100%",
    )


def _editor() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(rx.cond(S.edit_id == NEW, S.t["teams.form.new"], S.edit_title), size="4", id="team-form-title"),
            edit_form(
                S,
                _input("name", "teams.field.name", max_length=80),
                _person_select("dispatcher_id", "teams.field.dispatcher", S.dispatchers, "dispatcher_id"),
                rx.grid(
                    _person_select("agent_a", "teams.field.agent_a", S.agents, "agent_ids"),
                    _person_select("agent_b", "teams.field.agent_b", S.agents, "agent_b"),
                    columns="2",
                    spacing="2",
                    width="100%",
                ),
                _input("base_address", "teams.field.base_address", max_length=200),
                rx.grid(
                    _input("base_lat", "teams.field.base_lat", input_mode="decimal"),
                    _input("base_lon", "teams.field.base_lon", input_mode="decimal"),
                    columns="2",
                    spacing="2",
                    width="100%",
                ),
                rx.text(S.t["teams.field.pin_hint"], size="1", color="var(--gray-11)"),
                rx.grid(
                    _input("shift_start", "teams.field.shift_start", type="time"),
                    _input("shift_end", "teams.field.shift_end", type="time"),
                    _input("lunch_start", "teams.field.lunch_start", type="time"),
                    _input("lunch_minutes", "teams.field.lunch_minutes", type="number", min=0, max=180),
                    columns="2",
                    spacing="2",
                    width="100%",
                ),
                prefix="team",
                create_label=S.t["teams.create"],
                save_label=S.t["teams.save"],
            ),
            rx.cond(S.edit_id != NEW, _shifts()),
            spacing="3",
            width="100%",
        ),
        width="100%",
        id="team-editor",
    )


def teams_page() -> rx.Component:
    return page(
        rx.heading(S.t["teams.title"], size="6"),
        rx.text(S.t["teams.intro"], size="2", color="var(--gray-11)"),
        rx.hstack(
            rx.text(S.count_label, size="2", color="var(--gray-11)", id="teams-count"),
            rx.spacer(),
            rx.button(
                rx.icon("users", size=16),
                S.t["teams.new"],
                on_click=S.new_team,
                id="teams-new",
                style={"background": THEME},
                **TOUCH,
            ),
            width="100%",
            align="center",
        ),
        rx.cond(
            S.loaded,
            rx.el.div(
                rx.el.div(
                    rx.cond(
                        S.cards.length() > 0,
                        rx.el.div(rx.foreach(S.cards, _card), class_name="team-cards"),
                        empty_state(S.t["teams.empty"], "users"),
                    ),
                    class_name="people-list",
                ),
                rx.cond(S.edit_id != "", rx.el.div(_editor(), class_name="people-edit")),
                class_name=rx.cond(S.edit_id != "", "people-grid people-grid-two", "people-grid"),
            ),
            loading(S.t["common.loading"]),
        ),
        reload=S.relabel,
        max_width="1240px",
    )
