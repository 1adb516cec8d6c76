"""The dossier's on-site plan section: pickers, live schedule, propose, approval state, signature."""

from __future__ import annotations

import reflex as rx

from visitapp.core.enums import PlanStatus
from visitapp.money.ui.plan_state import OnSitePlanState as P
from visitapp.money.ui.signature import signature_pad
from visitapp.ui.layout import NATIVE_CONTROL

_CONTROL = NATIVE_CONTROL


def _schedule() -> rx.Component:
    cols = ("seq", "due", "amount")
    return rx.vstack(
        rx.text(P.summary, size="2", weight="medium", id="plan-summary"),
        rx.box(
            rx.table.root(
                rx.table.header(rx.table.row(*[rx.table.column_header_cell(P.t[f"planui.col.{c}"]) for c in cols])),
                rx.table.body(
                    rx.foreach(
                        P.schedule,
                        lambda r: rx.table.row(
                            *[rx.table.cell(r[c], white_space="nowrap") for c in cols], class_name="plan-row"
                        ),
                    )
                ),
                size="1",
                width="100%",
            ),
            width="100%",
            max_height="240px",
            overflow_y="auto",
        ),
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
        rx.text(P.t["planui.months"], size="2"),
        rx.segmented_control.root(
            rx.foreach(P.months_options, lambda m: rx.segmented_control.item(m, value=m)),
            value=P.months,
            on_change=P.set_months,
            id="plan-months",
            width="100%",
        ),
        rx.text(P.t["planui.down"], size="2"),
        rx.el.input(
            type="number",
            min=0,
            step=100,
            value=P.down_yuan,
            input_mode="decimal",
            id="plan-down",
            on_change=P.set_down.debounce(400),
            style=_CONTROL,
        ),
        rx.hstack(
            rx.checkbox(
                P.t["planui.waive_fees"], checked=P.waive_fees, on_change=P.set_waive_fees, id="plan-waive-fees"
            ),
            rx.checkbox(
                P.t["planui.waive_interest"],
                checked=P.waive_interest,
                on_change=P.set_waive_interest,
                id="plan-waive-interest",
            ),
            wrap="wrap",
            spacing="4",
        ),
        rx.text(P.t["planui.first_due"], size="2"),
        rx.el.input(type="date", value=P.first_due, on_change=P.set_first_due, id="plan-first-due", style=_CONTROL),
        rx.cond(P.schedule.length() > 0, _schedule()),
        rx.button(P.t["planui.propose"], on_click=P.propose, id="plan-propose", disabled=P.schedule.length() == 0),
        width="100%",
        spacing="2",
    )


def _after_proposal() -> rx.Component:
    return rx.vstack(
        rx.callout(
            P.status_label,
            id="plan-status",
            width="100%",
            color_scheme=rx.match(
                P.plan_status,
                (PlanStatus.APPROVED.value, "green"),
                (PlanStatus.ACTIVE.value, "green"),
                (PlanStatus.REJECTED.value, "red"),
                "amber",
            ),
        ),
        rx.cond(P.comment != "", rx.text(P.t["planui.comment"].replace("{comment}", P.comment), size="2")),
        rx.cond(
            P.plan_status == PlanStatus.AWAITING_APPROVAL.value,
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
            P.plan_status == PlanStatus.APPROVED.value,
            rx.vstack(
                _schedule(),
                rx.text(P.t["planui.sign_here"], size="2", weight="medium"),
                signature_pad(width=320, height=170, clear_signal=P.clear_signal, on_end=P.set_signature),
                rx.hstack(
                    rx.button(P.t["planui.clear"], on_click=P.clear_signature, variant="soft", id="plan-clear"),
                    rx.button(P.t["planui.sign"], on_click=P.sign, id="plan-sign", disabled=P.signature == ""),
                    spacing="2",
                ),
                width="100%",
                spacing="2",
            ),
        ),
        rx.cond(
            P.agreement_url != "",
            rx.el.a(
                rx.button(rx.icon("file-down", size=16), P.t["planui.download"], variant="soft", tab_index=-1),
                href=P.agreement_url,
                download="agreement.pdf",
                reload_document=True,
                id="plan-agreement",
            ),
        ),
        width="100%",
        spacing="2",
    )


def plan_section() -> rx.Component:
    return rx.cond(
        P.months_options.length() > 0,
        rx.card(
            rx.vstack(
                rx.hstack(
                    rx.text(P.t["planui.title"], weight="bold"),
                    rx.spacer(),
                    rx.cond(
                        P.plan_id == 0,
                        rx.button(P.t["planui.open"], on_click=P.toggle, size="1", variant="soft", id="plan-open"),
                    ),
                    width="100%",
                    align="center",
                ),
                rx.cond(P.error != "", rx.callout(P.error, color_scheme="red", id="plan-error", width="100%")),
                rx.cond(P.plan_id != 0, _after_proposal(), rx.cond(P.open, _form())),
                width="100%",
                spacing="2",
            ),
            width="100%",
            id="plan-card",
        ),
    )
