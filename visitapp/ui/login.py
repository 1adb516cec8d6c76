"""Sign-in page."""

from __future__ import annotations

import reflex as rx

from visitapp.ui.auth import AuthState, SessionState
from visitapp.ui.layout import THEME


def login_page() -> rx.Component:
    return rx.center(
        rx.vstack(
            rx.hstack(
                rx.image(src="/icon-192.png", width="48px", height="48px", alt="", border_radius="10px"),
                rx.vstack(
                    rx.heading(AuthState.t["app.name"], size="6"),
                    rx.text(AuthState.t["app.tagline"], size="2", color="var(--gray-11)"),
                    spacing="0",
                ),
                align="center",
                spacing="3",
            ),
            rx.form(
                rx.vstack(
                    rx.heading(AuthState.t["login.heading"], size="4"),
                    rx.el.label(AuthState.t["login.username"], html_for="username", class_name="form-label"),
                    rx.input(
                        id="username",
                        name="username",
                        auto_complete="username",
                        size="3",
                        width="100%",
                        auto_capitalize="none",
                    ),
                    rx.el.label(AuthState.t["login.password"], html_for="password", class_name="form-label"),
                    rx.input(
                        id="password",
                        name="password",
                        type="password",
                        auto_complete="current-password",
                        size="3",
                        width="100%",
                    ),
                    rx.cond(
                        AuthState.login_error != "",
                        rx.callout(
                            AuthState.login_error,
                            icon="triangle_alert",
                            color_scheme="red",
                            role="alert",
                            id="login-error",
                            width="100%",
                        ),
                    ),
                    rx.button(
                        AuthState.t["login.submit"],
                        type="submit",
                        size="3",
                        width="100%",
                        id="login-submit",
                        style={"background": THEME},
                        # the form paints before the scripts run: until they have, a tap or Enter would
                        # submit it natively (a GET with the password in the address), so it waits
                        disabled=~rx.State.is_hydrated,
                    ),
                    width="100%",
                    spacing="2",
                ),
                on_submit=SessionState.login,
                reset_on_submit=False,
                width="100%",
            ),
            rx.button(AuthState.t["lang.switch"], on_click=SessionState.toggle_lang, variant="ghost", id="lang-switch"),
            width="100%",
            max_width="380px",
            padding="24px 20px",
            spacing="4",
            background="white",
            border_radius="12px",
            box_shadow="0 1px 4px rgba(0,0,0,.08)",
        ),
        width="100%",
        min_height="100vh",
        padding="16px",
        background="var(--gray-2)",
    )


def index_page() -> rx.Component:
    return rx.center(rx.spinner(size="3"), min_height="100vh")
