"""A visit's dossier: who, where, what is owed line by line, what happened before."""

from __future__ import annotations

import reflex as rx

from visitapp.core.enums import Role, VisitStatus
from visitapp.field.ui.dossier_state import DossierState as S
from visitapp.field.ui.lawyer import lawyer_section
from visitapp.field.ui.third_party import third_party_section
from visitapp.field.ui.visit_actions import ask_move_button, not_visited_button, not_visited_form
from visitapp.field.ui.visit_log import log_section, notice_section
from visitapp.money.ui.money_section import money_section
from visitapp.money.ui.plan_section import plan_section
from visitapp.ui.auth import AuthState
from visitapp.ui.layout import TOUCH, empty_state, loading, page
from visitapp.ui.statement import statement_lines


def _section(title_key: str, *children: rx.Component) -> rx.Component:
    return rx.card(
        rx.vstack(rx.text(S.t[title_key], weight="bold"), *children, spacing="2", width="100%"), width="100%"
    )


def _statement() -> rx.Component:
    return _section(
        "dossier.statement",
        statement_lines(S.lines, line_class="statement-line", list_id="statement-lines"),
        rx.text(
            S.totals_text,
            size="2",
            weight="medium",
            id="statement-totals",
        ),
    )


def _call_box() -> rx.Component:
    """Call: the policy is asked first; then a tel: link and the result buttons (they count for the caps)."""
    return rx.vstack(
        rx.button(
            rx.icon("phone", size=16),
            S.t["call.start"],
            on_click=S.start_call,
            id="call-start",
            disabled=S.call_number != "",
            **TOUCH,
        ),
        rx.cond(
            S.call_message != "",
            rx.callout(
                S.call_message, color_scheme=rx.cond(S.call_allowed, "green", "amber"), id="call-message", width="100%"
            ),
        ),
        rx.cond(
            S.call_number != "",
            rx.vstack(
                rx.link(
                    rx.button(
                        rx.icon("phone-outgoing", size=16), S.call_label, color_scheme="green", tab_index=-1, **TOUCH
                    ),
                    href="tel:" + S.call_number,
                    id="call-dial",
                ),
                rx.text(S.t["call.how_was_it"], size="2"),
                rx.hstack(
                    rx.button(
                        S.t["result.connected"],
                        on_click=S.record_call("connected"),
                        variant="soft",
                        id="call-connected",
                        **TOUCH,
                    ),
                    rx.button(
                        S.t["result.unanswered"],
                        on_click=S.record_call("unanswered"),
                        variant="soft",
                        id="call-unanswered",
                        **TOUCH,
                    ),
                    rx.button(
                        S.t["result.wrong_number"],
                        on_click=S.record_call("wrong_number"),
                        variant="soft",
                        color_scheme="red",
                        id="call-wrong",
                        **TOUCH,
                    ),
                    wrap="wrap",
                ),
                width="100%",
            ),
        ),
        width="100%",
        spacing="2",
    )


