"""The dossier's plan card: the signed plan in force (schedule, what is paid, the next installment, the
agreement), a proposal on its way (approval, then the terms and the debtor's signature), and the form to
propose or, explicitly, renegotiate."""

from __future__ import annotations

import reflex as rx

from visitapp.core.enums import PlanStatus
from visitapp.money.ui.plan_state import OnSitePlanState as P
from visitapp.money.ui.signature import signature_pad
from visitapp.ui.layout import NATIVE_CONTROL, TOUCH

_CONTROL = NATIVE_CONTROL
_STATUS_COLOURS = (
    (PlanStatus.APPROVED.value, "green"),
    (PlanStatus.ACTIVE.value, "green"),
    (PlanStatus.COMPLETED.value, "teal"),
    (PlanStatus.REJECTED.value, "red"),
    (PlanStatus.BROKEN.value, "red"),
)
_INSTALMENT_COLOURS = (("paid", "green"), ("missed", "red"))


def _table(rows: rx.Var, cols: tuple[str, ...], row_class: str, **props) -> rx.Component:
    def cell(r: rx.Var, c: str) -> rx.Component:
        if c == "state":
            return rx.table.cell(
                rx.badge(
                    r["state_label"], color_scheme=rx.match(r["state"], *_INSTALMENT_COLOURS, "gray"), variant="soft"
                )
            )
        return rx.table.cell(r[c], white_space="nowrap")

    return rx.box(
        rx.table.root(
            rx.table.header(rx.table.row(*[rx.table.column_header_cell(P.t[f"planui.col.{c}"]) for c in cols])),
            rx.table.body(rx.foreach(rows, lambda r: rx.table.row(*[cell(r, c) for c in cols], class_name=row_class))),
            size="1",
            width="100%",
        ),
        width="100%",
        overflow_x="auto",
        **props,
    )


def _quote() -> rx.Component:
    return rx.vstack(
        rx.text(P.summary, size="2", weight="medium", id="plan-summary"),
        _table(P.schedule, ("seq", "due", "amount"), "plan-row", max_height="240px", overflow_y="auto"),
        rx.callout(
            rx.cond(P.needs_approval, P.t["planui.needs_approval"], P.t["planui.within"]),
            color_scheme=rx.cond(P.needs_approval, "amber", "green"),
            size="1",
            id="plan-authority",
            width="100%",
        ),
        width="100%",
        spacing="2",
    )


def _form() -> rx.Component:
    return rx.vstack(
        rx.cond(
            P.renegotiate,
            rx.callout(P.t["planui.renegotiating"], icon="refresh-cw", color_scheme="amber", size="1", width="100%"),
        ),
        rx.text(P.t["planui.months"], size="2"),
        rx.segmented_control.root(
            rx.foreach(P.months_options, lambda m: rx.segmented_control.item(m, value=m, min_height="44px")),
            value=P.months,
            on_change=P.set_months,
            id="plan-months",
            width="100%",
            size="3",
        ),
        rx.el.label(P.t["planui.down"], html_for="plan-down", style={"font_size": "14px"}),
        rx.el.input(  # text, not "number": the one money parser reads it (and a number input is a float)
            type="text",
            value=P.down_yuan,
            input_mode="decimal",
            auto_complete="off",
            id="plan-down",
            on_change=P.set_down.debounce(400),
            style=_CONTROL,
        ),
        rx.cond(P.min_down != "", rx.text(P.min_down, size="1", color="var(--gray-11)", id="plan-min-down")),
        rx.flex(
            rx.el.label(
                rx.checkbox(checked=P.waive_fees, on_change=P.set_waive_fees, id="plan-waive-fees", size="3"),
                rx.text(P.t["planui.waive_fees"], size="2"),
                class_name="touch-check",
            ),
            rx.el.label(
                rx.checkbox(
                    checked=P.waive_interest, on_change=P.set_waive_interest, id="plan-waive-interest", size="3"
                ),
                rx.text(P.t["planui.waive_interest"], size="2"),
                class_name="touch-check",
            ),
            wrap="wrap",
            gap="8px 16px",
        ),
        rx.el.label(P.t["planui.first_due"], html_for="plan-first-due", style={"font_size": "14px"}),
        rx.el.input(type="date", value=P.first_due, on_change=P.set_first_due, id="plan-first-due", style=_CONTROL),
        rx.cond(P.schedule.length() > 0, _quote()),
        rx.hstack(
            rx.button(
                P.t["planui.propose"], on_click=P.propose, id="plan-propose", disabled=P.schedule.length() == 0, **TOUCH
            ),
            rx.button(
                P.t["planui.cancel"], on_click=P.toggle, variant="soft", color_scheme="gray", id="plan-cancel", **TOUCH
            ),
            spacing="2",
            wrap="wrap",
        ),
        width="100%",
        spacing="2",
    )


def _renegotiate() -> rx.Component:
    """Replacing a signed plan is never a side effect: the agent says so, in a dialog that explains it."""
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(
            rx.button(
                rx.icon("refresh-cw", size=16),
                P.t["planui.renegotiate"],
                variant="soft",
                id="plan-renegotiate",
                **TOUCH,
            )
        ),
        rx.alert_dialog.content(
            rx.alert_dialog.title(P.t["planui.renegotiate_title"]),
            rx.alert_dialog.description(P.t["planui.renegotiate_body"], size="2"),
            rx.hstack(
                rx.alert_dialog.cancel(
                    rx.button(
                        P.t["planui.cancel"], variant="soft", color_scheme="gray", id="plan-renegotiate-cancel", **TOUCH
                    )
                ),
                rx.alert_dialog.action(
                    rx.button(
                        P.t["planui.renegotiate_confirm"],
                        on_click=P.start_renegotiation,
                        color_scheme="amber",
                        id="plan-renegotiate-confirm",
                        **TOUCH,
                    )
                ),
                justify="end",
                spacing="2",
                margin_top="12px",
                wrap="wrap",
            ),
            max_width="420px",
        ),
    )


