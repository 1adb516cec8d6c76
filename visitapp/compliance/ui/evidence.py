"""Supervisors and administrators: make a case's evidence pack."""

from __future__ import annotations

import reflex as rx

from visitapp.compliance.ui.evidence_state import EvidenceState as S
from visitapp.ui.layout import THEME, TOUCH, page


def evidence_page() -> rx.Component:
    return page(
        rx.heading(S.t["evidence.title"], size="6"),
        rx.text(S.t["evidence.intro"], size="2", color="var(--gray-11)"),
        rx.card(
            rx.form(
                rx.hstack(
                    rx.el.label(
                        rx.text(S.t["evidence.case"], size="2", weight="medium"),
                        rx.input(
                            name="case",
                            default_value=S.case_text,
                            key=S.case_text,
                            id="evidence-case",
                            input_mode="numeric",
                            size="3",
                            width="200px",
                        ),
                        class_name="people-field",
                    ),
                    rx.button(
                        rx.icon("file-archive", size=16),
                        S.t["evidence.make"],
                        type="submit",
                        id="evidence-make",
                        style={"background": THEME},
                        **TOUCH,
                    ),
                    align="end",
                    wrap="wrap",
                    spacing="3",
                ),
                on_submit=S.make,
                reset_on_submit=False,
            ),
            width="100%",
        ),
        rx.cond(
            S.error != "",
            rx.callout(S.error, color_scheme="red", icon="triangle_alert", id="evidence-error", width="100%"),
        ),
        rx.cond(
            S.result != "", rx.callout(S.result, color_scheme="green", icon="check", id="evidence-result", width="100%")
        ),
        reload=S.load,
        max_width="900px",
    )