def _checkin_box() -> rx.Component:
    """Check in with the phone's GPS: the policy is asked first (when it would refuse, the button is disabled
    and says why); far from the address needs a reason. A visit that will not take place is recorded here."""
    return rx.card(
        rx.vstack(
            rx.cond(
                ~S.checked_in,
                rx.button(
                    rx.icon("map-pin", size=16),
                    S.t["checkin.start"],
                    on_click=S.locate,
                    loading=S.locating,
                    disabled=S.checkin_blocked != "",
                    id="checkin-start",
                    width="100%",
                    **TOUCH,
                ),
                rx.cond(
                    ~S.checked_out,
                    rx.button(
                        rx.icon("log-out", size=16),
                        S.t["checkin.checkout"],
                        on_click=S.check_out,
                        variant="soft",
                        id="checkout",
                        width="100%",
                        **TOUCH,
                    ),
                    rx.badge(S.t["checkin.finished"], color_scheme="green", size="2"),
                ),
            ),
            rx.cond(
                (S.checkin_blocked != "") & ~S.checked_in,
                rx.text(S.checkin_blocked, size="2", color="var(--amber-11)", id="checkin-blocked"),
            ),
            rx.cond(
                S.checkin_message != "",
                rx.callout(
                    S.checkin_message,
                    color_scheme=rx.cond(S.checkin_ok, "green", "amber"),
                    id="checkin-message",
                    width="100%",
                ),
            ),
            rx.cond(
                S.need_reason,
                rx.form(
                    rx.hstack(
                        rx.input(
                            name="reason",
                            placeholder=S.t["checkin.reason"],
                            id="checkin-reason",
                            flex="1",
                            min_width="0",
                            size="3",
                        ),
                        rx.button(
                            S.t["checkin.anyway"], type="submit", color_scheme="amber", id="checkin-anyway", **TOUCH
                        ),
                        width="100%",
                    ),
                    on_submit=S.check_in_with_reason,
                    width="100%",
                ),
            ),
            # if it does not take place: what was recorded, and what can still be done
            rx.cond(S.visit_note != "", rx.text(S.visit_note, size="2", weight="medium", id="visit-note")),
            rx.cond(
                (S.can_not_visit | S.can_move) & (S.acting_on == ""),
                rx.flex(
                    rx.cond(S.can_not_visit, not_visited_button(S, S.visit_id.to_string())),
                    rx.cond(S.can_move, ask_move_button(S, S.visit_id.to_string())),
                    gap="8px",
                    wrap="wrap",
                ),
            ),
            rx.cond(S.acting_on != "", not_visited_form(S, S.visit_id.to_string())),
            width="100%",
            spacing="2",
        ),
        width="100%",
    )


def _log_with_lock() -> rx.Component:
    """The outcome can only be recorded after checking in: until then its controls are disabled (by
    assets/outbox.js, which owns that form) and the reason is shown; notes and photos stay open."""
    reason = rx.cond(
        S.checked_in,
        "",
        rx.cond(
            S.status == VisitStatus.MISSED.value, S.t["dossier.outcome_locked_missed"], S.t["dossier.outcome_locked"]
        ),
    )
    return rx.el.div(
        rx.cond(
            ~S.checked_in & (AuthState.role == Role.AGENT.value),
            rx.callout(reason, icon="lock", color_scheme="gray", size="1", width="100%", id="outcome-locked"),
        ),
        log_section(),
        data_outcome_lock=rx.cond((AuthState.role == Role.AGENT.value), reason, ""),
        class_name="outcome-lock",
        id="visit-log-wrap",
        style={"width": "100%", "display": "flex", "flex_direction": "column", "gap": "8px"},
    )


def _distress_box() -> rx.Component:
    return rx.card(
        rx.cond(
            S.support != "",
            rx.vstack(
                rx.text(S.t["distress.done"], weight="bold", size="2"),
                rx.text(S.support, white_space="pre-line", size="2", id="support-text"),
                width="100%",
            ),
            rx.cond(
                S.distress_open,
                rx.form(
                    rx.vstack(
                        rx.text_area(name="note", placeholder=S.t["distress.note"], width="100%"),
                        rx.button(
                            S.t["distress.confirm"], type="submit", color_scheme="red", id="distress-confirm", **TOUCH
                        ),
                        width="100%",
                    ),
                    on_submit=S.flag_distress,
                    width="100%",
                ),
                rx.button(
                    rx.icon("heart-handshake", size=16),
                    S.t["distress.button"],
                    on_click=S.open_distress,
                    variant="soft",
                    color_scheme="red",
                    id="distress-open",
                    width="100%",
                    **TOUCH,
                ),
            ),
        ),
        width="100%",
    )


def _talking_points() -> rx.Component:
    """Suggested talking points from the script library, folded away until the agent opens them."""
    return rx.card(
        rx.el.details(
            rx.el.summary(
                rx.text(S.t["scripts.talking_points"], weight="bold", as_="span"),
                rx.badge(S.talking_points.length(), margin_left="8px", variant="soft"),
                cursor="pointer",
                id="talking-points-toggle",
            ),
            rx.cond(
                S.talking_points.length() > 0,
                rx.vstack(
                    rx.foreach(
                        S.talking_points,
                        lambda p: rx.box(
                            rx.text(p["situation"], size="1", color="var(--teal-11)"),
                            rx.text(p["title"], weight="bold", size="2"),
                            rx.text(p["body"], size="2", white_space="pre-line", overflow_wrap="anywhere"),
                            class_name="talking-point",
                            width="100%",
                            padding_top="8px",
                            border_top="1px solid var(--gray-4)",
                        ),
                    ),
                    spacing="2",
                    width="100%",
                    padding_top="8px",
                ),
                rx.text(S.t["scripts.talking_points_none"], size="2", color="var(--gray-11)", padding_top="8px"),
            ),
            id="talking-points",
        ),
        width="100%",
    )


