"""Admin: audit log and contact ledger."""

from __future__ import annotations

import reflex as rx

from visitapp.compliance.ui.records_state import AdminAuditState as A
from visitapp.compliance.ui.records_state import AdminLedgerState as L
from visitapp.ui.layout import empty_state, loading, page, pager


def _audit_row(r: rx.Var) -> rx.Component:
    return rx.card(
        rx.hstack(
            rx.text(r["action"], weight="bold", size="2"),
            rx.spacer(),
            rx.text(r["at"], size="1", color="var(--gray-10)"),
            width="100%",
            wrap="wrap",
        ),
        rx.text(r["actor"], " · ", r["entity"], size="2"),
        rx.cond(r["change"] != "", rx.code(r["change"], size="1", white_space="pre-wrap", word_break="break-all")),
        width="100%",
        class_name="audit-row",
    )


def _purge_dialog() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(
            rx.button(A.t["admin.audit.purge"], color_scheme="red", variant="soft", id="purge-open")
        ),
        rx.alert_dialog.content(
            rx.alert_dialog.title(A.t["admin.audit.purge"]),
            rx.alert_dialog.description(
                A.t["admin.audit.purge_confirm"].replace("{years}", A.retention_years.to_string())
            ),
            rx.hstack(
                rx.alert_dialog.cancel(rx.button(A.t["common.cancel"], variant="soft", color_scheme="gray")),
                rx.alert_dialog.action(
                    rx.button(A.t["common.confirm"], color_scheme="red", on_click=A.purge, id="purge-confirm")
                ),
                justify="end",
                spacing="3",
                margin_top="12px",
            ),
            max_width="360px",
        ),
    )


def audit_page() -> rx.Component:
    return page(
        rx.hstack(
            rx.heading(A.t["admin.audit.title"], size="5"), rx.spacer(), _purge_dialog(), width="100%", align="center"
        ),
        rx.form(
            rx.grid(
                rx.input(name="text", placeholder=A.t["admin.audit.text"], id="audit-text"),
                rx.input(name="username", placeholder=A.t["admin.audit.user"], id="audit-user", auto_capitalize="none"),
                rx.input(name="date_from", type="date", aria_label=A.t["admin.audit.from"]),
                rx.input(name="date_to", type="date", aria_label=A.t["admin.audit.to"]),
                rx.button(A.t["common.search"], type="submit", id="audit-search"),
                columns=rx.breakpoints(initial="1", sm="2", md="5"),
                spacing="2",
                width="100%",
            ),
            on_submit=A.search,
            reset_on_submit=False,
            width="100%",
        ),
        rx.cond(
            A.loaded,
            rx.cond(
                A.rows.length() > 0,
                rx.vstack(rx.foreach(A.rows, _audit_row), pager(A), width="100%", spacing="2"),
                empty_state(A.t["admin.audit.empty"], "search-x"),
            ),
            loading(A.t["common.loading"]),
        ),
        reload=A.load,
        max_width="900px",
    )


def _ledger_row(r: rx.Var) -> rx.Component:
    return rx.card(
        rx.hstack(
            rx.badge(r["channel"]),
            rx.text(r["debtor"], weight="bold", size="2"),
            rx.badge(
                rx.cond(r["allowed"] != "", L.t["admin.ledger.only_allowed"], L.t["admin.ledger.only_blocked"]),
                color_scheme=rx.cond(r["allowed"] != "", "green", "red"),
            ),
            rx.spacer(),
            rx.text(r["at"], size="1", color="var(--gray-10)"),
            width="100%",
            wrap="wrap",
            align="center",
        ),
        rx.text(r["actor"], " · ", r["result"], size="2"),
        rx.cond(r["reasons"] != "", rx.text(r["reasons"], size="2", color="var(--amber-11)")),
        width="100%",
        class_name="ledger-row",
    )


def ledger_page() -> rx.Component:
    return page(
        rx.heading(L.t["admin.ledger.title"], size="5"),
        rx.hstack(
            rx.form(
                rx.hstack(
                    rx.input(name="debtor", placeholder=L.t["admin.ledger.debtor"], id="ledger-debtor"),
                    rx.button(L.t["common.search"], type="submit"),
                ),
                on_submit=L.search,
                reset_on_submit=False,
            ),
            rx.select.root(
                rx.select.trigger(id="ledger-channel"),
                rx.select.content(
                    rx.select.item(L.t["common.all"], value="all"),
                    *[
                        rx.select.item(L.t[f"channel.{c}"], value=c)
                        for c in ("sms", "call", "visit", "link_view", "letter")
                    ],
                ),
                value=L.channel,
                on_change=L.set_channel,
            ),
            rx.select.root(
                rx.select.trigger(id="ledger-decision"),
                rx.select.content(
                    rx.select.item(L.t["common.all"], value="all"),
                    rx.select.item(L.t["admin.ledger.only_allowed"], value="allowed"),
                    rx.select.item(L.t["admin.ledger.only_blocked"], value="blocked"),
                ),
                value=L.decision,
                on_change=L.set_decision,
            ),
            wrap="wrap",
            width="100%",
        ),
        rx.cond(
            L.loaded,
            rx.cond(
                L.rows.length() > 0,
                rx.vstack(rx.foreach(L.rows, _ledger_row), pager(L), width="100%", spacing="2"),
                empty_state(L.t["admin.ledger.empty"], "list"),
            ),
            loading(L.t["common.loading"]),
        ),
        reload=L.load,
        max_width="900px",
    )
