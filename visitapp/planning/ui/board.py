"""Live board: every team's day at a glance."""

from __future__ import annotations

import reflex as rx

from visitapp.planning.ui.board_state import BoardState as S
from visitapp.ui.layout import bar, empty_state, loading, page


def _stat(label_key: str, value: rx.Var, colour: str = "gray") -> rx.Component:
    return rx.vstack(
        rx.text(value, size="5", weight="bold", color=f"var(--{colour}-11)"),
        rx.text(S.t[label_key], size="1", color="var(--gray-11)"),
        spacing="0",
        align="center",
        min_width="56px",
    )


def _team_card(t: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text(t["name"], weight="bold"),
                rx.spacer(),
                rx.badge(t["progress"], size="2"),
                width="100%",
                align="center",
            ),
            bar(t["percent"]),
            rx.hstack(
                _stat("board.done", t["done"], "teal"),
                _stat("board.remaining", t["remaining"]),
                _stat("board.checked_in", t["checked_in"], "blue"),
                _stat("board.late", t["late"], "red"),
                justify="between",
                width="100%",
            ),
            rx.cond(t["next"] != "", rx.text(S.t["board.next"], ": ", t["next"], size="2")),
            rx.cond(
                t["late_names"] != "",
                rx.text(S.t["board.late"], ": ", t["late_names"], size="2", color="var(--red-11)"),
            ),
            rx.cond(t["flagged"] != "", rx.text(t["flagged"], size="2", color="var(--amber-11)")),
            spacing="2",
            width="100%",
        ),
        width="100%",
        class_name="team-card",
    )


def board_page() -> rx.Component:
    return page(
        rx.hstack(
            rx.heading(S.t["board.title"], size="5"),
            rx.spacer(),
            rx.text(S.updated, size="1", color="var(--gray-11)", id="board-updated"),
            width="100%",
            align="center",
            wrap="wrap",
        ),
        rx.cond(
            S.loaded,
            rx.cond(
                S.teams.length() > 0,
                rx.grid(
                    rx.foreach(S.teams, _team_card),
                    columns=rx.breakpoints(initial="1", md="2"),
                    spacing="3",
                    width="100%",
                ),
                empty_state(S.t["board.empty"], "users"),
            ),
            loading(S.t["common.loading"]),
        ),
        rx.box(on_mount=S.poll, on_unmount=S.stop_polling),
        reload=S.load,
        max_width="960px",
    )
