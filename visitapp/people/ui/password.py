"""Choosing a new password, on any screen (a phone too)."""

from __future__ import annotations

import reflex as rx

from visitapp.people.ui.password_state import PasswordState as S
from visitapp.ui.layout import THEME, TOUCH, form_refusal, page


def _field(name: str, label: rx.Var, auto: str) -> rx.Component:
    return rx.el.label(
        rx.text(label, size="2", weight="medium"),
        rx.input(
            name=name, type="password", id=f"password-{name}", auto_complete=auto, size="3", width="100%", required=True
        ),
        class_name="people-field",
    )


def password_page() -> rx.Component:
    return page(
        rx.card(
            rx.vstack(
                rx.heading(rx.cond(S.one_time, S.t["password.title"], S.t["password.title_change"]), size="5"),
                rx.cond(
                    S.one_time,
                    rx.callout(
                        S.t["password.one_time_intro"],
                        icon="key-round",
                        color_scheme="amber",
                        id="password-one-time",
                        width="100%",
                    ),
                    rx.text(S.t["password.intro"], size="2", color="var(--gray-11)"),
                ),
                rx.form(
                    rx.vstack(
                        _field(
                            "current",
                            rx.cond(S.one_time, S.t["password.current_one_time"], S.t["password.current"]),
                            "current-password",
                        ),
                        _field("new", S.t["password.new"], "new-password"),
                        _field("repeat", S.t["password.repeat"], "new-password"),
                        form_refusal(S.form_error, False, "password-error"),
                        rx.button(
                            S.t["password.save"],
                            type="submit",
                            id="password-save",
                            width="100%",
                            style={"background": THEME},
                            **TOUCH,
                        ),
                        spacing="3",
                        width="100%",
                    ),
                    on_submit=S.save,
                    key=S.form_key,
                    width="100%",
                ),
                spacing="3",
                width="100%",
            ),
            width="100%",
        ),
        reload=S.load,
        max_width="480px",
    )
