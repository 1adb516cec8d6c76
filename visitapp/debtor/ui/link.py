"""The debtor's page behind the notice SMS link (phone-first, no login, nothing about the debt until
the debtor verifies)."""

from __future__ import annotations

import reflex as rx

from visitapp.core.enums import Confirmation
from visitapp.debtor.ui.link_state import LinkState as L
from visitapp.ui.layout import NATIVE_CONTROL

_CONTROL = NATIVE_CONTROL


def _agent(a: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.center(
            rx.text(a["initials"], size="5", weight="bold", color="white"),
            width="48px",
            height="48px",
            border_radius="50%",
            background="var(--teal-9)",
            flex_shrink="0",
        ),
        rx.vstack(
            rx.text(a["name"], weight="bold", size="4"),
            rx.text(L.t["badge.no"], ": ", a["badge"], size="2"),
            spacing="0",
            min_width="0",
        ),
        rx.spacer(),
        rx.cond(
            a["verify"] != "",
            rx.link(
                rx.button(rx.icon("shield-check", size=16), L.t["link.verify"], variant="soft", size="2"),
                href=a["verify"],
            ),
        ),
        width="100%",
        align="center",
        class_name="link-agent",
    )


def _actions() -> rx.Component:
    return rx.vstack(
        rx.cond(
            (L.confirmation != Confirmation.CONFIRMED.value) & (L.confirmation != Confirmation.RESCHEDULED.value),
            rx.button(
                rx.icon("check", size=16),
                L.t["link.confirm"],
                on_click=L.confirm,
                size="3",
                width="100%",
                id="link-confirm",
            ),
        ),
        # `download` + reloadDocument: otherwise the router would navigate inside the app instead of saving
        rx.cond(
            L.ics_url != "",
            rx.el.a(
                rx.button(
                    rx.icon("calendar-plus", size=16),
                    L.t["link.ics"],
                    size="3",
                    variant="soft",
                    width="100%",
                    tab_index=-1,
                ),
                href=L.ics_url,
                download="visit.ics",
                id="link-ics",
                reload_document=True,
                style={"width": "100%", "display": "block"},
            ),
        ),
        rx.button(
            rx.icon("calendar-clock", size=16),
            L.t["link.other_time"],
            on_click=L.show_panel("slots"),
            variant="soft",
            size="3",
            width="100%",
            id="link-other",
        ),
        rx.cond(
            L.panel == "slots",
            rx.vstack(
                rx.text(L.t["link.pick_slot"], size="2"),
                rx.cond(
                    L.slots.length() > 0,
                    rx.grid(
                        rx.foreach(
                            L.slots,
                            lambda x: rx.button(
                                x["label"], on_click=L.pick_slot(x["key"]), variant="outline", class_name="link-slot"
                            ),
                        ),
                        columns="1",
                        spacing="2",
                        width="100%",
                    ),
                    rx.text(L.t["link.no_slots"], size="2", color="var(--gray-11)", id="link-no-slots"),
                ),
                width="100%",
                spacing="2",
            ),
        ),
        rx.button(
            rx.icon("phone", size=16),
            L.t["link.decline"],
            on_click=L.show_panel("decline"),
            variant="soft",
            color_scheme="gray",
            size="3",
            width="100%",
            id="link-decline",
        ),
        rx.cond(
            L.panel == "decline",
            rx.callout(
                rx.vstack(
                    rx.text(L.t["link.decline_confirm"]),
                    rx.hstack(
                        rx.button(
                            L.t["link.decline_yes"], on_click=L.decline, color_scheme="red", id="link-decline-yes"
                        ),
                        rx.button(L.t["link.cancel"], on_click=L.show_panel(""), variant="soft"),
                        wrap="wrap",
                    ),
                    spacing="2",
                ),
                color_scheme="amber",
                width="100%",
            ),
        ),
        width="100%",
        spacing="2",
    )


