"""Import cases from CSV or XLSX: validate first, then all-or-nothing (or only the good rows, explicitly)."""

from __future__ import annotations

import reflex as rx

from visitapp.cases.ui.importing_state import ImportState as S
from visitapp.ui.layout import THEME, bar, page

UPLOAD_ID = "case-upload"


def _errors_table() -> rx.Component:
    return rx.box(
        rx.table.root(
            rx.table.header(
                rx.table.row(
                    rx.table.column_header_cell(S.t["import.col.line"]),
                    rx.table.column_header_cell(S.t["import.col.column"]),
                    rx.table.column_header_cell(S.t["import.col.reason"]),
                )
            ),
            rx.table.body(
                rx.foreach(
                    S.errors,
                    lambda e: rx.table.row(
                        rx.table.cell(e["line"]),
                        rx.table.cell(e["column"]),
                        rx.table.cell(e["reason"]),
                        class_name="import-error",
                    ),
                )
            ),
            size="1",
            variant="surface",
            width="100%",
        ),
        max_height="50vh",
        overflow_y="auto",
        width="100%",
        id="import-errors",
    )


def _sample() -> rx.Component:
    return rx.vstack(
        rx.text(S.sample_title, size="2", weight="medium"),
        rx.foreach(
            S.sample,
            lambda r: rx.box(
                rx.hstack(
                    rx.text(r["contract"], " · ", r["debtor"], weight="bold", size="2"),
                    rx.spacer(),
                    rx.badge(r["action"]),
                    rx.cond(r["needs_pin"] != "", rx.badge(r["needs_pin"], color_scheme="amber")),
                    width="100%",
                    wrap="wrap",
                ),
                rx.text(r["address"], size="1", color="var(--gray-11)"),
                rx.text(r["phone"], " · ", r["lines"], " × · ", r["outstanding"], " · ", r["agent"], size="1"),
                padding="6px 0",
                border_bottom="1px solid var(--gray-4)",
                width="100%",
                class_name="import-sample",
            ),
        ),
        width="100%",
        spacing="1",
    )


def import_page() -> rx.Component:
    return page(
        rx.heading(S.t["import.title"], size="5"),
        rx.card(
            rx.vstack(
                rx.text(S.t["import.intro"], size="2", color="var(--gray-11)"),
                rx.hstack(
                    rx.button(
                        S.t["import.template_xlsx"],
                        on_click=S.download_template_xlsx,
                        variant="soft",
                        id="template-xlsx",
                    ),
                    rx.button(
                        S.t["import.template_csv"], on_click=S.download_template_csv, variant="soft", id="template-csv"
                    ),
                    wrap="wrap",
                ),
                rx.upload(
                    rx.vstack(
                        rx.icon("upload", size=28),
                        rx.text(S.t["import.drop_hint"], size="2", text_align="center"),
                        align="center",
                    ),
                    id=UPLOAD_ID,
                    accept={
                        "text/csv": [".csv"],
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": [".xlsx"],
                    },
                    max_files=1,
                    multiple=False,
                    on_drop=S.handle_upload(rx.upload_files(upload_id=UPLOAD_ID)),
                    border="2px dashed var(--gray-7)",
                    padding="20px",
                    width="100%",
                    border_radius="8px",
                ),
                spacing="3",
                width="100%",
            ),
            width="100%",
        ),
        rx.cond(
            S.checking,
            rx.hstack(rx.spinner(), rx.text(S.t["import.checking"], size="2"), id="import-checking", align="center"),
        ),
        rx.cond(
            S.validated,
            rx.card(
                rx.vstack(
                    rx.text(S.filename, weight="bold"),
                    rx.callout(
                        S.summary,
                        color_scheme=rx.cond(S.error_count > 0, "red", "green"),
                        id="import-summary",
                        width="100%",
                    ),
                    rx.cond(S.error_count > 0, _errors_table()),
                    rx.cond(S.errors_more != "", rx.text(S.errors_more, size="1", color="var(--gray-11)")),
                    rx.cond(S.sample.length() > 0, _sample()),
                    rx.hstack(
                        rx.button(
                            S.t["import.run"],
                            on_click=S.run_import(False),
                            disabled=(S.error_count > 0) | S.running,
                            id="import-run",
                            style={"background": THEME},
                        ),
                        rx.cond(
                            (S.error_count > 0) & (S.ok_rows > 0),
                            rx.button(
                                S.run_good_label,
                                on_click=S.run_import(True),
                                disabled=S.running,
                                variant="soft",
                                color_scheme="amber",
                                id="import-good",
                            ),
                        ),
                        wrap="wrap",
                    ),
                    spacing="3",
                    width="100%",
                ),
                width="100%",
            ),
        ),
        rx.cond(
            S.running,
            rx.vstack(bar(S.progress), rx.text(S.progress_label, size="2"), width="100%", id="import-progress"),
        ),
        rx.cond(
            S.result != "",
            rx.callout(S.result, color_scheme=rx.cond(S.result_ok, "green", "red"), id="import-result", width="100%"),
        ),
        reload=S.load,
        max_width="900px",
    )
