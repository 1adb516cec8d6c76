"""The agent's badge, and the public page its QR code opens."""

from __future__ import annotations

import reflex as rx

from visitapp.field.ui.badge_state import BadgeState as B
from visitapp.field.ui.badge_state import VerifyState as V
from visitapp.ui.auth import SessionState
from visitapp.ui.layout import THEME, loading, page


def _avatar(initials: rx.Var, photo: rx.Var) -> rx.Component:
    """The agent's photo (set by an administrator), else the first character of the name."""
    return rx.cond(
        photo != "",
        rx.image(
            src=photo,
            alt="",
            width="88px",
            height="88px",
            border_radius="50%",
            object_fit="cover",
            class_name="agent-photo",
        ),
        rx.center(
            rx.text(initials, size="8", weight="bold", color="white"),
            width="88px",
            height="88px",
            border_radius="50%",
            background=THEME,
        ),
    )


def badge_page() -> rx.Component:
    return page(
        rx.hstack(
            rx.heading(B.t["badge.title"], size="5"),
            rx.spacer(),
            rx.link(
                rx.button(rx.icon("arrow-left", size=16), B.t["nav.today"], variant="soft", size="1"),
                href="/agent",
                id="badge-back",
            ),
            width="100%",
            align="center",
        ),
        rx.cond(
            B.loaded,
            rx.card(
                rx.vstack(
                    _avatar(B.initials, B.photo),
                    rx.heading(B.name, size="6", id="badge-name"),
                    rx.text(B.t["badge.no"], ": ", B.badge_no, size="3", id="badge-no"),
                    rx.text(B.company, size="2", color="var(--gray-11)"),
                    rx.image(src=B.qr, width="220px", height="220px", alt=B.verify_url, id="badge-qr"),
                    rx.text(B.t["badge.hint"], size="2", text_align="center"),
                    rx.link(B.verify_url, href=B.verify_url, size="1", id="badge-link", word_break="break-all"),
                    align="center",
                    spacing="3",
                    width="100%",
                ),
                width="100%",
            ),
            loading(B.t["common.loading"]),
        ),
        reload=B.load,
    )


def verify_page() -> rx.Component:
    return rx.center(
        rx.vstack(
            rx.hstack(
                rx.heading(V.t["verify.title"], size="5"),
                rx.spacer(),
                rx.button(V.t["lang.switch"], on_click=[SessionState.toggle_lang, V.load], variant="ghost", size="1"),
                width="100%",
                align="center",
            ),
            rx.cond(
                V.checked,
                rx.cond(
                    V.found,
                    rx.card(
                        rx.vstack(
                            _avatar(V.initials, V.photo),
                            rx.heading(V.name, size="6", id="verify-name"),
                            rx.text(V.t["badge.no"], ": ", V.badge_no),
                            rx.text(V.company, color="var(--gray-11)"),
                            rx.callout(
                                V.status,
                                color_scheme=rx.cond(V.active, "green", "red"),
                                id="verify-status",
                                width="100%",
                            ),
                            rx.text(V.today, id="verify-today"),
                            align="center",
                            spacing="3",
                            width="100%",
                        ),
                        width="100%",
                    ),
                    rx.callout(V.t["verify.unknown"], color_scheme="red", icon="triangle_alert", id="verify-unknown"),
                ),
                rx.spinner(),
            ),
            rx.text(V.t["verify.privacy"], size="1", color="var(--gray-11)"),
            width="100%",
            max_width="420px",
            padding="16px",
            spacing="3",
        ),
        width="100%",
        min_height="100vh",
        background="var(--gray-2)",
    )
