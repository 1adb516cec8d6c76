"""Admin: the script library of talking points."""

from __future__ import annotations

import reflex as rx

from visitapp.cases.rules.scoring import SEGMENTS
from visitapp.field.rules.scripts import LANGS, SITUATIONS
from visitapp.field.ui.scripts_state import ALL, EVERY
from visitapp.field.ui.scripts_state import AdminScriptsState as S
from visitapp.ui.layout import THEME, empty_state, field, form_refusal, loading, page, reload_latest


def _situation_items(with_all: bool) -> list[rx.Component]:
    items = [rx.select.item(S.t[f"scripts.situation.{x}"], value=x) for x in SITUATIONS]
    return [rx.select.item(S.t["scripts.filter.all"], value=ALL), *items] if with_all else items


def _segment_items(with_all: bool) -> list[rx.Component]:
    items = [rx.select.item(S.t["scripts.segment.every"], value=EVERY), *[rx.select.item(s, value=s) for s in SEGMENTS]]
    return [rx.select.item(S.t["scripts.filter.all"], value=ALL), *items] if with_all else items


def _lang_items(with_all: bool) -> list[rx.Component]:
    items = [rx.select.item(S.t[f"scripts.lang.{x}"], value=x) for x in LANGS]
    return [rx.select.item(S.t["scripts.filter.all"], value=ALL), *items] if with_all else items


def _filter(label_key: str, items: list[rx.Component], value, on_change, id_: str) -> rx.Component:
    return rx.vstack(
        rx.text(S.t[label_key], size="1", color="var(--gray-11)"),
        rx.select.root(
            rx.select.trigger(id=id_, width="100%"), rx.select.content(*items), value=value, on_change=on_change
        ),
        spacing="1",
        min_width="0",
    )


def _filters() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.grid(
                _filter(
                    "scripts.field.situation",
                    _situation_items(True),
                    S.f_situation,
                    S.set_f_situation,
                    "scripts-situation",
                ),
                _filter("scripts.field.segment", _segment_items(True), S.f_segment, S.set_f_segment, "scripts-segment"),
                _filter("scripts.field.lang", _lang_items(True), S.f_lang, S.set_f_lang, "scripts-lang"),
                columns=rx.breakpoints(initial="2", sm="3"),
                spacing="2",
                width="100%",
            ),
            rx.hstack(
                rx.checkbox(
                    S.t["scripts.filter.inactive"],
                    checked=S.f_inactive,
                    on_change=S.set_f_inactive,
                    id="scripts-inactive",
                ),
                rx.spacer(),
                rx.text(S.count_label, size="1", color="var(--gray-11)", id="scripts-count"),
                width="100%",
                align="center",
                wrap="wrap",
            ),
            rx.button(
                rx.icon("plus", size=16),
                S.t["scripts.add"],
                on_click=S.open_new,
                id="scripts-add",
                style={"background": THEME},
                width="100%",
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _row(r: dict) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.badge(r["situation"], color_scheme="teal"),
                rx.badge(r["segment"], variant="soft", color_scheme="gray"),
                rx.badge(r["lang"], variant="outline", color_scheme="gray"),
                rx.cond(r["active"] == "", rx.badge(S.t["scripts.inactive"], color_scheme="red")),
                wrap="wrap",
                spacing="1",
            ),
            rx.text(r["title"], weight="bold", size="3", class_name="script-title", overflow_wrap="anywhere"),
            rx.text(r["body"], size="2", white_space="pre-line", overflow_wrap="anywhere", class_name="script-body"),
            rx.text(r["meta"], size="1", color="var(--gray-11)"),
            rx.hstack(
                rx.button(
                    rx.icon("pencil", size=14),
                    S.t["scripts.edit"],
                    on_click=S.open_edit(r["id"]),
                    size="1",
                    variant="soft",
                    class_name="script-edit",
                ),
                rx.cond(
                    r["active"] != "",
                    rx.button(
                        S.t["scripts.deactivate"],
                        on_click=S.toggle_active(r["id"], False),
                        size="1",
                        variant="soft",
                        color_scheme="red",
                        class_name="script-deactivate",
                    ),
                    rx.button(
                        S.t["scripts.reactivate"],
                        on_click=S.toggle_active(r["id"], True),
                        size="1",
                        variant="soft",
                        color_scheme="green",
                        class_name="script-reactivate",
                    ),
                ),
                wrap="wrap",
                spacing="2",
            ),
            spacing="2",
            width="100%",
            align="start",
        ),
        width="100%",
        class_name="script-row",
        opacity=rx.cond(r["active"] != "", "1", "0.65"),
    )


