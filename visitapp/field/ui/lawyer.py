"""The dossier's lawyer section: a debtor's lawyer on file is the contact instead of the debtor."""

from __future__ import annotations

import reflex as rx

from visitapp.field.ui.lawyer_state import LawyerState as L
from visitapp.ui.layout import TOUCH


def _problem(name: str) -> rx.Component:
    return rx.cond(
        L.problems.contains(name),
        rx.text(L.problems[name], size="1", color="var(--red-11)", id=f"lawyer-problem-{name}"),
    )


def _field(name: str, label_key: str, **props) -> rx.Component:
    return rx.el.label(
        rx.text(L.t[label_key], size="2", weight="medium"),
        rx.input(name=name, id=f"lawyer-{name}", size="3", width="100%", **props),
        _problem(name),
        class_name="people-field",
    )


def _add_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.text(L.t["lawyer.none"], size="2", color="var(--gray-11)"),
            _field("name", "lawyer.name", max_length=80),
            _field("firm", "lawyer.firm", max_length=120),
            _field("phone", "lawyer.phone", type="tel", max_length=20),
            rx.button(
                rx.icon("scale", size=16), L.t["lawyer.add"], type="submit", variant="soft", id="lawyer-add", **TOUCH
            ),
            spacing="2",
            width="100%",
        ),
        on_submit=L.add,
        reset_on_submit=False,
        key=L.form_key,
        width="100%",
    )


def _results() -> rx.Component:
    return rx.hstack(
        *[
            rx.button(L.t[f"result.{r}"], on_click=L.call_result(r), variant="soft", id=f"lawyer-{r}", **TOUCH)
            for r in ("connected", "unanswered", "wrong_number")
        ],
        wrap="wrap",
    )


def _on_file() -> rx.Component:
    return rx.vstack(
        rx.text(L.on_file, size="2", weight="medium", id="lawyer-on-file"),
        rx.callout(L.t["lawyer.stop_note"], color_scheme="amber", icon="triangle_alert", width="100%"),
        rx.hstack(
            rx.button(
                rx.icon("phone", size=16),
                L.t["lawyer.call"],
                on_click=L.call,
                id="lawyer-call",
                disabled=L.dial != "",
                **TOUCH,
            ),
            rx.button(
                L.t["lawyer.remove"],
                on_click=L.remove,
                variant="soft",
                color_scheme="gray",
                id="lawyer-remove",
                **TOUCH,
            ),
            wrap="wrap",
            spacing="2",
        ),
        rx.cond(L.message != "", rx.text(L.message, size="2", id="lawyer-message")),
        rx.cond(
            L.dial != "",
            rx.vstack(
                rx.link(
                    rx.button(
                        rx.icon("phone-outgoing", size=16), L.dial_label, color_scheme="green", tab_index=-1, **TOUCH
                    ),
                    href=L.dial,
                    id="lawyer-dial",
                ),
                _results(),
                width="100%",
            ),
        ),
        spacing="2",
        width="100%",
    )


def lawyer_section() -> rx.Component:
    return rx.cond(
        L.shown,
        rx.card(
            rx.vstack(
                rx.heading(L.t["lawyer.title"], size="3"),
                rx.cond(L.on_file != "", _on_file(), _add_form()),
                rx.cond((L.on_file == "") & (L.message != ""), rx.text(L.message, size="2", color="var(--red-11)")),
                spacing="2",
                width="100%",
            ),
            width="100%",
            id="lawyer",
        ),
    )
