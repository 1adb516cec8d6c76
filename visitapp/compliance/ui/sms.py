"""Admin: the SMS outbox. Without a gateway this is where the demo's and the tests' messages are read."""

from __future__ import annotations

import reflex as rx

from visitapp.compliance.services.sms import STATUSES
from visitapp.compliance.ui.sms_state import ALL
from visitapp.compliance.ui.sms_state import AdminSmsState as S
from visitapp.core.enums import MessageStatus
from visitapp.ui.layout import empty_state, loading, page, pager

_STATUS_COLOR = {
    MessageStatus.QUEUED.value: "gray",
    MessageStatus.OUTBOX.value: "blue",
    MessageStatus.SENT.value: "teal",
    MessageStatus.RETRY.value: "amber",
    MessageStatus.FAILED.value: "red",
    MessageStatus.DELIVERED.value: "green",
}


def _filters() -> rx.Component:
    return rx.card(
        rx.hstack(
            rx.vstack(
                rx.text(S.t["outbox.filter.status"], size="1", color="var(--gray-11)"),
                rx.select.root(
                    rx.select.trigger(id="outbox-status", min_width="10em"),
                    rx.select.content(
                        rx.select.item(S.t["common.all"], value=ALL),
                        *[rx.select.item(S.t[f"sms.status.{x}"], value=x) for x in STATUSES],
                    ),
                    value=S.f_status,
                    on_change=S.set_f_status,
                ),
                spacing="1",
            ),
            rx.spacer(),
            rx.text(S.count_label, size="1", color="var(--gray-11)", id="outbox-count"),
            width="100%",
            align="end",
            wrap="wrap",
            spacing="2",
        ),
        width="100%",
    )


def _row(r: dict) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.badge(
                    r["status_label"],
                    color_scheme=rx.match(r["status"], *_STATUS_COLOR.items(), "gray"),
                    class_name="outbox-status",
                ),
                rx.badge(r["template"], variant="soft", color_scheme="gray"),
                rx.badge(r["lang"], variant="outline", color_scheme="gray"),
                wrap="wrap",
                spacing="1",
            ),
            rx.hstack(
                rx.text(r["at"], size="2", weight="medium"),
                rx.text(r["phone"], size="2", class_name="outbox-phone", font_family="monospace"),
                rx.text(r["attempts"], size="1", color="var(--gray-11)"),
                wrap="wrap",
                spacing="3",
                align="center",
            ),
            rx.cond(r["times"] != "", rx.text(r["times"], size="1", color="var(--gray-11)")),
            rx.cond(
                r["error"] != "",
                rx.text(
                    r["error"], size="1", color="var(--red-11)", overflow_wrap="anywhere", class_name="outbox-error"
                ),
            ),
            rx.box(
                rx.text(
                    r["body"], size="2", white_space="pre-wrap", overflow_wrap="anywhere", class_name="outbox-body"
                ),
                background="var(--gray-2)",
                border_radius="6px",
                padding="8px",
                width="100%",
            ),
            spacing="2",
            width="100%",
            align="start",
        ),
        width="100%",
        class_name="outbox-row",
    )


def sms_page() -> rx.Component:
    return page(
        rx.heading(S.t["outbox.title"], size="5"),
        rx.text(S.t["outbox.intro"], size="2", color="var(--gray-11)"),
        rx.cond(
            S.loaded,
            rx.vstack(
                _filters(),
                rx.cond(S.rows.length() > 0, rx.foreach(S.rows, _row), empty_state(S.t["outbox.empty"], "inbox")),
                rx.cond(S.pages > 1, pager(S)),
                width="100%",
                spacing="3",
                id="outbox-list",
            ),
            loading(S.t["common.loading"]),
        ),
        reload=S.load,
        max_width="760px",
    )
