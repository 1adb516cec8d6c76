"""The debtor's page behind the notice SMS link (phone-first, no login, nothing about the debt until
the debtor verifies). Everything the debtor taps is at least 44 x 44 px."""

from __future__ import annotations

import reflex as rx

from visitapp.core.enums import Confirmation
from visitapp.debtor.services import complaints
from visitapp.debtor.ui.link_state import LinkState as L
from visitapp.ui.layout import NATIVE_CONTROL
from visitapp.ui.statement import statement_lines

TAP = {"min_height": "44px", "min_width": "44px"}  # a thumb's touch target
_CONTROL = {**NATIVE_CONTROL, "min_height": "44px"}


def _call_button(**props) -> rx.Component:
    """The company's number as a tap-to-call button (from the settings)."""
    return rx.el.a(
        rx.button(rx.icon("phone", size=16), L.call_label, variant="soft", size="3", style=TAP, tab_index=-1),
        href=L.call_href,
        class_name="link-call",
        **props,
    )


def _agent(a: rx.Var) -> rx.Component:
    # the name and badge keep to one line each; the verify button moves below them when the row is too
    # narrow for both (English), instead of squeezing either into several lines
    return rx.flex(
        rx.hstack(
            rx.center(
                rx.text(a["initials"], size="5", weight="bold", color="white"),
                width="48px",
                height="48px",
                border_radius="50%",
                background="var(--teal-9)",
                flex_shrink="0",
            ),
            rx.vstack(
                rx.text(a["name"], weight="bold", size="4", white_space="nowrap"),
                rx.text(L.t["badge.no"], ": ", a["badge"], size="2", white_space="nowrap", class_name="link-badge"),
                spacing="0",
                min_width="0",
            ),
            align="center",
            flex="1 1 auto",
        ),
        rx.cond(
            a["verify"] != "",
            rx.link(
                rx.button(
                    rx.icon("shield-check", size=16),
                    L.t["link.verify"],
                    variant="soft",
                    size="2",
                    white_space="nowrap",
                    style=TAP,
                    class_name="link-verify",
                ),
                href=a["verify"],
                margin_left="auto",
            ),
        ),
        width="100%",
        align="center",
        wrap="wrap",
        gap="8px",
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
                style=TAP,
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
                    style=TAP,
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
            style=TAP,
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
                                x["label"],
                                on_click=L.pick_slot(x["key"]),
                                variant="outline",
                                class_name="link-slot",
                                style=TAP,
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
            style=TAP,
        ),
        rx.cond(
            L.panel == "decline",
            rx.callout(
                rx.vstack(
                    rx.text(L.t["link.decline_confirm"]),
                    rx.hstack(
                        rx.button(
                            L.t["link.decline_yes"],
                            on_click=L.decline,
                            color_scheme="red",
                            id="link-decline-yes",
                            style=TAP,
                        ),
                        rx.button(L.t["link.cancel"], on_click=L.show_panel(""), variant="soft", style=TAP),
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


def _toggle(icon: str, label: rx.Var, panel: str, id_: str, **props) -> rx.Component:
    """A card's heading that opens its panel: the whole width is the touch target."""
    return rx.button(
        rx.icon(icon, size=16),
        label,
        on_click=L.show_panel(panel),
        variant="ghost",
        width="100%",
        id=id_,
        # a ghost button is sized by its content box and pulled out by negative margins: keep it in the card
        style={**TAP, "margin": "0", "box_sizing": "border-box", "justify_content": "flex-start"},
        **props,
    )


def _verify_form() -> rx.Component:
    return rx.form(
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
            rx.button(L.t["link.verify_submit"], type="submit", id="link-verify-submit", style=TAP),
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
    )


def _statement() -> rx.Component:
    return rx.card(
        rx.vstack(
            _toggle("receipt", L.t["link.statement"], "verify", "link-statement"),
            rx.cond(
                L.panel == "verify",
                rx.cond(
                    L.verified,
                    rx.vstack(
                        rx.text(L.contract, size="2", color="var(--gray-11)"),
                        statement_lines(L.lines, line_class="link-line", list_id="link-lines"),
                        rx.text(L.totals, size="2", weight="medium", id="link-totals"),
                        rx.cond(
                            L.agreement_url != "",
                            rx.el.a(
                                rx.button(
                                    rx.icon("file-down", size=16),
                                    L.t["agreement.download"],
                                    size="3",
                                    variant="soft",
                                    style=TAP,
                                    tab_index=-1,
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
                        rx.callout(
                            rx.vstack(rx.text(L.locked_message), _call_button(), spacing="2"),
                            color_scheme="red",
                            icon="lock",
                            id="link-locked",
                            width="100%",
                        ),
                        _verify_form(),
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
            _toggle("message-square-warning", L.t["link.complain"], "complaint", "link-complain", color_scheme="red"),
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
                            max_length=complaints.BODY_MAX,
                            required=True,  # an empty complaint is stopped by the browser before it is sent
                            placeholder=L.t["link.complaint_body"],
                            style=_CONTROL,
                        ),
                        rx.text(
                            L.t["link.complaint_hint"].replace("{min}", str(complaints.BODY_MIN)),
                            size="1",
                            color="var(--gray-11)",
                        ),
                        rx.cond(
                            L.complaint_error != "",
                            rx.text(L.complaint_error, color="var(--red-11)", size="2", id="link-complaint-error"),
                        ),
                        rx.button(
                            L.t["link.complaint_send"],
                            type="submit",
                            color_scheme="red",
                            id="link-complaint-send",
                            style=TAP,
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


def _visit() -> rx.Component:
    """The visit and its state: planned (waiting, confirmed, moved), or on hold while collection is paused:
    then the card says only that, and no visit action is offered."""
    return rx.card(
        rx.vstack(
            rx.cond(
                L.paused,
                rx.text(L.planned, size="3", id="link-paused"),
                rx.text(L.planned, size="3", id="link-planned"),
            ),
            rx.badge(
                L.confirmation_label,
                color_scheme=rx.cond(
                    L.paused,
                    "gray",
                    rx.match(
                        L.confirmation,
                        (Confirmation.CONFIRMED.value, "green"),
                        (Confirmation.RESCHEDULED.value, "amber"),
                        "blue",
                    ),
                ),
                id="link-status",
                size="2",
            ),
            spacing="2",
        ),
        width="100%",
    )


def _ok() -> rx.Component:
    return rx.vstack(
        _visit(),
        rx.cond(
            L.done_message != "",
            rx.callout(L.done_message, color_scheme="green", icon="check", id="link-done", width="100%"),
        ),
        rx.cond(
            L.error != "",
            rx.callout(L.error, color_scheme="red", icon="triangle_alert", id="link-error", width="100%"),
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
        rx.cond(L.can_act, _actions()),
        _statement(),
        _complaint(),
        width="100%",
        spacing="3",
    )


def _problem() -> rx.Component:
    """Replaced, expired, cancelled or unknown: which it is, and how to reach the company."""
    return rx.vstack(
        rx.callout(L.message, color_scheme="amber", icon="triangle_alert", id="link-problem", width="100%"),
        rx.cond(
            L.done_message != "",
            rx.callout(L.done_message, color_scheme="green", icon="check", id="link-done", width="100%"),
        ),
        _call_button(id="link-call"),
        width="100%",
        spacing="3",
    )


def link_page() -> rx.Component:
    return rx.box(  # the column starts at the top, also when it is short (a replaced link)
        rx.vstack(
            rx.hstack(
                rx.heading(L.t["link.title"], size="5"),
                rx.spacer(),
                rx.button(
                    L.t["lang.switch"],
                    on_click=[L.toggle_lang, L.rerender],
                    variant="soft",
                    size="2",
                    id="link-lang",
                    style=TAP,
                ),
                width="100%",
                align="center",
            ),
            rx.cond(L.checked, rx.cond(L.status == "ok", _ok(), _problem()), rx.spinner()),
            rx.text(L.t["link.privacy"], size="1", color="var(--gray-11)"),
            width="100%",
            max_width="420px",
            margin="0 auto",
            padding="16px",
            spacing="3",
        ),
        width="100%",
        min_height="100vh",
        background="var(--gray-2)",
    )
