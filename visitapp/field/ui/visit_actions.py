"""The controls of `VisitActions` (field/ui/visit_actions_state.py), for Today's cards and the dossier:
"not visited" with its reasons, and "ask the dispatcher to move it"."""

from __future__ import annotations

from typing import Any

import reflex as rx

from visitapp.core.enums import NotVisitedReason
from visitapp.ui import lean
from visitapp.ui.layout import NATIVE_CONTROL, TOUCH


def _action(icon: str, label: rx.Var, on_click: Any, color: str, class_name: str) -> rx.Component:
    return lean.button(lean.icon(icon), label, on_click=on_click, color=color, class_name=class_name)


def not_visited_button(S: Any, visit_id: rx.Var | str) -> rx.Component:
    label = S.t["agent.today.action.not_visited"]
    return _action("calendar-x", label, S.open_not_visited(visit_id), "orange", "not-visited-open")


def ask_move_button(S: Any, visit_id: rx.Var | str) -> rx.Component:
    return _action("calendar-sync", S.t["agent.today.action.ask_move"], S.ask_move(visit_id), "gray", "ask-move")


def not_visited_form(S: Any, visit_id: rx.Var | str) -> rx.Component:
    """Why the visit did not take place: one of a few reasons, then it is recorded (no contact happened)."""
    return rx.form(
        rx.vstack(
            rx.el.label(S.t["agent.today.reason"], html_for="not-visited-reason", style={"font_size": "14px"}),
            rx.el.select(
                # labels compiled in both languages: they follow a language switch with the form open
                *[rx.el.option(S.t[f"visit.not_visited.{r.value}"], value=r.value) for r in NotVisitedReason],
                name="reason",
                id="not-visited-reason",
                style=NATIVE_CONTROL,
            ),
            rx.el.input(type="hidden", name="visit_id", value=visit_id),
            rx.hstack(
                rx.button(
                    S.t["agent.today.confirm_not_visited"],
                    type="submit",
                    color_scheme="orange",
                    id="not-visited-confirm",
                    **TOUCH,
                ),
                rx.button(
                    S.t["agent.today.cancel"],
                    type="button",
                    on_click=S.close_not_visited,
                    variant="soft",
                    color_scheme="gray",
                    id="not-visited-cancel",
                    **TOUCH,
                ),
                spacing="2",
                wrap="wrap",
            ),
            width="100%",
            spacing="2",
        ),
        on_submit=S.not_visited,
        width="100%",
        padding_top="8px",
        id="not-visited-form",
    )
