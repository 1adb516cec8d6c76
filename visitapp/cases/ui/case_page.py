"""The office's case page (/dispatch/case/<id>), for a laptop or a tablet: the case and its story on the
left, the actions and the audit trail on the right (below on a narrow screen)."""

from __future__ import annotations

import reflex as rx

from visitapp.cases.ui.case_page_state import CasePageState as S
from visitapp.cases.ui.case_position import position_card
from visitapp.core import routes
from visitapp.ui.layout import TOUCH, empty_state, form_refusal, loading, page
from visitapp.ui.statement import statement_lines


def _head() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(S.title, size="6", id="case-title"),
                rx.badge(S.status, color_scheme=rx.cond(S.paused, "amber", "teal"), id="case-status"),
                wrap="wrap",
                align="center",
            ),
            rx.hstack(
                rx.text(S.t["case.page.debtor"], ": ", size="2"),
                rx.text(S.debtor, size="3", weight="bold", id="case-debtor"),
                rx.foreach(S.phones, lambda p: rx.text(p, size="2", class_name="phone")),
                rx.cond(
                    ~S.revealed,
                    rx.button(S.t["case.page.reveal"], on_click=S.reveal, variant="soft", size="2", id="case-reveal"),
                ),
                wrap="wrap",
                align="center",
            ),
            rx.cond(~S.revealed, rx.text(S.t["case.page.reveal_note"], size="1", color="var(--gray-11)")),
            rx.grid(
                rx.foreach(
                    S.facts, lambda f: rx.box(rx.text(f[0], size="1", color="var(--gray-11)"), rx.text(f[1], size="2"))
                ),
                columns="2",
                spacing="2",
                width="100%",
            ),
            rx.cond(
                S.stops.length() > 0,
                rx.hstack(
                    rx.text(S.t["case.page.stops"], ": ", size="2"),
                    rx.foreach(S.stops, lambda s: rx.badge(s, color_scheme="red")),
                    wrap="wrap",
                    id="case-stops",
                ),
            ),
            rx.cond(S.score_line != "", rx.text(S.score_line, size="2", weight="medium")),
            rx.foreach(S.factors, lambda x: rx.text(x, size="1", color="var(--gray-11)")),
            spacing="2",
            width="100%",
        ),
        width="100%",
    )


def _pager(label, page_var, pages_var, to, id_: str) -> rx.Component:
    return rx.hstack(
        rx.button(
            S.t["common.prev"],
            on_click=to(page_var - 1),
            disabled=page_var <= 1,
            variant="soft",
            size="2",
            id=f"{id_}-prev",
        ),
        rx.text(label, size="2", id=f"{id_}-label"),
        rx.button(
            S.t["common.next"],
            on_click=to(page_var + 1),
            disabled=page_var >= pages_var,
            variant="soft",
            size="2",
            id=f"{id_}-next",
        ),
        align="center",
        wrap="wrap",
    )


def _story() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(S.t["case.page.story"], size="4"),
            rx.cond(
                S.story.length() > 0,
                rx.vstack(
                    rx.foreach(
                        S.story,
                        lambda i: rx.box(
                            rx.hstack(
                                rx.text(i["at"], size="1", color="var(--gray-11)"),
                                rx.badge(i["kind"], color_scheme=rx.cond(i["blocked"] != "", "red", "gray")),
                                rx.text(i["who"], size="1", color="var(--gray-11)"),
                                wrap="wrap",
                                align="center",
                            ),
                            rx.text(i["text"], size="2"),
                            class_name="story-row",
                            width="100%",
                            padding_y="4px",
                            border_bottom="1px solid var(--gray-4)",
                        ),
                    ),
                    _pager(S.story_label, S.story_page, S.story_pages, S.story_to, "story"),
                    width="100%",
                    spacing="1",
                    id="case-story",
                ),
                empty_state(S.t["case.page.no_story"], "inbox"),
            ),
            width="100%",
        ),
        width="100%",
    )


def _form(
    title_key: str, on_submit, *fields: rx.Component, button_key: str, id_: str, color: str = "teal"
) -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.text(S.t[title_key], size="2", weight="medium"),
            *fields,
            rx.button(S.t[button_key], type="submit", variant="soft", color_scheme=color, id=f"{id_}-submit", **TOUCH),
            spacing="2",
            width="100%",
        ),
        on_submit=on_submit,
        reset_on_submit=True,
        key=S.action_key,
        width="100%",
        id=id_,
    )


def _note(placeholder_key: str = "case.page.note_for") -> rx.Component:
    return rx.text_area(name="note", placeholder=S.t[placeholder_key], width="100%", rows="2")


