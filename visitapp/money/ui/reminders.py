"""The signed-in user's reminders (agents from the Today bell, staff from the navigation): kind, due time
(overdue in red), the case with a masked name, a link to act on it, and "done"."""

from __future__ import annotations

import reflex as rx

from visitapp.core import routes
from visitapp.money.ui.reminders_state import RemindersState as S
from visitapp.ui.layout import empty_state, loading, page

_KIND_COLOURS = {
    "promise_broken": "red",
    "installment_missed": "red",
    "plan_review": "orange",
    "complaint_review": "orange",
    "distress_review": "orange",
    "promise_due": "blue",
    "installment_due": "blue",
    "no_contact": "amber",
    "link_locked": "gray",
    "call_instead": "teal",
    "visit_move": "amber",
}


def _card(row: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.badge(
                    row["kind_label"],
                    variant="soft",
                    color_scheme=rx.match(row["kind"], *_KIND_COLOURS.items(), "gray"),
                ),
                rx.spacer(),
                rx.text(
                    row["when"],
                    size="1",
                    weight=rx.cond(row["overdue"] != "", "bold", "regular"),
                    color=rx.cond(row["overdue"] != "", "var(--red-11)", "var(--gray-11)"),
                    class_name=rx.cond(row["overdue"] != "", "reminder-when overdue", "reminder-when"),
                ),
                width="100%",
                align="center",
                wrap="wrap",
            ),
            rx.text(row["title"], size="2", weight="medium", overflow_wrap="anywhere"),
            rx.cond(row["case"] != "", rx.text(row["case"], size="1", color="var(--gray-11)")),
            rx.hstack(
                rx.cond(
                    row["link"] != "",
                    rx.link(
                        rx.button(
                            rx.icon("external-link", size=14),
                            S.t["reminders.open"],
                            size="2",
                            variant="soft",
                            tab_index=-1,
                        ),
                        href=row["link"],
                        class_name="reminder-open",
                    ),
                ),
                rx.spacer(),
                rx.cond(
                    row["done"] == "",
                    rx.button(
                        rx.icon("check", size=14),
                        S.t["reminders.done"],
                        size="2",
                        color_scheme="teal",
                        on_click=S.mark_done(row["id"]),
                        class_name="reminder-done",
                    ),
                ),
                width="100%",
                align="center",
            ),
            spacing="2",
            width="100%",
            min_width="0",
        ),
        width="100%",
        class_name=rx.cond(row["done"] != "", "reminder-card reminder-is-done", "reminder-card"),
        opacity=rx.cond(row["done"] != "", "0.6", "1"),
        data_reminder_id=row["id"],
        data_kind=row["kind"],
    )


def reminders_page() -> rx.Component:
    return page(
        rx.hstack(
            rx.cond(
                S.is_agent,
                rx.link(
                    rx.button(rx.icon("arrow-left", size=16), S.t["reminders.back"], variant="soft", size="1"),
                    href=routes.AGENT_TODAY,
                    id="reminders-back",
                ),
            ),
            rx.heading(S.t["reminders.title"], size="5"),
            rx.spacer(),
            rx.badge(
                S.open_count, size="2", color_scheme=rx.cond(S.open_count > 0, "red", "gray"), id="reminders-open-count"
            ),
            width="100%",
            align="center",
            wrap="wrap",
        ),
        rx.text(  # a label round the switch: its name, and the whole line toggles it
            rx.flex(
                rx.switch(checked=S.show_done, on_change=S.set_show_done, id="reminders-show-done"),
                S.t["reminders.show_done"],
                align="center",
                gap="2",
                min_height="44px",
            ),
            as_="label",
            size="2",
        ),
        rx.cond(
            S.loaded,
            rx.cond(
                S.rows.length() > 0,
                rx.vstack(
                    rx.cond(S.more != "", rx.text(S.more, size="2", color_scheme="gray", id="reminders-more")),
                    rx.foreach(S.rows, _card),
                    width="100%",
                    spacing="2",
                    id="reminder-list",
                ),
                empty_state(S.t["reminders.empty"], "bell-off"),
            ),
            loading(S.t["common.loading"]),
        ),
        reload=S.load,
    )
