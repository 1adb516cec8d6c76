"""Admin: audit log and contact ledger."""

from __future__ import annotations

import reflex as rx

from visitapp.compliance.services.audit_log import ACTION_GROUPS
from visitapp.compliance.ui.records_state import AdminAuditState as A
from visitapp.compliance.ui.records_state import AdminLedgerState as L
from visitapp.ui.layout import empty_state, loading, page, pager


def _audit_row(r: rx.Var) -> rx.Component:
    return rx.card(
        rx.hstack(
            rx.text(r["sentence"], weight="medium", size="2", class_name="audit-sentence"),
            rx.spacer(),
            rx.text(r["at"], size="1", color="var(--gray-11)", white_space="nowrap"),
            width="100%",
            wrap="wrap",
            align="start",
        ),
        rx.cond(
            r["changes"] != "",
            rx.text(r["changes"], size="1", color="var(--gray-11)", white_space="pre-line", class_name="audit-changes"),
        ),
        rx.cond(r["note"] != "", rx.text("“", r["note"], "”", size="1", color="var(--amber-11)")),
        rx.cond(
            (r["case"] != "") & (r["case"] != A.case.strip()),
            rx.button(
                A.t["audit.only_case"],
                on_click=A.only_case(r["case"]),
                size="1",
                variant="ghost",
                class_name="audit-only-case touch",
            ),
        ),
        width="100%",
        class_name="audit-row",
    )


def _date_input(name: str, label: rx.Var, value: rx.Var) -> rx.Component:
    return rx.el.label(
        rx.text(label, size="1", color="var(--gray-11)"),
        rx.input(name=name, type="date", default_value=value, width="100%"),
        width="100%",
    )


def _person_filter() -> rx.Component:
    return rx.select.root(
        rx.select.trigger(placeholder=A.t["audit.filter.person"], id="audit-person", width="100%"),
        rx.select.content(
            rx.select.item(A.t["audit.filter.everyone"], value="all"),
            rx.select.item(A.t["audit.who.debtor"], value="debtor"),
            rx.select.item(A.t["audit.who.system"], value="system"),
            rx.select.separator(),
            rx.foreach(A.people, lambda p: rx.select.item(p[1], value=p[0])),
        ),
        value=A.person,
        on_change=A.set_person,
    )


def _action_filter() -> rx.Component:
    groups = []
    for name, codes in ACTION_GROUPS.items():
        groups.append(
            rx.select.group(
                rx.select.label(A.t[f"audit.group.{name}"]),
                rx.select.item(
                    A.t["audit.filter.all_of"].replace("{group}", A.t[f"audit.group.{name}"]),
                    value=f"group:{name}",
                ),
                *[rx.select.item(A.t[f"audit.label.{c}"], value=c) for c in codes],
            )
        )
    return rx.select.root(
        rx.select.trigger(placeholder=A.t["audit.filter.action"], id="audit-action", width="100%"),
        rx.select.content(rx.select.item(A.t["audit.filter.every_action"], value="all"), *groups),
        value=A.action,
        on_change=A.set_action,
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
        rx.grid(
            _person_filter(), _action_filter(), columns=rx.breakpoints(initial="1", sm="2"), spacing="2", width="100%"
        ),
        rx.form(
            rx.grid(
                rx.input(
                    name="case",
                    placeholder=A.t["audit.filter.case"],
                    aria_label=A.t["audit.filter.case"],
                    id="audit-case",
                    input_mode="numeric",
                    default_value=A.case,
                ),
                rx.input(
                    name="text",
                    placeholder=A.t["admin.audit.text"],
                    aria_label=A.t["admin.audit.text"],
                    id="audit-text",
                    default_value=A.text,
                ),
                rx.grid(
                    _date_input("date_from", A.t["admin.audit.from"], A.date_from),
                    _date_input("date_to", A.t["admin.audit.to"], A.date_to),
                    columns="2",
                    spacing="2",
                    width="100%",
                ),
                rx.button(A.t["common.search"], type="submit", id="audit-search"),
                columns=rx.breakpoints(initial="1", sm="2", md="4"),
                spacing="2",
                width="100%",
            ),
            on_submit=A.search,
            reset_on_submit=False,
            width="100%",
            key=A.form_key,
        ),
        rx.cond(
            A.filter_error != "",
            rx.callout(A.filter_error, icon="triangle-alert", color_scheme="red", id="audit-error"),
        ),
        rx.hstack(
            rx.button(
                A.t["audit.filter.clear"], on_click=A.clear, variant="soft", color_scheme="gray", id="audit-clear"
            ),
            rx.button(
                rx.icon("download", size=16), A.t["audit.export"], on_click=A.export, variant="soft", id="audit-export"
            ),
            spacing="2",
            wrap="wrap",
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
            rx.text(r["at"], size="1", color="var(--gray-11)"),
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