def _actions() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(S.t["case.page.actions"], size="4"),
            form_refusal(S.action_error, S.action_stale, "case-action-error"),
            _form(
                "case.page.assign",
                S.assign,
                rx.el.select(
                    rx.foreach(S.agents, lambda a: rx.el.option(a[1], value=a[0])),
                    name="agent",
                    default_value=S.agent_id,
                    key=S.agent_id,
                    id="case-assign-agent",
                    class_name="nav-app-select form-select",
                ),
                button_key="case.page.assign_do",
                id_="case-assign",
            ),
            rx.divider(),
            _form(
                "case.page.schedule",
                S.schedule,
                rx.hstack(
                    rx.input(type="date", name="day", id="case-visit-day", size="2"),
                    rx.el.select(
                        rx.el.option(S.t["dispatch.slot.morning"], value="morning"),
                        rx.el.option(S.t["dispatch.slot.afternoon"], value="afternoon"),
                        name="slot",
                        class_name="nav-app-select form-select",
                    ),
                    wrap="wrap",
                ),
                button_key="dispatch.schedule",
                id_="case-schedule",
            ),
            rx.divider(),
            rx.cond(
                S.paused,
                _form("case.page.resume", S.resume, _note(), button_key="case.page.resume", id_="case-resume"),
                _form(
                    "case.page.pause",
                    S.pause,
                    rx.el.select(
                        rx.foreach(S.pause_reasons, lambda r: rx.el.option(r[1], value=r[0])),
                        name="reason",
                        id="case-pause-reason",
                        class_name="nav-app-select form-select",
                    ),
                    _note(),
                    button_key="case.page.pause",
                    id_="case-pause",
                    color="amber",
                ),
            ),
            rx.divider(),
            _form(
                "case.page.mark",
                S.mark,
                rx.hstack(
                    rx.el.select(
                        rx.el.option(S.t["case.flag.disputed"], value="disputed"),
                        rx.el.option(S.t["case.flag.deceased"], value="deceased"),
                        name="flag",
                        id="case-mark-flag",
                        class_name="nav-app-select form-select",
                    ),
                    rx.el.select(
                        rx.el.option(S.t["case.page.mark"], value="1"),
                        rx.el.option(S.t["case.page.unmark"], value="0"),
                        name="on",
                        class_name="nav-app-select form-select",
                    ),
                    wrap="wrap",
                ),
                _note(),
                button_key="case.page.mark",
                id_="case-mark",
                color="red",
            ),
            rx.divider(),
            _form(
                "case.page.add_note",
                S.add_note,
                _note("case.page.add_note"),
                button_key="case.page.add_note",
                id_="case-note",
            ),
            rx.cond(
                S.can_approve,
                rx.vstack(
                    rx.divider(),
                    _form(
                        "case.page.approve_visit",
                        S.approve_visit,
                        _note(),
                        button_key="case.page.approve_visit",
                        id_="case-approve",
                    ),
                    rx.link(
                        rx.button(
                            rx.icon("file-archive", size=16),
                            S.t["case.page.evidence"],
                            variant="soft",
                            tab_index=-1,
                            **TOUCH,
                        ),
                        href=routes.ADMIN_EVIDENCE + "?case=" + S.case_id.to_string(),
                        id="case-evidence",
                    ),
                    width="100%",
                ),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _trail() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(S.t["case.page.trail"], size="4"),
            rx.foreach(
                S.trail,
                lambda a: rx.box(
                    rx.text(a["at"], size="1", color="var(--gray-11)"),
                    rx.text(a["sentence"], size="2"),
                    rx.cond(a["changes"] != "", rx.text(a["changes"], size="1", color="var(--gray-11)")),
                    class_name="trail-row",
                    width="100%",
                ),
            ),
            _pager(S.trail_label, S.trail_page, S.trail_pages, S.trail_to, "trail"),
            width="100%",
            spacing="2",
            id="case-trail",
        ),
        width="100%",
    )


def case_page() -> rx.Component:
    return page(
        rx.link(S.t["case.page.back"], href=routes.DISPATCH_CASES, size="2", id="case-back"),
        rx.cond(
            S.loaded,
            rx.cond(
                S.found,
                rx.el.div(
                    rx.el.div(
                        rx.vstack(
                            _head(),
                            _story(),
                            rx.card(
                                rx.vstack(
                                    rx.heading(S.t["case.page.statement"], size="4"),
                                    statement_lines(S.lines, line_class="statement-line", list_id="case-statement"),
                                    rx.text(S.totals_text, size="2", weight="medium", id="case-totals"),
                                    width="100%",
                                ),
                                width="100%",
                            ),
                            width="100%",
                            spacing="3",
                        ),
                        class_name="people-list",
                    ),
                    rx.el.div(
                        rx.vstack(
                            _actions(), rx.cond(S.pin_debtor > 0, position_card()), _trail(), width="100%", spacing="3"
                        ),
                        class_name="people-edit",
                    ),
                    class_name="people-grid people-grid-two",
                ),
                empty_state(S.t["error.not_found"], "search-x"),
            ),
            loading(S.t["common.loading"]),
        ),
        reload=S.relabel,
        max_width="1240px",
    )
