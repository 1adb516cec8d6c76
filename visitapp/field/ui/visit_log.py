"""The dossier's acting sections: the pre-visit notice, and outcome / notes / photos with the outbox."""

from __future__ import annotations

import reflex as rx
from reflex.config import get_config

from visitapp.field.ui.visit_log_state import VisitLogState as S
from visitapp.ui.layout import NATIVE_CONTROL

_CONTROL = NATIVE_CONTROL


def _card(title_key: str, *children: rx.Component, **props) -> rx.Component:
    return rx.card(
        rx.vstack(rx.text(S.t[title_key], weight="bold"), *children, spacing="2", width="100%"), width="100%", **props
    )


_TAP = {"min_height": "44px"}  # a thumb's touch target


def _notice_again() -> rx.Component:
    """A second notice only on purpose: the reason first (it counts against the debtor's SMS allowance)."""
    return rx.cond(
        S.notice_again_open,
        rx.form(
            rx.vstack(
                rx.text(S.t["notice.again_title"], size="2"),
                rx.foreach(
                    S.notice_reasons,
                    lambda r: rx.el.label(
                        rx.el.input(type="radio", name="reason", value=r[0], style={"width": "20px", "height": "20px"}),
                        rx.text(r[1], size="2", as_="span"),
                        style={"display": "flex", "align_items": "center", "gap": "10px", **_TAP, "width": "100%"},
                        class_name="notice-reason",
                    ),
                ),
                rx.hstack(
                    rx.button(
                        S.t["notice.again_send"], type="submit", id="notice-again-send", loading=S.sending, style=_TAP
                    ),
                    rx.button(
                        S.t["notice.again_cancel"],
                        type="button",
                        variant="soft",
                        color_scheme="gray",
                        on_click=S.open_notice_again(False),
                        style=_TAP,
                    ),
                    wrap="wrap",
                ),
                spacing="1",
                width="100%",
            ),
            on_submit=[S.notice_busy, S.send_notice_again],
            reset_on_submit=True,
            width="100%",
            id="notice-again-form",
        ),
        rx.button(
            rx.icon("message-square-text", size=16),
            S.t["notice.again"],
            on_click=S.open_notice_again(True),
            variant="outline",
            id="notice-again",
            style=_TAP,
        ),
    )


def notice_section() -> rx.Component:
    """One tap sends the first notice (the policy decides first); a second one needs a reason; none for a
    time the debtor confirmed. One message at a time, here (no toast beside it)."""
    return rx.cond(
        S.is_agent,
        rx.vstack(
            rx.cond(
                S.notice_queued != "",
                rx.text(S.notice_queued, size="2", color="var(--gray-11)", id="notice-queued"),
            ),
            rx.match(
                S.notice_next,
                (
                    "first",
                    rx.button(
                        rx.icon("message-square-text", size=16),
                        S.t["notice.button"],
                        on_click=[S.notice_busy, S.send_notice],
                        variant="soft",
                        id="notice-send",
                        loading=S.sending,
                        style=_TAP,
                    ),
                ),
                ("again", _notice_again()),
                rx.fragment(),
            ),
            rx.cond(
                S.notice_message != "",
                rx.callout(S.notice_message, color_scheme=S.notice_tone, width="100%", id="notice-message"),
            ),
            rx.cond(
                S.notice_text != "",
                rx.box(
                    rx.text(S.t["notice.preview"], size="1", color="var(--gray-11)"),
                    rx.text(S.notice_text, size="2", id="notice-text", style={"overflow_wrap": "anywhere"}),
                    padding="8px",
                    background="var(--gray-3)",
                    border_radius="8px",
                    width="100%",
                ),
            ),
            rx.cond(S.last_notice != "", rx.text(S.last_notice, size="1", color="var(--gray-11)", id="notice-last")),
            width="100%",
            spacing="2",
        ),
    )


def _entry(e: rx.Var) -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.badge(
                e["kind_label"],
                variant="soft",
                color_scheme=rx.match(e["kind"], ("outcome", "teal"), ("photo", "blue"), "gray"),
            ),
            rx.text(e["at"], " · ", e["author"], size="1", color="var(--gray-11)"),
            align="center",
            spacing="2",
        ),
        rx.text(e["text"], size="2", style={"white_space": "pre-wrap", "overflow_wrap": "anywhere"}),
        class_name="log-entry",
        data_kind=e["kind"],
        width="100%",
        padding_y="4px",
    )


