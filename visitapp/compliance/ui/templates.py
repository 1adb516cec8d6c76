"""Admin: the SMS templates per language: edit with the check shown as one types, preview, reset."""

from __future__ import annotations

import reflex as rx

from visitapp.compliance.rules.templates import KEYS, LANGS
from visitapp.compliance.ui.templates_state import AdminTemplatesState as S
from visitapp.ui.layout import THEME, form_refusal, loading, page, reload_latest


def _select(label_key: str, items: list[rx.Component], value, on_change, id_: str) -> rx.Component:
    return rx.vstack(
        rx.text(S.t[label_key], size="1", color="var(--gray-11)"),
        rx.select.root(
            rx.select.trigger(id=id_, width="100%"), rx.select.content(*items), value=value, on_change=on_change
        ),
        spacing="1",
        min_width="0",
        width="100%",
    )


def _choose() -> rx.Component:
    return rx.card(
        rx.grid(
            _select(
                "tpl.field.key",
                [rx.select.item(S.t[f"tpl.key.{k}"], value=k) for k in KEYS],
                S.sel_key,
                S.set_sel_key,
                "tpl-key",
            ),
            _select(
                "tpl.field.lang",
                [rx.select.item(S.t[f"tpl.lang.{x}"], value=x) for x in LANGS],
                S.sel_lang,
                S.set_sel_lang,
                "tpl-lang",
            ),
            columns=rx.breakpoints(initial="1", xs="2"),
            spacing="2",
            width="100%",
        ),
        width="100%",
    )


def _problems() -> rx.Component:
    return rx.cond(
        S.problems.length() > 0,
        rx.vstack(
            rx.foreach(
                S.problems,
                lambda p: rx.hstack(
                    rx.icon("circle_alert", size=14, color="var(--red-11)", flex_shrink="0", margin_top="3px"),
                    rx.text(p, size="2", color="var(--red-11)", overflow_wrap="anywhere"),
                    spacing="1",
                    align="start",
                    class_name="tpl-problem",
                ),
            ),
            spacing="1",
            width="100%",
            id="tpl-problems",
        ),
        rx.hstack(
            rx.icon("circle_check", size=14, color="var(--green-11)"),
            rx.text(S.t["tpl.ok"], size="2", color="var(--green-11)"),
            spacing="1",
            align="center",
            id="tpl-ok",
        ),
    )


def _editor() -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.hstack(
                    rx.badge(
                        rx.cond(S.is_default, S.t["tpl.default"], S.meta),
                        color_scheme=rx.cond(S.is_default, "gray", "teal"),
                        id="tpl-meta",
                        white_space="normal",
                    ),
                    wrap="wrap",
                ),
                rx.vstack(
                    rx.foreach(
                        S.hints, lambda h: rx.text(h, size="1", color="var(--gray-11)", overflow_wrap="anywhere")
                    ),
                    spacing="0",
                    width="100%",
                ),
                rx.text(S.t["tpl.field.body"], size="2", weight="medium"),
                rx.text_area(
                    name="body",
                    default_value=S.body,
                    key=S.editor_key,
                    id="tpl-body",
                    rows="7",
                    width="100%",
                    on_change=S.set_body.debounce(250),
                ),
                _problems(),
                rx.vstack(
                    rx.hstack(
                        rx.text(S.t["tpl.preview"], size="2", weight="medium"),
                        rx.spacer(),
                        rx.text(
                            S.length_label,
                            size="1",
                            id="tpl-length",
                            color=rx.cond(S.too_long, "var(--red-11)", "var(--gray-11)"),
                        ),
                        width="100%",
                        align="center",
                    ),
                    rx.box(
                        rx.text(S.preview, size="2", white_space="pre-wrap", overflow_wrap="anywhere"),
                        background="var(--gray-2)",
                        border="1px dashed var(--gray-6)",
                        border_radius="6px",
                        padding="8px",
                        width="100%",
                        id="tpl-preview",
                        min_height="3em",
                    ),
                    spacing="1",
                    width="100%",
                ),
                form_refusal(S.form_error, S.stale, "tpl-error"),
                rx.hstack(
                    reload_latest(S.stale, S.t["tpl.reload"], S.reload_latest, "tpl-reload"),
                    rx.button(
                        S.t["tpl.reset"],
                        type="button",
                        on_click=S.reset_default,
                        variant="soft",
                        color_scheme="gray",
                        id="tpl-reset",
                        disabled=S.is_default,
                    ),
                    rx.spacer(),
                    rx.button(S.t["tpl.save"], type="submit", id="tpl-save", style={"background": THEME}),
                    width="100%",
                    wrap="wrap",
                    spacing="2",
                ),
                spacing="3",
                width="100%",
            ),
            on_submit=S.save,
            reset_on_submit=False,
            width="100%",
        ),
        width="100%",
    )


def templates_page() -> rx.Component:
    return page(
        rx.heading(S.t["tpl.title"], size="5"),
        rx.text(S.t["tpl.intro"], size="2", color="var(--gray-11)"),
        rx.cond(S.loaded, rx.vstack(_choose(), _editor(), width="100%", spacing="3"), loading(S.t["common.loading"])),
        reload=S.load,
        max_width="760px",
    )
