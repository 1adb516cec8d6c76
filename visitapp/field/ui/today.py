"""Today's (or tomorrow's) visits on the agent's phone: a list in route order or an offline route sketch,
with a navigation link per visit."""

from __future__ import annotations

import reflex as rx
from reflex.config import get_config

from visitapp.core.enums import VisitPhase
from visitapp.field.rules.navigation import NAV_APPS
from visitapp.field.ui.first_day import CONFIRMATION_COLOURS as _CONFIRMATION_COLOURS
from visitapp.field.ui.first_day import PHASE_COLOURS as _PHASE_COLOURS
from visitapp.field.ui.today_state import AgentTodayState as S
from visitapp.field.ui.visit_actions import ask_move_button, not_visited_button, not_visited_form
from visitapp.ui import lean
from visitapp.ui.layout import empty_state, loading, page
from visitapp.ui.street_map import street_map


def _visit_card(row: rx.Var) -> rx.Component:
    # The card's body opens the dossier; what the agent can do about the visit sits below it in the same
    # card, outside the link, because a link inside a link is not valid HTML. Drawn with ui/lean.py: the
    # list is the page's largest render, and it happens in one task when the visits arrive.
    return rx.el.div(
        lean.link(_visit_card_body(row), to="/agent/visit/" + row["id"], class_name="visit-link"),
        _actions(row),
        rx.cond(S.acting_on == row["id"], not_visited_form(S, row["id"])),
        class_name="rt-reset rt-BaseCard rt-Card rt-r-size-1 rt-variant-surface visit-item",
        data_phase=row["phase"],
    )


def _actions(row: rx.Var) -> rx.Component:
    return rx.el.div(
        _nav_control(row),
        rx.cond((row["can_not_visit"] != "") & (S.acting_on != row["id"]), not_visited_button(S, row["id"])),
        rx.cond(row["can_move"] != "", ask_move_button(S, row["id"])),
        rx.cond(
            row["moved"] != "",
            lean.badge(lean.icon("check", size=14), row["moved"], color="gray", size="2", class_name="move-asked"),
        ),
        class_name="visit-actions",
    )


def _nav_control(row: rx.Var) -> rx.Component:
    return rx.cond(
        row["nav"] != "",
        rx.el.a(  # the navigation app's own link, drawn as a button
            lean.icon("navigation"),
            S.t["navapp.open"],
            href=S.nav_head + row["nav"] + S.nav_tail,
            target="_blank",
            rel="noopener noreferrer",
            data_accent_color="teal",
            class_name=f"{lean.BUTTON_LOOK} nav-link",
            data_visit_id=row["id"],
            aria_label=S.t["navapp.open"] + " " + row["address"],
        ),
        lean.button(
            lean.icon("map-pin-off"),
            S.t["navapp.no_position"],
            color="gray",
            disabled=True,
            class_name="nav-missing",
            aria_label=S.t["navapp.no_position_hint"],
            title=S.t["navapp.no_position_hint"],
        ),
    )


