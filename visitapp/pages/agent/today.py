"""Today's visits on the agent's phone."""

from __future__ import annotations

import reflex as rx

from visitapp.components.layout import empty_state, loading, page
from visitapp.state.agent_today import AgentTodayState as S

_CONFIRMATION_COLOURS = {
    "proposed": "gray",
    "notified": "blue",
    "confirmed": "green",
    "rescheduled": "amber",
    "declined": "red",
}


def _visit_card(row: rx.Var) -> rx.Component:
    return rx.link(_visit_card_body(row), href="/agent/visit/" + row["id"], underline="none", color="inherit",
                   width="100%", class_name="visit-link")


def _visit_card_body(row: rx.Var) -> rx.Component:
    return rx.card(
        rx.hstack(
            rx.center(
                rx.text(row["order"], weight="bold", size="2"),
                width="28px", height="28px", border_radius="50%", background="var(--teal-3)",
                flex_shrink="0",
            ),
            rx.vstack(
                rx.hstack(
                    rx.text(row["name"], weight="bold", size="4"),
                    rx.spacer(),
                    rx.badge(
                        row["confirmation_label"],
                        color_scheme=rx.match(row["confirmation"], *_CONFIRMATION_COLOURS.items(), "gray"),
                        variant="soft",
                    ),
                    width="100%",
                    align="center",
                ),
                rx.text(row["address"], size="2", color="var(--gray-11)"),
                rx.hstack(
                    rx.text(S.t["agent.today.window"], ": ", row["window"], size="2"),
                    rx.text(S.t["agent.today.eta"], ": ", row["eta"], size="2"),
                    spacing="3",
                    wrap="wrap",
                ),
                rx.hstack(
                    rx.text(S.t["agent.today.overdue"], ": ", row["overdue"], size="2", weight="medium"),
                    rx.badge(row["status_label"], variant="outline"),
                    spacing="3",
                    wrap="wrap",
                    align="center",
                ),
                rx.cond(
                    row["partner"] != "",
                    rx.text(S.t["agent.today.partner"], ": ", row["partner"], size="1", color="var(--gray-10)"),
                ),
                spacing="1",
                width="100%",
                min_width="0",
            ),
            spacing="3",
            width="100%",
            align="start",
        ),
        width="100%",
        class_name="visit-card",
        data_visit_id=row["id"],
    )


def today_page() -> rx.Component:
    return page(
        rx.hstack(
            rx.vstack(
                rx.heading(S.t["agent.today.title"], size="5"),
                rx.text(S.heading, size="2", color="var(--gray-11)"),
                spacing="0",
            ),
            rx.spacer(),
            rx.link(rx.button(rx.icon("id-card", size=16), S.t["nav.badge"], variant="soft", size="1"),
                    href="/agent/badge", id="badge-open"),
            rx.badge(S.progress, size="2", color_scheme="teal", id="progress"),
            width="100%",
            align="center",
        ),
        rx.cond(
            S.loaded,
            rx.cond(
                S.rows.length() > 0,
                rx.vstack(rx.foreach(S.rows, _visit_card), width="100%", spacing="2", id="visit-list"),
                empty_state(S.t["agent.today.empty"], "calendar-check"),
            ),
            loading(S.t["common.loading"]),
        ),
        reload=S.load,
    )