def _signed() -> rx.Component:
    s = P.signed
    return rx.vstack(
        rx.hstack(
            rx.badge(
                s["status_label"],
                color_scheme=rx.match(s["status"], *_STATUS_COLOURS, "amber"),
                size="2",
                id="plan-signed-status",
            ),
            rx.text(s["revision"], " · ", s["signed_on"], size="1", color="var(--gray-11)"),
            wrap="wrap",
            align="center",
            spacing="2",
        ),
        rx.text(s["summary"], size="2", weight="medium", id="plan-signed-summary"),
        rx.cond(
            s["next"] != "",
            rx.callout(s["next"], icon="calendar-clock", color_scheme="blue", size="1", width="100%", id="plan-next"),
        ),
        rx.text(s["paid"], size="2", id="plan-paid"),
        _table(P.signed_rows, ("seq", "due", "amount", "state"), "plan-signed-row", id="plan-signed-schedule"),
        rx.hstack(
            rx.cond(
                s["agreement_url"] != "",
                rx.el.a(
                    rx.button(
                        rx.icon("file-down", size=16), P.t["planui.download"], variant="soft", tab_index=-1, **TOUCH
                    ),
                    href=s["agreement_url"],
                    download="agreement.pdf",
                    reload_document=True,
                    id="plan-agreement",
                ),
            ),
            rx.cond(
                ((s["status"] == PlanStatus.ACTIVE.value) | (s["status"] == PlanStatus.BROKEN.value))
                & ((P.pending.length() == 0) | (P.pending["status"] == PlanStatus.REJECTED.value))
                & ~P.open,
                _renegotiate(),
            ),
            wrap="wrap",
            spacing="2",
        ),
        width="100%",
        spacing="2",
        id="plan-signed",
    )


def _terms() -> rx.Component:
    """What the debtor reads before signing: the totals and waiver, every payment, and the agreement's
    clauses (cooling-off included), in the order the PDF has them."""
    p = P.pending
    return rx.vstack(
        rx.text(P.t["planui.read_terms"], size="2", weight="bold"),
        rx.text(p["waiver"], size="2", id="plan-terms-waiver"),
        rx.text(p["summary"], size="2", weight="medium"),
        _table(P.pending_rows, ("seq", "due", "amount"), "plan-pending-row"),
        rx.foreach(P.terms, lambda x: rx.text(x, size="2", class_name="plan-term")),
        width="100%",
        spacing="2",
        padding="10px",
        background="var(--gray-2)",
        border_radius="8px",
        id="plan-terms",
    )


def _pending() -> rx.Component:
    p = P.pending
    return rx.vstack(
        rx.callout(
            p["status_label"],
            id="plan-status",
            width="100%",
            color_scheme=rx.match(p["status"], *_STATUS_COLOURS, "amber"),
        ),
        rx.cond(
            p["renegotiates"] != "", rx.text(p["renegotiates"], size="2", color="var(--amber-11)", id="plan-replaces")
        ),
        rx.cond(p["comment"] != "", rx.text(p["comment"], size="2")),
        rx.cond(
            p["status"] == PlanStatus.AWAITING_APPROVAL.value,
            rx.el.button(
                "poll",
                id="plan-poll",
                on_click=P.poll,
                data_poll_ms="3000",
                type="button",
                style={"display": "none"},
                aria_hidden="true",
                tab_index=-1,
            ),
        ),
        rx.cond(
            p["status"] == PlanStatus.APPROVED.value,
            rx.vstack(
                _terms(),
                rx.text(P.t["planui.sign_here"], size="2", weight="medium"),
                signature_pad(clear_signal=P.clear_signal, on_end=P.set_signature),
                rx.hstack(
                    rx.button(
                        P.t["planui.clear"], on_click=P.clear_signature, variant="soft", id="plan-clear", **TOUCH
                    ),
                    rx.button(P.t["planui.sign"], on_click=P.sign, id="plan-sign", disabled=P.signature == "", **TOUCH),
                    spacing="2",
                ),
                width="100%",
                spacing="2",
            ),
        ),
        width="100%",
        spacing="2",
        id="plan-pending",
    )


def plan_section() -> rx.Component:
    may_propose = (P.signed.length() == 0) & (
        (P.pending.length() == 0) | (P.pending["status"] == PlanStatus.REJECTED.value)
    )
    return rx.cond(
        P.months_options.length() > 0,
        rx.card(
            rx.vstack(
                rx.hstack(
                    rx.text(P.t["planui.title"], weight="bold"),
                    rx.spacer(),
                    rx.cond(
                        may_propose & ~P.open,
                        rx.button(P.t["planui.open"], on_click=P.toggle, variant="soft", id="plan-open", **TOUCH),
                    ),
                    width="100%",
                    align="center",
                ),
                rx.cond(P.error != "", rx.callout(P.error, color_scheme="red", id="plan-error", width="100%")),
                rx.cond(P.signed.length() > 0, _signed()),
                rx.cond(P.pending.length() > 0, _pending()),
                rx.cond(P.open, _form()),
                rx.cond(
                    (P.signed.length() == 0) & (P.pending.length() == 0) & ~P.open,
                    rx.text(P.t["planui.none"], size="2", color="var(--gray-11)", id="plan-none"),
                ),
                width="100%",
                spacing="2",
            ),
            width="100%",
            id="plan-card",
            class_name="scroll-target",
        ),
    )
