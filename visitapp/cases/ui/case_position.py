"""The case page's position card: where the debtor's pin stands, the street map to drag it on (when a tile
server is set) and "lat, lon" to type it (always)."""

from __future__ import annotations

import reflex as rx

from visitapp.cases.ui.case_page_state import CasePageState as S
from visitapp.ui.layout import TOUCH, form_refusal
from visitapp.ui.street_map import street_map


def _map() -> rx.Component:
    return rx.vstack(
        street_map(S, height="300px", id_="pin-map", draggable="debtor", on_move=S.pin_dragged),
        rx.text(S.t["case.pin.drag_hint"], size="1", color="var(--gray-11)"),
        rx.cond(
            S.pin_moved != "",
            rx.hstack(
                rx.text(S.t["case.pin.moved_to"], " ", S.pin_moved, size="2", weight="medium", id="pin-moved"),
                rx.button(S.t["case.pin.save"], on_click=S.pin_save, size="3", min_height=TOUCH, id="pin-save"),
                rx.button(
                    S.t["case.pin.put_back"],
                    on_click=S.pin_put_back,
                    size="3",
                    variant="soft",
                    color_scheme="gray",
                    min_height=TOUCH,
                    id="pin-put-back",
                ),
                wrap="wrap",
                align="center",
                spacing="2",
            ),
        ),
        width="100%",
        spacing="2",
    )


def position_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(S.t["case.pin.title"], size="4"),
            rx.text(S.pin_address, size="2", id="pin-address"),
            rx.text(S.pin_now, size="2", color="var(--gray-11)", id="pin-now"),
            form_refusal(S.pin_error, S.pin_stale, "pin-error"),
            rx.cond((S.map_tiles != "") & (S.map_markers.length() > 0), _map()),
            rx.form(
                rx.hstack(
                    rx.input(
                        name="coords",
                        placeholder="31.2304, 121.4737",
                        size="3",
                        flex="1",
                        min_width="0",
                        min_height=TOUCH,
                        id="pin-coords",
                        aria_label=S.t["case.pin.typed"],
                    ),
                    rx.button(S.t["case.pin.save_typed"], type="submit", size="3", variant="soft", min_height=TOUCH),
                    width="100%",
                ),
                on_submit=S.pin_typed,
                reset_on_submit=True,
                width="100%",
                id="pin-typed",
            ),
            width="100%",
            spacing="2",
            id="case-position",
        ),
        width="100%",
    )