def _visit_card_body(row: rx.Var) -> rx.Component:
    phase_colour = rx.match(row["phase"], *_PHASE_COLOURS.items(), "gray")
    return rx.el.div(
        rx.el.div(
            rx.cond(
                row["order"] != "",
                rx.el.div(lean.text(row["order"], weight="bold"), class_name="visit-order"),
                rx.el.div(lean.icon("minus", size=14), class_name="visit-order visit-unplanned"),
            ),
            rx.el.div(
                rx.el.div(
                    lean.text(row["name"], size="4", weight="bold", class_name="visit-name"),
                    lean.badge(
                        row["phase_label"],
                        color=phase_colour,
                        variant=rx.cond(row["phase"] == VisitPhase.NEXT.value, "solid", "soft"),
                        size="2",
                        class_name="visit-phase",
                    ),
                    class_name="visit-title",
                ),
                lean.text(row["address"], class_name="visit-muted"),
                rx.el.div(
                    lean.text(S.t["agent.today.window"], ": ", row["window"]),
                    rx.cond(
                        row["eta"] != "",
                        lean.text(S.t["agent.today.eta"], ": ", row["eta"], class_name="visit-eta"),
                    ),
                    lean.badge(
                        row["confirmation_label"],
                        color=rx.match(row["confirmation"], *_CONFIRMATION_COLOURS.items(), "gray"),
                    ),
                    class_name="visit-meta",
                ),
                rx.cond(row["when"] != "", lean.text(row["when"], weight="medium", class_name="visit-when")),
                rx.cond(
                    row["notice"] != "",
                    lean.text(
                        row["notice"],
                        size="1",
                        class_name="visit-notice visit-muted",
                        data_notice=row["notice_state"],
                    ),
                ),
                rx.cond(
                    row["partner"] != "",
                    lean.text(S.t["agent.today.partner"], ": ", row["partner"], size="1", class_name="visit-muted"),
                ),
                lean.text(S.t["agent.today.overdue"], ": ", row["overdue"], weight="medium"),
                class_name="visit-lines",
            ),
            class_name="visit-card-row",
        ),
        class_name="visit-card",
        data_visit_id=row["id"],
        data_phase=row["phase"],
    )


def _map_pin(pin: rx.Var) -> rx.Component:
    return rx.link(
        rx.text(pin["order"], size="1", weight="bold"),
        href="/agent/visit/" + pin["id"],
        position="absolute",
        left=pin["left"],
        top=pin["top"],
        transform="translate(-50%, -50%)",
        width="26px",
        height="26px",
        display="flex",
        align_items="center",
        justify_content="center",
        border_radius="50%",
        border="2px solid white",
        background=rx.cond(pin["done"] != "", "var(--gray-9)", "var(--teal-9)"),
        color="white",
        underline="none",
        box_shadow="0 1px 3px rgba(0,0,0,.3)",
        class_name="map-pin",
        data_visit_id=pin["id"],
    )


def _map_stop(pin: rx.Var) -> rx.Component:
    """The sketch's legend: markers close together can hide each other, the list never does."""
    return rx.link(
        rx.hstack(
            rx.center(
                rx.text(pin["order"], size="1", weight="bold"),
                width="22px",
                height="22px",
                border_radius="50%",
                background="var(--teal-3)",
                flex_shrink="0",
            ),
            rx.text(
                pin["name"],
                size="2",
                weight="medium",
                min_width="0",
                overflow="hidden",
                text_overflow="ellipsis",
                white_space="nowrap",
            ),
            rx.spacer(),
            rx.text(pin["eta"], size="2", color="var(--gray-11)", flex_shrink="0"),
            align="center",
            width="100%",
            spacing="2",
        ),
        href="/agent/visit/" + pin["id"],
        underline="none",
        color="inherit",
        _hover={"color": "inherit"},
        width="100%",
        padding="6px 4px",
        min_height="44px",  # a thumb's target, like every control
        display="flex",
        align_items="center",
        border_bottom="1px solid var(--gray-4)",
        class_name="map-stop",
    )


def _map_view() -> rx.Component:
    return rx.vstack(
        rx.cond(S.map_markers.length() > 0, street_map(S, height="360px", id_="street-map", on_pick=S.open_stop)),
        rx.cond(
            S.map_src != "",
            rx.box(
                rx.image(src=S.map_src, alt=S.t["agent.today.view_map"], width="100%", height="100%", display="block"),
                rx.foreach(S.map_pins, _map_pin),
                position="relative",
                width="100%",
                max_width="360px",
                aspect_ratio="1 / 1",
                margin="0 auto",
                border_radius="8px",
                overflow="hidden",
                id="route-map",
            ),
        ),
        rx.cond(S.map_note != "", rx.text(S.map_note, size="2", color="var(--amber-11)", id="map-note")),
        rx.cond(S.map_src != "", rx.text(S.t["agent.today.map_hint"], size="1", color="var(--gray-11)")),
        rx.cond(
            S.map_markers.length() > 0,
            rx.text(S.t["agent.today.street_hint"], size="1", color="var(--gray-11)", id="street-hint"),
        ),
        rx.vstack(rx.foreach(S.map_pins, _map_stop), width="100%", spacing="0", id="map-stops"),
        width="100%",
        spacing="2",
        align="center",
    )


