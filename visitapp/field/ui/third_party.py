"""The dossier's third-party section (agents): ask a third party where an unreachable debtor is."""

from __future__ import annotations

import reflex as rx

from visitapp.field.services.third_parties import RELATIONS
from visitapp.field.ui.third_party_state import ThirdPartyState as T
from visitapp.ui.layout import TOUCH


def _problem(name: str) -> rx.Component:
    return rx.cond(
        T.problems.contains(name),
        rx.text(T.problems[name], size="1", color="var(--red-11)", id=f"tp-problem-{name}"),
    )


def _form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.text(T.t["third_party.intro"], size="2"),
            rx.el.label(
                rx.text(T.t["third_party.name"], size="2", weight="medium"),
                rx.input(name="name", id="tp-name", size="3", width="100%", max_length=40),
                _problem("name"),
                class_name="people-field",
            ),
            rx.el.label(
                rx.text(T.t["third_party.relation"], size="2", weight="medium"),
                rx.el.select(
                    *[rx.el.option(T.t[f"third_party.relation.{r}"], value=r) for r in RELATIONS],
                    name="relation",
                    id="tp-relation",
                    class_name="nav-app-select form-select",
                ),
                _problem("relation"),
                class_name="people-field",
            ),
            rx.el.label(
                rx.text(T.t["third_party.phone"], size="2", weight="medium"),
                rx.input(name="phone", id="tp-phone", type="tel", size="3", width="100%", max_length=20),
                _problem("phone"),
                class_name="people-field",
            ),
            rx.text(T.t["third_party.preview"], size="1", color="var(--gray-11)"),
            rx.box(
                rx.text(T.preview, size="2", id="tp-preview"),
                background="var(--gray-2)",
                border="1px dashed var(--gray-6)",
                border_radius="6px",
                padding="8px",
                width="100%",
            ),
            rx.button(
                rx.icon("message-circle-question", size=16),
                T.t["third_party.send"],
                type="submit",
                id="tp-send",
                width="100%",
                **TOUCH,
            ),
            spacing="2",
            width="100%",
        ),
        on_submit=T.ask,
        reset_on_submit=False,
        key=T.form_key,
        width="100%",
    )


def _person(p: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.text(p["line"], size="2"),
        rx.spacer(),
        rx.cond(
            p["stopped"] != "",
            rx.badge(T.t["third_party.stopped"], color_scheme="gray"),
            rx.button(
                T.t["third_party.stop"],
                on_click=T.stop(p["id"]),
                variant="soft",
                color_scheme="gray",
                class_name="tp-stop",
                **TOUCH,
            ),
        ),
        width="100%",
        align="center",
        wrap="wrap",
        class_name="tp-person",
    )


def third_party_section() -> rx.Component:
    return rx.cond(
        T.shown,
        rx.card(
            rx.vstack(
                rx.heading(T.t["third_party.title"], size="3"),
                rx.cond(T.unreachable, _form(), rx.text(T.rule, size="2", color="var(--gray-11)", id="tp-not-yet")),
                rx.cond(
                    T.result != "",
                    rx.callout(
                        T.result,
                        color_scheme=rx.cond(T.result_ok, "green", "amber"),
                        icon="info",
                        id="tp-result",
                        width="100%",
                    ),
                ),
                rx.cond(
                    T.people.length() > 0,
                    rx.vstack(
                        rx.text(T.t["third_party.people"], size="2", weight="medium"),
                        rx.foreach(T.people, _person),
                        width="100%",
                        spacing="1",
                    ),
                ),
                spacing="2",
                width="100%",
            ),
            width="100%",
            id="third-party",
        ),
    )
