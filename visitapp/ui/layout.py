"""The page shell: a compact header and a centred column that fits a 390 px phone."""

from __future__ import annotations

from typing import Any

import reflex as rx

from visitapp.core import routes
from visitapp.ui import lean
from visitapp.ui.auth import AuthState, SessionState

THEME = "#0f766e"
# 44 px targets (WCAG 2.5.5), and the two header buttons far enough apart not to hit one for the other
# a Radix solid button in the header's own colours (assets/app.css .header-button: white on rgba(0,0,0,.22),
# 6.6:1 over the theme colour; 4.0:1 with a white veil), at least 44 x 44 px
_HEADER_BUTTON = "rt-reset rt-BaseButton rt-r-size-2 rt-variant-solid rt-Button header-button"
# a button a thumb can hit: at least 44 x 44 px (WCAG 2.5.5, Apple's and Android's guidelines)
TOUCH = {"size": "3", "min_height": "44px", "min_width": "44px"}


def header(on_lang=SessionState.toggle_lang) -> rx.Component:
    """The bar on every page, drawn with ui/lean.py (it is hydrated and drawn again on every page load)."""
    return rx.el.header(
        rx.el.div(
            rx.el.img(src="/icon-192.png", width="28", height="28", alt="", class_name="header-icon"),
            # one line: the header keeps its height when the user's name arrives (it wrapped, and the whole
            # page shifted down: Lighthouse's layout shift on /agent, 0.09)
            lean.text(AuthState.t["app.name"], size="4", weight="bold", class_name="app-name"),
            class_name="header-brand",
        ),
        rx.el.div(class_name="header-gap"),
        rx.cond(
            AuthState.user_name != "",
            lean.text(AuthState.user_name, id="user-name", class_name="header-user"),
        ),
        rx.el.button(
            lean.icon("languages"),
            AuthState.t["lang.switch"],
            on_click=on_lang,
            type="button",
            id="lang-switch",
            class_name=_HEADER_BUTTON,
            lang=rx.cond(AuthState.lang == "en", "zh-CN", "en"),  # the button names the other language
        ),
        rx.el.div(class_name="header-rule"),
        rx.el.button(
            lean.icon("log-out"),
            rx.el.span(AuthState.t["nav.logout"], class_name="logout-label"),
            on_click=SessionState.logout,
            type="button",
            id="logout",
            class_name=_HEADER_BUTTON,
            aria_label=AuthState.t["nav.logout"],
        ),
        class_name="app-header",
    )


def _nav_link(label_key: str, href: str) -> rx.Component:
    here = AuthState.router.page.path == href
    return rx.link(
        AuthState.t[label_key],
        href=href,
        size="2",
        weight="medium",
        padding="0 14px",
        min_height="44px",
        display="inline-flex",
        align_items="center",
        border_radius="999px",
        background=rx.cond(here, "var(--teal-9)", "var(--teal-3)"),
        color=rx.cond(here, "white", "var(--teal-11)"),
        white_space="nowrap",
        flex_shrink="0",
        aria_current=rx.cond(here, "page", "false"),
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
            _nav_link("nav.reports", routes.DISPATCH_REPORTS),
            rx.cond(AuthState.role == "admin", _nav_link("nav.users", routes.ADMIN_USERS)),
            rx.cond(AuthState.role == "admin", _nav_link("nav.teams", routes.ADMIN_TEAMS)),
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
            rx.cond(
                (AuthState.role == "admin") | (AuthState.role == "supervisor"),
                _nav_link("nav.evidence", routes.ADMIN_EVIDENCE),
            ),
            spacing="2",
            padding="6px 12px",
            width="100%",
            background="white",
            border_bottom="1px solid var(--gray-4)",
            id="staff-nav",
            class_name="staff-nav",  # one scrolling row on a phone, wrapped on wider screens (app.css)
        ),
    )


def page(*children: rx.Component, reload=None, max_width: str = "640px") -> rx.Component:
    """`reload`: the page's load handler, run again after a language switch (server-formatted texts such as
    "3 of 9 done" are part of the data). Every page's targets are at least 44 x 44 px (assets/app.css)."""
    extra = [] if reload is None else list(reload) if isinstance(reload, (list, tuple)) else [reload]
    on_lang = [SessionState.toggle_lang, *extra] if extra else SessionState.toggle_lang
    return rx.box(
        lean.icon_sprite(),
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


def touch_check(*label: rx.Component | rx.Var | str, label_class: str = "", **checkbox_props) -> rx.Component:
    """A checkbox inside a label that is the 44 x 44 px place to tap ; a tap on
    the label's text toggles it too. `label_class`: more classes for the label."""
    return rx.el.label(rx.checkbox(**checkbox_props), *label, class_name=f"touch-check {label_class}".strip())


def bar(percent: rx.Var | int | str, **props) -> rx.Component:
    """A determinate progress bar that also shows 0 % (Radix's Progress treats 0 as "indeterminate").
    `percent` is a number or the text of one: it is put into the width as it is (`to_string()` would quote a
    text, "\"0\"%", which is no width at all, and the bar would be drawn full)."""
    value = rx.Var.create(percent)
    return rx.box(
        rx.box(
            height="100%",
            width=f"{value}%",
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
        aria_valuemin="0",
        aria_valuemax="100",
        aria_valuenow=value,
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


def opening() -> rx.Component:
    """What a page whose address holds an id (the debtor's link, a visit) shows while its scripts load: the
    build writes it into the page served for those addresses, which was blank until then. Built once for
    every user, so it says it in both languages and holds no state."""
    return rx.center(
        rx.vstack(
            rx.image(src="/icon-192.png", width="56px", height="56px", border_radius="12px", alt=""),
            rx.hstack(
                rx.spinner(size="2"),
                rx.text("正在打开… · Opening…", size="3", color="var(--gray-11)"),
                align="center",
                spacing="2",
            ),
            align="center",
            spacing="4",
        ),
        width="100%",
        min_height="100vh",
        background="var(--gray-2)",
        id="opening",
    )


def stale_row(S: Any, row_id: rx.Var, reload_label: rx.Var, kind: str) -> rx.Component:
    """Under a list row whose save was refused because someone changed it first (core.versioning): what
    happened and a button to load what is there now. `S` has stale_id, stale_message and reload; `kind`
    names the classes (`<kind>-stale`, `<kind>-reload`)."""
    return rx.cond(
        S.stale_id == row_id,
        rx.callout.root(
            rx.callout.text(S.stale_message),
            rx.button(
                reload_label,
                on_click=S.reload,
                size="1",
                variant="soft",
                class_name=f"{kind}-reload",
                margin_top="6px",
            ),
            color_scheme="red",
            size="1",
            width="100%",
            class_name=f"{kind}-stale",
        ),
    )


def form_refusal(error: rx.Var, stale: rx.Var, id_: str) -> rx.Component:
    """An edit form's refusal: amber when someone saved first (the form offers to reload), red otherwise."""
    return rx.cond(
        error != "",
        rx.callout(error, color_scheme=rx.cond(stale, "amber", "red"), icon="triangle_alert", id=id_, width="100%"),
    )


def reload_latest(stale: rx.Var, label: rx.Var, on_click: Any, id_: str) -> rx.Component:
    """Shown while the form is stale: load the version someone else saved."""
    return rx.cond(
        stale,
        rx.button(label, type="button", on_click=on_click, variant="soft", color_scheme="amber", id=id_),
    )
