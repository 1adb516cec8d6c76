"""The dispatcher's case list: filters, a table on a laptop, cards on a phone, assignment."""

from __future__ import annotations

import reflex as rx

from visitapp.cases.ui.cases_state import ANY
from visitapp.cases.ui.cases_state import CaseListState as S
from visitapp.core.enums import CaseStatus
from visitapp.ui.layout import empty_state, loading, page, pager, touch_check

_COLUMNS = ("debtor", "phone", "district", "overdue", "days", "segment", "status")


def _select(name: str, value: rx.Var, items: list[rx.Component], *, id_: str, label_key: str) -> rx.Component:
    """A filter: its trigger shows the label with the value ("分层: A", not only "A")."""
    return rx.select.root(
        rx.select.trigger(
            rx.text(S.shown[name], as_="span"),
            placeholder=S.t[label_key],
            id=id_,
            width="100%",
            aria_label=S.t[label_key],
        ),
        rx.select.content(rx.select.item(rx.text(S.t[label_key], ": ", S.t["filter.any"]), value=ANY), *items),
        value=value,
        on_change=lambda v: S.set_filter(name, v),
    )


def _filters() -> rx.Component:
    item = rx.select.item
    return rx.vstack(
        rx.form(
            rx.hstack(
                rx.input(
                    name="text",
                    value=S.text,  # controlled (debounced): clearing or coming back shows the text in force
                    on_change=S.set_text,
                    on_blur=S.apply_text,
                    placeholder=S.t["filter.text"],
                    id="filter-text",
                    flex="1",
                    min_width="0",
                    type="search",
                ),
                rx.button(S.t["common.search"], type="submit", id="filter-search"),
                width="100%",
            ),
            on_submit=S.search,
            reset_on_submit=False,
            width="100%",
        ),
        rx.grid(
            _select(
                "f_segment",
                S.f_segment,
                [item(x, value=x) for x in "ABCD"],
                id_="filter-segment",
                label_key="filter.segment",
            ),
            _select(
                "f_bucket",
                S.f_bucket,
                [item(x, value=x) for x in ("M1", "M2", "M3", "M4+")],
                id_="filter-bucket",
                label_key="filter.bucket",
            ),
            _select(
                "f_status",
                S.f_status,
                [item(S.t[f"case.status.{x.value}"], value=x.value) for x in CaseStatus],
                id_="filter-status",
                label_key="filter.status",
            ),
            _select(
                "f_agent",
                S.f_agent,
                [
                    item(S.t["filter.unassigned"], value="0"),
                    rx.foreach(S.agent_options, lambda a: item(a[1], value=a[0])),
                ],
                id_="filter-agent",
                label_key="filter.agent",
            ),
            _select(
                "f_district",
                S.f_district,
                [rx.foreach(S.district_options, lambda d: item(d, value=d))],
                id_="filter-district",
                label_key="filter.district",
            ),
            rx.button(S.t["filter.clear"], on_click=S.clear_filters, variant="ghost", id="filter-clear"),
            columns=rx.breakpoints(initial="2", md="6"),
            spacing="2",
            width="100%",
        ),
        _chips(),
        width="100%",
        spacing="2",
    )


def _chips() -> rx.Component:
    """Every filter in force, with its label; a tap removes it."""
    return rx.cond(
        S.chips.length() > 0,
        rx.hstack(
            rx.foreach(
                S.chips,
                lambda c: rx.button(
                    c["label"],
                    rx.icon("x", size=14),
                    on_click=S.remove_filter(c["name"]),
                    variant="soft",
                    radius="full",
                    size="2",
                    class_name="filter-chip",
                    data_filter=c["name"],
                    aria_label=S.t["filter.remove"] + " " + c["label"],
                ),
            ),
            wrap="wrap",
            spacing="2",
            width="100%",
            id="filter-chips",
        ),
    )


def _assign_select(r: rx.Var) -> rx.Component:
    return rx.select.root(
        rx.select.trigger(placeholder=S.t["dispatch.assign_to"], class_name="assign-trigger", max_width="9em"),
        rx.select.content(rx.foreach(S.agent_options, lambda a: rx.select.item(a[1], value=a[0]))),
        value=r["agent_id"],
        on_change=lambda v: S.assign_one(r["id"], r["version"], v),
        size="1",
    )


def _check(r: rx.Var) -> rx.Component:
    return touch_check(
        checked=S.selected.contains(r["id"]),
        on_change=lambda c: S.toggle_selected(r["id"], c),
        class_name="case-check",
        aria_label=r["debtor"],
    )


def _table() -> rx.Component:
    return rx.table.root(
        rx.table.header(
            rx.table.row(
                rx.table.column_header_cell(""),
                *[rx.table.column_header_cell(S.t[f"dispatch.col.{c}"]) for c in _COLUMNS],
                rx.table.column_header_cell(S.t["dispatch.col.agent"]),
            )
        ),
        rx.table.body(
            rx.foreach(
                S.rows,
                lambda r: rx.table.row(
                    rx.table.cell(_check(r)),
                    *[rx.table.cell(_cell(r, c)) for c in _COLUMNS],
                    rx.table.cell(_assign_select(r)),
                    class_name="case-row",
                    align="center",
                ),
            )
        ),
        width="100%",
        variant="surface",
        size="1",
    )


