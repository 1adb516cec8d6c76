"""Reports for the office: a period, each section as bars with its table under it, the workbook, and the
case review list with each case's story one click away."""

from __future__ import annotations

import reflex as rx

from visitapp.reports.services.reports import SECTIONS
from visitapp.reports.ui.reports_state import ReportsState as S
from visitapp.ui.layout import THEME, loading, page

BAR_COLOURS = ("#0f766e", "#f59e0b", "#6366f1", "#e11d48")


def _chart(key: str) -> rx.Component:
    _columns, chart, _labels = SECTIONS[key]
    return rx.recharts.bar_chart(
        rx.recharts.cartesian_grid(stroke_dasharray="3 3", vertical=False),
        # every label shown, slanted so that long ones ("Refused to talk") do not run into each other
        rx.recharts.x_axis(
            data_key="label", interval=0, angle=-25, text_anchor="end", height=64, tick={"fontSize": 11}
        ),
        rx.recharts.y_axis(allow_decimals=False, width=48, tick={"fontSize": 11}),
        rx.recharts.graphing_tooltip(),
        *[
            rx.recharts.bar(
                data_key=c,
                name=S.t[f"report.col.{c}"],
                fill=BAR_COLOURS[i % len(BAR_COLOURS)],
                is_animation_active=False,  # drawn at once: a new period or language never shows half-grown bars
            )
            for i, c in enumerate(chart)
        ],
        *([rx.recharts.legend()] if len(chart) > 1 else []),
        data=S.charts[key],
        width="100%",
        height=250,
    )


def _table(key: str) -> rx.Component:
    columns, _chart, _labels = SECTIONS[key]
    return rx.box(
        rx.table.root(
            rx.table.header(
                rx.table.row(
                    rx.table.column_header_cell(S.t["report.col.label"]),
                    *[rx.table.column_header_cell(S.t[f"report.col.{c}"], justify="end") for c in columns],
                )
            ),
            rx.table.body(
                rx.foreach(
                    S.tables[key],
                    lambda row: rx.table.row(
                        rx.foreach(row, lambda cell, i: rx.table.cell(cell, justify=rx.cond(i > 0, "end", "start"))),
                        class_name="report-row",
                    ),
                )
            ),
            size="1",
            width="100%",
        ),
        overflow_x="auto",
        width="100%",
    )


def _section(key: str) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(S.t[f"report.section.{key}"], size="3"),
            rx.cond(
                S.tables[key].length() > 0,
                rx.vstack(rx.cond(S.charts[key].length() > 0, _chart(key)), _table(key), width="100%", spacing="2"),
                rx.text(S.t["report.empty"], size="2", color="var(--gray-11)", class_name="report-empty"),
            ),
            width="100%",
            spacing="2",
        ),
        width="100%",
        id=f"report-{key}",
        class_name="report-section",
    )


def _controls() -> rx.Component:
    return rx.card(
        rx.form(
            rx.hstack(
                rx.vstack(
                    rx.text(S.t["report.from"], size="2"),
                    rx.input(
                        type="date", name="start", default_value=S.start, key=S.start, id="report-start", size="3"
                    ),
                    spacing="1",
                ),
                rx.vstack(
                    rx.text(S.t["report.to"], size="2"),
                    rx.input(type="date", name="end", default_value=S.end, key=S.end, id="report-end", size="3"),
                    spacing="1",
                ),
                rx.vstack(
                    rx.text(S.t["report.team"], size="2"),
                    rx.select.root(
                        rx.select.trigger(id="report-team", min_width="10em"),
                        rx.select.content(
                            rx.select.item(S.t["report.all_teams"], value="all"),
                            rx.foreach(S.team_options, lambda o: rx.select.item(o[1], value=o[0])),
                        ),
                        value=rx.cond(S.team == "", "all", S.team),
                        on_change=S.set_team,
                        size="3",
                    ),
                    spacing="1",
                ),
                rx.button(S.t["report.show"], type="submit", size="3", id="report-run", style={"background": THEME}),
                rx.button(
                    rx.icon("download", size=16),
                    S.t["report.export"],
                    type="button",
                    on_click=S.export,
                    variant="soft",
                    size="3",
                    id="report-export",
                ),
                wrap="wrap",
                align="end",
                spacing="3",
            ),
            on_submit=S.run,
            reset_on_submit=False,
        ),
        rx.cond(
            S.error != "", rx.callout(S.error, color_scheme="red", id="report-error", width="100%", margin_top="8px")
        ),
        width="100%",
    )


def _headline() -> rx.Component:
    return rx.grid(
        rx.foreach(
            S.headline,
            lambda k: rx.card(
                rx.text(k[0], size="1", color="var(--gray-11)"),
                rx.text(k[1], size="5", weight="bold"),
                class_name="report-kpi",
            ),
        ),
        columns=rx.breakpoints(initial="2", sm="3", lg="6"),
        spacing="2",
        width="100%",
        id="report-kpis",
    )


def _review() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(S.t["report.section.review"], size="3"),
            rx.text(S.t["report.review_intro"], size="1", color="var(--gray-11)"),
            rx.cond(
                S.review.length() > 0,
                rx.box(
                    rx.table.root(
                        rx.table.header(
                            rx.table.row(
                                *[
                                    rx.table.column_header_cell(S.t[f"report.col.{c}"])
                                    for c in ("debtor", "team", "flags", "last")
                                ]
                            )
                        ),
                        rx.table.body(
                            rx.foreach(
                                S.review,
                                lambda r: rx.table.row(
                                    rx.table.cell(
                                        rx.link(r["debtor"], " #", r["case"], href=r["href"], class_name="review-open")
                                    ),
                                    rx.table.cell(r["team"]),
                                    rx.table.cell(r["flags"]),
                                    rx.table.cell(r["last"]),
                                    class_name="review-row",
                                ),
                            )
                        ),
                        size="1",
                        width="100%",
                    ),
                    overflow_x="auto",
                    width="100%",
                ),
                rx.text(S.t["report.review_empty"], size="2", color="var(--gray-11)", class_name="report-empty"),
            ),
            rx.cond(S.review_more != "", rx.text(S.review_more, size="1", color="var(--gray-11)")),
            width="100%",
            spacing="2",
        ),
        width="100%",
        id="report-review",
    )


def reports_page() -> rx.Component:
    return page(
        rx.heading(S.t["report.title"], size="5"),
        _controls(),
        rx.cond(
            S.loaded,
            rx.vstack(
                _headline(),
                rx.text(S.took, size="1", color="var(--gray-11)", id="report-took"),
                rx.grid(
                    *[_section(k) for k in SECTIONS],
                    columns=rx.breakpoints(initial="1", lg="2"),
                    spacing="3",
                    width="100%",
                ),
                _review(),
                width="100%",
                spacing="3",
            ),
            loading(S.t["common.loading"]),
        ),
        reload=S.load,
        max_width="1200px",
    )
