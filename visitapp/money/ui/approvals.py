"""The supervisor's approval inbox: one card per installment plan awaiting approval; fits a 390 px phone."""

from __future__ import annotations

import reflex as rx

from visitapp.money.ui.approvals_state import ApprovalsState as S
from visitapp.ui.layout import empty_state, loading, page, stale_row

_WRAP = {"overflow_wrap": "anywhere", "word_break": "break-word"}


def _decision(r: rx.Var) -> rx.Component:
    return rx.cond(
        r["own"] != "",
        rx.badge(S.t["approvals.own"], color_scheme="gray", white_space="normal", class_name="approval-own"),
        rx.vstack(
            rx.text_area(
                value=S.comments[r["id"]],
                on_change=lambda v: S.set_comment(r["id"], v),
                placeholder=S.t["approvals.comment"],
                rows="2",
                width="100%",
                max_length=255,
                class_name="approval-comment",
            ),
            rx.hstack(
                rx.button(
                    S.t["approvals.approve"],
                    on_click=S.approve(r["id"], r["version"]),
                    size="2",
                    color_scheme="green",
                    class_name="approval-approve",
                ),
                rx.button(
                    S.t["approvals.reject"],
                    on_click=S.reject(r["id"], r["version"]),
                    size="2",
                    color_scheme="red",
                    variant="soft",
                    class_name="approval-reject",
                ),
                spacing="2",
                wrap="wrap",
            ),
            width="100%",
            spacing="2",
        ),
    )


def _card(r: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(r["case"], size="2", weight="medium", style=_WRAP, class_name="approval-case"),
            rx.text(r["terms"], size="2", style=_WRAP, class_name="approval-terms"),
            rx.text(
                r["waiver"],
                size="2",
                weight="bold",
                color="var(--orange-11)",
                style=_WRAP,
                class_name="approval-waiver",
            ),
            rx.text(r["schedule"], size="2", style=_WRAP, class_name="approval-schedule"),
            rx.text(r["proposer"], size="1", color="var(--gray-11)", class_name="approval-proposer"),
            stale_row(S, r["id"], S.t["approvals.reload"], "approval"),
            _decision(r),
            width="100%",
            spacing="2",
        ),
        width="100%",
        class_name="approval-card",
        data_plan_id=r["id"],
        border_left="4px solid var(--orange-8)",
    )


def approvals_page() -> rx.Component:
    return page(
        rx.heading(S.t["approvals.title"], size="5"),
        rx.text(S.t["approvals.intro"], size="2", color="var(--gray-11)"),
        rx.cond(
            S.message != "",
            rx.callout(
                S.message, color_scheme=rx.cond(S.message_ok, "green", "red"), id="approval-message", width="100%"
            ),
        ),
        rx.cond(
            S.loaded,
            rx.cond(
                S.rows.length() > 0,
                rx.vstack(rx.foreach(S.rows, _card), width="100%", spacing="3", id="approval-list"),
                rx.box(empty_state(S.t["approvals.empty"], "circle-check"), id="approvals-empty", width="100%"),
            ),
            loading(S.t["common.loading"]),
        ),
        reload=S.load,
        max_width="760px",
    )
