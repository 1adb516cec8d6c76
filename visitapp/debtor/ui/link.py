"""The debtor's page behind the notice SMS link (phone-first, no login, nothing about the debt until
the debtor verifies). Everything the debtor taps is at least 44 x 44 px."""

from __future__ import annotations

import reflex as rx

from visitapp.debtor.services import complaints
from visitapp.debtor.ui import link_words
from visitapp.debtor.ui.link_state import LinkState as L
from visitapp.ui import lean
from visitapp.ui.auth import SessionState
from visitapp.ui.layout import NATIVE_CONTROL
from visitapp.ui.statement import statement_lines

CALL = f"{lean.BUTTON_LOOK} link-wide"
VERIFY = "rt-reset rt-BaseButton rt-r-size-2 rt-variant-soft rt-Button touch link-verify"
_CONTROL = {**NATIVE_CONTROL, "min_height": "44px"}


def _call_button(**props) -> rx.Component:
    """The company's number as a tap-to-call link drawn as a button (from the settings)."""
    return rx.el.a(
        lean.icon("phone"),
        L.call_label,
        href=L.call_href,
        data_accent_color="",
        class_name=f"{CALL} link-call",
        **props,
    )


def _agent(a: rx.Var) -> rx.Component:
    # the name and badge keep to one line each; the verify button moves below them when the row is too
    # narrow for both (English), instead of squeezing either into several lines (assets/app.css)
    return rx.el.div(
        rx.el.div(
            rx.el.div(
                rx.cond(
                    a["photo"] != "",
                    rx.el.img(src=a["photo"], alt="", width="48", height="48", class_name="link-photo"),
                    lean.text(a["initials"], size="5", weight="bold"),
                ),
                class_name="link-avatar",
            ),
            rx.el.div(
                lean.text(a["name"], size="4", weight="bold"),
                lean.text(L.t["badge.no"], ": ", a["badge"], class_name="link-badge"),
                class_name="link-names",
            ),
            class_name="link-who",
        ),
        rx.cond(
            a["verify"] != "",
            lean.link(
                lean.icon("shield-check"),
                L.t["link.verify"],
                to=a["verify"],
                data_accent_color="",
                class_name=VERIFY,
            ),
        ),
        class_name="link-agent",
    )


def _actions() -> rx.Component:
    return rx.el.div(
        rx.cond(
            L.can_confirm,
            lean.button(
                lean.icon("check"),
                L.t["link.confirm"],
                color="",
                variant="solid",
                on_click=L.confirm,
                id="link-confirm",
                class_name="link-wide",
            ),
        ),
        # `download` + reloadDocument: otherwise the router would navigate inside the app instead of saving
        rx.cond(
            L.ics_url != "",
            rx.el.a(
                lean.icon("calendar-plus"),
                L.t["link.ics"],
                href=L.ics_url,
                download="visit.ics",
                reload_document=True,  # a download: not a navigation inside the app
                id="link-ics",
                data_accent_color="",
                class_name=f"{lean.BUTTON_LOOK} link-wide",
            ),
        ),
        lean.button(
            lean.icon("calendar-clock"),
            L.t["link.other_time"],
            color="",
            on_click=L.show_panel("slots"),
            id="link-other",
            class_name="link-wide",
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
                            lambda x: lean.button(
                                x["label"],
                                color="",
                                variant="outline",
                                on_click=L.pick_slot(x["key"]),
                                class_name="link-slot",
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
        lean.button(
            lean.icon("phone"),
            L.t["link.decline"],
            color="gray",
            on_click=L.show_panel("decline"),
            id="link-decline",
            class_name="link-wide",
        ),
        rx.cond(
            L.panel == "decline",
            rx.el.div(
                lean.text(L.t["link.decline_confirm"], size="3"),
                rx.el.div(
                    lean.button(
                        L.t["link.decline_yes"], color="red", variant="solid", on_click=L.decline, id="link-decline-yes"
                    ),
                    lean.button(L.t["link.cancel"], color="gray", on_click=L.show_panel("")),
                    class_name="link-row",
                ),
                class_name="link-ask",
            ),
        ),
        class_name="link-stack",
    )


def _toggle(icon: str, label: rx.Var, panel: str, id_: str, color: str = "") -> rx.Component:
    """A card's heading that opens its panel: the whole width is the touch target."""
    return lean.button(
        lean.icon(icon),
        label,
        color=color,
        variant="ghost",
        size="2",
        on_click=L.show_panel(panel),
        id=id_,
        class_name="link-toggle",
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
            lean.button(L.t["link.verify_submit"], color="", variant="solid", type="submit", id="link-verify-submit"),
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
    return lean.card(
        rx.el.div(
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
                                lean.icon("file-down"),
                                L.t["agreement.download"],
                                href=L.agreement_url,
                                download="agreement.pdf",
                                reload_document=True,  # a download: not a navigation inside the app
                                id="link-agreement",
                                data_accent_color="",
                                class_name=lean.BUTTON_LOOK,
                            ),
                        ),
                        width="100%",
                        spacing="2",
                    ),
                    rx.cond(
                        L.locked_message != "",
                        rx.el.div(
                            lean.callout(L.locked_message, icon_name="lock", color="red", class_name="link-wide"),
                            _call_button(),
                            class_name="link-stack",
                            id="link-locked",
                        ),
                        _verify_form(),
                    ),
                ),
            ),
            class_name="link-stack",
        ),
        class_name="link-wide",
    )


