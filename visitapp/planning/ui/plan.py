"""Plan the day's routes."""

from __future__ import annotations

import reflex as rx

from visitapp.core.enums import RoutePlanStatus
from visitapp.planning.ui.notice_preview import notice_card
from visitapp.planning.ui.plan_state import PlanState as S
from visitapp.ui.layout import THEME, bar, page, touch_check
from visitapp.ui.street_map import street_map


def _move_select(visit_id: rx.Var, team_id: rx.Var) -> rx.Component:
    """Move a visit to another team: both teams' days are re-planned and published."""
    return rx.cond(
        S.status == RoutePlanStatus.PUBLISHED.value,
        rx.select.root(
            rx.select.trigger(placeholder="→", class_name="move-trigger", size="1", aria_label=S.t["plan.col.move"]),
            rx.select.content(
                rx.foreach(S.team_options, lambda o: rx.cond(o[0] != team_id, rx.select.item(o[1], value=o[0])))
            ),
            on_change=lambda v: S.move(visit_id, v),
            value="",  # controlled and always reset: rows are reused after a re-plan
            size="1",
        ),
    )


def _uncovered() -> rx.Component:
    """Before solving: confirmed appointments that no chosen team's shift that day covers."""
    return rx.cond(
        S.uncovered.length() > 0,
        rx.callout.root(
            rx.callout.icon(rx.icon("clock_alert")),
            rx.vstack(
                rx.text(S.t["plan.uncovered.title"], weight="bold", size="2"),
                rx.foreach(
                    S.uncovered,
                    lambda u: rx.text(
                        u["debtor"], " · ", u["window"], " · ", u["team"], size="2", class_name="plan-uncovered"
                    ),
                ),
                rx.text(S.t["plan.uncovered.hint"], size="1"),
                spacing="1",
            ),
            color_scheme="amber",
            id="plan-uncovered",
            width="100%",
        ),
    )


def _team_table(t: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.box(width="12px", height="12px", border_radius="3px", background=t.colour),
                rx.text(t.name, weight="bold"),
                rx.spacer(),
                rx.text(t.line, size="2"),
                width="100%",
                align="center",
                wrap="wrap",
            ),
            rx.cond(t.lunch != "", rx.text(t.lunch, size="1", color="var(--gray-11)")),
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        *[
                            rx.table.column_header_cell(S.t[f"plan.col.{c}"])
                            for c in ("order", "eta", "debtor", "window", "travel", "move")
                        ]
                    )
                ),
                rx.table.body(
                    rx.foreach(
                        t.stops,
                        lambda st: rx.table.row(
                            rx.table.cell(st.order),
                            rx.table.cell(st.eta),
                            rx.table.cell(
                                rx.hstack(
                                    rx.text(st.debtor), rx.cond(st.hard, rx.icon("lock", size=12)), align="center"
                                )
                            ),
                            rx.table.cell(st.window),
                            rx.table.cell(st.travel),
                            rx.table.cell(_move_select(st.visit_id, t.team_id)),
                            class_name="plan-stop",
                            align="center",
                        ),
                    )
                ),
                size="1",
                width="100%",
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
        class_name="plan-team",
    )


def plan_page() -> rx.Component:
    return page(
        rx.heading(S.t["plan.title"], size="5"),
        rx.card(
            rx.vstack(
                rx.hstack(
                    rx.vstack(
                        rx.text(S.t["plan.date"], size="2"),
                        rx.input(type="date", value=S.day, on_change=S.set_day, id="plan-date"),
                        spacing="1",
                    ),
                    rx.vstack(
                        rx.text(S.t["plan.seconds"], size="2"),
                        rx.input(
                            value=S.seconds,
                            on_change=S.set_seconds,
                            input_mode="numeric",
                            width="6em",
                            id="plan-seconds",
                        ),
                        spacing="1",
                    ),
                    wrap="wrap",
                    spacing="3",
                ),
                rx.text(S.t["plan.teams"], size="2"),
                rx.hstack(
                    rx.foreach(
                        S.team_options,
                        lambda o: touch_check(
                            rx.text(o[1], " ", rx.text.span(S.team_hours[o[0]], color="var(--gray-11)"), size="2"),
                            checked=S.chosen.contains(o[0]),
                            on_change=lambda c: S.toggle_team(o[0], c),
                            label_class="plan-team-check",
                        ),
                    ),
                    wrap="wrap",
                    spacing="3",
                ),
                _uncovered(),
                rx.button(
                    S.t["plan.run"],
                    on_click=S.run,
                    loading=S.running,
                    id="plan-run",
                    size="3",
                    style={"background": THEME},
                ),
                rx.cond(
                    S.running,
                    rx.vstack(
                        bar(S.progress),
                        rx.text(S.t["plan.running"].replace("{seconds}", S.seconds), size="2"),
                        width="100%",
                        id="plan-progress",
                    ),
                ),
                rx.cond(S.error != "", rx.callout(S.error, color_scheme="red", id="plan-error", width="100%")),
                spacing="2",
                width="100%",
            ),
            width="100%",
        ),
        rx.cond(
            S.plan_id > 0,
            rx.vstack(
                rx.cond(
                    S.move_message != "",
                    rx.callout(
                        S.move_message,
                        color_scheme=rx.cond(S.move_ok, "green", "amber"),
                        id="plan-move-message",
                        width="100%",
                    ),
                ),
                rx.hstack(
                    rx.text(S.summary, size="2", id="plan-summary"),
                    rx.spacer(),
                    rx.badge(S.status_label, id="plan-status"),
                    rx.button(
                        S.t["plan.publish"],
                        on_click=S.publish,
                        id="plan-publish",
                        disabled=S.status != RoutePlanStatus.DRAFT.value,
                    ),
                    width="100%",
                    wrap="wrap",
                    align="center",
                ),
                notice_card(),
                rx.cond(
                    S.map_src != "",
                    rx.vstack(
                        rx.text(S.t["plan.map"], size="2", color="var(--gray-11)"),
                        rx.image(src=S.map_src, width="100%", max_width="420px", alt=S.t["plan.map"], id="plan-map"),
                        width="100%",
                    ),
                ),
                rx.cond(
                    S.map_markers.length() > 0,
                    rx.vstack(
                        rx.text(S.t["plan.street_map"], size="2", color="var(--gray-11)"),
                        street_map(S, height="420px", id_="plan-street-map"),
                        width="100%",
                    ),
                ),
                rx.grid(
                    rx.foreach(S.teams, _team_table),
                    columns=rx.breakpoints(initial="1", lg="2"),
                    spacing="3",
                    width="100%",
                ),
                rx.cond(
                    S.dropped.length() > 0,
                    rx.card(
                        rx.text(S.t["plan.dropped"], weight="bold"),
                        rx.foreach(
                            S.dropped,
                            lambda d: rx.hstack(
                                rx.text(
                                    d["debtor"], " · ", d["window"], " · ", d["team"], " — ", d["reason"], size="2"
                                ),
                                rx.spacer(),
                                _move_select(d["visit_id"], d["team_id"]),  # left out here: another team may take it
                                class_name="plan-dropped",
                                align="center",
                                width="100%",
                            ),
                        ),
                        width="100%",
                    ),
                ),
                width="100%",
                spacing="3",
            ),
        ),
        reload=S.load,
        max_width="1100px",
    )