def _open(r: rx.Var) -> rx.Component:
    """The debtor's name opens the case page (its whole story and the actions)."""
    return rx.link(r["debtor"], href="/dispatch/case/" + r["id"], weight="bold", class_name="case-open")


def _cell(r: rx.Var, column: str) -> rx.Component | rx.Var:
    if column == "segment":
        return _score_badge(r)
    if column == "debtor":
        return _open(r)
    return r[column]


def _score_badge(r: rx.Var) -> rx.Component:
    """Segment and score; a tap shows every factor with its points (the score hides nothing)."""
    return rx.popover.root(
        rx.popover.trigger(
            rx.box(rx.badge(r["segment"], " · ", r["score"], class_name="score-badge"), class_name="touch-check")
        ),
        rx.popover.content(
            rx.text(S.t["strategy.label"], ": ", r["strategy"], weight="bold", size="2"),
            rx.text(r["why"], white_space="pre-line", size="2", class_name="score-why"),
            max_width="320px",
        ),
    )


def _pin_form(r: rx.Var) -> rx.Component:
    return rx.form(
        rx.hstack(
            rx.input(
                name="coords",
                placeholder="31.2304, 121.4737",
                size="1",
                flex="1",
                min_width="0",
                class_name="pin-input",
            ),
            rx.input(type="hidden", name="debtor_id", value=r["debtor_id"]),
            rx.input(type="hidden", name="debtor_version", value=r["debtor_version"]),
            rx.button(S.t["dispatch.set_pin"], type="submit", size="1", variant="soft", color_scheme="amber"),
            width="100%",
        ),
        on_submit=S.set_pin,
        reset_on_submit=True,
        width="100%",
    )


def _card(r: rx.Var) -> rx.Component:
    return rx.card(
        rx.hstack(
            _check(r),
            _open(r),
            rx.cond(r["segment"] != "", _score_badge(r)),
            rx.cond(r["needs_pin"] != "", rx.badge(S.t["dispatch.needs_pin"], color_scheme="amber")),
            rx.spacer(),
            rx.text(r["overdue"], weight="medium"),
            width="100%",
            align="center",
        ),
        rx.text(r["district"], " · ", r["phone"], " · ", r["days"], size="2", color="var(--gray-11)"),
        rx.hstack(
            rx.text(r["status"], size="1", color="var(--gray-11)"),
            rx.spacer(),
            _assign_select(r),
            width="100%",
            align="center",
        ),
        rx.cond(r["needs_pin"] != "", _pin_form(r)),
        width="100%",
        class_name="case-card",
        data_case_id=r["id"],
    )


def _bulk_bar() -> rx.Component:
    return rx.hstack(
        rx.select.root(
            rx.select.trigger(placeholder=S.t["dispatch.assign_to"], id="bulk-agent"),
            rx.select.content(rx.foreach(S.agent_options, lambda a: rx.select.item(a[1], value=a[0]))),
            value=S.bulk_agent,
            on_change=S.set_bulk_agent,
        ),
        rx.button(
            S.t["dispatch.assign_selected"].replace("{count}", S.selected.length().to_string()),
            on_click=S.assign_selected,
            disabled=(S.selected.length() == 0) | (S.bulk_agent == ""),
            id="bulk-assign",
        ),
        rx.button(S.t["dispatch.auto_assign"], on_click=S.auto_assign, variant="soft", id="auto-assign"),
        rx.hstack(
            rx.input(type="date", value=S.visit_day, on_change=S.set_visit_day, id="visit-day", size="2"),
            rx.select.root(
                rx.select.trigger(id="visit-slot"),
                rx.select.content(
                    rx.select.item(S.t["dispatch.slot.morning"], value="morning"),
                    rx.select.item(S.t["dispatch.slot.afternoon"], value="afternoon"),
                ),
                value=S.visit_slot,
                on_change=S.set_visit_slot,
            ),
            rx.button(
                S.t["dispatch.schedule"],
                on_click=S.schedule_selected,
                disabled=S.selected.length() == 0,
                variant="soft",
                id="schedule-visits",
            ),
            wrap="wrap",
        ),
        wrap="wrap",
        width="100%",
    )


def cases_page() -> rx.Component:
    return page(
        rx.heading(S.t["dispatch.cases.title"], size="5"),
        _filters(),
        rx.cond(
            S.message != "",
            rx.callout(
                S.message,
                white_space="pre-line",
                color_scheme=S.message_tone,
                id="case-message",
                width="100%",
            ),
        ),
        rx.cond(
            S.loaded,
            rx.cond(
                S.rows.length() > 0,
                rx.vstack(
                    _bulk_bar(),
                    rx.box(_table(), display=["none", "none", "block"], width="100%", id="case-table"),
                    rx.vstack(
                        rx.foreach(S.rows, _card),
                        display=["flex", "flex", "none"],
                        width="100%",
                        spacing="2",
                        id="case-cards",
                    ),
                    pager(S),
                    width="100%",
                ),
                empty_state(S.t["filter.none_match"], "folder-open"),
            ),
            loading(S.t["common.loading"]),
        ),
        reload=S.load,
        max_width="1100px",
    )