def _statement() -> rx.Component:
    cols = ("due", "amount", "paid", "days")
    return rx.card(
        rx.vstack(
            rx.button(
                rx.icon("receipt", size=16),
                L.t["link.statement"],
                on_click=L.show_panel("verify"),
                variant="ghost",
                id="link-statement",
            ),
            rx.cond(
                L.panel == "verify",
                rx.cond(
                    L.verified,
                    rx.vstack(
                        rx.text(L.contract, size="2", color="var(--gray-11)"),
                        rx.box(
                            rx.table.root(
                                rx.table.header(
                                    rx.table.row(*[rx.table.column_header_cell(L.t[f"link.col.{c}"]) for c in cols])
                                ),
                                rx.table.body(
                                    rx.foreach(
                                        L.lines,
                                        lambda r: rx.table.row(
                                            *[rx.table.cell(r[c], white_space="nowrap") for c in cols],
                                            class_name="link-line",
                                        ),
                                    )
                                ),
                                size="1",
                                width="100%",
                            ),
                            width="100%",
                            overflow_x="auto",
                        ),
                        rx.text(L.totals, size="2", weight="medium", id="link-totals"),
                        rx.cond(
                            L.agreement_url != "",
                            rx.el.a(
                                rx.button(
                                    rx.icon("file-down", size=16), L.t["agreement.download"], size="3", variant="soft"
                                ),
                                href=L.agreement_url,
                                download="agreement.pdf",
                                reload_document=True,
                                id="link-agreement",
                            ),
                        ),
                        width="100%",
                        spacing="2",
                    ),
                    rx.cond(
                        L.locked_message != "",
                        rx.callout(L.locked_message, color_scheme="red", icon="lock", id="link-locked", width="100%"),
                        rx.form(
                            rx.vstack(
                                rx.text(L.t["link.verify_hint"], size="2"),
                                rx.el.select(
                                    rx.el.option(L.t["link.kind.birth_year"], value="birth_year"),
                                    rx.el.option(L.t["link.kind.id_last4"], value="id_last4"),
                                    name="kind",
                                    id="link-verify-kind",
                                    style=_CONTROL,
                                ),
                                rx.el.input(
                                    name="value",
                                    id="link-verify-value",
                                    input_mode="numeric",
                                    max_length=4,
                                    auto_complete="off",
                                    style=_CONTROL,
                                ),
                                rx.button(L.t["link.verify_submit"], type="submit", id="link-verify-submit"),
                                rx.cond(
                                    L.verify_error != "",
                                    rx.text(L.verify_error, color="var(--red-11)", size="2", id="link-verify-error"),
                                ),
                                width="100%",
                                spacing="2",
                            ),
                            on_submit=L.verify,
                            reset_on_submit=True,
                            width="100%",
                        ),
                    ),
                ),
            ),
            width="100%",
            spacing="2",
        ),
        width="100%",
    )


def _complaint() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.button(
                rx.icon("message-square-warning", size=16),
                L.t["link.complain"],
                on_click=L.show_panel("complaint"),
                variant="ghost",
                color_scheme="red",
                id="link-complain",
            ),
            rx.cond(
                L.panel == "complaint",
                rx.form(
                    rx.vstack(
                        rx.text(L.t["link.complaint_category"], size="2"),
                        rx.el.select(
                            rx.foreach(L.categories, lambda c: rx.el.option(c[1], value=c[0])),
                            name="category",
                            id="link-complaint-category",
                            style=_CONTROL,
                        ),
                        rx.el.textarea(
                            name="body",
                            id="link-complaint-body",
                            rows=4,
                            max_length=2000,
                            placeholder=L.t["link.complaint_body"],
                            style=_CONTROL,
                        ),
                        rx.button(
                            L.t["link.complaint_send"], type="submit", color_scheme="red", id="link-complaint-send"
                        ),
                        width="100%",
                        spacing="2",
                    ),
                    on_submit=L.complain,
                    width="100%",
                ),
            ),
            width="100%",
            spacing="2",
        ),
        width="100%",
    )


def link_page() -> rx.Component:
    return rx.center(
        rx.vstack(
            rx.hstack(
                rx.heading(L.t["link.title"], size="5"),
                rx.spacer(),
                rx.button(
                    L.t["lang.switch"], on_click=[L.toggle_lang, L.load], variant="ghost", size="1", id="link-lang"
                ),
                width="100%",
                align="center",
            ),
            rx.cond(
                L.checked,
                rx.cond(
                    L.status == "ok",
                    rx.vstack(
                        rx.card(
                            rx.vstack(
                                rx.text(L.planned, size="3", id="link-planned"),
                                rx.badge(
                                    L.confirmation_label,
                                    color_scheme=rx.match(
                                        L.confirmation,
                                        (Confirmation.CONFIRMED.value, "green"),
                                        (Confirmation.RESCHEDULED.value, "amber"),
                                        "blue",
                                    ),
                                    id="link-status",
                                    size="2",
                                ),
                                spacing="2",
                            ),
                            width="100%",
                        ),
                        rx.cond(
                            L.done_message != "",
                            rx.callout(
                                L.done_message, color_scheme="green", icon="check", id="link-done", width="100%"
                            ),
                        ),
                        rx.cond(
                            L.error != "",
                            rx.callout(
                                L.error, color_scheme="red", icon="triangle_alert", id="link-error", width="100%"
                            ),
                        ),
                        rx.card(
                            rx.vstack(
                                rx.text(L.t["link.agents"], weight="bold"),
                                rx.foreach(L.agents, _agent),
                                rx.text(L.t["link.check_badge"], size="2", color="var(--gray-11)"),
                                width="100%",
                                spacing="2",
                            ),
                            width="100%",
                        ),
                        rx.cond(
                            L.paused,
                            rx.callout(L.t["link.paused"], icon="pause", id="link-paused", width="100%"),
                            _actions(),
                        ),
                        _statement(),
                        _complaint(),
                        width="100%",
                        spacing="3",
                    ),
                    rx.vstack(
                        rx.callout(
                            L.message, color_scheme="amber", icon="triangle_alert", id="link-problem", width="100%"
                        ),
                        rx.cond(
                            L.done_message != "",
                            rx.callout(
                                L.done_message, color_scheme="green", icon="check", id="link-done", width="100%"
                            ),
                        ),
                        width="100%",
                        spacing="3",
                    ),
                ),
                rx.spinner(),
            ),
            rx.text(L.t["link.privacy"], size="1", color="var(--gray-10)"),
            width="100%",
            max_width="420px",
            padding="16px",
            spacing="3",
        ),
        width="100%",
        min_height="100vh",
        background="var(--gray-2)",
        align="start",
    )
