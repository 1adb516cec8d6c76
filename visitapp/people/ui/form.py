"""The people admin's edit form, drawn one way for accounts and teams: fields with their problem under
them, the refusal, and cancel / reload / save (form_state.EditForm holds its state)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from visitapp.people.ui.users_state import NEW
from visitapp.ui.layout import THEME, TOUCH, form_refusal, reload_latest


def problem(S: Any, name: str) -> rx.Component:
    return rx.cond(
        S.problems.contains(name),
        rx.text(S.problems[name], size="1", color="var(--red-11)", class_name="field-error", id=f"problem-{name}"),
    )


def labelled(S: Any, label: Any, control: rx.Component, name: str, hint: Any = None) -> rx.Component:
    return rx.el.label(
        rx.text(label, size="2", weight="medium"),
        control,
        rx.text(hint, size="1", color="var(--gray-11)") if hint is not None else rx.fragment(),
        problem(S, name),
        class_name="people-field",
    )


def edit_form(S: Any, *fields: rx.Component, prefix: str, create_label: Any, save_label: Any) -> rx.Component:
    """`fields`, then the refusal and the buttons; submitted to `S.save`, drawn again when `S.form_key` moves."""
    return rx.form(
        rx.vstack(
            *fields,
            form_refusal(S.form_error, S.stale, f"{prefix}-error"),
            rx.hstack(
                reload_latest(S.stale, S.t["people.reload"], S.reload_latest, f"{prefix}-reload"),
                rx.button(
                    S.t["people.cancel"],
                    type="button",
                    on_click=S.cancel,
                    variant="soft",
                    color_scheme="gray",
                    id=f"{prefix}-cancel",
                    **TOUCH,
                ),
                rx.spacer(),
                rx.button(
                    rx.cond(S.edit_id == NEW, create_label, save_label),
                    type="submit",
                    id=f"{prefix}-save",
                    style={"background": THEME},
                    **TOUCH,
                ),
                width="100%",
                wrap="wrap",
                spacing="2",
            ),
            spacing="3",
            width="100%",
        ),
        on_submit=S.save,
        reset_on_submit=False,
        key=S.form_key,
        width="100%",
        id=f"{prefix}-form",
    )