def log_section() -> rx.Component:
    api = get_config().api_url or ""
    return _card(
        "log.title",
        rx.cond(
            S.is_agent,
            rx.vstack(
                rx.el.form(
                    rx.el.label(S.t["log.outcome"], html_for="outcome-select", style={"font_size": "14px"}),
                    rx.el.select(
                        rx.el.option(S.t["log.choose"], value=""),
                        rx.foreach(S.outcomes, lambda o: rx.el.option(o[1], value=o[0])),
                        name="outcome",
                        id="outcome-select",
                        required=True,
                        style=_CONTROL,
                    ),
                    rx.el.div(  # shown by assets/outbox.js when the outcome is "promise to pay"
                        rx.el.label(
                            S.t["log.promise_amount"], html_for="outcome-promise-amount", style={"font_size": "14px"}
                        ),
                        rx.el.input(
                            name="promise_amount",
                            id="outcome-promise-amount",
                            type="text",  # the one money parser reads it and says what is wrong
                            input_mode="decimal",
                            auto_complete="off",
                            style=_CONTROL,
                        ),
                        rx.el.label(
                            S.t["log.promise_due"], html_for="outcome-promise-due", style={"font_size": "14px"}
                        ),
                        rx.el.input(name="promise_due", id="outcome-promise-due", type="date", style=_CONTROL),
                        class_name="outbox-promise",
                    ),
                    rx.el.button(S.t["log.save_outcome"], type="submit", id="outcome-save", class_name="outbox-submit"),
                    data_outbox="outcome",
                    data_visit=S.visit_id.to_string(),
                    id="outcome-form",
                    class_name="outbox-form",
                ),
                rx.el.form(
                    rx.el.label(S.t["log.note"], html_for="note-body", style={"font_size": "14px"}),
                    rx.el.textarea(
                        name="body",
                        id="note-body",
                        rows=3,
                        max_length=4000,
                        placeholder=S.t["log.note_placeholder"],
                        style=_CONTROL,
                    ),
                    rx.el.button(S.t["log.save_note"], type="submit", id="note-save", class_name="outbox-submit"),
                    data_outbox="note",
                    data_visit=S.visit_id.to_string(),
                    id="note-form",
                    class_name="outbox-form",
                ),
                rx.text(S.t["log.offline_hint"], size="1", color="var(--gray-11)"),
                rx.el.div(
                    id="outbox-status", class_name="outbox", data_visit=S.visit_id.to_string(), data_outbox_api=api
                ),
                rx.el.button(
                    "refresh",
                    id="outbox-refresh",
                    on_click=S.refresh_log,
                    type="button",
                    style={"display": "none"},
                    aria_hidden="true",
                    tab_index=-1,
                ),
                _photos_upload(),
                width="100%",
                spacing="3",
            ),
        ),
        rx.text(S.t["log.history"], size="2", weight="medium"),
        rx.cond(
            S.entries.length() > 0,
            rx.vstack(rx.foreach(S.entries, _entry), width="100%", spacing="1", id="visit-log"),
            rx.text(S.t["log.empty"], size="2", color="var(--gray-11)", id="visit-log-empty"),
        ),
        rx.cond(
            S.photos.length() > 0,
            rx.grid(
                rx.foreach(
                    S.photos,
                    lambda p: rx.image(
                        src=p["url"],
                        alt=p["name"],
                        width="100%",
                        height="96px",
                        object_fit="cover",
                        border_radius="6px",
                        class_name="log-photo",
                    ),
                ),
                columns="3",
                spacing="2",
                width="100%",
            ),
        ),
        id="visit-log-card",
    )


def _photos_upload() -> rx.Component:
    return rx.vstack(
        rx.text(S.t["log.photos"], size="2", weight="medium"),
        rx.upload(
            rx.vstack(
                rx.icon("camera", size=20),
                rx.text(S.t["log.photo_pick"], size="2", text_align="center"),
                align="center",
                spacing="1",
            ),
            id="photos",
            accept={"image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"], "image/webp": [".webp"]},
            multiple=True,
            max_files=6,
            border="1px dashed var(--gray-7)",
            padding="12px",
            border_radius="8px",
            width="100%",
        ),
        rx.hstack(rx.foreach(rx.selected_files("photos"), lambda f: rx.badge(f, variant="outline")), wrap="wrap"),
        rx.button(
            rx.icon("upload", size=16),
            S.t["log.photo_upload"],
            id="photo-upload",
            variant="soft",
            on_click=S.upload_photos(rx.upload_files(upload_id="photos")),
        ),
        rx.text(S.t["log.photo_online"], size="1", color="var(--gray-11)"),
        width="100%",
        spacing="2",
    )