def _form_select(name: str, items: list[rx.Component]) -> rx.Component:
    return rx.select.root(
        rx.select.trigger(id=f"script-{name}", width="100%"),
        rx.select.content(*items),
        name=name,
        default_value=S.form[name],
    )


def _dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(rx.cond(S.edit_id > 0, S.t["scripts.edit_title"], S.t["scripts.new_title"])),
            rx.form(
                rx.vstack(
                    rx.grid(
                        field(
                            S.t["scripts.field.situation"],
                            _form_select("situation", _situation_items(False)),
                            S.errors["situation"],
                        ),
                        field(
                            S.t["scripts.field.segment"],
                            _form_select("segment", _segment_items(False)),
                            S.errors["segment"],
                        ),
                        field(S.t["scripts.field.lang"], _form_select("lang", _lang_items(False)), S.errors["lang"]),
                        field(
                            S.t["scripts.field.sort"],
                            rx.input(
                                name="sort",
                                default_value=S.form["sort"],
                                id="script-sort",
                                input_mode="numeric",
                                width="100%",
                            ),
                            S.errors["sort"],
                        ),
                        columns="2",
                        spacing="2",
                        width="100%",
                    ),
                    field(
                        S.t["scripts.field.title"],
                        rx.input(
                            name="title", default_value=S.form["title"], id="script-title", max_length=120, width="100%"
                        ),
                        S.errors["title"],
                    ),
                    field(
                        S.t["scripts.field.body"],
                        rx.text_area(
                            name="body", default_value=S.form["body"], id="script-body", rows="8", width="100%"
                        ),
                        S.errors["body"],
                    ),
                    form_refusal(S.form_error, S.stale, "script-error"),
                    rx.hstack(
                        reload_latest(S.stale, S.t["scripts.reload"], S.reload_edit, "script-reload"),
                        rx.spacer(),
                        rx.dialog.close(
                            rx.button(
                                S.t["common.cancel"],
                                type="button",
                                variant="soft",
                                color_scheme="gray",
                                id="script-cancel",
                            )
                        ),
                        rx.button(S.t["common.save"], type="submit", id="script-save", style={"background": THEME}),
                        width="100%",
                        wrap="wrap",
                        spacing="2",
                    ),
                    spacing="3",
                    width="100%",
                ),
                on_submit=S.save,
                reset_on_submit=False,
                key=S.form_key,
                width="100%",
            ),
            max_width="min(600px, calc(100vw - 24px))",
            padding="16px",
        ),
        open=S.dialog_open,
        on_open_change=S.set_dialog_open,
    )


def scripts_page() -> rx.Component:
    return page(
        rx.heading(S.t["scripts.title"], size="5"),
        rx.text(S.t["scripts.intro"], size="2", color="var(--gray-11)"),
        rx.cond(
            S.loaded,
            rx.vstack(
                _filters(),
                rx.cond(S.rows.length() > 0, rx.foreach(S.rows, _row), empty_state(S.t["scripts.empty"], "book-open")),
                width="100%",
                spacing="3",
                id="scripts-list",
            ),
            loading(S.t["common.loading"]),
        ),
        _dialog(),
        reload=S.load,
        max_width="760px",
    )