def _found() -> rx.Component:
    return rx.vstack(
        rx.card(
            rx.vstack(
                rx.hstack(
                    rx.heading(S.name, size="6", id="dossier-name"),
                    rx.spacer(),
                    rx.badge(S.confirmation),
                    width="100%",
                    align="center",
                ),
                rx.text(S.address, size="2"),
                rx.text(S.window, " · ", S.contract, size="2", color="var(--gray-11)"),
                rx.hstack(
                    rx.text(S.t["dossier.phones"], ": ", size="2"),
                    rx.foreach(
                        S.phones,
                        lambda p: rx.cond(
                            S.revealed,
                            rx.link(p["label"], href="tel:" + p["tel"], size="3", class_name="phone phone-link"),
                            rx.text(p["label"], size="2", class_name="phone"),
                        ),
                    ),
                    wrap="wrap",
                    align="center",
                    id="dossier-phones",
                ),
                _call_box(),
                notice_section(),
                rx.cond(
                    ~S.revealed,
                    rx.hstack(
                        rx.button(S.t["dossier.reveal"], on_click=S.reveal, variant="soft", id="reveal-phone", **TOUCH),
                        rx.text(S.t["dossier.reveal_note"], size="1", color="var(--gray-11)"),
                        align="center",
                        wrap="wrap",
                    ),
                ),
                spacing="2",
                width="100%",
            ),
            width="100%",
        ),
        _talking_points(),
        _checkin_box(),
        _log_with_lock(),
        plan_section(),
        money_section(),
        _distress_box(),
        lawyer_section(),
        third_party_section(),
        _statement(),
        rx.cond(
            S.score_line != "",
            _section(
                "dossier.why",
                rx.text(S.score_line, size="2", weight="medium"),
                rx.foreach(S.factors, lambda x: rx.text(x, size="1", class_name="factor")),
            ),
        ),
        _section(
            "dossier.history",
            rx.cond(
                S.ledger.length() > 0,
                rx.foreach(
                    S.ledger,
                    lambda e: rx.box(
                        rx.hstack(
                            rx.text(e["at"], size="1", color="var(--gray-11)"),
                            rx.badge(e["channel"]),
                            rx.text(e["result"], size="2"),
                            rx.cond(e["blocked"] != "", rx.badge(S.t["dossier.blocked"], color_scheme="red")),
                            wrap="wrap",
                            align="center",
                        ),
                        rx.cond(e["why"] != "", rx.text(e["why"], size="1", color="var(--amber-11)")),
                        class_name="history-row",
                        width="100%",
                    ),
                ),
                rx.text(S.t["dossier.no_history"], size="2", color="var(--gray-11)"),
            ),
        ),
        _section(
            "dossier.notes",
            rx.cond(
                S.notes.length() > 0,
                rx.foreach(S.notes, lambda n: rx.text(n["at"], " ", n["author"], ": ", n["body"], size="2")),
                rx.text(S.t["dossier.no_notes"], size="2", color="var(--gray-11)"),
            ),
        ),
        rx.cond(
            S.promises.length() > 0,
            _section(
                "dossier.promises",
                rx.foreach(S.promises, lambda p: rx.text(p["due"], " · ", p["amount"], " · ", p["status"], size="2")),
            ),
        ),
        width="100%",
        spacing="3",
    )


def dossier_page() -> rx.Component:
    return page(
        rx.hstack(
            rx.heading(S.t["dossier.title"], size="5"),
            rx.spacer(),
            rx.link(
                rx.button(rx.icon("arrow-left", size=16), S.t["dossier.back"], variant="soft", tab_index=-1, **TOUCH),
                href="/agent",
                id="dossier-back",
            ),
            width="100%",
            align="center",
        ),
        rx.cond(
            S.loaded,
            rx.cond(S.found, _found(), empty_state(S.t["dossier.not_found"], "search-x")),
            loading(S.t["common.loading"]),
        ),
        reload=S.load,
    )
