"""The plan page's notices card: the dry run before publishing, with a switch per visit to leave it out."""

from __future__ import annotations

import reflex as rx

from visitapp.core.enums import RoutePlanStatus
from visitapp.planning.ui.plan_state import PlanState as S
from visitapp.ui.layout import touch_check


def _row(r: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(
            rx.cond(
                r["can_leave_out"] == "1",
                touch_check(
                    aria_label=S.t["notice.send_it"],
                    checked=r["outcome"] != "left_out",
                    on_change=lambda c: S.toggle_notice(r["visit_id"], c),
                    label_class="notice-send-check",
                ),
            ),
        ),
        rx.table.cell(rx.text(r["debtor"], size="2"), rx.text(r["team"], size="1", color="var(--gray-11)")),
        rx.table.cell(rx.text(r["window"], size="2")),
        rx.table.cell(rx.badge(r["label"], color_scheme=r["tone"], class_name="notice-outcome")),
        rx.table.cell(rx.text(r["detail"], size="1", class_name="notice-detail")),
        class_name="notice-row",
        data_visit_id=r["visit_id"],
        data_outcome=r["outcome"],
        align="center",
    )


def notice_card() -> rx.Component:
    """Shown while the plan is a draft: what publishing will send, when, and what it will not."""
    return rx.cond(
        (S.status == RoutePlanStatus.DRAFT.value) & (S.notice_rows.length() > 0),
        rx.card(
            rx.vstack(
                rx.heading(S.t["notice.dry.title"], size="3"),
                rx.text(S.notice_summary, size="2", id="notice-summary"),
                rx.text(S.t["notice.dry.intro"], size="1", color="var(--gray-11)"),
                rx.box(
                    rx.table.root(
                        rx.table.header(
                            rx.table.row(
                                *[
                                    rx.table.column_header_cell(S.t[f"notice.col.{c}"])
                                    for c in ("send", "debtor", "window", "outcome", "detail")
                                ]
                            )
                        ),
                        rx.table.body(rx.foreach(S.notice_rows, _row)),
                        size="1",
                        width="100%",
                    ),
                    overflow_x="auto",
                    width="100%",
                ),
                spacing="2",
                width="100%",
            ),
            width="100%",
            id="notice-dry-run",
        ),
    )
