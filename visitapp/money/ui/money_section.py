"""The dossier's promise-to-pay and payment forms, and the receipt the agent shows."""

from __future__ import annotations

import reflex as rx

from visitapp.money.ui.money_state import MoneyState as M
from visitapp.ui.layout import NATIVE_CONTROL

_CONTROL = NATIVE_CONTROL


def _label(key: str) -> rx.Component:
    return rx.text(M.t[key], size="2")


def _amount_and_date(prefix: str, date_label: str, date_name: str, default_date) -> rx.Component:
    """An amount and a date side by side (ids `<prefix>-amount`, `<prefix>-date`)."""
    return rx.hstack(
        rx.vstack(
            _label("money.amount"),
            rx.el.input(
                name="amount",
                type="text",  # the one money parser reads it and says what is wrong
                input_mode="decimal",
                auto_complete="off",
                id=f"{prefix}-amount",
                style=_CONTROL,
            ),
            width="100%",
            spacing="1",
        ),
        rx.vstack(
            _label(date_label),
            rx.el.input(name=date_name, type="date", id=f"{prefix}-date", default_value=default_date, style=_CONTROL),
            width="100%",
            spacing="1",
        ),
        width="100%",
        spacing="2",
    )


def _balance_row(row: rx.Var) -> rx.Component:
    """One line of the receipt's reconciliation: label and amount; the remaining balance stands out."""
    strong = row[2] == "remaining"
    return rx.hstack(
        rx.text(row[0], size="2", weight=rx.cond(strong, "bold", "regular")),
        rx.spacer(),
        rx.text(
            row[1], size=rx.cond(strong, "3", "2"), weight=rx.cond(strong, "bold", "regular"), white_space="nowrap"
        ),
        width="100%",
        align="baseline",
        class_name="receipt-balance-row",
        data_kind=row[2],
    )


def money_section() -> rx.Component:
    return rx.cond(
        M.is_agent,
        rx.card(
            rx.vstack(
                rx.text(M.t["money.title"], weight="bold"),
                rx.cond(M.balance != "", rx.text(M.balance, size="2", weight="medium", id="money-balance")),
                rx.cond(
                    M.message != "",
                    rx.callout(M.message, color_scheme=rx.cond(M.ok, "green", "red"), id="money-message", width="100%"),
                ),
                rx.form(
                    rx.vstack(
                        rx.text(M.t["money.promise"], size="2", weight="medium"),
                        _amount_and_date("promise", "money.promise_date", "due", M.default_promise_date),
                        rx.button(M.t["money.promise_save"], type="submit", variant="soft", id="promise-save"),
                        width="100%",
                        spacing="2",
                    ),
                    on_submit=M.promise,
                    reset_on_submit=True,
                    width="100%",
                ),
                rx.divider(),
                rx.form(
                    rx.vstack(
                        rx.text(M.t["money.payment"], size="2", weight="medium"),
                        _amount_and_date("payment", "money.paid_on", "paid_on", M.today),
                        _label("money.method"),
                        rx.el.select(
                            rx.foreach(M.methods, lambda m: rx.el.option(m[1], value=m[0])),
                            name="method",
                            id="payment-method",
                            style=_CONTROL,
                        ),
                        _label("money.reference"),
                        rx.el.input(name="reference", id="payment-reference", max_length=64, style=_CONTROL),
                        rx.button(M.t["money.payment_save"], type="submit", id="payment-save"),
                        width="100%",
                        spacing="2",
                    ),
                    on_submit=M.pay,
                    reset_on_submit=True,
                    width="100%",
                ),
                rx.cond(
                    M.receipt.contains("no"),
                    rx.box(
                        rx.vstack(
                            rx.heading(M.t["receipt.title"], size="4"),
                            rx.text(M.receipt["company"], size="2"),
                            rx.text(M.t["money.receipt_no"], ": ", M.receipt["no"], weight="bold", id="receipt-no"),
                            rx.text(M.receipt["debtor"], " · ", M.receipt["contract"], size="2"),
                            rx.text(
                                M.t["receipt.paid_now"],
                                " ",
                                M.receipt["amount"],
                                size="4",
                                weight="bold",
                                id="receipt-amount",
                            ),
                            rx.text(M.receipt["paid_on"], " · ", M.receipt["method"], size="2"),
                            rx.text(M.t["money.reference"], ": ", M.receipt["reference"], size="2"),
                            rx.foreach(M.receipt_lines, lambda x: rx.text(x, size="2", class_name="receipt-line")),
                            rx.cond(
                                M.receipt_balance.length() > 0,
                                rx.vstack(
                                    rx.foreach(M.receipt_balance, _balance_row),
                                    width="100%",
                                    spacing="1",
                                    padding_top="6px",
                                    border_top="1px solid var(--gray-6)",
                                    id="receipt-balance",
                                ),
                            ),
                            rx.text(M.t["money.recorded_by"], ": ", M.receipt["by"], size="1", color="var(--gray-11)"),
                            spacing="1",
                            width="100%",
                        ),
                        border="2px dashed var(--teal-8)",
                        border_radius="10px",
                        padding="12px",
                        width="100%",
                        id="receipt",
                    ),
                ),
                width="100%",
                spacing="3",
            ),
            width="100%",
            id="money-card",
        ),
    )