def _controls() -> rx.Component:
    return rx.hstack(
        lean.toggles(
            S.tab,
            ("today", S.t["agent.today.tab_today"], "tab-today", None),
            ("tomorrow", S.t["agent.today.tab_tomorrow"], "tab-tomorrow", None),
            on_pick=S.set_tab,
            id="day-tabs",
        ),
        lean.toggles(
            S.view,
            ("list", rx.icon("list", size=16), "view-list", S.t["agent.today.view_list"]),
            ("map", rx.icon("map", size=16), "view-map", S.t["agent.today.view_map"]),
            on_pick=S.set_view,
            id="view-toggle",
        ),
        rx.el.select(  # the phone's own picker
            *[rx.el.option(S.t[f"navapp.{app}"], value=app, id=f"nav-app-{app}") for app in NAV_APPS],
            value=S.nav_app,
            on_change=S.set_nav_app,
            id="nav-app-select",
            aria_label=S.t["navapp.choose"],
            class_name="nav-app-select",
        ),
        width="100%",
        align="center",
        justify="between",
        wrap="wrap",
        spacing="2",
    )


POLL_MS = 15_000  # how often the list checks for changes made elsewhere (a cheap fingerprint query)


def today_page() -> rx.Component:
    return page(
        rx.el.button(
            "poll",
            id="today-poll",
            on_click=S.poll,
            data_poll_ms=str(POLL_MS),
            type="button",
            style={"display": "none"},
            aria_hidden="true",
            tab_index=-1,
        ),  # clicked by assets/poll.js
        # where the phone fetches the day it keeps for offline use, and sends what was done offline
        rx.el.div(id="today-api", data_outbox_api=get_config().api_url or "", style={"display": "none"}),
        rx.el.div(
            rx.el.div(
                rx.el.h1(
                    rx.cond(S.tab == "tomorrow", S.t["agent.today.title_tomorrow"], S.t["agent.today.title"]),
                    class_name="rt-Heading rt-r-size-5",
                ),
                lean.text(S.heading, class_name="visit-muted today-date"),  # its line before the data
                class_name="today-title",
            ),
            rx.el.div(class_name="today-gap"),
            lean.badge(S.progress, color="teal", size="2", id="progress"),
            class_name="today-head",
        ),
        rx.el.div(
            lean.text(S.summary, class_name="visit-muted", id="day-summary"),
            lean.button_link(
                lean.icon("bell"),
                S.reminder_count,
                to="/agent/reminders",
                color=rx.cond(S.reminder_count > 0, "red", "gray"),
                id="reminders-open",
                # the name says what the number is, and contains it (WCAG 2.5.3, label in name)
                aria_label=S.t["nav.reminders"] + " " + S.reminder_count.to_string(),
            ),
            lean.button_link(lean.icon("id-card"), S.t["nav.badge"], to="/agent/badge", color="teal", id="badge-open"),
            class_name="today-summary",
        ),
        _controls(),
        # the page has its state: the first paint of the day kept on the phone gives way (first_day.py)
        rx.cond(S.loaded, rx.el.span(class_name="today-ready", style={"display": "none"})),
        rx.cond(
            S.loaded,
            rx.cond(
                S.rows.length() > 0,
                rx.cond(
                    S.view == "map",
                    _map_view(),
                    rx.vstack(rx.foreach(S.rows, _visit_card), width="100%", spacing="2", id="visit-list"),
                ),
                rx.cond(
                    S.tab == "tomorrow",
                    empty_state(S.t["agent.today.empty_tomorrow"], "calendar-plus"),
                    empty_state(S.t["agent.today.empty"], "calendar-check"),
                ),
            ),
            loading(S.t["common.loading"]),
        ),
        reload=S.load,
    )
