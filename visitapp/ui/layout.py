"""The page shell: a compact header and a centred column that fits a 390 px phone."""

from __future__ import annotations

import reflex as rx

from visitapp.core import routes
from visitapp.ui.auth import AuthState

THEME = "#0f766e"
# a button a thumb can hit: at least 44 x 44 px (WCAG 2.5.5, Apple's and Android's guidelines)
TOUCH = {"size": "3", "min_height": "44px", "min_width": "44px"}
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
            rx.text(
                AuthState.user_name,
                size="2",
                color="white",
                id="user-name",
                max_width="7em",
                overflow="hidden",
                text_overflow="ellipsis",
                white_space="nowrap",
            ),
        ),
        rx.button(AuthState.t["lang.switch"], on_click=on_lang, size="1", id="lang-switch", style=_HEADER_BUTTON),
        rx.button(AuthState.t["nav.logout"], on_click=AuthState.logout, size="1", id="logout", style=_HEADER_BUTTON),
        width="100%",
        padding="10px 12px",
        background=THEME,
        align="center",
        spacing="2",
        position="sticky",
        top="0",
        z_index="10",
    )


def _nav_link(label_key: str, href: str) -> rx.Component:
    return rx.link(
        AuthState.t[label_key],
        href=href,
        size="2",
        weight="medium",
        padding="4px 10px",
        border_radius="999px",
        background="var(--teal-3)",
        color="var(--teal-11)",
        white_space="nowrap",
    )


def staff_nav() -> rx.Component:
    """Links for dispatchers, supervisors and admins. Hiding a link is comfort, not security: every page
    checks the role on the server."""

    return rx.cond(
        (AuthState.role != "") & (AuthState.role != "agent"),
        rx.hstack(
            _nav_link("nav.cases", routes.DISPATCH_CASES),
            _nav_link("nav.import", routes.DISPATCH_IMPORT),
            _nav_link("nav.plan", routes.DISPATCH_PLAN),
            _nav_link("nav.board", routes.DISPATCH_BOARD),
            _nav_link("nav.complaints", routes.DISPATCH_COMPLAINTS),
            _nav_link("nav.reminders", routes.DISPATCH_REMINDERS),
            rx.cond(AuthState.role == "admin", _nav_link("nav.policy", routes.ADMIN_POLICY)),
            rx.cond(AuthState.role == "admin", _nav_link("nav.audit", routes.ADMIN_AUDIT)),
            rx.cond(AuthState.role == "admin", _nav_link("nav.scripts", routes.ADMIN_SCRIPTS)),
            rx.cond(AuthState.role == "admin", _nav_link("nav.templates", routes.ADMIN_TEMPLATES)),
            rx.cond(AuthState.role == "admin", _nav_link("nav.sms", routes.ADMIN_SMS)),
            rx.cond(
                (AuthState.role == "admin") | (AuthState.role == "supervisor"),
                _nav_link("nav.approvals", routes.DISPATCH_APPROVALS),
            ),
            rx.cond(
                (AuthState.role == "admin") | (AuthState.role == "supervisor"),
                _nav_link("nav.ledger", routes.ADMIN_LEDGER),
            ),
            wrap="wrap",
            spacing="2",
            padding="8px 12px",
            width="100%",
            background="white",
            border_bottom="1px solid var(--gray-4)",
            id="staff-nav",
        ),
    )


def page(*children: rx.Component, reload=None, max_width: str = "640px", touch: bool = False) -> rx.Component:
    """`reload`: the page's load handler, run again after a language switch (server-formatted texts such as
    "3 of 9 done" are part of the data). `touch`: a page used on a phone at the door; every control on it is
    at least 44 x 44 px (assets/app.css, `.touch-page`)."""
    extra = [] if reload is None else list(reload) if isinstance(reload, (list, tuple)) else [reload]
    on_lang = [AuthState.toggle_lang, *extra] if extra else AuthState.toggle_lang
    return rx.box(
        header(on_lang),
        staff_nav(),
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
        class_name="touch-page" if touch else None,
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


def pager(state) -> rx.Component:
    """Previous / "page x of y" / next, for a state with page, pages, page_label, prev_page, next_page."""
    return rx.hstack(
        rx.button(
            AuthState.t["common.prev"],
            on_click=state.prev_page,
            disabled=state.page <= 1,
            variant="soft",
            id="prev-page",
        ),
        rx.text(state.page_label, size="2", id="page-label"),
        rx.button(
            AuthState.t["common.next"],
            on_click=state.next_page,
            disabled=state.page >= state.pages,
            variant="soft",
            id="next-page",
        ),
        justify="center",
        align="center",
        width="100%",
        wrap="wrap",
    )


def field(label: rx.Var | str, control: rx.Component, error: rx.Var | None = None) -> rx.Component:
    return rx.vstack(
        rx.text(label, size="2", weight="medium"),
        control,
        rx.cond(error, rx.text(error, size="1", color="var(--red-11)", class_name="field-error"))
        if error is not None
        else rx.fragment(),
        spacing="1",
        width="100%",
    )


def bar(percent: rx.Var | int, **props) -> rx.Component:
    """A determinate progress bar that also shows 0 % (Radix's Progress treats 0 as "indeterminate")."""
    return rx.box(
        rx.box(
            height="100%",
            width=rx.Var.create(percent).to_string() + "%",
            background=THEME,
            border_radius="999px",
            transition="width .3s",
        ),
        height="8px",
        width="100%",
        background="var(--gray-4)",
        border_radius="999px",
        overflow="hidden",
        role="progressbar",
        **props,
    )


# Plain <input>/<select>/<textarea> (forms read by assets/outbox.js or submitted as FormData): 16 px text so
# phones do not zoom into the field, full width, the theme's colours.
NATIVE_CONTROL = {
    "width": "100%",
    "min_height": "44px",
    "padding": "10px 12px",
    "border": "1px solid var(--gray-7)",
    "border_radius": "8px",
    "font_size": "16px",
    "background": "var(--color-panel-solid)",
    "color": "inherit",
}
