"""Admin: the compliance policy."""

from __future__ import annotations

import reflex as rx

from visitapp.compliance.ui.policy_state import AdminPolicyState as S
from visitapp.ui.layout import THEME, field, loading, page


def _input(name: str, *, kind: str = "text", width: str = "100%") -> rx.Component:
    return rx.input(
        value=S.form[name],
        on_change=lambda v: S.set_field(name, v),
        type=kind,
        width=width,
        id=f"policy-{name}",
        name=name,
        input_mode="numeric" if kind == "text" else None,
    )


def _time_pair(label_key: str, a: str, b: str) -> rx.Component:
    return field(
        S.t[label_key],
        rx.hstack(_input(a, kind="time"), rx.text("–"), _input(b, kind="time"), align="center", width="100%"),
        S.errors[a] + S.errors[b],
    )


def _number(name: str) -> rx.Component:
    return field(S.t[f"admin.policy.{name}"], _input(name), S.errors[name])


def _settings_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(S.t["admin.policy.intro"], size="2", color="var(--gray-11)"),
            field(
                S.t["admin.policy.profile"],
                rx.hstack(
                    rx.select(
                        ["CN-2026", "US-RegF"],
                        value=S.form["profile"],
                        on_change=lambda v: S.set_field("profile", v),
                        id="policy-profile",
                    ),
                    rx.button(
                        S.t["admin.policy.apply_profile"], on_click=S.apply_profile, variant="soft", id="apply-profile"
                    ),
                    wrap="wrap",
                    width="100%",
                ),
            ),
            _time_pair("admin.policy.hours", "contact_start", "contact_end"),
            _time_pair("admin.policy.slots", "slot1_start", "slot1_end"),
            rx.hstack(
                _input("slot2_start", kind="time"),
                rx.text("–"),
                _input("slot2_end", kind="time"),
                align="center",
                width="100%",
            ),
            rx.cond(
                S.errors["slot2_start"] + S.errors["slot2_end"] != "",
                rx.text(S.errors["slot2_start"] + S.errors["slot2_end"], size="1", color="var(--red-11)"),
            ),
            _time_pair("admin.policy.evening", "evening_start", "evening_end"),
            _time_pair("admin.policy.notice_hours", "notice_start", "notice_end"),
            rx.heading(S.t["admin.policy.limits"], size="3"),
            rx.grid(
                *[
                    _number(n)
                    for n in (
                        "sms_per_day",
                        "sms_per_week",
                        "notice_days_before",
                        "visits_per_day",
                        "visits_per_week",
                        "fruitless_visits_limit",
                        "unreachable_attempts",
                        "unreachable_days",
                        "agents_per_visit",
                        "calls_connected_per_day",
                        "calls_unanswered_per_number_per_day",
                        "calls_per_week",
                        "days_after_conversation",
                        "retention_years",
                        "complaint_sla_hours",
                    )
                ],
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="3",
                width="100%",
            ),
            rx.heading(S.t["admin.policy.plans"], size="3"),
            rx.text(S.t["admin.policy.plans_intro"], size="2", color="var(--gray-11)"),
            rx.grid(
                field(
                    S.t["admin.policy.plan_months"],
                    rx.input(
                        value=S.form["plan_months"],
                        on_change=lambda v: S.set_field("plan_months", v),
                        width="100%",
                        id="policy-plan_months",
                        name="plan_months",
                        placeholder="3, 6, 12, 24",
                    ),
                    S.errors["plan_months"],
                ),
                *[_number(n) for n in ("plan_min_down_pct", "agent_waiver_pct", "supervisor_waiver_pct")],
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="3",
                width="100%",
            ),
            rx.cond(
                S.form_error != "",
                rx.callout(S.form_error, color_scheme="red", icon="triangle_alert", id="policy-error", width="100%"),
            ),
            rx.button(S.t["common.save"], on_click=S.save, size="3", id="policy-save", style={"background": THEME}),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _check_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(S.t["admin.policy.check"], size="3"),
            rx.text(S.t["admin.policy.check_intro"], size="2", color="var(--gray-11)"),
            rx.hstack(
                rx.select.root(
                    rx.select.trigger(id="check-channel"),
                    rx.select.content(
                        *[rx.select.item(S.t[f"channel.{c}"], value=c) for c in ("visit", "sms", "call", "letter")]
                    ),
                    value=S.check_channel,
                    on_change=S.set_check_channel,
                ),
                rx.input(type="datetime-local", value=S.check_when, on_change=S.set_check_when, id="check-when"),
                wrap="wrap",
                width="100%",
            ),
            rx.hstack(
                rx.checkbox(S.t["admin.policy.agreed"], checked=S.check_agreed, on_change=S.set_check_agreed),
                rx.checkbox(S.t["admin.policy.night_worker"], checked=S.check_night, on_change=S.set_check_night),
                rx.checkbox(S.t["admin.policy.two_agents"], checked=S.check_two, on_change=S.set_check_two),
                wrap="wrap",
                spacing="3",
            ),
            rx.button(S.t["admin.policy.check"], on_click=S.run_check, variant="soft", id="check-run"),
            rx.cond(
                S.check_result != "",
                rx.callout(
                    S.check_result,
                    color_scheme=rx.cond(S.check_allowed, "green", "amber"),
                    id="check-result",
                    width="100%",
                ),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _support_card() -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading(S.t["distress.admin_title"], size="3"),
                rx.text(S.t["distress.admin_intro"], size="2", color="var(--gray-11)"),
                rx.text_area(
                    name="zh", default_value=S.support_zh, key=S.support_zh, rows="4", width="100%", id="support-zh"
                ),
                rx.text_area(
                    name="en", default_value=S.support_en, key=S.support_en, rows="4", width="100%", id="support-en"
                ),
                rx.button(S.t["common.save"], type="submit", id="support-save"),
                spacing="2",
                width="100%",
            ),
            on_submit=S.save_support,
            reset_on_submit=False,
            width="100%",
        ),
        width="100%",
    )


def policy_page() -> rx.Component:
    return page(
        rx.heading(S.t["admin.policy.title"], size="5"),
        rx.cond(
            S.loaded,
            rx.vstack(_settings_card(), _check_card(), _support_card(), width="100%", spacing="3"),
            loading(S.t["common.loading"]),
        ),
        reload=S.load,
        max_width="760px",
    )
