"""An itemized statement as a phone reads it: one block per line, never a table wider than the screen.

Each line says what it is (installment, interest, late fee, fee), when it fell due and how much, and, where
they apply, what was paid and how many days it is late. The debtor's page and the agent's dossier both
show it; their states build the lines with `line_texts` in the reader's language."""

from __future__ import annotations

from datetime import date

import reflex as rx

from visitapp import i18n


def line_texts(due: date, kind: str, amount_cents: int, paid_cents: int, days: int, lang: str) -> dict[str, str]:
    """One statement line as the texts the page shows (empty where nothing applies)."""
    return {
        "kind_code": kind,
        "kind": i18n.t(f"statement.kind.{kind}", lang),
        "due": i18n.t("statement.due_on", lang, date=due.isoformat()),
        "amount": i18n.money(amount_cents, lang),
        "paid": i18n.t("statement.paid", lang, amount=i18n.money(paid_cents, lang)) if paid_cents else "",
        "late": i18n.t("statement.days_late", lang, days=days) if days else "",
    }


def _line(r: rx.Var, line_class: str) -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.badge(
                r["kind"],
                variant="soft",
                color_scheme=rx.match(
                    r["kind_code"], ("interest", "amber"), ("late_fee", "red"), ("fee", "red"), "teal"
                ),
                class_name="line-kind",
                flex_shrink="0",
            ),
            rx.text(r["due"], size="2", color="var(--gray-11)", white_space="nowrap"),
            rx.spacer(),
            rx.text(r["amount"], size="2", weight="bold", white_space="nowrap", class_name="line-amount"),
            align="center",
            spacing="2",
            width="100%",
        ),
        rx.cond(
            (r["paid"] != "") | (r["late"] != ""),
            rx.hstack(
                rx.text(r["paid"], size="1", color="var(--gray-11)"),
                rx.spacer(),
                rx.text(r["late"], size="1", color="var(--red-11)", white_space="nowrap", class_name="line-late"),
                width="100%",
                padding_top="2px",
            ),
        ),
        class_name=line_class,
        width="100%",
        padding_y="8px",
        border_bottom="1px solid var(--gray-4)",
    )


def statement_lines(lines: rx.Var, *, line_class: str, list_id: str) -> rx.Component:
    return rx.vstack(rx.foreach(lines, lambda r: _line(r, line_class)), width="100%", spacing="0", id=list_id)
