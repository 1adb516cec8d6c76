"""The dispatcher's case list: a table on a laptop, cards on a phone."""

from __future__ import annotations

import reflex as rx

from visitapp.components.layout import empty_state, loading, page, pager
from visitapp.state.dispatch_cases import CaseListState as S

_COLUMNS = ("debtor", "phone", "district", "overdue", "days", "segment", "status", "agent")


def _table() -> rx.Component:
    return rx.table.root(
        rx.table.header(rx.table.row(*[rx.table.column_header_cell(S.t[f"dispatch.col.{c}"]) for c in _COLUMNS])),
        rx.table.body(
            rx.foreach(
                S.rows,
                lambda r: rx.table.row(*[rx.table.cell(r[c]) for c in _COLUMNS], class_name="case-row"),
            )
        ),
        width="100%",
        variant="surface",
        size="1",
    )


def _card(r: rx.Var) -> rx.Component:
    return rx.card(
        rx.hstack(
            rx.text(r["debtor"], weight="bold"),
            rx.badge(r["segment"]),
            rx.spacer(),
            rx.text(r["overdue"], weight="medium"),
            width="100%",
            align="center",
        ),
        rx.text(r["district"], " · ", r["phone"], " · ", r["days"], size="2", color="var(--gray-11)"),
        rx.text(r["agent"], " · ", r["status"], size="1", color="var(--gray-10)"),
        width="100%",
        class_name="case-card",
    )


def cases_page() -> rx.Component:
    return page(
        rx.heading(S.t["dispatch.cases.title"], size="5"),
        rx.cond(
            S.loaded,
            rx.cond(
                S.rows.length() > 0,
                rx.vstack(
                    rx.box(_table(), display=["none", "none", "block"], width="100%", id="case-table"),
                    rx.vstack(rx.foreach(S.rows, _card), display=["flex", "flex", "none"], width="100%",
                              spacing="2", id="case-cards"),
                    pager(S),
                    width="100%",
                ),
                empty_state(S.t["dispatch.cases.empty"], "folder-open"),
            ),
            loading(S.t["common.loading"]),
        ),
        reload=S.load,
        max_width="1100px",
    )