def _complaint() -> rx.Component:
    return lean.card(
        rx.el.div(
            _toggle("message-square-warning", L.t["link.complain"], "complaint", "link-complain", color="red"),
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
                        lean.button(
                            L.t["link.complaint_send"],
                            color="red",
                            variant="solid",
                            type="submit",
                            id="link-complaint-send",
                        ),
                        width="100%",
                        spacing="2",
                    ),
                    on_submit=L.complain,
                    width="100%",
                ),
            ),
            class_name="link-stack",
        ),
        class_name="link-wide",
    )


def _visit() -> rx.Component:
    """The visit and its state: planned (waiting, confirmed, moved), or on hold while collection is paused:
    then the card says only that, and no visit action is offered."""
    return lean.card(
        rx.el.div(
            lean.text(L.planned, size="3", id=rx.cond(L.paused, "link-paused", "link-planned")),
            lean.badge(
                L.confirmation_label,
                color=rx.cond(
                    L.paused,
                    "gray",
                    rx.match(
                        L.confirmation,
                        *[(moment, color) for moment, color in link_words.BADGE_COLORS.items()],
                        "blue",
                    ),
                ),
                size="2",
                id="link-status",
            ),
            class_name="link-stack",
        ),
        class_name="link-wide",
    )


def _ok() -> rx.Component:
    return rx.el.div(
        _visit(),
        rx.cond(
            L.done_message != "",
            lean.callout(L.done_message, icon_name="check", color="green", id="link-done", class_name="link-wide"),
        ),
        rx.cond(
            L.error != "",
            lean.callout(L.error, icon_name="triangle-alert", color="red", id="link-error", class_name="link-wide"),
        ),
        lean.card(
            rx.el.div(
                lean.text(L.agents_label, size="3", weight="bold"),
                rx.foreach(L.agents, _agent),
                lean.text(L.t["link.check_badge"], class_name="link-muted"),
                class_name="link-stack",
            ),
            class_name="link-wide",
        ),
        rx.cond(L.can_act, _actions()),
        _statement(),
        _complaint(),
        class_name="link-stack link-gap",
    )


def _problem() -> rx.Component:
    """Replaced, expired, cancelled or unknown: which it is, and how to reach the company."""
    return rx.el.div(
        lean.callout(L.message, icon_name="triangle-alert", color="amber", id="link-problem", class_name="link-wide"),
        rx.cond(
            L.done_message != "",
            lean.callout(L.done_message, icon_name="check", color="green", id="link-done", class_name="link-wide"),
        ),
        _call_button(id="link-call"),
        class_name="link-stack link-gap",
    )


def link_page() -> rx.Component:
    """The page; its first screen is drawn with ui/lean.py and assets/app.css, as the server draws it before
    the scripts run (first_view.py): when the state arrives the page takes the first paint's place."""
    return rx.el.div(
        lean.icon_sprite(),
        rx.el.div(
            rx.el.div(
                rx.el.h1(L.t["link.title"], class_name="rt-Heading rt-r-size-5"),
                lean.button(
                    L.t["lang.switch"],
                    color="",
                    size="2",
                    on_click=[SessionState.toggle_lang, L.rerender],
                    id="link-lang",
                    class_name="link-lang",
                ),
                class_name="link-head",
            ),
            rx.cond(L.checked, rx.cond(L.status == "ok", _ok(), _problem()), rx.spinner()),
            lean.text(L.t["link.privacy"], size="1", class_name="link-muted"),
            class_name="link-col",
        ),
        class_name=rx.cond(L.checked, "link-page link-ready", "link-page"),
    )
