"""The page shell: a compact header and a centred column that fits a 390 px phone."""

from __future__ import annotations

import reflex as rx

from visitapp.state.auth import AuthState

THEME = "#0f766e"
_HEADER_BUTTON = {"background": "rgba(255,255,255,0.16)", "color": "white", "cursor": "pointer"}


def header(on_lang=AuthState.toggle_lang) -> rx.Component:
    return rx.hstack(
        rx.hstack(
            rx.image(src="/icon-192.png", width="28px", height="28px", alt="", border_radius="6px"),
            rx.text(AuthState.t["app.name"], weight="bold", size="4", color="white"),
            align="center",
            spacing="2",
        ),
        rx.spacer(),
        rx.cond(
            AuthState.user_name != "",
            rx.text(AuthState.user_name, size="2", color="white", id="user-name",
                    max_width="7em", overflow="hidden", text_overflow="ellipsis", white_space="nowrap"),
        ),
        rx.button(AuthState.t["lang.switch"], on_click=on_lang, size="1", id="lang-switch", style=_HEADER_BUTTON),
        rx.button(AuthState.t["nav.logout"], on_click=AuthState.logout, size="1", id="logout",
                  style=_HEADER_BUTTON),
        width="100%",
        padding="10px 12px",
        background=THEME,
        align="center",
        spacing="2",
        position="sticky",
        top="0",
        z_index="10",
    )


def page(*children: rx.Component, on_lang=AuthState.toggle_lang, max_width: str = "640px") -> rx.Component:
    return rx.box(
        header(on_lang),
        rx.box(
            rx.vstack(*children, width="100%", spacing="3"),
            width="100%",
            max_width=max_width,
            margin="0 auto",
            padding="12px",
        ),
        width="100%",
        min_height="100vh",
        background="var(--gray-2)",
    )


def empty_state(text: rx.Var | str, icon: str = "inbox") -> rx.Component:
    return rx.vstack(
        rx.icon(icon, size=40, color="var(--gray-8)"),
        rx.text(text, color="var(--gray-11)", text_align="center"),
        align="center",
        padding="32px 16px",
        width="100%",
        class_name="empty-state",
    )


def loading(text: rx.Var | str) -> rx.Component:
    return rx.hstack(rx.spinner(), rx.text(text), padding="24px", justify="center", width="100%")
