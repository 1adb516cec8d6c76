"""The dispatcher's complaint inbox: one card per complaint, most urgent first, fits a 390 px phone."""

from __future__ import annotations

import reflex as rx

from visitapp.core.enums import ComplaintStatus
from visitapp.debtor.ui.complaints_state import ComplaintsState as S
from visitapp.ui.layout import empty_state, loading, page, pager, stale_row

_WRAP = {"overflow_wrap": "anywhere", "word_break": "break-word"}


def _filters() -> rx.Component:
    return rx.hstack(
        rx.foreach(
            S.filters,
            lambda f: rx.button(
                f[1],
                on_click=S.set_status(f[0]),
                variant=rx.cond(S.status == f[0], "solid", "soft"),
                size="2",
                class_name="complaint-filter",
                data_status=f[0],
            ),
        ),
        rx.cond(
            S.overdue_label != "", rx.badge(S.overdue_label, color_scheme="red", size="2", id="complaints-overdue")
        ),
        wrap="wrap",
        spacing="2",
        align="center",
        width="100%",
        id="complaint-filters",
    )


def _assign_row(r: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.text(S.t["complaints.assignee"], ": ", r["assignee"], size="2", class_name="complaint-assignee"),
        rx.spacer(),
        rx.button(
            S.t["complaints.assign_me"],
            on_click=S.assign_me(r["id"], r["version"]),
            size="1",
            variant="soft",
            class_name="complaint-assign-me",
        ),
        rx.select.root(
            rx.select.trigger(
                placeholder=S.t["complaints.assign_to"], class_name="complaint-assign-to", max_width="10em"
            ),
            rx.select.content(rx.foreach(S.assignee_options, lambda a: rx.select.item(a[1], value=a[0]))),
            value=r["assignee_id"],
            on_change=lambda v: S.assign(r["id"], r["version"], v),
            size="1",
        ),
        wrap="wrap",
        align="center",
        width="100%",
        spacing="2",
    )


def _answer_form(r: rx.Var) -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.text(S.t["complaints.response"], size="2", weight="medium"),
            rx.text_area(
                name="response",
                default_value=r["response"],
                placeholder=S.t["complaints.response_placeholder"],
                rows="3",
                width="100%",
                class_name="complaint-response-input",
            ),
            rx.el.input(type="hidden", name="id", value=r["id"]),
            rx.el.input(type="hidden", name="version", value=r["version"]),
            rx.button(S.t["complaints.save_answer"], type="submit", size="2", class_name="complaint-answer"),
            width="100%",
            spacing="2",
        ),
        on_submit=S.answer,
        reset_on_submit=False,
        width="100%",
    )


def _close_form(r: rx.Var) -> rx.Component:
    return rx.form(
        rx.hstack(
            rx.el.label(
                rx.el.input(
                    type="checkbox",
                    name="resume",
                    class_name="complaint-resume",
                    style={"width": "18px", "height": "18px", "flex_shrink": "0"},
                ),
                rx.text(S.t["complaints.resume"], size="2"),
                style={"display": "flex", "align_items": "center", "gap": "8px", "cursor": "pointer"},
            ),
            rx.spacer(),
            rx.el.input(type="hidden", name="id", value=r["id"]),
            rx.el.input(type="hidden", name="version", value=r["version"]),
            rx.button(
                S.t["complaints.close"], type="submit", size="2", color_scheme="gray", class_name="complaint-close"
            ),
            wrap="wrap",
            align="center",
            width="100%",
            spacing="2",
        ),
        on_submit=S.close,
        reset_on_submit=False,
        width="100%",
    )


def _card(r: rx.Var) -> rx.Component:
    closed = r["status"] == ComplaintStatus.CLOSED.value
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.badge(r["category"], color_scheme="teal", white_space="normal"),
                rx.badge(r["status_label"], variant="outline", class_name="complaint-status"),
                rx.spacer(),
                rx.text(
                    r["ref"], size="1", color="var(--gray-11)", font_family="monospace", class_name="complaint-ref"
                ),
                wrap="wrap",
                align="center",
                width="100%",
                spacing="2",
            ),
            rx.text(r["case"], size="2", weight="medium", class_name="complaint-case"),
            rx.text(r["body"], size="2", white_space="pre-wrap", style=_WRAP, class_name="complaint-body"),
            rx.hstack(
                rx.text(r["filed"], size="1", color="var(--gray-11)"),
                rx.cond(
                    ~closed,
                    rx.text(
                        r["sla"],
                        size="1",
                        weight=rx.cond(r["overdue"] != "", "bold", "regular"),
                        color=rx.cond(r["overdue"] != "", "var(--red-11)", "var(--gray-11)"),
                        class_name="complaint-sla",
                    ),
                ),
                rx.cond(
                    r["overdue"] != "",
                    rx.badge(S.t["complaints.overdue"], color_scheme="red", class_name="complaint-overdue"),
                ),
                wrap="wrap",
                spacing="2",
                align="center",
                width="100%",
            ),
            stale_row(S, r["id"], S.t["complaints.reload"], "complaint"),
            rx.cond(
                closed,
                rx.vstack(
                    rx.text(
                        S.t["complaints.response"],
                        ": ",
                        r["response"],
                        size="2",
                        white_space="pre-wrap",
                        style=_WRAP,
                        class_name="complaint-response",
                    ),
                    rx.text(r["assignee"], " · ", r["answered"], " · ", r["closed"], size="1", color="var(--gray-11)"),
                    width="100%",
                    spacing="1",
                ),
                rx.vstack(
                    _assign_row(r),
                    _answer_form(r),
                    rx.cond(
                        r["status"] == ComplaintStatus.ANSWERED.value,
                        rx.vstack(
                            rx.text(r["answered"], size="1", color="var(--gray-11)"),
                            _close_form(r),
                            width="100%",
                            spacing="1",
                        ),
                    ),
                    width="100%",
                    spacing="3",
                ),
            ),
            width="100%",
            spacing="2",
        ),
        width="100%",
        class_name="complaint-card",
        data_complaint_id=r["id"],
        # the card (and what is typed in its forms) belongs to one complaint: without a key React reuses the
        # first card's text area, typed text and all, for whichever complaint moves into its place
        key=r["id"],
        border_left=rx.cond(r["overdue"] != "", "4px solid var(--red-9)", "4px solid var(--teal-7)"),
    )


def _empty() -> rx.Component:
    return rx.match(
        S.status,
        (ComplaintStatus.ANSWERED.value, empty_state(S.t["complaints.empty.answered"], "message-square")),
        (ComplaintStatus.CLOSED.value, empty_state(S.t["complaints.empty.closed"], "archive")),
        empty_state(S.t["complaints.empty.open"], "smile"),
    )


def complaints_page() -> rx.Component:
    return page(
        rx.heading(S.t["complaints.title"], size="5"),
        rx.text(S.t["complaints.intro"], size="2", color="var(--gray-11)"),
        _filters(),
        rx.cond(
            S.message != "",
            rx.callout(
                S.message, color_scheme=rx.cond(S.message_ok, "green", "red"), id="complaint-message", width="100%"
            ),
        ),
        rx.cond(
            S.loaded,
            rx.cond(
                S.rows.length() > 0,
                rx.vstack(rx.foreach(S.rows, _card), pager(S), width="100%", spacing="3", id="complaint-list"),
                rx.box(_empty(), id="complaints-empty", width="100%"),
            ),
            loading(S.t["common.loading"]),
        ),
        reload=S.load,
        max_width="760px",
    )
